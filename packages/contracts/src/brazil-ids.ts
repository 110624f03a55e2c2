import { z } from 'zod';

/**
 * Brazilian identifiers. Rules and test vectors: shared/docs/REGULATION.md section 5.
 * Pure functions; the zod schemas below carry pt-BR messages for forms and tRPC inputs.
 */

const onlyDigits = (value: string): string => value.replace(/\D/g, '');

function mod11Digit(sum: number): number {
  const r = sum % 11;
  return r < 2 ? 0 : 11 - r;
}

/** Check digits of the first 9 CPF digits. */
export function cpfCheckDigits(base9: string): string {
  const d = [...base9].map(Number);
  const dv1 = mod11Digit(d.reduce((acc, n, i) => acc + n * (10 - i), 0));
  const dv2 = mod11Digit([...d, dv1].reduce((acc, n, i) => acc + n * (11 - i), 0));
  return `${dv1}${dv2}`;
}

/** Normalises a CPF to its 11 digits, or returns null when it is not a valid CPF. */
export function normalizeCpf(input: string): string | null {
  if (!/^[\d.\-\s]+$/.test(input)) return null;
  const digits = onlyDigits(input);
  if (digits.length !== 11 || /^(\d)\1{10}$/.test(digits)) return null;
  return cpfCheckDigits(digits.slice(0, 9)) === digits.slice(9) ? digits : null;
}

export const isValidCpf = (input: string): boolean => normalizeCpf(input) !== null;

export function formatCpf(digits: string): string {
  return digits.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1.$2.$3-$4');
}

const cnpjValue = (ch: string): number => ch.charCodeAt(0) - 48;

/** Check digits of the first 12 CNPJ characters (numeric or alphanumeric, IN RFB 2.229/2024). */
export function cnpjCheckDigits(base12: string): string {
  const w1 = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const w2 = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
  const chars = [...base12];
  const dv1 = mod11Digit(chars.reduce((acc, c, i) => acc + cnpjValue(c) * (w1[i] ?? 0), 0));
  const dv2 = mod11Digit([...chars, String(dv1)].reduce((acc, c, i) => acc + cnpjValue(c) * (w2[i] ?? 0), 0));
  return `${dv1}${dv2}`;
}

/** Normalises a CNPJ (numeric or the 2026 alphanumeric form) to 14 characters, or null when invalid. */
export function normalizeCnpj(input: string): string | null {
  const value = input.replace(/[.\-/\s]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}[0-9]{2}$/.test(value) || /^(.)\1{13}$/.test(value)) return null;
  return cnpjCheckDigits(value.slice(0, 12)) === value.slice(12) ? value : null;
}

export const isValidCnpj = (input: string): boolean => normalizeCnpj(input) !== null;

export function formatCnpj(value: string): string {
  return value.replace(/^(.{2})(.{3})(.{3})(.{4})(\d{2})$/, '$1.$2.$3/$4-$5');
}

/** The 67 area codes (DDD) in use in Brazil. */
export const VALID_DDDS: ReadonlySet<number> = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45, 46,
  47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83, 84, 85,
  86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
]);

export type TPhoneKind = 'mobile' | 'landline';

/**
 * Normalises a Brazilian phone to E.164 (+55 DDD number), or null. Mobiles have 9 digits starting
 * with 9; landlines 8 digits starting with 2–5.
 */
export function normalizeBrazilianPhone(input: string): { e164: string; kind: TPhoneKind } | null {
  if (!/^[+\d\s().-]+$/.test(input)) return null;
  let digits = onlyDigits(input);
  if (digits.length === 12 || digits.length === 13) {
    if (!digits.startsWith('55')) return null;
    digits = digits.slice(2);
  }
  if (digits.length !== 10 && digits.length !== 11) return null;
  const ddd = Number(digits.slice(0, 2));
  if (!VALID_DDDS.has(ddd)) return null;
  const subscriber = digits.slice(2);
  if (subscriber.length === 9 && subscriber.startsWith('9')) return { e164: `+55${digits}`, kind: 'mobile' };
  if (subscriber.length === 8 && /^[2-5]/.test(subscriber)) return { e164: `+55${digits}`, kind: 'landline' };
  return null;
}

export function formatBrazilianPhone(e164: string): string {
  const d = e164.replace(/^\+55/, '');
  return d.length === 11
    ? d.replace(/^(\d{2})(\d{5})(\d{4})$/, '($1) $2-$3')
    : d.replace(/^(\d{2})(\d{4})(\d{4})$/, '($1) $2-$3');
}

/** CEP: 8 digits, format only (no check digit exists). */
export function normalizeCep(input: string): string | null {
  return /^\d{5}-?\d{3}$/.test(input.trim()) ? onlyDigits(input) : null;
}

export const UFS = [
  'AC',
  'AL',
  'AP',
  'AM',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MT',
  'MS',
  'MG',
  'PA',
  'PB',
  'PR',
  'PE',
  'PI',
  'RJ',
  'RN',
  'RS',
  'RO',
  'RR',
  'SC',
  'SP',
  'SE',
  'TO',
] as const;
export const ZUf = z.enum(UFS, { error: 'UF inválida.' });
export type TUf = z.infer<typeof ZUf>;

export const ZCpf = z.string({ error: 'Informe o CPF.' }).transform((value, ctx) => {
  const cpf = normalizeCpf(value);
  if (!cpf) {
    ctx.addIssue({ code: 'custom', message: 'CPF inválido: confira os dígitos.' });
    return z.NEVER;
  }
  return cpf;
});

export const ZCnpj = z.string({ error: 'Informe o CNPJ.' }).transform((value, ctx) => {
  const cnpj = normalizeCnpj(value);
  if (!cnpj) {
    ctx.addIssue({ code: 'custom', message: 'CNPJ inválido: confira os dígitos.' });
    return z.NEVER;
  }
  return cnpj;
});

export const ZBrazilianPhone = z.string({ error: 'Informe o telefone.' }).transform((value, ctx) => {
  const phone = normalizeBrazilianPhone(value);
  if (!phone) {
    ctx.addIssue({
      code: 'custom',
      message: 'Telefone inválido: use DDD válido e celular com 9 dígitos começando por 9.',
    });
    return z.NEVER;
  }
  return phone.e164;
});

export const ZCep = z.string({ error: 'Informe o CEP.' }).transform((value, ctx) => {
  const cep = normalizeCep(value);
  if (!cep) {
    ctx.addIssue({ code: 'custom', message: 'CEP inválido: use o formato 00000-000.' });
    return z.NEVER;
  }
  return cep;
});
