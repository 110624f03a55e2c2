import { isValidCpf, normalizeCpf, type TClientInput, ZClientInput } from '@clinia/contracts';

/** What the registration form holds while the receptionist types: strings, empty when not filled. */
export type TClientFormState = {
  fullName: string;
  socialName: string;
  cpf: string;
  birthDate: string;
  sex: '' | 'F' | 'M' | 'I';
  gender: string;
  mobile: string;
  email: string;
  street: string;
  number: string;
  complement: string;
  district: string;
  city: string;
  uf: string;
  cep: string;
  emergencyName: string;
  emergencyPhone: string;
  preferredChannel: 'whatsapp' | 'email' | 'sms' | 'telefone';
  guardianClientId: string | null;
};

export const emptyClientForm: TClientFormState = {
  fullName: '',
  socialName: '',
  cpf: '',
  birthDate: '',
  sex: '',
  gender: '',
  mobile: '',
  email: '',
  street: '',
  number: '',
  complement: '',
  district: '',
  city: '',
  uf: '',
  cep: '',
  emergencyName: '',
  emergencyPhone: '',
  preferredChannel: 'whatsapp',
  guardianClientId: null,
};

export const CLIENT_FORM_FIELDS = [
  'fullName',
  'socialName',
  'cpf',
  'birthDate',
  'sex',
  'gender',
  'mobile',
  'email',
  'address.street',
  'address.number',
  'address.complement',
  'address.district',
  'address.city',
  'address.uf',
  'address.cep',
  'emergencyContact.name',
  'emergencyContact.phone',
  'preferredChannel',
  'guardianClientId',
  'privacyNotice',
  'privacyNotice.typedName',
  'privacyNotice.signer',
] as const;
export type TClientFormField = (typeof CLIENT_FORM_FIELDS)[number];

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** "15031991" or "15/03/1991" as the receptionist types it, shown as dd/mm/aaaa while typing. */
export function maskBirthDate(text: string): string {
  const digits = text.replace(/\D/g, '').slice(0, 8);
  if (digits.length <= 2) return digits;
  if (digits.length <= 4) return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  return `${digits.slice(0, 2)}/${digits.slice(2, 4)}/${digits.slice(4)}`;
}

/** dd/mm/aaaa → YYYY-MM-DD for a real calendar date, otherwise null. */
export function birthDateIso(text: string): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const [, d, m, y] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(m) - 1) return null;
  return `${y}-${m}-${d}`;
}

/** Whole years between a YYYY-MM-DD birth date and today's YYYY-MM-DD; null while the date is incomplete. */
export function ageOn(birthDate: string, today: string): number | null {
  const birth = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const now = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!birth || !now) return null;
  const [by, bm, bd] = birth.slice(1).map(Number) as [number, number, number];
  const [ty, tm, td] = now.slice(1).map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** The contract input from the form; optional groups (address, emergency contact) only when started. */
export function toClientInput(form: TClientFormState): Record<string, unknown> {
  const hasAddress = [
    form.street,
    form.number,
    form.complement,
    form.district,
    form.city,
    form.uf,
    form.cep,
  ].some((v) => v.trim() !== '');
  const hasEmergency = form.emergencyName.trim() !== '' || form.emergencyPhone.trim() !== '';
  return {
    fullName: form.fullName,
    socialName: optional(form.socialName),
    cpf: form.cpf,
    // An incomplete or impossible date goes through as typed, for the contract to name it.
    birthDate: form.birthDate === '' ? undefined : (birthDateIso(form.birthDate) ?? form.birthDate),
    sex: form.sex === '' ? undefined : form.sex,
    gender: optional(form.gender),
    mobile: form.mobile,
    email: optional(form.email),
    address: hasAddress
      ? {
          street: form.street,
          number: form.number,
          complement: optional(form.complement),
          district: form.district,
          city: form.city,
          uf: form.uf,
          cep: form.cep,
        }
      : undefined,
    emergencyContact: hasEmergency ? { name: form.emergencyName, phone: form.emergencyPhone } : undefined,
    preferredChannel: form.preferredChannel,
    guardianClientId: form.guardianClientId ?? undefined,
  };
}

export type TClientFormMessages = {
  birthDateMissing: string;
  sexMissing: string;
  guardianRequired: string;
};

/**
 * Checks the form with the same schema the server applies, so messages name the field before the
 * request leaves the tablet. Returns the parsed input, or one message per field.
 */
export function validateClientForm(
  form: TClientFormState,
  options: { today: string; messages: TClientFormMessages },
): { ok: true; input: TClientInput } | { ok: false; errors: Partial<Record<TClientFormField, string>> } {
  const errors: Partial<Record<TClientFormField, string>> = {};
  const missing: Partial<Record<TClientFormField, string>> = {
    birthDate: options.messages.birthDateMissing,
    sex: options.messages.sexMissing,
  };
  const parsed = ZClientInput.safeParse(toClientInput(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.') as TClientFormField;
      const isEmpty = (field === 'birthDate' || field === 'sex') && form[field] === '';
      const message = isEmpty ? (missing[field] ?? issue.message) : issue.message;
      errors[field] ??= message;
    }
  }
  const age = ageOn(birthDateIso(form.birthDate) ?? '', options.today);
  if (age !== null && age < 18 && !form.guardianClientId) {
    errors.guardianClientId = options.messages.guardianRequired;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

/** The CPF as 11 digits once it is complete and valid (for the duplicate check), otherwise null. */
export function completeCpf(value: string): string | null {
  return isValidCpf(value) ? normalizeCpf(value) : null;
}
