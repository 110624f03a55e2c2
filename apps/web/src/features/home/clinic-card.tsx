import type { TSystemInfo } from '@clinia/contracts';
import { DetailList, formatTimeZoneLabel, SectionCard } from '@clinia/ui';
import { Text } from '@mantine/core';
import { IconBuildingHospital } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export type TClinicCardProps = {
  clinic: TSystemInfo['clinic'];
};

export function ClinicCard({ clinic }: TClinicCardProps) {
  const { t } = useTranslation();

  return (
    <SectionCard title={t('home.clinic.title')} icon={<IconBuildingHospital size={18} />}>
      {clinic ? (
        <DetailList
          items={[
            { id: 'name', label: t('home.clinic.name'), value: clinic.name },
            { id: 'organization', label: t('home.clinic.organization'), value: clinic.organizationName },
            { id: 'location', label: t('home.clinic.location'), value: `${clinic.city}/${clinic.uf}` },
            { id: 'zone', label: t('home.clinic.timeZone'), value: formatTimeZoneLabel(clinic.timeZone) },
          ]}
        />
      ) : (
        <Text c="dimmed">{t('home.clinic.missing')}</Text>
      )}
    </SectionCard>
  );
}
