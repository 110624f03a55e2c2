import type { TIncident } from '@clinia/contracts';
import { formatDate, formatDateTime } from '@clinia/ui';
import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Where an incident stands against its ANPD deadline: communicated, register only, due or overdue. */
export function DeadlineText({ incident, timeZone }: { incident: TIncident; timeZone: string }) {
  const { t } = useTranslation();
  if (incident.anpdCommunicatedAt)
    return (
      <Text size="sm" c="dimmed">
        {t('compliance.incidents.communicatedOn', {
          date: formatDate(incident.anpdCommunicatedAt, timeZone),
        })}
      </Text>
    );
  if (!incident.dueAt || incident.status === 'encerrado')
    return (
      <Text size="sm" c="dimmed">
        {t('compliance.incidents.noDeadline')}
      </Text>
    );
  const due = formatDateTime(incident.dueAt, timeZone);
  return incident.isOverdue ? (
    <Text size="sm" c="red.7" fw={600}>
      {t('compliance.incidents.overdue', { due })}
    </Text>
  ) : (
    <Text size="sm" c="orange.8" fw={500}>
      {t('compliance.incidents.dueOn', { due })}
    </Text>
  );
}
