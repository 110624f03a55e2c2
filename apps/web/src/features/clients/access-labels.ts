import { CONSENT_PURPOSE_LABELS, type TConsentPurpose } from '@clinia/contracts';
import type { TFunction } from 'i18next';

/** Audit actions about one client, as the access report names them. */
export const ACCESS_ACTIONS = [
  'client.read',
  'client.create',
  'client.update',
  'client.reveal',
  'client.intake.read',
  'client.intake.update',
  'client.consent.grant',
  'client.consent.withdraw',
  'client.access_report',
  'privacy.export',
  'privacy.request.create',
  'privacy.request.answer',
  'privacy.request.review',
] as const;
type TAccessAction = (typeof ACCESS_ACTIONS)[number];
type TActionKey = `clients.access.actions.${
  | 'client_read'
  | 'client_create'
  | 'client_update'
  | 'client_reveal'
  | 'client_intake_read'
  | 'client_intake_update'
  | 'client_consent_grant'
  | 'client_consent_withdraw'
  | 'client_access_report'
  | 'privacy_export'
  | 'privacy_request_create'
  | 'privacy_request_answer'
  | 'privacy_request_review'
  | 'other'}`;

/** The i18n key for an audit action; an action this screen does not know yet reads as "other access". */
export function accessActionKey(action: string): TActionKey {
  if ((ACCESS_ACTIONS as readonly string[]).includes(action)) {
    return `clients.access.actions.${(action as TAccessAction).replace(/\./g, '_')}` as TActionKey;
  }
  return 'clients.access.actions.other';
}

const FIELD_KEYS: Record<string, string> = {
  cpf: 'clients.fields.cpf',
  mobile: 'clients.fields.mobile',
  email: 'clients.fields.email',
  address: 'clients.data.fields.address',
  emergencyContact: 'clients.data.fields.emergencyContact',
  fullName: 'clients.fields.fullName',
  socialName: 'clients.fields.socialName',
  birthDate: 'clients.fields.birthDate',
  sex: 'clients.fields.sex',
  gender: 'clients.fields.gender',
  preferredChannel: 'clients.fields.preferredChannel',
  guardianClientId: 'clients.fields.guardian',
  intake: 'clients.tabs.anamnese',
  consents: 'clients.tabs.consentimentos',
  blockedAt: 'clients.access.blocked',
  anonymised: 'clients.access.anonymised',
};

/** Field names recorded by the audit trail, in words; consent purposes and request kinds as well. */
export function accessFieldLabels(fields: readonly string[], t: TFunction): string[] {
  return fields.map((field) => {
    const key = FIELD_KEYS[field];
    if (key) return t(key as 'clients.fields.cpf');
    if (field.startsWith('consent.'))
      return CONSENT_PURPOSE_LABELS[field.slice(8) as TConsentPurpose] ?? field;
    if (field.startsWith('request.'))
      return t(`clients.requests.kinds.${field.slice(8)}` as 'clients.requests.kinds.acesso');
    return field;
  });
}
