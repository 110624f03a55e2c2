import { STAFF_ROLE_LABELS, type TStaffRole } from '@clinia/contracts';
import { EmptyState, formatDateTime, SectionCard } from '@clinia/ui';
import { Badge, Skeleton, Table, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { accessActionKey, accessFieldLabels } from './access-labels';

/** "Quem acessou meus dados": every audited read, reveal, change and export of this client's record. */
export function AccessTab({ clientId }: { clientId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const report = useQuery(trpc.clients.accessReport.queryOptions({ clientId }, { retry: false }));
  if (report.isPending) return <Skeleton height={240} radius="lg" />;
  if (report.isError) return <QueryErrorState error={report.error} onRetry={() => void report.refetch()} />;
  return (
    <SectionCard title={t('clients.access.title')} icon={<IconEye size={18} />}>
      <Text size="sm" c="dimmed" mb="md">
        {t('clients.access.hint')}
      </Text>
      {report.data.length === 0 ? (
        <EmptyState title={t('clients.access.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={680}>
          <Table verticalSpacing={6} fz="sm" striped highlightOnHover data-testid="access-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.access.when')}</Table.Th>
                <Table.Th>{t('clients.access.who')}</Table.Th>
                <Table.Th>{t('clients.access.what')}</Table.Th>
                <Table.Th>{t('clients.access.fields')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.map((e, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: audit rows have no id in the report; order is fixed
                <Table.Tr key={index} data-testid="access-row">
                  <Table.Td style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                    {formatDateTime(e.occurredAt, timeZone)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {e.actorName}
                    </Text>
                    {e.actorRole ? (
                      <Text size="xs" c="dimmed">
                        {STAFF_ROLE_LABELS[e.actorRole as TStaffRole] ?? e.actorRole}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {t(accessActionKey(e.action))}
                    {e.outcome !== 'success' ? (
                      <Badge ml="xs" color="red" variant="light">
                        {t(`clients.access.outcomes.${e.outcome}`)}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {accessFieldLabels(e.fields, t).join(', ') || '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
