import { TREATMENT_CATEGORY_LABELS, type TTreatment } from '@clinia/contracts';
import { EmptyState, formatMoney, PageHeader } from '@clinia/ui';
import { Badge, Button, Group, Paper, Skeleton, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlus, IconSparkles } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryStates } from '../../shell/query-states';
import { useTRPC } from '../../trpc/trpc';
import { canDo, useSignedInUser } from '../identity/use-me';
import { BADGE_STYLES } from '../inventory/stock-format';
import { TreatmentForm } from './treatment-form';

const numeric = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** /tratamentos: the catalog as a dense table; managers and physicians edit it. */
export function CatalogPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const canManage = canDo(useSignedInUser(), 'catalog.manage');
  const [includeInactive, setIncludeInactive] = useState(false);
  const list = useQuery(trpc.catalog.list.queryOptions({ includeInactive }));
  const [editing, setEditing] = useState<TTreatment | 'new' | null>(null);

  return (
    <>
      <PageHeader
        title={t('nav.treatments')}
        description={t('catalog.description')}
        icon={<IconSparkles size={24} />}
      />
      <Stack gap="md">
        <Group justify="space-between">
          <Switch
            label={t('catalog.showInactive')}
            checked={includeInactive}
            onChange={(e) => setIncludeInactive(e.currentTarget.checked)}
          />
          {canManage ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              data-testid="catalog-new"
            >
              {t('catalog.new')}
            </Button>
          ) : null}
        </Group>
        <QueryStates
          query={list}
          loading={<Skeleton height={240} />}
          empty={
            <EmptyState
              icon={<IconSparkles size={28} stroke={1.5} />}
              title={t('catalog.empty')}
              description={t('catalog.emptyHint')}
            />
          }
        >
          {(treatments) => (
            <Paper withBorder radius="lg" p={0} style={{ overflow: 'hidden' }}>
              <Table.ScrollContainer minWidth={900}>
                <Table
                  verticalSpacing={4}
                  horizontalSpacing="md"
                  fz="sm"
                  striped
                  highlightOnHover
                  data-testid="catalog-table"
                >
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('catalog.columns.name')}</Table.Th>
                      <Table.Th>{t('catalog.columns.category')}</Table.Th>
                      <Table.Th ta="right">{t('catalog.columns.duration')}</Table.Th>
                      <Table.Th ta="right">{t('catalog.columns.price')}</Table.Th>
                      <Table.Th ta="right">{t('catalog.columns.interval')}</Table.Th>
                      <Table.Th>{t('catalog.columns.materials')}</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {treatments.map((treatment) => (
                      <Table.Tr key={treatment.id}>
                        <Table.Td>
                          <Group gap="xs">
                            <Text size="sm" fw={500}>
                              {treatment.name}
                            </Text>
                            {treatment.isActive ? null : (
                              <Badge styles={BADGE_STYLES} size="xs" color="gray">
                                {t('catalog.inactive')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td>{TREATMENT_CATEGORY_LABELS[treatment.category]}</Table.Td>
                        <Table.Td ta="right" style={numeric}>
                          {t('catalog.minutes', { count: treatment.durationMin })}
                        </Table.Td>
                        <Table.Td ta="right" style={numeric}>
                          {formatMoney(treatment.priceCents)}
                        </Table.Td>
                        <Table.Td ta="right" style={numeric}>
                          {treatment.minIntervalDays > 0
                            ? t('catalog.days', { count: treatment.minIntervalDays })
                            : '—'}
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {treatment.materials
                              .map(
                                (m) => `${m.productName} (${m.quantity.toLocaleString('pt-BR')} ${m.unit})`,
                              )
                              .join(' · ') || '—'}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {canManage ? (
                            <Button size="compact-xs" variant="default" onClick={() => setEditing(treatment)}>
                              {t('catalog.edit')}
                            </Button>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Paper>
          )}
        </QueryStates>
      </Stack>
      {editing ? (
        <TreatmentForm treatment={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}
