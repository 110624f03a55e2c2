import type { TReceiveLotInputRaw } from '@clinia/contracts';
import { SectionCard } from '@clinia/ui';
import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPackageImport } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../shell/date-fields';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';
import { activeClinicOf, useSignedInUser } from '../identity/use-me';
import { formatAmount } from './stock-format';

const FIELDS = [
  'productId',
  'lotNumber',
  'expiryDate',
  'udi',
  'supplier',
  'invoiceNumber',
  'receivedOn',
  'storageLocation',
  'quantity',
] as const;

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Receipt of goods into the signed-in clinic: one lot, its expiry and invoice, and the quantity. */
export function ReceiveTab() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { timeZone } = activeClinicOf(useSignedInUser());
  const products = useQuery(trpc.inventory.products.queryOptions());
  const empty = {
    productId: '',
    lotNumber: '',
    expiryDate: '',
    udi: '',
    supplier: '',
    invoiceNumber: '',
    receivedOn: todayIn(timeZone),
    storageLocation: '',
    quantity: '' as number | string,
  };
  const [form, setForm] = useState(empty);
  const set = (field: keyof typeof empty) => (value: string | number) =>
    setForm((f) => ({ ...f, [field]: value }));
  const receive = useMutation(
    trpc.inventory.receiveLot.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.inventory.pathKey() });
        setForm({ ...empty, supplier: form.supplier, receivedOn: form.receivedOn });
      },
    }),
  );
  const errors = toFormErrors(receive.error, t, FIELDS);
  /** The value, change handler and server error of a text field of the form. */
  const textField = (field: Exclude<keyof typeof empty, 'quantity'>) => ({
    value: form[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(field)(event.currentTarget.value),
    error: errors.fields[field],
  });
  const submit = () => {
    const input: TReceiveLotInputRaw = {
      productId: form.productId,
      lotNumber: form.lotNumber,
      expiryDate: form.expiryDate,
      udi: form.udi.trim() ? form.udi : null,
      supplier: form.supplier,
      invoiceNumber: form.invoiceNumber,
      receivedOn: form.receivedOn,
      storageLocation: form.storageLocation,
      quantity: typeof form.quantity === 'number' ? form.quantity : Number.NaN,
    };
    receive.mutate(input);
  };
  const selected = products.data?.find((p) => p.id === form.productId);

  return (
    <SectionCard title={t('inventory.receive.title')} icon={<IconPackageImport size={20} />}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        data-testid="receive-form"
      >
        <Stack gap="md" maw={880}>
          <Text size="sm" c="dimmed">
            {t('inventory.receive.hint')}
          </Text>
          {receive.isSuccess ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="receive-done">
              {t('inventory.receive.done', {
                lot: receive.data.lotNumber,
                amount: formatAmount(receive.data.onHand, receive.data.unit),
              })}
            </Alert>
          ) : null}
          <Select
            label={t('inventory.receive.product')}
            placeholder={t('inventory.receive.productPlaceholder')}
            data={(products.data ?? [])
              .filter((p) => p.isActive)
              .map((p) => ({ value: p.id, label: p.name }))}
            value={form.productId || null}
            onChange={(value) => set('productId')(value ?? '')}
            searchable
            required
            error={errors.fields.productId}
            data-testid="receive-product"
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('inventory.receive.lotNumber')}
              {...textField('lotNumber')}
              required
              data-testid="receive-lot"
            />
            <DateField
              label={t('inventory.receive.expiryDate')}
              value={form.expiryDate}
              onChange={set('expiryDate')}
              error={errors.fields.expiryDate}
              required
              data-testid="receive-expiry"
            />
            <NumberInput
              label={`${t('inventory.receive.quantity')}${selected ? ` (${selected.unit})` : ''}`}
              value={form.quantity}
              onChange={set('quantity')}
              min={0}
              decimalScale={3}
              decimalSeparator=","
              thousandSeparator="."
              required
              error={errors.fields.quantity}
              data-testid="receive-quantity"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('inventory.receive.supplier')}
              {...textField('supplier')}
              required
              data-testid="receive-supplier"
            />
            <TextInput
              label={t('inventory.receive.invoiceNumber')}
              {...textField('invoiceNumber')}
              required
              data-testid="receive-invoice"
            />
            <DateField
              label={t('inventory.receive.receivedOn')}
              value={form.receivedOn}
              onChange={set('receivedOn')}
              error={errors.fields.receivedOn}
              required
              data-testid="receive-received-on"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('inventory.receive.storageLocation')} {...textField('storageLocation')} />
            {selected?.anvisaCategory === 'dispositivo_medico' ? (
              <TextInput
                label={t('inventory.receive.udi')}
                description={t('inventory.receive.udiHint')}
                {...textField('udi')}
              />
            ) : null}
          </SimpleGrid>
          {errors.form ? (
            <Alert color="red" role="alert">
              {errors.form}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={receive.isPending} data-testid="receive-submit">
              {t('inventory.receive.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </SectionCard>
  );
}
