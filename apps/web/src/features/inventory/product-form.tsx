import {
  ANVISA_CATEGORIES,
  ANVISA_CATEGORY_LABELS,
  PRODUCT_UNIT_LABELS,
  PRODUCT_UNITS,
  RISK_CLASSES,
  STORAGE_CONDITION_LABELS,
  STORAGE_CONDITIONS,
  type TAnvisaCategory,
  type TProduct,
  type TProductInputRaw,
  type TProductUnit,
  type TRiskClass,
  type TStorageCondition,
} from '@clinia/contracts';
import {
  Alert,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appCodeOf, toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { StepUpCancelledError, useStepUp } from '../identity/step-up';

const FIELDS = [
  'name',
  'manufacturer',
  'anvisaCategory',
  'anvisaNumber',
  'riskClass',
  'unit',
  'reorderPoint',
  'registryOverride',
] as const;

/**
 * Create or edit a product. The server checks the ANVISA number against the imported registry; when
 * the registry was never imported, a manager may accept it with a written reason (after confirming
 * password and code), which is recorded in the audit trail.
 */
export function ProductForm({ product, onClose }: { product: TProduct | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const withStepUp = useStepUp();
  const [form, setForm] = useState({
    name: product?.name ?? '',
    manufacturer: product?.manufacturer ?? '',
    anvisaCategory: (product?.anvisaCategory ?? 'dispositivo_medico') as TAnvisaCategory,
    anvisaNumber: product?.anvisaNumberFormatted ?? '',
    riskClass: (product?.riskClass ?? null) as TRiskClass | null,
    unit: (product?.unit ?? 'seringa') as TProductUnit,
    storage: (product?.storage ?? 'ambiente') as TStorageCondition,
    storageNotes: product?.storageNotes ?? '',
    reorderPoint: (product?.reorderPoint ?? 0) as number | string,
    isActive: product?.isActive ?? true,
  });
  const [overrideReason, setOverrideReason] = useState<string | null>(null);
  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.inventory.products.queryKey() });
    onClose();
  };
  const create = useMutation(trpc.inventory.createProduct.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.inventory.updateProduct.mutationOptions({ onSuccess }));
  const mutation = product ? update : create;
  const errors = toFormErrors(mutation.error, t, FIELDS);
  const needsOverride = appCodeOf(mutation.error) === 'ANVISA_REGISTRY_NOT_LOADED' || overrideReason !== null;

  const submit = async () => {
    const data: TProductInputRaw = {
      ...form,
      riskClass: form.anvisaCategory === 'dispositivo_medico' ? form.riskClass : null,
      reorderPoint: typeof form.reorderPoint === 'number' ? form.reorderPoint : 0,
      ...(overrideReason !== null ? { registryOverride: { reason: overrideReason } } : {}),
    };
    try {
      await withStepUp(() =>
        product ? update.mutateAsync({ id: product.id, data }) : create.mutateAsync(data),
      );
    } catch (error) {
      if (error instanceof StepUpCancelledError) return;
      if (appCodeOf(error) === 'ANVISA_REGISTRY_NOT_LOADED' && overrideReason === null) setOverrideReason('');
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={product ? t('inventory.productForm.titleEdit') : t('inventory.productForm.titleNew')}
      size="lg"
      radius="lg"
    >
      <Stack gap="sm" data-testid="product-form">
        <SimpleGrid cols={2}>
          <TextInput
            label={t('inventory.products.name')}
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            required
            error={errors.fields.name}
          />
          <TextInput
            label={t('inventory.productForm.manufacturer')}
            value={form.manufacturer}
            onChange={(e) => set('manufacturer', e.currentTarget.value)}
            required
            error={errors.fields.manufacturer}
          />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <Select
            label={t('inventory.products.category')}
            data={ANVISA_CATEGORIES.map((c) => ({ value: c, label: ANVISA_CATEGORY_LABELS[c] }))}
            value={form.anvisaCategory}
            onChange={(v) => v && set('anvisaCategory', v as TAnvisaCategory)}
            allowDeselect={false}
          />
          <TextInput
            label={t('inventory.products.number')}
            value={form.anvisaNumber}
            onChange={(e) => set('anvisaNumber', e.currentTarget.value)}
            required
            error={errors.fields.anvisaNumber}
          />
          {form.anvisaCategory === 'dispositivo_medico' ? (
            <Select
              label={t('inventory.products.riskClass')}
              data={RISK_CLASSES.map((r) => ({ value: r, label: r }))}
              value={form.riskClass}
              onChange={(v) => set('riskClass', (v as TRiskClass | null) ?? null)}
              error={errors.fields.riskClass}
            />
          ) : null}
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <Select
            label={t('inventory.products.unit')}
            data={PRODUCT_UNITS.map((u) => ({ value: u, label: PRODUCT_UNIT_LABELS[u] }))}
            value={form.unit}
            onChange={(v) => v && set('unit', v as TProductUnit)}
            allowDeselect={false}
          />
          <Select
            label={t('inventory.productForm.storage')}
            data={STORAGE_CONDITIONS.map((c) => ({ value: c, label: STORAGE_CONDITION_LABELS[c] }))}
            value={form.storage}
            onChange={(v) => v && set('storage', v as TStorageCondition)}
            allowDeselect={false}
          />
          <NumberInput
            label={t('inventory.balances.reorder')}
            value={form.reorderPoint}
            onChange={(v) => set('reorderPoint', v)}
            min={0}
            decimalScale={3}
            decimalSeparator=","
            error={errors.fields.reorderPoint}
          />
        </SimpleGrid>
        <Switch
          label={t('inventory.productForm.isActive')}
          checked={form.isActive}
          onChange={(e) => set('isActive', e.currentTarget.checked)}
        />
        {needsOverride ? (
          <Textarea
            label={t('inventory.productForm.overrideReason')}
            description={t('inventory.productForm.overrideHint')}
            value={overrideReason ?? ''}
            onChange={(e) => setOverrideReason(e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.fields.registryOverride}
          />
        ) : null}
        {errors.form ? <Alert color={needsOverride ? 'yellow' : 'red'}>{errors.form}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('inventory.recall.cancel')}
          </Button>
          <Button loading={mutation.isPending} onClick={() => void submit()}>
            {t('inventory.adverse.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
