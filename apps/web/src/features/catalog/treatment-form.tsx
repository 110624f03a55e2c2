import {
  CONTRAINDICATION_RULE_LABELS,
  CONTRAINDICATION_SEVERITY_LABELS,
  EQUIPMENT_KIND_LABELS,
  EQUIPMENT_KINDS,
  FITZPATRICK_TYPES,
  INTERVAL_POLICIES,
  INTERVAL_POLICY_LABELS,
  PROCEDURE_CATEGORIES,
  PROCEDURE_CATEGORY_LABELS,
  ROOM_TYPE_LABELS,
  ROOM_TYPES,
  type TContraindicationSeverity,
  type TContraindications,
  type TEquipmentKind,
  type TFitzpatrick,
  type TIntervalPolicy,
  type TProcedureCategory,
  TREATMENT_CATEGORIES,
  TREATMENT_CATEGORY_LABELS,
  type TRoomType,
  type TTreatment,
  type TTreatmentCategory,
  type TTreatmentInputRaw,
} from '@clinia/contracts';
import {
  ActionIcon,
  Alert,
  Button,
  Divider,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toFormErrors } from '../../trpc/to-user-error';
import { useTRPC } from '../../trpc/trpc';

const FLAG_RULES = [
  'pregnancy',
  'breastfeeding',
  'anticoagulants',
  'activeInfection',
  'keloid',
  'autoimmune',
] as const;
const NONE = 'none';
const FIELDS = [
  'name',
  'category',
  'competenceCategory',
  'durationMin',
  'bufferMin',
  'priceCents',
  'materials',
  'contraindications',
] as const;

type TForm = {
  name: string;
  category: TTreatmentCategory;
  competenceCategory: TProcedureCategory;
  description: string;
  durationMin: number | string;
  bufferMin: number | string;
  price: number | string;
  usualSessions: number | string;
  minIntervalDays: number | string;
  intervalPolicy: TIntervalPolicy;
  requiredRoomType: TRoomType | null;
  requiredEquipmentKinds: TEquipmentKind[];
  preCare: string;
  postCare: string;
  isActive: boolean;
  contraindications: TContraindications;
  materials: { productId: string; quantity: number | string }[];
};

function initial(treatment: TTreatment | null): TForm {
  return {
    name: treatment?.name ?? '',
    category: treatment?.category ?? 'injetavel',
    competenceCategory: treatment?.competenceCategory ?? 'toxina_botulinica',
    description: treatment?.description ?? '',
    durationMin: treatment?.durationMin ?? 30,
    bufferMin: treatment?.bufferMin ?? 10,
    price: treatment ? treatment.priceCents / 100 : '',
    usualSessions: treatment?.usualSessions ?? 1,
    minIntervalDays: treatment?.minIntervalDays ?? 0,
    intervalPolicy: treatment?.intervalPolicy ?? 'warn',
    requiredRoomType: treatment?.requiredRoomType ?? null,
    requiredEquipmentKinds: treatment?.requiredEquipmentKinds ?? [],
    preCare: treatment?.preCare ?? '',
    postCare: treatment?.postCare ?? '',
    isActive: treatment?.isActive ?? true,
    contraindications: treatment?.contraindications ?? {},
    materials: treatment?.materials.map((m) => ({ productId: m.productId, quantity: m.quantity })) ?? [],
  };
}

const num = (v: number | string) => (typeof v === 'number' ? v : Number.NaN);

