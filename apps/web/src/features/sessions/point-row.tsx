import {
  INJECTION_DEPTH_LABELS,
  INJECTION_DEPTHS,
  type TInjectionDepth,
  type TSessionDiagram,
} from '@clinia/contracts';
import { formatDate } from '@clinia/ui';
import { ActionIcon, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { formatAmount } from '../inventory/stock-format';

/** A point on the face or body map as edited in the draft (quantities per point). */
export type TDraftPoint = {
  diagram: TSessionDiagram;
  x: number;
  y: number;
  productId: string;
  lotId: string | null;
  quantity: number;
  unit: 'U' | 'mL';
  depth: TInjectionDepth | null;
  dilution: string;
};

export function PointRow({
  index,
  point,
  readOnly,
  selected,
  productOptions,
  lotLabel,
  onChange,
  onRemove,
}: {
  index: number;
  point: TDraftPoint;
  readOnly: boolean;
  selected: boolean;
  productOptions: { value: string; label: string }[];
  lotLabel: string | null;
  onChange: (patch: Partial<TDraftPoint>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack
      gap={6}
      p="sm"
      data-testid="point-row"
      style={{ border: `2px solid ${selected ? '#0ca678' : '#e9ecef'}`, borderRadius: 10 }}
    >
      <Group justify="space-between">
        <Text fw={600}>{t('sessions.map.point', { n: index + 1 })}</Text>
        {!readOnly ? (
          <ActionIcon
            size="xl"
            variant="subtle"
            color="red"
            aria-label={t('sessions.map.remove')}
            onClick={onRemove}
          >
            <IconTrash size={20} />
          </ActionIcon>
        ) : null}
      </Group>
      <Stack gap="xs">
        {readOnly ? (
          <TextInput
            size="md"
            label={t('sessions.map.product')}
            value={productOptions.find((o) => o.value === point.productId)?.label ?? '—'}
            readOnly
            variant="unstyled"
          />
        ) : (
          <Select
            size="md"
            label={t('sessions.map.product')}
            data={productOptions}
            value={point.productId || null}
            onChange={(v) => onChange({ productId: v ?? '', lotId: null })}
          />
        )}
        {readOnly ? (
          <TextInput
            size="md"
            label={t('sessions.map.lot')}
            value={lotLabel ?? '—'}
            readOnly
            variant="unstyled"
          />
        ) : (
          <LotPicker
            productId={point.productId}
            value={point.lotId}
            onChange={(lotId) => onChange({ lotId })}
          />
        )}
      </Stack>
      <Group grow align="flex-start" wrap="nowrap">
        <NumberInput
          size="md"
          hideControls
          inputMode="decimal"
          label={`${t('sessions.map.quantity')} (${point.unit})`}
          min={0}
          step={point.unit === 'U' ? 1 : 0.05}
          decimalScale={3}
          value={point.quantity}
          readOnly={readOnly}
          variant={readOnly ? 'unstyled' : 'default'}
          data-testid="point-quantity"
          onChange={(v) => onChange({ quantity: typeof v === 'number' ? v : 0 })}
        />
        {readOnly ? (
          <TextInput
            size="md"
            label={t('sessions.map.depth')}
            value={point.depth ? INJECTION_DEPTH_LABELS[point.depth] : '—'}
            readOnly
            variant="unstyled"
          />
        ) : (
          <Select
            size="md"
            label={t('sessions.map.depth')}
            data={INJECTION_DEPTHS.map((d) => ({ value: d, label: INJECTION_DEPTH_LABELS[d] }))}
            value={point.depth}
            clearable
            onChange={(v) => onChange({ depth: v as TInjectionDepth | null })}
          />
        )}
        <TextInput
          size="md"
          label={t('sessions.map.dilution')}
          value={readOnly ? point.dilution || '—' : point.dilution}
          readOnly={readOnly}
          variant={readOnly ? 'unstyled' : 'default'}
          onChange={(e) => onChange({ dilution: e.currentTarget.value })}
        />
      </Group>
    </Stack>
  );
}

/** Usable lots of the product in this clinic, first expiry first; the first one is the FEFO suggestion. */
function LotPicker({
  productId,
  value,
  onChange,
}: {
  productId: string;
  value: string | null;
  onChange: (lotId: string | null) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const lots = useQuery({
    ...trpc.inventory.lots.queryOptions({
      productId: productId || null,
      clinicId: null,
      includeEmpty: false,
    }),
    enabled: Boolean(productId),
  });
  const usable = (lots.data ?? [])
    .filter((l) => l.isUsable)
    .sort((a, b) => (a.expiryDate < b.expiryDate ? -1 : a.expiryDate > b.expiryDate ? 1 : 0));
  const fefo = usable[0];
  return (
    <Select
      size="md"
      label={t('sessions.map.lot')}
      placeholder={t('sessions.lots.choose')}
      data-testid="lot-picker"
      inputWrapperOrder={['label', 'input', 'description']}
      description={fefo ? `${t('sessions.lots.fefo')}: ${fefo.lotNumber}` : t('sessions.lots.none')}
      data={usable.map((l, i) => ({
        value: l.id,
        label: `${l.lotNumber} — ${t('sessions.lots.expires', {
          date: formatDate(`${l.expiryDate}T12:00:00Z`, timeZone),
          amount: formatAmount(l.onHand, l.unit),
        })}${i === 0 ? ` · ${t('sessions.lots.suggested')}` : ''}`,
      }))}
      value={value}
      onChange={onChange}
    />
  );
}
