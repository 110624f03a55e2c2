import { EmptyState } from '@clinia/ui';
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { IconAlertTriangle, IconId, IconLock, IconRefresh, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { appCodeOf, toUserError } from '../trpc/to-user-error';

export type TQueryErrorStateProps = {
  error: unknown;
  onRetry?: () => void;
  isRetrying?: boolean;
};

/**
 * What a page shows when its data could not be loaded. Access denials are not failures: they get a calm
 * notice with the server's explanation of what to do (e.g. a licence waiting for verification).
 */
export function QueryErrorState({ error, onRetry, isRetrying = false }: TQueryErrorStateProps) {
  const { t } = useTranslation();
  const code = appCodeOf(error);
  const message = toUserError(error, t);

  if (code === 'SESSION_REQUIRED') {
    // The app-wide handler is already taking the user to the sign-in page.
    return (
      <Center py={64} aria-busy="true">
        <Loader />
      </Center>
    );
  }
  if (code === 'LICENCE_NOT_VERIFIED') {
    return (
      <EmptyState
        icon={<IconId size={28} stroke={1.5} />}
        title={t('access.licenceTitle')}
        description={message}
      />
    );
  }
  if (code === 'MFA_REQUIRED' || code === 'MFA_ENROLMENT_REQUIRED') {
    return (
      <EmptyState
        icon={<IconShieldLock size={28} stroke={1.5} />}
        title={t('access.mfaTitle')}
        description={message}
      />
    );
  }
  if (code === 'FORBIDDEN') {
    return (
      <EmptyState
        icon={<IconLock size={28} stroke={1.5} />}
        title={t('access.forbiddenTitle')}
        description={message}
      />
    );
  }
  return (
    <Alert
      color="red"
      variant="light"
      radius="lg"
      icon={<IconAlertTriangle />}
      title={t('errors.loadFailed')}
    >
      <Stack gap="md" align="flex-start">
        {message}
        {onRetry ? (
          <Button
            variant="white"
            color="red"
            leftSection={<IconRefresh size={16} />}
            loading={isRetrying}
            onClick={onRetry}
          >
            {t('errors.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
