import { z } from 'zod';

/**
 * Products the clinic uses and their ANVISA identity (shared/docs/REGULATION.md section 4). Injectable
 * products are medicines (botulinum toxin) or medical devices (fillers, biostimulators); cosmetics are
 * for topical use only (Nota Técnica 33/2023/GHCOS forbids cosmetics for injection).
 */
export const ANVISA_CATEGORIES = ['medicamento', 'dispositivo_medico', 'cosmetico'] as const;
export const ZAnvisaCategory = z.enum(ANVISA_CATEGORIES, { error: 'Categoria ANVISA inválida.' });
export type TAnvisaCategory = z.infer<typeof ZAnvisaCategory>;
export const ANVISA_CATEGORY_LABELS: Record<TAnvisaCategory, string> = {
  medicamento: 'Medicamento',
  dispositivo_medico: 'Dispositivo médico (produto para saúde)',
  cosmetico: 'Cosmético',
};

export const RISK_CLASSES = ['I', 'II', 'III', 'IV'] as const;
export const ZRiskClass = z.enum(RISK_CLASSES, { error: 'Classe de risco: escolha de I a IV.' });
export type TRiskClass = z.infer<typeof ZRiskClass>;

export const PRODUCT_UNITS = ['U', 'mL', 'g', 'seringa', 'frasco', 'ampola', 'unidade'] as const;
export const ZProductUnit = z.enum(PRODUCT_UNITS, { error: 'Unidade inválida.' });
export type TProductUnit = z.infer<typeof ZProductUnit>;
export const PRODUCT_UNIT_LABELS: Record<TProductUnit, string> = {
  U: 'U (unidades de toxina)',
  mL: 'mL',
  g: 'g',
  seringa: 'seringa',
  frasco: 'frasco',
  ampola: 'ampola',
  unidade: 'unidade',
};

export const STORAGE_CONDITIONS = ['ambiente', 'refrigerado', 'congelado'] as const;
export const ZStorageCondition = z.enum(STORAGE_CONDITIONS, { error: 'Conservação inválida.' });
export type TStorageCondition = z.infer<typeof ZStorageCondition>;
export const STORAGE_CONDITION_LABELS: Record<TStorageCondition, string> = {
  ambiente: 'Temperatura ambiente (15–30 °C)',
  refrigerado: 'Refrigerado (2–8 °C)',
  congelado: 'Congelado (≤ −20 °C)',
};

export type TAnvisaNumberCheck = { ok: true; digits: string } | { ok: false; message: string };

/**
 * Format rules of ANVISA numbers (REGULATION.md 4.1). The check-digit algorithm is not public, so only
 * the shape is checked:
 *  - medicine: 13 digits starting with 1 (`1.XXXX.XXXX.XXX-X`) or the 9-digit root (`1.XXXX.XXXX`);
 *  - medical device: `NUMERO_REGISTRO_CADASTRO`, 11 digits (shorter values are left-padded with zeros,
 *    as spreadsheets drop them);
 *  - cosmetic: 13 digits or 9-digit root starting with 2 (notified cosmetics may have none).
 * Dots, dashes, slashes and spaces are ignored.
 */
export function checkAnvisaNumber(category: TAnvisaCategory, raw: string): TAnvisaNumberCheck {
  const trimmed = raw.trim();
  if (!/^[\d.\-/\s]*$/.test(trimmed)) {
    return { ok: false, message: 'Registro ANVISA: use apenas números (pontos e traço são opcionais).' };
  }
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length === 0) {
    return { ok: false, message: 'Registro ANVISA: informe o número de registro.' };
  }
  if (category === 'medicamento') {
    if (/^1\d{12}$/.test(digits) || /^1\d{8}$/.test(digits)) return { ok: true, digits };
    return {
      ok: false,
      message:
        'Registro ANVISA: medicamento tem 13 dígitos começando por 1 (1.XXXX.XXXX.XXX-X) ou a raiz de 9 dígitos (1.XXXX.XXXX).',
    };
  }
  if (category === 'dispositivo_medico') {
    if (digits.length >= 8 && digits.length <= 11) return { ok: true, digits: digits.padStart(11, '0') };
    return {
      ok: false,
      message: 'Registro ANVISA: dispositivo médico tem 11 dígitos (ex.: 80123450001).',
    };
  }
  if (/^2\d{12}$/.test(digits) || /^2\d{8}$/.test(digits)) return { ok: true, digits };
  return {
    ok: false,
    message: 'Registro ANVISA: cosmético registrado tem 13 dígitos começando por 2 (ou a raiz de 9 dígitos).',
  };
}

