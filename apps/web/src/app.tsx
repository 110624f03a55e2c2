import { theme } from '@clinia/ui';
import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouterProvider } from 'react-router/dom';
import { i18n } from './i18n/setup-i18n';
import { router } from './router';
import { toUserError } from './trpc/to-user-error';
import { createQueryClient, createTrpcClient, TRPCProvider } from './trpc/trpc';
import 'dayjs/locale/pt-br';

function showBackgroundError(error: Error) {
  notifications.show({
    id: 'background-refresh-error',
    color: 'red',
    title: i18n.t('errors.refreshFailed'),
    message: toUserError(error, i18n.t),
  });
}

export function App() {
  const [queryClient] = useState(() => createQueryClient(showBackgroundError));
  const [trpcClient] = useState(createTrpcClient);

  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <DatesProvider settings={{ locale: 'pt-br', firstDayOfWeek: 0 }}>
          <Notifications position="top-right" />
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
