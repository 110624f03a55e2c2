import { EmptyState, SectionCard } from '@clinia/ui';
import { Anchor, Badge, Group, Paper, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconBox, IconPackages } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { LotDrawer } from './lot-drawer';
import {
  BADGE_STYLES,
  ExpiryBadge,
  formatAmount,
  formatQuantity,
  LotStatusBadge,
  numeric,
} from './stock-format';
import { useClinicFilter } from './use-clinic-filter';

const ALL = '__all__';

/** Stock per clinic: balances per product (available vs blocked) and the lots with expiry colours. */
export function StockTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { clinics, clinicId, setClinicId } = useClinicFilter();
  const balances = useQuery(trpc.inventory.balances.queryOptions({ clinicId }));
  const lots = useQuery(trpc.inventory.lots.queryOptions({ clinicId, productId: null, includeEmpty: false }));
  const [openLotId, setOpenLotId] = useState<string | null>(null);

  if (balances.isError)
    return <QueryErrorState error={balances.error} onRetry={() => void balances.refetch()} />;
  const held = (balances.data ?? []).filter((b) => b.usable > 0 || b.blocked > 0 || b.isBelowReorder);

  return (
    <Stack gap="lg">
      <Group>
        <Select
          label={t('inventory.clinic')}
          data={[
            { value: ALL, label: t('inventory.allClinics') },
            ...clinics.map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={clinicId ?? ALL}
          onChange={(value) => setClinicId(value === ALL || value === null ? null : value)}
          allowDeselect={false}
          w={320}
          data-testid="stock-clinic"
        />
      </Group>
      <SectionCard title={t('inventory.balances.title')} icon={<IconPackages size={20} />}>
        {balances.isPending ? (
          <Skeleton height={120} />
        ) : held.length === 0 ? (
          <Text c="dimmed">{t('inventory.emptyHint')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={4} fz="sm" striped data-testid="stock-balances">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inventory.balances.product')}</Table.Th>
                  <Table.Th>{t('inventory.lots.clinic')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.balances.usable')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.balances.blocked')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.balances.reorder')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {held.map((b) => (
                  <Table.Tr key={`${b.clinicId}:${b.productId}`} data-product={b.productName}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm">{b.productName}</Text>
                        {b.isBelowReorder ? (
                          <Badge styles={BADGE_STYLES} color="orange" variant="light" size="sm">
                            {t('inventory.balances.belowReorder')}
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>{b.clinicName}</Table.Td>
                    <Table.Td ta="right" style={numeric} data-testid="balance-usable">
                      {formatAmount(b.usable, b.unit)}
                    </Table.Td>
                    <Table.Td ta="right" style={numeric}>
                      {b.blocked > 0 ? formatAmount(b.blocked, b.unit) : '—'}
                    </Table.Td>
                    <Table.Td ta="right" style={numeric}>
                      {b.reorderPoint > 0 ? formatQuantity(b.reorderPoint) : '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
      <SectionCard title={t('inventory.lots.title')} icon={<IconBox size={20} />}>
        {lots.isPending ? (
          <Skeleton height={120} />
        ) : lots.isError ? (
          <QueryErrorState error={lots.error} onRetry={() => void lots.refetch()} />
        ) : lots.data.length === 0 ? (
          <EmptyState
            icon={<IconBox size={28} stroke={1.5} />}
            title={t('inventory.empty')}
            description={t('inventory.emptyHint')}
          />
        ) : (
          <Paper p={0}>
            <Table.ScrollContainer minWidth={980}>
              <Table verticalSpacing={4} fz="sm" data-testid="stock-lots">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('inventory.lots.lot')}</Table.Th>
                    <Table.Th>{t('inventory.lots.product')}</Table.Th>
                    <Table.Th>{t('inventory.lots.clinic')}</Table.Th>
                    <Table.Th>{t('inventory.lots.expiry')}</Table.Th>
                    <Table.Th ta="right">{t('inventory.lots.onHand')}</Table.Th>
                    <Table.Th>{t('inventory.lots.status')}</Table.Th>
                    <Table.Th>{t('inventory.lots.location')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lots.data.map((lot) => (
                    <Table.Tr key={lot.id} data-lot={lot.lotNumber}>
                      <Table.Td style={numeric} fw={500}>
                        <Anchor
                          component="button"
                          type="button"
                          size="sm"
                          onClick={() => setOpenLotId(lot.id)}
                          title={t('inventory.drawer.open')}
                        >
                          {lot.lotNumber}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{lot.productName}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{lot.clinicName}</Table.Td>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <ExpiryBadge band={lot.expiryBand} date={lot.expiryDate} />
                          <Text size="xs" c="dimmed" style={numeric}>
                            {lot.daysToExpiry < 0
                              ? t('inventory.lots.expiredAgo')
                              : t('inventory.lots.days', { count: lot.daysToExpiry })}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td ta="right" style={numeric} data-testid="lot-on-hand">
                        {formatAmount(lot.onHand, lot.unit)}
                      </Table.Td>
                      <Table.Td>
                        <LotStatusBadge status={lot.status} />
                      </Table.Td>
                      <Table.Td>{lot.storageLocation || '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </SectionCard>
      <LotDrawer
        lot={lots.data?.find((l) => l.id === openLotId) ?? null}
        onClose={() => setOpenLotId(null)}
      />
    </Stack>
  );
}
