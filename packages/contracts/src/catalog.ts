import { z } from 'zod';
import { ZProcedureCategory } from './identity';
import { ZEquipmentKind, ZRoomType } from './resources';

/**
 * The treatment catalog: what the clinic offers, how long it takes, what it needs (competence, room,
 * equipment, products) and when it must not be done (structured contraindications, evaluated against
 * the client's health intake by the catalog's pure evaluator).
 */

/** Display grouping of the catalog. The competence rule uses the finer PROCEDURE_CATEGORIES. */
export const TREATMENT_CATEGORIES = [
  'injetavel',
  'laser_luz',
  'peeling',
  'microagulhamento',
  'facial',
  'corporal',
  'capilar',
  'outro',
] as const;
export const ZTreatmentCategory = z.enum(TREATMENT_CATEGORIES, { error: 'Categoria inválida.' });
export type TTreatmentCategory = z.infer<typeof ZTreatmentCategory>;

export const TREATMENT_CATEGORY_LABELS: Record<TTreatmentCategory, string> = {
  injetavel: 'Injetáveis',
  laser_luz: 'Laser e luz',
  peeling: 'Peelings',
  microagulhamento: 'Microagulhamento',
  facial: 'Facial',
  corporal: 'Corporal',
  capilar: 'Capilar',
  outro: 'Outros',
};

/** What happens when a session is booked sooner than the minimum interval after the previous one. */
export const INTERVAL_POLICIES = ['warn', 'block'] as const;
export const ZIntervalPolicy = z.enum(INTERVAL_POLICIES, { error: 'Política de intervalo inválida.' });
export type TIntervalPolicy = z.infer<typeof ZIntervalPolicy>;
export const INTERVAL_POLICY_LABELS: Record<TIntervalPolicy, string> = {
  warn: 'Avisar',
  block: 'Bloquear',
};

/** hard: the treatment must not be done; warn: the professional must see and acknowledge it. */
export const CONTRAINDICATION_SEVERITIES = ['hard', 'warn'] as const;
export const ZContraindicationSeverity = z.enum(CONTRAINDICATION_SEVERITIES, {
  error: 'Gravidade da contraindicação: escolha absoluta ou alerta.',
});
export type TContraindicationSeverity = z.infer<typeof ZContraindicationSeverity>;
export const CONTRAINDICATION_SEVERITY_LABELS: Record<TContraindicationSeverity, string> = {
  hard: 'Absoluta (impede)',
  warn: 'Alerta (exige ciência)',
};

export const FITZPATRICK_TYPES = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;
export const ZFitzpatrick = z.enum(FITZPATRICK_TYPES, { error: 'Fototipo: escolha de I a VI.' });
export type TFitzpatrick = z.infer<typeof ZFitzpatrick>;

const ZFlagRule = z.object({ severity: ZContraindicationSeverity });

/**
 * Structured contraindications of a treatment, stored as jsonb. An absent key means "not a
 * contraindication". Ranges are inclusive: an age rule {min: 18} refuses a 17-year-old.
 */
export const ZContraindications = z
  .object({
    pregnancy: ZFlagRule.optional(),
    breastfeeding: ZFlagRule.optional(),
    anticoagulants: ZFlagRule.optional(),
    isotretinoin: ZFlagRule.extend({
      withinMonths: z
        .number({ error: 'Isotretinoína: informe o número de meses.' })
        .int('Isotretinoína: use um número inteiro de meses.')
        .min(1, 'Isotretinoína: ao menos 1 mês.')
        .max(36, 'Isotretinoína: no máximo 36 meses.'),
    }).optional(),
    activeInfection: ZFlagRule.optional(),
    keloid: ZFlagRule.optional(),
    autoimmune: ZFlagRule.optional(),
    age: ZFlagRule.extend({
      min: z.number().int().min(0, 'Idade mínima inválida.').max(120, 'Idade mínima inválida.').optional(),
      max: z.number().int().min(0, 'Idade máxima inválida.').max(120, 'Idade máxima inválida.').optional(),
    })
      .refine((r) => r.min !== undefined || r.max !== undefined, {
        message: 'Idade: informe a idade mínima ou a máxima.',
      })
      .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, {
        message: 'Idade: a mínima não pode ser maior que a máxima.',
      })
      .optional(),
    fitzpatrick: ZFlagRule.extend({
      min: ZFitzpatrick.optional(),
      max: ZFitzpatrick.optional(),
    })
      .refine((r) => r.min !== undefined || r.max !== undefined, {
        message: 'Fototipo: informe o mínimo ou o máximo permitido.',
      })
      .refine(
        (r) =>
          r.min === undefined ||
          r.max === undefined ||
          FITZPATRICK_TYPES.indexOf(r.min) <= FITZPATRICK_TYPES.indexOf(r.max),
        { message: 'Fototipo: o mínimo não pode ser maior que o máximo.' },
      )
      .optional(),
  })
  .strict();
export type TContraindications = z.infer<typeof ZContraindications>;
export type TContraindicationRule = keyof TContraindications;
export const CONTRAINDICATION_RULES = [
  'pregnancy',
  'breastfeeding',
  'anticoagulants',
  'isotretinoin',
  'activeInfection',
  'keloid',
  'autoimmune',
  'age',
  'fitzpatrick',
] as const satisfies readonly TContraindicationRule[];

