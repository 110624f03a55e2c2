import { ANVISA_CATEGORY_LABELS, type TProduct } from '@clinia/contracts';
import { SectionCard } from '@clinia/ui';
import { Alert, Badge, Button, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconPackage, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryErrorState } from '../../shell/query-error-state';
import { useTRPC } from '../../trpc/trpc';
import { canDo, useSignedInUser } from '../identity/use-me';
import { ProductForm } from './product-form';
import { BADGE_STYLES, brDate, formatQuantity, numeric } from './stock-format';

const REGISTRY_COLORS = { vigente: 'teal', override: 'yellow', nao_aplicavel: 'gray' } as const;

/** Products with their ANVISA number and how the registration was checked. */
export function ProductsTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const products = useQuery(trpc.inventory.products.queryOptions());
  const registry = useQuery(trpc.inventory.registryState.queryOptions());
  const canManage = canDo(useSignedInUser(), 'inventory.products.manage');
  const [editing, setEditing] = useState<TProduct | 'new' | null>(null);
  if (products.isError)
    return <QueryErrorState error={products.error} onRetry={() => void products.refetch()} />;
  const notLoaded = (registry.data ?? []).filter((r) => !r.isLoaded);
  return (
    <Stack gap="md">
      {notLoaded.length > 0 ? (
        <Alert color="yellow" variant="light">
          {t('inventory.products.registryNotLoaded', {
            kind: notLoaded.map((r) => ANVISA_CATEGORY_LABELS[r.kind].toLowerCase()).join(', '),
          })}
        </Alert>
      ) : null}
      <SectionCard
        title={t('inventory.products.title')}
        icon={<IconPackage size={20} />}
        aside={
          canManage ? (
            <Button
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing('new')}
              data-testid="product-new"
            >
              {t('inventory.productForm.new')}
            </Button>
          ) : null
        }
      >
        {products.isPending ? (
          <Skeleton height={160} />
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing={4} fz="sm" striped data-testid="products-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inventory.products.name')}</Table.Th>
                  <Table.Th>{t('inventory.products.category')}</Table.Th>
                  <Table.Th>{t('inventory.products.number')}</Table.Th>
                  <Table.Th>{t('inventory.products.riskClass')}</Table.Th>
                  <Table.Th>{t('inventory.products.unit')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.products.reorder')}</Table.Th>
                  <Table.Th>{t('inventory.products.registry')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {products.data.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {p.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {p.manufacturer}
                        {p.isActive ? '' : ` · ${t('inventory.products.inactive')}`}
                      </Text>
                    </Table.Td>
                    <Table.Td>{ANVISA_CATEGORY_LABELS[p.anvisaCategory]}</Table.Td>
                    <Table.Td style={numeric}>{p.anvisaNumberFormatted}</Table.Td>
                    <Table.Td>{p.riskClass ?? '—'}</Table.Td>
                    <Table.Td>{p.unit}</Table.Td>
                    <Table.Td ta="right" style={numeric}>
                      {formatQuantity(p.reorderPoint)}
                    </Table.Td>
                    <Table.Td>
                      <Badge styles={BADGE_STYLES} color={REGISTRY_COLORS[p.registryCheck]} variant="light">
                        {t(`inventory.products.registryStatus.${p.registryCheck}`)}
                      </Badge>
                      {p.registryValidUntil ? (
                        <Text size="xs" c="dimmed">
                          {t('inventory.products.validUntil', { date: brDate(p.registryValidUntil) })}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {canManage ? (
                        <Button size="compact-xs" variant="default" onClick={() => setEditing(p)}>
                          {t('inventory.productForm.edit')}
                        </Button>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
      {editing ? (
        <ProductForm product={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
    </Stack>
  );
}
