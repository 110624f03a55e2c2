import type { QueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { setCsrfToken } from '../../trpc/csrf-token';
import { appCodeOf, toUserError } from '../../trpc/to-user-error';
import { isProcedureKey } from '../../trpc/trpc';
import { forgetSignedInData } from './session-cache';
import { isPublicPath, returnPathFrom, SIGN_IN_PATH, type TAuthLocationState } from './sign-in-flow';

/** The part of the data router this handler uses (kept structural to avoid importing the route tree). */
export type TRouterLike = {
  state: { location: { pathname: string; search: string; state: unknown } };
  navigate: (to: string, options: { replace: boolean; state: TAuthLocationState }) => Promise<void>;
};

/**
 * Reacts to errors that concern the whole app, wherever they come from:
 * - SESSION_REQUIRED (signed out, idle, max time, revoked): back to sign-in, saying why and where the
 *   user was, then forget the previous session's data;
 * - MFA_REQUIRED / MFA_ENROLMENT_REQUIRED: refresh `auth.me`, whose `next` sends the guard to that step.
 */
export function createAppErrorHandler(deps: {
  router: TRouterLike;
  queryClient: QueryClient;
  t: TFunction;
}): (error: Error) => void {
  let isRedirecting = false;
  return (error) => {
    const code = appCodeOf(error);
    if (code === 'SESSION_REQUIRED') {
      setCsrfToken(null);
      const { location } = deps.router.state;
      if (isPublicPath(location.pathname) || isRedirecting) {
        return;
      }
      isRedirecting = true;
      void deps.router
        .navigate(SIGN_IN_PATH, {
          replace: true,
          state: { reason: toUserError(error, deps.t), from: returnPathFrom(location) },
        })
        .then(() => forgetSignedInData(deps.queryClient))
        .finally(() => {
          isRedirecting = false;
        });
    } else if (code === 'MFA_REQUIRED' || code === 'MFA_ENROLMENT_REQUIRED') {
      void deps.queryClient.invalidateQueries({
        predicate: (query) => isProcedureKey(query.queryKey, 'auth.me'),
      });
    }
  };
}