export const CONTRAINDICATION_RULE_LABELS: Record<TContraindicationRule, string> = {
  pregnancy: 'Gestação',
  breastfeeding: 'Amamentação',
  anticoagulants: 'Uso de anticoagulantes',
  isotretinoin: 'Isotretinoína recente',
  activeInfection: 'Infecção ativa no local',
  keloid: 'Tendência a queloide',
  autoimmune: 'Doença autoimune',
  age: 'Faixa etária',
  fitzpatrick: 'Fototipo de Fitzpatrick',
};

/** Quantities of products (units of toxin, mL of filler, syringes…): up to 3 decimals. */
export const ZQuantity = z
  .number({ error: 'Quantidade: informe um número.' })
  .positive('Quantidade: deve ser maior que zero.')
  .max(1_000_000, 'Quantidade: valor alto demais.')
  .refine((n) => Math.abs(Math.round(n * 1000) - n * 1000) < 1e-6, {
    message: 'Quantidade: use no máximo 3 casas decimais.',
  });

export const ZTreatmentMaterialInput = z.object({
  productId: z.string().uuid('Material: produto inválido.'),
  quantity: ZQuantity,
});

const ZText = (field: string, max: number) =>
  z.string().trim().max(max, `${field}: no máximo ${max} caracteres.`).default('');

export const ZTreatmentInput = z.object({
  name: z
    .string({ error: 'Nome: informe o nome do tratamento.' })
    .trim()
    .min(3, 'Nome: informe ao menos 3 caracteres.')
    .max(120, 'Nome: no máximo 120 caracteres.'),
  category: ZTreatmentCategory,
  /** The competence-policy category that decides who may perform it. */
  competenceCategory: ZProcedureCategory,
  description: ZText('Descrição', 4000),
  durationMin: z
    .number({ error: 'Duração: informe os minutos.' })
    .int('Duração: use minutos inteiros.')
    .min(5, 'Duração: ao menos 5 minutos.')
    .max(600, 'Duração: no máximo 600 minutos.'),
  bufferMin: z
    .number({ error: 'Intervalo de preparo: informe os minutos.' })
    .int('Intervalo de preparo: use minutos inteiros.')
    .min(0, 'Intervalo de preparo: não pode ser negativo.')
    .max(240, 'Intervalo de preparo: no máximo 240 minutos.')
    .default(0),
  priceCents: z
    .number({ error: 'Preço: informe o valor.' })
    .int('Preço: valor em centavos inteiros.')
    .min(0, 'Preço: não pode ser negativo.')
    .max(100_000_000, 'Preço: valor alto demais.'),
  usualSessions: z
    .number({ error: 'Sessões: informe o número usual de sessões.' })
    .int('Sessões: use um número inteiro.')
    .min(1, 'Sessões: ao menos 1.')
    .max(60, 'Sessões: no máximo 60.')
    .default(1),
  minIntervalDays: z
    .number({ error: 'Intervalo mínimo: informe os dias.' })
    .int('Intervalo mínimo: use dias inteiros.')
    .min(0, 'Intervalo mínimo: não pode ser negativo.')
    .max(730, 'Intervalo mínimo: no máximo 730 dias.')
    .default(0),
  intervalPolicy: ZIntervalPolicy.default('warn'),
  preCare: ZText('Cuidados antes', 4000),
  postCare: ZText('Cuidados depois', 4000),
  requiredRoomType: ZRoomType.nullable().default(null),
  requiredEquipmentKinds: z
    .array(ZEquipmentKind)
    .max(8)
    .refine((kinds) => new Set(kinds).size === kinds.length, {
      message: 'Equipamentos: há um tipo repetido.',
    })
    .default([]),
  contraindications: ZContraindications.default({}),
  materials: z
    .array(ZTreatmentMaterialInput)
    .max(30, 'Materiais: no máximo 30 itens.')
    .refine((items) => new Set(items.map((i) => i.productId)).size === items.length, {
      message: 'Materiais: o mesmo produto aparece duas vezes.',
    })
    .default([]),
  isActive: z.boolean().default(true),
});
export type TTreatmentInput = z.infer<typeof ZTreatmentInput>;
export type TTreatmentInputRaw = z.input<typeof ZTreatmentInput>;

export const ZUpdateTreatmentInput = z.object({
  id: z.string().uuid('Tratamento inválido.'),
  data: ZTreatmentInput,
});

export const ZTreatment = z.object({
  id: z.string().uuid(),
  name: z.string(),
  category: ZTreatmentCategory,
  competenceCategory: ZProcedureCategory,
  description: z.string(),
  durationMin: z.number().int(),
  bufferMin: z.number().int(),
  priceCents: z.number().int(),
  usualSessions: z.number().int(),
  minIntervalDays: z.number().int(),
  intervalPolicy: ZIntervalPolicy,
  preCare: z.string(),
  postCare: z.string(),
  requiredRoomType: ZRoomType.nullable(),
  requiredEquipmentKinds: z.array(ZEquipmentKind),
  contraindications: ZContraindications,
  materials: z.array(
    z.object({
      productId: z.string().uuid(),
      productName: z.string(),
      unit: z.string(),
      quantity: z.number(),
    }),
  ),
  isActive: z.boolean(),
  updatedAt: z.string(),
});
export type TTreatment = z.infer<typeof ZTreatment>;
