import { PageHeader } from '@clinia/ui';
import { SimpleGrid, Stack } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { roleLabelsOf, useSignedInUser } from '../identity/use-me';
import { ChangePasswordCard } from './change-password-card';
import { MfaStatusCard } from './mfa-status-card';
import { SessionsCard } from './sessions-card';

/** /conta: the user's own password, second factor and sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useSignedInUser();
  return (
    <>
      <PageHeader
        title={t('account.title')}
        description={`${me.fullName} · ${roleLabelsOf(me)} · ${me.email}`}
        icon={<IconUserCircle size={24} />}
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ChangePasswordCard />
          <MfaStatusCard />
        </SimpleGrid>
        <SessionsCard />
      </Stack>
    </>
  );
}
