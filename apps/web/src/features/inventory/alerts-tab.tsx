import { SectionCard } from '@clinia/ui';
import { Badge, Group, SegmentedControl, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconCalendarStats, IconClockExclamation, IconTrendingDown } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import {
  BADGE_STYLES,
  ExpiryBadge,
  formatAmount,
  formatQuantity,
  LotStatusBadge,
  numeric,
} from './stock-format';

const HORIZONS = [7, 14, 30] as const;

/** Expiring lots, products under the reorder point, and the agenda's expected consumption. */
export function AlertsTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const [horizonDays, setHorizon] = useState<number>(14);
  const alerts = useQuery(trpc.inventory.alerts.queryOptions({ horizonDays }));
  if (alerts.isError) return <QueryErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />;
  if (alerts.isPending) return <Skeleton height={240} />;
  const { expiring, belowReorder, forecast } = alerts.data;
  return (
    <Stack gap="lg">
      <SectionCard title={t('inventory.alerts.expiring')} icon={<IconClockExclamation size={20} />}>
        {expiring.length === 0 ? (
          <Text c="dimmed">{t('inventory.alerts.expiringEmpty')}</Text>
        ) : (
          <Table verticalSpacing={4} fz="sm" data-testid="alerts-expiring">
            <Table.Tbody>
              {expiring.map((lot) => (
                <Table.Tr key={lot.id}>
                  <Table.Td style={numeric} fw={500}>
                    {lot.lotNumber}
                  </Table.Td>
                  <Table.Td>{lot.productName}</Table.Td>
                  <Table.Td>
                    <ExpiryBadge band={lot.expiryBand} date={lot.expiryDate} />
                  </Table.Td>
                  <Table.Td style={numeric}>
                    {lot.daysToExpiry < 0
                      ? t('inventory.lots.expiredAgo')
                      : t('inventory.lots.days', { count: lot.daysToExpiry })}
                  </Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatAmount(lot.onHand, lot.unit)}
                  </Table.Td>
                  <Table.Td>
                    <LotStatusBadge status={lot.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>
      <SectionCard title={t('inventory.alerts.below')} icon={<IconTrendingDown size={20} />}>
        {belowReorder.length === 0 ? (
          <Text c="dimmed">{t('inventory.alerts.belowEmpty')}</Text>
        ) : (
          <Table verticalSpacing={4} fz="sm">
            <Table.Tbody>
              {belowReorder.map((b) => (
                <Table.Tr key={b.productId}>
                  <Table.Td>{b.productName}</Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatQuantity(b.usable)} / {formatAmount(b.reorderPoint, b.unit)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>
      <SectionCard
        title={t('inventory.alerts.forecast')}
        icon={<IconCalendarStats size={20} />}
        aside={
          <Group gap="xs">
            <Text size="sm">{t('inventory.alerts.horizon')}</Text>
            <SegmentedControl
              size="xs"
              value={String(horizonDays)}
              onChange={(v) => setHorizon(Number(v))}
              data={HORIZONS.map((d) => ({
                value: String(d),
                label: t('inventory.alerts.horizonDays', { count: d }),
              }))}
            />
          </Group>
        }
      >
        <Text size="sm" c="dimmed" mb="sm">
          {t('inventory.alerts.forecastHint')}
        </Text>
        {forecast.length === 0 ? (
          <Text c="dimmed">{t('inventory.alerts.forecastEmpty')}</Text>
        ) : (
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inventory.balances.product')}</Table.Th>
                <Table.Th ta="right">{t('inventory.alerts.expected')}</Table.Th>
                <Table.Th ta="right">{t('inventory.alerts.usable')}</Table.Th>
                <Table.Th ta="right">{t('inventory.alerts.shortfall')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {forecast.map((f) => (
                <Table.Tr key={f.productId}>
                  <Table.Td>{f.productName}</Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatAmount(f.expected, f.unit)}
                  </Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatAmount(f.usable, f.unit)}
                  </Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {f.shortfall > 0 ? (
                      <Badge styles={BADGE_STYLES} color="red" variant="light">
                        {formatAmount(f.shortfall, f.unit)}
                      </Badge>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </SectionCard>
    </Stack>
  );
}
