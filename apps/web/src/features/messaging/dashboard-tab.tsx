import { MESSAGE_STATUS_LABELS, type TMessageStatus } from '@clinia/contracts';
import { SectionCard } from '@clinia/ui';
import { Group, Paper, SegmentedControl, SimpleGrid, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { channelLabel } from './message-labels';

type TPeriod = 'last7' | 'last30' | 'next7';
const DAY = 86_400_000;

function rangeOf(period: TPeriod, now: number) {
  if (period === 'next7')
    return { from: new Date(now).toISOString(), to: new Date(now + 7 * DAY).toISOString() };
  const days = period === 'last7' ? 7 : 30;
  return { from: new Date(now - days * DAY).toISOString(), to: new Date(now + DAY).toISOString() };
}

/** Sent, delivered, read, failed and the confirmation rate for a period (by due time). */
export function DashboardTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [period, setPeriod] = useState<TPeriod>('last7');
  // The range is fixed per choice, so the query key is stable between renders.
  const range = useMemo(() => rangeOf(period, Date.now()), [period]);
  const dashboard = useQuery(trpc.messaging.dashboard.queryOptions(range, { retry: false }));
  return (
    <Stack gap="lg">
      <Group>
        <Text size="sm" fw={500}>
          {t('messaging.dashboard.period')}
        </Text>
        <SegmentedControl
          value={period}
          onChange={(v) => setPeriod(v as TPeriod)}
          data={(['last7', 'last30', 'next7'] as const).map((p) => ({
            value: p,
            label: t(`messaging.dashboard.${p}`),
          }))}
        />
      </Group>
      {dashboard.isPending ? (
        <Skeleton height={200} radius="lg" />
      ) : dashboard.isError ? (
        <QueryErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} data-testid="delivery-totals">
            {(['sent', 'delivered', 'read', 'failed', 'pending', 'skipped'] as const).map((key) => (
              <Paper key={key} withBorder radius="md" p="md">
                <Text size="xs" c="dimmed">
                  {t(`messaging.dashboard.${key}`)}
                </Text>
                <Text size="xl" fw={700}>
                  {dashboard.data.totals[key]}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <SectionCard title={t('messaging.dashboard.confirmationRate')} icon={<IconChartBar size={18} />}>
            {dashboard.data.confirmation.rate === null ? (
              <Text size="sm" c="dimmed">
                {t('messaging.dashboard.noConfirmations')}
              </Text>
            ) : (
              <Stack gap={2}>
                <Text size="xl" fw={700}>
                  {new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 1 }).format(
                    dashboard.data.confirmation.rate,
                  )}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('messaging.dashboard.confirmationDetail', dashboard.data.confirmation)}
                </Text>
              </Stack>
            )}
          </SectionCard>
          {dashboard.data.byStatus.length > 0 && (
            <SectionCard title={t('messaging.dashboard.byChannel')}>
              <Table fz="sm" striped>
                <Table.Tbody>
                  {dashboard.data.byStatus.map((row) => (
                    <Table.Tr key={`${row.channel}:${row.status}`}>
                      <Table.Td>{channelLabel(row.channel as 'whatsapp' | 'email')}</Table.Td>
                      <Table.Td>{MESSAGE_STATUS_LABELS[row.status as TMessageStatus] ?? row.status}</Table.Td>
                      <Table.Td ta="right">{row.count}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </SectionCard>
          )}
        </>
      )}
    </Stack>
  );
}
