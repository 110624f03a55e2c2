import { Alert, Button, Center } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Last resort when a page throws while rendering: say so in Portuguese and offer a reload. */
export function RouteErrorPage() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" p="xl">
      <Alert
        color="red"
        variant="light"
        radius="lg"
        icon={<IconAlertTriangle />}
        title={t('errors.pageCrashed')}
      >
        <Button
          mt="sm"
          variant="white"
          color="red"
          leftSection={<IconRefresh size={16} />}
          onClick={() => window.location.reload()}
        >
          {t('errors.reload')}
        </Button>
      </Alert>
    </Center>
  );
}
