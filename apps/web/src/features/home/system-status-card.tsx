import type { TSystemInfo } from '@clinia/contracts';
import { DetailList, SectionCard } from '@clinia/ui';
import { Badge } from '@mantine/core';
import { IconActivityHeartbeat, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type TSystemStatusCardProps = {
  info: TSystemInfo;
};

export function SystemStatusCard({ info }: TSystemStatusCardProps) {
  const { t } = useTranslation();

  return (
    <SectionCard title={t('home.system.title')} icon={<IconActivityHeartbeat size={18} />}>
      <DetailList
        items={[
          { id: 'version', label: t('home.system.version'), value: info.version },
          {
            id: 'database',
            label: t('home.system.database'),
            value: t(`home.system.databaseDriver.${info.databaseDriver}`),
          },
          {
            id: 'environment',
            label: t('home.system.environment'),
            value: t(`home.system.environmentName.${info.environment}`),
          },
          {
            id: 'server',
            label: t('home.system.server'),
            value: (
              <Badge color="green" variant="light" leftSection={<IconCircleCheck size={14} />}>
                {t('home.system.serverOk')}
              </Badge>
            ),
          },
        ]}
      />
    </SectionCard>
  );
}
