import { theme } from '@clinia/ui';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { createAppErrorHandler } from './features/identity/app-error-handler';
import { i18n } from './i18n/setup-i18n';
import { router } from './router';
import { appCodeOf, toUserError } from './trpc/to-user-error';
import { createQueryClient, createTrpcClient, TRPCProvider } from './trpc/trpc';
import 'dayjs/locale/pt-br';

/** Errors that the app handles by moving the user (sign-in, MFA step) need no "refresh failed" toast. */
const HANDLED_ELSEWHERE = new Set(['SESSION_REQUIRED', 'MFA_REQUIRED', 'MFA_ENROLMENT_REQUIRED']);

function showBackgroundError(error: Error) {
  if (HANDLED_ELSEWHERE.has(appCodeOf(error) ?? '')) {
    return;
  }
  notifications.show({
    id: 'background-refresh-error',
    color: 'red',
    title: i18n.t('errors.refreshFailed'),
    message: toUserError(error, i18n.t),
  });
}

function createClients() {
  let onAppError: (error: Error) => void = () => {};
  const queryClient = createQueryClient({
    onBackgroundError: showBackgroundError,
    onError: (error) => onAppError(error),
  });
  onAppError = createAppErrorHandler({ router, queryClient, t: i18n.t });
  return { queryClient, trpcClient: createTrpcClient() };
}

export function App() {
  const [{ queryClient, trpcClient }] = useState(createClients);

  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <DatesProvider settings={{ locale: 'pt-br', firstDayOfWeek: 0 }}>
          <Notifications position="bottom-right" />
          <QueryClientProvider client={queryClient}>
            <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
              <RouterProvider router={router} />
            </TRPCProvider>
          </QueryClientProvider>
        </DatesProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
