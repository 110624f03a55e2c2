import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { QueryErrorState } from '../../shell/query-error-state';
import { appCodeOf, toUserError } from '../../trpc/to-user-error';
import { pathAfterSignIn, returnPathFrom, SIGN_IN_PATH, type TAuthLocationState } from './sign-in-flow';
import { StepUpProvider } from './step-up';
import { SignedInUserContext, useMe } from './use-me';

/**
 * The gate of every app page: a session whose sign-in is complete (`next` = done). Signed out → the
 * sign-in page with the reason; second factor pending → that step; then the page, with the user in context.
 */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();

  if (me.isPending) {
    return (
      <Center mih="100vh" aria-busy="true">
        <Loader />
      </Center>
    );
  }
  if (me.isError) {
    if (appCodeOf(me.error) === 'SESSION_REQUIRED') {
      const state: TAuthLocationState = { reason: toUserError(me.error, t), from: returnPathFrom(location) };
      return <Navigate to={SIGN_IN_PATH} replace state={state} />;
    }
    return (
      <Center mih="100vh" p="xl">
        <QueryErrorState error={me.error} onRetry={() => void me.refetch()} isRetrying={me.isRefetching} />
      </Center>
    );
  }
  if (me.data.next !== 'done') {
    const from = returnPathFrom(location);
    return <Navigate to={pathAfterSignIn(me.data.next, from)} replace state={{ from }} />;
  }
  return (
    <SignedInUserContext value={me.data}>
      <StepUpProvider hasMfa={me.data.isMfaEnrolled}>
        <Outlet />
      </StepUpProvider>
    </SignedInUserContext>
  );
}
