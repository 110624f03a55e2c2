import type { TSignInStep } from '@clinia/contracts';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../../trpc/csrf-token';
import { isProcedureKey } from '../../trpc/trpc';
import { pathAfterSignIn } from './sign-in-flow';

/**
 * Drops everything fetched for the previous session (staff lists, settings, sessions…) so the next
 * user never sees it, even for an instant. Public data (`system.info`) stays.
 */
export function forgetSignedInData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => !isProcedureKey(query.queryKey, 'system.info') });
  queryClient.getMutationCache().clear();
}

/** After a session was opened (sign-in, accepted invitation): start clean and go to the next step. */
export function useContinueSignIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (result: { next: TSignInStep; csrfToken: string }, from: string | undefined) => {
    forgetSignedInData(queryClient);
    setCsrfToken(result.csrfToken);
    void navigate(pathAfterSignIn(result.next, from), { replace: true, state: { from } });
  };
}