/** Create or edit a treatment: timing, price, competence, room/equipment, contraindications and materials. */
export function TreatmentForm({ treatment, onClose }: { treatment: TTreatment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const products = useQuery(trpc.inventory.products.queryOptions());
  const [form, setForm] = useState<TForm>(() => initial(treatment));
  const set = <K extends keyof TForm>(key: K, value: TForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const onSuccess = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.catalog.pathKey() });
    onClose();
  };
  const create = useMutation(trpc.catalog.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.catalog.update.mutationOptions({ onSuccess }));
  const mutation = treatment ? update : create;
  const errors = toFormErrors(mutation.error, t, FIELDS);
  const rules = form.contraindications;
  const setRules = (next: TContraindications) => set('contraindications', next);

  const submit = () => {
    const data: TTreatmentInputRaw = {
      name: form.name,
      category: form.category,
      competenceCategory: form.competenceCategory,
      description: form.description,
      durationMin: num(form.durationMin),
      bufferMin: num(form.bufferMin),
      priceCents: Math.round(num(form.price) * 100),
      usualSessions: num(form.usualSessions),
      minIntervalDays: num(form.minIntervalDays),
      intervalPolicy: form.intervalPolicy,
      requiredRoomType: form.requiredRoomType,
      requiredEquipmentKinds: form.requiredEquipmentKinds,
      preCare: form.preCare,
      postCare: form.postCare,
      isActive: form.isActive,
      contraindications: form.contraindications,
      materials: form.materials.map((m) => ({ productId: m.productId, quantity: num(m.quantity) })),
    };
    if (treatment) update.mutate({ id: treatment.id, data });
    else create.mutate(data);
  };

  const severityData = [
    { value: NONE, label: t('catalog.form.notApplicable') },
    ...(['hard', 'warn'] as const).map((s) => ({ value: s, label: CONTRAINDICATION_SEVERITY_LABELS[s] })),
  ];

  return (
    <Modal
      opened
      onClose={onClose}
      title={treatment ? t('catalog.form.titleEdit') : t('catalog.form.titleNew')}
      size="xl"
      radius="lg"
    >
      <Stack gap="sm" data-testid="treatment-form">
        <TextInput
          label={t('catalog.form.name')}
          value={form.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          required
          error={errors.fields.name}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('catalog.form.category')}
            data={TREATMENT_CATEGORIES.map((c) => ({ value: c, label: TREATMENT_CATEGORY_LABELS[c] }))}
            value={form.category}
            onChange={(v) => v && set('category', v as TTreatmentCategory)}
            allowDeselect={false}
          />
          <Select
            label={t('catalog.form.competence')}
            data={PROCEDURE_CATEGORIES.map((c) => ({ value: c, label: PROCEDURE_CATEGORY_LABELS[c] }))}
            value={form.competenceCategory}
            onChange={(v) => v && set('competenceCategory', v as TProcedureCategory)}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Textarea
          label={t('catalog.form.description')}
          value={form.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <NumberInput
            label={t('catalog.form.durationMin')}
            value={form.durationMin}
            onChange={(v) => set('durationMin', v)}
            min={5}
            error={errors.fields.durationMin}
          />
          <NumberInput
            label={t('catalog.form.bufferMin')}
            value={form.bufferMin}
            onChange={(v) => set('bufferMin', v)}
            min={0}
            error={errors.fields.bufferMin}
          />
          <NumberInput
            label={t('catalog.form.price')}
            value={form.price}
            onChange={(v) => set('price', v)}
            min={0}
            decimalScale={2}
            fixedDecimalScale
            decimalSeparator=","
            thousandSeparator="."
            error={errors.fields.priceCents}
          />
          <NumberInput
            label={t('catalog.form.usualSessions')}
            value={form.usualSessions}
            onChange={(v) => set('usualSessions', v)}
            min={1}
          />
          <NumberInput
            label={t('catalog.form.minIntervalDays')}
            value={form.minIntervalDays}
            onChange={(v) => set('minIntervalDays', v)}
            min={0}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('catalog.form.intervalPolicy')}
            data={INTERVAL_POLICIES.map((p) => ({ value: p, label: INTERVAL_POLICY_LABELS[p] }))}
            value={form.intervalPolicy}
            onChange={(v) => v && set('intervalPolicy', v as TIntervalPolicy)}
            allowDeselect={false}
          />
          <Select
            label={t('catalog.form.room')}
            data={[
              { value: NONE, label: t('catalog.form.noRoom') },
              ...ROOM_TYPES.map((r) => ({ value: r, label: ROOM_TYPE_LABELS[r] })),
            ]}
            value={form.requiredRoomType ?? NONE}
            onChange={(v) => set('requiredRoomType', v && v !== NONE ? (v as TRoomType) : null)}
            allowDeselect={false}
          />
          <MultiSelect
            label={t('catalog.form.equipment')}
            data={EQUIPMENT_KINDS.map((k) => ({ value: k, label: EQUIPMENT_KIND_LABELS[k] }))}
            value={form.requiredEquipmentKinds}
            onChange={(v) => set('requiredEquipmentKinds', v as TEquipmentKind[])}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Textarea
            label={t('catalog.form.preCare')}
            value={form.preCare}
            onChange={(e) => set('preCare', e.currentTarget.value)}
            autosize
            minRows={2}
          />
          <Textarea
            label={t('catalog.form.postCare')}
            value={form.postCare}
            onChange={(e) => set('postCare', e.currentTarget.value)}
            autosize
            minRows={2}
          />
        </SimpleGrid>
        <Divider label={t('catalog.form.contraindications')} labelPosition="left" />
        <SimpleGrid cols={{ base: 2, sm: 3 }}>
          {FLAG_RULES.map((rule) => (
            <Select
              key={rule}
              label={CONTRAINDICATION_RULE_LABELS[rule]}
              data={severityData}
              value={rules[rule]?.severity ?? NONE}
              onChange={(v) => {
                const next = { ...rules };
                if (!v || v === NONE) delete next[rule];
                else next[rule] = { severity: v as TContraindicationSeverity };
                setRules(next);
              }}
              allowDeselect={false}
              size="xs"
            />
          ))}
          <NumberInput
            label={t('catalog.form.ageMin')}
            size="xs"
            value={rules.age?.min ?? ''}
            min={0}
            max={120}
            onChange={(v) => {
              const next = { ...rules };
              if (typeof v !== 'number') delete next.age;
              else next.age = { ...(rules.age ?? { severity: 'hard' }), min: v };
              setRules(next);
            }}
          />
          <NumberInput
            label={t('catalog.form.isotretinoinMonths')}
            size="xs"
            value={rules.isotretinoin?.withinMonths ?? ''}
            min={1}
            max={36}
            onChange={(v) => {
              const next = { ...rules };
              if (typeof v !== 'number') delete next.isotretinoin;
              else next.isotretinoin = { severity: rules.isotretinoin?.severity ?? 'hard', withinMonths: v };
              setRules(next);
            }}
          />
          <Select
            label={t('catalog.form.fitzpatrickMax')}
            size="xs"
            data={[
              { value: NONE, label: t('catalog.form.notApplicable') },
              ...FITZPATRICK_TYPES.map((f) => ({ value: f, label: f })),
            ]}
            value={rules.fitzpatrick?.max ?? NONE}
            onChange={(v) => {
              const next = { ...rules };
              if (!v || v === NONE) delete next.fitzpatrick;
              else
                next.fitzpatrick = {
                  severity: rules.fitzpatrick?.severity ?? 'hard',
                  max: v as TFitzpatrick,
                };
              setRules(next);
            }}
            allowDeselect={false}
          />
        </SimpleGrid>
        {errors.fields.contraindications ? (
          <Text c="red.8" size="sm">
            {errors.fields.contraindications}
          </Text>
        ) : null}
        <Divider label={t('catalog.form.materials')} labelPosition="left" />
        {form.materials.map((m, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap">
            <Select
              label={index === 0 ? t('catalog.form.material') : undefined}
              data={(products.data ?? [])
                .filter((p) => p.isActive)
                .map((p) => ({ value: p.id, label: `${p.name} (${p.unit})` }))}
              value={m.productId || null}
              onChange={(v) =>
                set(
                  'materials',
                  form.materials.map((x, i) => (i === index ? { ...x, productId: v ?? '' } : x)),
                )
              }
              searchable
              style={{ flex: 1 }}
            />
            <NumberInput
              label={index === 0 ? t('catalog.form.quantity') : undefined}
              value={m.quantity}
              onChange={(v) =>
                set(
                  'materials',
                  form.materials.map((x, i) => (i === index ? { ...x, quantity: v } : x)),
                )
              }
              min={0}
              decimalScale={3}
              decimalSeparator=","
              w={120}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('catalog.form.remove')}
              onClick={() =>
                set(
                  'materials',
                  form.materials.filter((_, i) => i !== index),
                )
              }
              mb={4}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {errors.fields.materials ? (
          <Text c="red.8" size="sm">
            {errors.fields.materials}
          </Text>
        ) : null}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => set('materials', [...form.materials, { productId: '', quantity: 1 }])}
          >
            {t('catalog.form.addMaterial')}
          </Button>
        </Group>
        <Switch
          label={t('catalog.form.isActive')}
          checked={form.isActive}
          onChange={(e) => set('isActive', e.currentTarget.checked)}
        />
        {errors.form ? <Alert color="red">{errors.form}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('catalog.form.cancel')}
          </Button>
          <Button loading={mutation.isPending} onClick={submit} data-testid="treatment-save">
            {t('catalog.form.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
