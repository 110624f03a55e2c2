import { PageHeader } from '@clinia/ui';
import { Stack } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { AuditTrail } from './audit-trail';
import { IncidentsSection } from './incidents-section';
import { IntegrityCard } from './integrity-card';
import { PendingCards } from './pending-cards';

/** Conformidade: the obligations with a deadline, the audit trail and the proof that it is intact. */
export function CompliancePage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t('nav.compliance')}
        description={t('compliance.description')}
        icon={<IconShieldCheck size={22} stroke={1.6} />}
      />
      <Stack gap="lg">
        <PendingCards />
        <div id="incidentes">
          <IncidentsSection />
        </div>
        <AuditTrail />
        <IntegrityCard />
      </Stack>
    </>
  );
}
