import { MOVEMENT_KIND_LABELS, type TLot } from '@clinia/contracts';
import { formatDateTime } from '@clinia/ui';
import {
  Alert,
  Button,
  Drawer,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, canDo, useSignedInUser } from '../identity/use-me';
import { ExpiryBadge, formatAmount, formatQuantity, LotStatusBadge, numeric } from './stock-format';

type TKind = 'loss' | 'return' | 'adjustment' | 'transfer';
const KINDS: TKind[] = ['loss', 'return', 'adjustment', 'transfer'];
const FIELDS = ['quantity', 'delta', 'reason', 'toClinicId', 'lotId'] as const;

/** One lot: its ledger, and losses, returns, adjustments and transfers for those who may record them. */
export function LotDrawer({ lot, onClose }: { lot: TLot | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useSignedInUser();
  const { timeZone } = activeClinicOf(me);
  const canAdjust = canDo(me, 'inventory.stock.adjust');
  const movements = useQuery({
    ...trpc.inventory.lotMovements.queryOptions({ lotId: lot?.id ?? '' }),
    enabled: Boolean(lot),
  });
  const clinics = useQuery(trpc.inventory.clinics.queryOptions());
  const [kind, setKind] = useState<TKind>('loss');
  const [quantity, setQuantity] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [toClinicId, setToClinicId] = useState<string | null>(null);
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
    setQuantity('');
    setReason('');
  };
  const record = useMutation(trpc.inventory.recordMovement.mutationOptions({ onSuccess }));
  const transfer = useMutation(trpc.inventory.transfer.mutationOptions({ onSuccess }));
  const mutation = kind === 'transfer' ? transfer : record;
  const errors = toFormErrors(mutation.error, t, FIELDS);
  const amount = typeof quantity === 'number' ? quantity : Number.NaN;

  const submit = () => {
    if (!lot) return;
    if (kind === 'transfer')
      transfer.mutate({ lotId: lot.id, toClinicId: toClinicId ?? '', quantity: amount, reason });
    else if (kind === 'adjustment') record.mutate({ kind, lotId: lot.id, delta: amount, reason });
    else record.mutate({ kind, lotId: lot.id, quantity: amount, reason });
  };

  return (
    <Drawer
      opened={lot !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={lot ? t('inventory.drawer.title', { lot: lot.lotNumber }) : ''}
    >
      {lot ? (
        <Stack gap="md">
          <Text fw={500}>{lot.productName}</Text>
          <Group gap="sm">
            <ExpiryBadge band={lot.expiryBand} date={lot.expiryDate} />
            <LotStatusBadge status={lot.status} />
            <Text size="sm" style={numeric}>
              {formatAmount(lot.onHand, lot.unit)}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('inventory.drawer.origin', {
              supplier: lot.supplier,
              invoice: lot.invoiceNumber,
              clinic: lot.clinicName,
            })}
          </Text>
          {canAdjust ? (
            <Stack
              gap="xs"
              p="sm"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
            >
              <SegmentedControl
                size="xs"
                value={kind}
                onChange={(v) => setKind(v as TKind)}
                data={KINDS.map((k) => ({ value: k, label: t(`inventory.drawer.kinds.${k}`) }))}
              />
              <Group grow align="flex-start">
                <NumberInput
                  label={kind === 'adjustment' ? t('inventory.drawer.delta') : t('inventory.drawer.quantity')}
                  description={kind === 'adjustment' ? t('inventory.drawer.deltaHint') : undefined}
                  value={quantity}
                  onChange={setQuantity}
                  decimalScale={3}
                  decimalSeparator=","
                  allowNegative={kind === 'adjustment'}
                  error={errors.fields.quantity ?? errors.fields.delta}
                />
                {kind === 'transfer' ? (
                  <Select
                    label={t('inventory.drawer.toClinic')}
                    data={(clinics.data ?? [])
                      .filter((c) => c.id !== lot.clinicId)
                      .map((c) => ({ value: c.id, label: c.name }))}
                    value={toClinicId}
                    onChange={setToClinicId}
                    error={errors.fields.toClinicId}
                  />
                ) : null}
              </Group>
              <Textarea
                label={t('inventory.drawer.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={1}
                error={errors.fields.reason}
              />
              {errors.form ? <Alert color="red">{errors.form}</Alert> : null}
              <Group justify="flex-end">
                <Button size="xs" loading={mutation.isPending} onClick={submit}>
                  {t('inventory.drawer.record')}
                </Button>
              </Group>
            </Stack>
          ) : null}
          <Text fw={600} size="sm">
            {t('inventory.drawer.ledger')}
          </Text>
          {movements.isPending ? (
            <Skeleton height={120} />
          ) : (
            <Table verticalSpacing={4} fz="sm" striped>
              <Table.Tbody>
                {(movements.data ?? []).map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td style={numeric}>{formatDateTime(m.occurredAt, timeZone)}</Table.Td>
                    <Table.Td>{MOVEMENT_KIND_LABELS[m.kind]}</Table.Td>
                    <Table.Td ta="right" style={numeric} c={m.quantity < 0 ? 'red.8' : 'teal.8'}>
                      {m.quantity > 0 ? '+' : ''}
                      {formatQuantity(m.quantity)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {m.reason ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