/** Display form: `1.2345.6789.012-3`, `1.2345.6789`, devices as the 11 digits. */
export function formatAnvisaNumber(digits: string): string {
  if (/^\d{13}$/.test(digits)) {
    return `${digits[0]}.${digits.slice(1, 5)}.${digits.slice(5, 9)}.${digits.slice(9, 12)}-${digits[12]}`;
  }
  if (/^\d{9}$/.test(digits)) return `${digits[0]}.${digits.slice(1, 5)}.${digits.slice(5, 9)}`;
  return digits;
}

/** The 9-digit root of a medicine registration, the key of ANVISA's open-data medicines file. */
export function anvisaRegistryKey(category: TAnvisaCategory, digits: string): string {
  return category === 'dispositivo_medico' ? digits : digits.slice(0, 9);
}

export const ZProductInput = z
  .object({
    name: z
      .string({ error: 'Nome: informe o nome comercial.' })
      .trim()
      .min(2, 'Nome: informe ao menos 2 caracteres.')
      .max(160, 'Nome: no máximo 160 caracteres.'),
    manufacturer: z
      .string({ error: 'Fabricante: informe o fabricante ou detentor do registro.' })
      .trim()
      .min(2, 'Fabricante: informe o fabricante ou detentor do registro.')
      .max(160, 'Fabricante: no máximo 160 caracteres.'),
    anvisaCategory: ZAnvisaCategory,
    anvisaNumber: z.string().trim().max(30, 'Registro ANVISA: número longo demais.'),
    riskClass: ZRiskClass.nullable().default(null),
    unit: ZProductUnit,
    storage: ZStorageCondition.default('ambiente'),
    storageNotes: z.string().trim().max(500, 'Conservação: no máximo 500 caracteres.').default(''),
    reorderPoint: z
      .number({ error: 'Ponto de reposição: informe a quantidade.' })
      .min(0, 'Ponto de reposição: não pode ser negativo.')
      .max(1_000_000, 'Ponto de reposição: valor alto demais.')
      .default(0),
    isActive: z.boolean().default(true),
    /**
     * Admin override when the ANVISA registry has not been imported yet: explicit, justified and
     * audited. Refused when the registry is loaded (then the registry decides).
     */
    registryOverride: z
      .object({
        reason: z
          .string()
          .trim()
          .min(10, 'Justificativa: descreva por que o registro não pôde ser conferido (mín. 10 caracteres).')
          .max(500, 'Justificativa: no máximo 500 caracteres.'),
      })
      .optional(),
  })
  .superRefine((value, ctx) => {
    const check = checkAnvisaNumber(value.anvisaCategory, value.anvisaNumber);
    if (!check.ok) ctx.addIssue({ code: 'custom', path: ['anvisaNumber'], message: check.message });
    if (value.anvisaCategory === 'dispositivo_medico' && value.riskClass === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['riskClass'],
        message: 'Classe de risco: obrigatória para dispositivo médico (I a IV).',
      });
    }
    if (value.anvisaCategory !== 'dispositivo_medico' && value.riskClass !== null) {
      ctx.addIssue({
        code: 'custom',
        path: ['riskClass'],
        message: 'Classe de risco: só se aplica a dispositivos médicos.',
      });
    }
  });
export type TProductInput = z.infer<typeof ZProductInput>;
export type TProductInputRaw = z.input<typeof ZProductInput>;

export const REGISTRY_CHECKS = ['vigente', 'override', 'nao_aplicavel'] as const;
export type TRegistryCheck = (typeof REGISTRY_CHECKS)[number];

export const ZProduct = z.object({
  id: z.string().uuid(),
  name: z.string(),
  manufacturer: z.string(),
  anvisaCategory: ZAnvisaCategory,
  anvisaNumber: z.string(),
  anvisaNumberFormatted: z.string(),
  riskClass: ZRiskClass.nullable(),
  unit: ZProductUnit,
  storage: ZStorageCondition,
  storageNotes: z.string(),
  reorderPoint: z.number(),
  isActive: z.boolean(),
  registryCheck: z.enum(REGISTRY_CHECKS),
  registryCheckedAt: z.string(),
  registryValidUntil: z.string().nullable(),
  updatedAt: z.string(),
});
export type TProduct = z.infer<typeof ZProduct>;
