import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { setCsrfToken } from '../../trpc/csrf-token';
import { useTRPC } from '../../trpc/trpc';
import { forgetSignedInData } from './session-cache';
import { SIGN_IN_PATH } from './sign-in-flow';

/** Ends the session on the server, forgets its data here, and shows the sign-in page. */
export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation(
    trpc.auth.signOut.mutationOptions({
      onSettled: async () => {
        setCsrfToken(null);
        await navigate(SIGN_IN_PATH, { replace: true });
        forgetSignedInData(queryClient);
      },
    }),
  );
}
