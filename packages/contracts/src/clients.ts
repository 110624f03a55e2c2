import { z } from 'zod';
import { ZBrazilianPhone, ZCep, ZCpf, ZUf } from './brazil-ids';

export const CONSENT_PURPOSES = [
  'aviso_privacidade',
  'imagem_prontuario',
  'imagem_divulgacao',
  'marketing_whatsapp',
  'marketing_email',
  'marketing_sms',
  'lembretes_whatsapp',
  'lembretes_email',
  'tcle',
] as const;
export const ZConsentPurpose = z.enum(CONSENT_PURPOSES, { error: 'Finalidade de consentimento inválida.' });
export type TConsentPurpose = z.infer<typeof ZConsentPurpose>;

export const CONSENT_PURPOSE_LABELS: Record<TConsentPurpose, string> = {
  aviso_privacidade: 'Aviso de privacidade (ciência)',
  imagem_prontuario: 'Uso de imagem no prontuário',
  imagem_divulgacao: 'Uso de imagem para divulgação',
  marketing_whatsapp: 'Comunicações de marketing por WhatsApp',
  marketing_email: 'Comunicações de marketing por e-mail',
  marketing_sms: 'Comunicações de marketing por SMS',
  lembretes_whatsapp: 'Lembretes e confirmações de atendimento por WhatsApp',
  lembretes_email: 'Lembretes e confirmações de atendimento por e-mail',
  tcle: 'Termo de consentimento livre e esclarecido (TCLE)',
};

export const PREFERRED_CHANNELS = ['whatsapp', 'email', 'sms', 'telefone'] as const;
export const SEXES = ['F', 'M', 'I'] as const;

export const ZClientAddress = z.object({
  street: z.string().trim().min(2, 'Endereço: informe a rua.').max(160),
  number: z.string().trim().min(1, 'Endereço: informe o número.').max(20),
  complement: z.string().trim().max(80).optional(),
  district: z.string().trim().min(2, 'Endereço: informe o bairro.').max(80),
  city: z.string().trim().min(2, 'Endereço: informe a cidade.').max(80),
  uf: ZUf,
  cep: ZCep,
});

const ZBirthDate = z
  .string({ error: 'Informe a data de nascimento.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Data de nascimento inválida.')
  .refine((v) => {
    const d = new Date(`${v}T12:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1900 && d <= new Date();
  }, 'Data de nascimento inválida.');

export const ZClientInput = z.object({
  fullName: z
    .string({ error: 'Informe o nome completo.' })
    .trim()
    .min(3, 'Nome: informe o nome completo.')
    .max(160, 'Nome: no máximo 160 caracteres.'),
  socialName: z.string().trim().max(160).optional(),
  cpf: ZCpf,
  birthDate: ZBirthDate,
  sex: z.enum(SEXES, { error: 'Sexo inválido.' }),
  gender: z.string().trim().max(60).optional(),
  mobile: ZBrazilianPhone,
  email: z.string().trim().toLowerCase().email({ error: 'E-mail inválido.' }).max(254).optional(),
  address: ZClientAddress.optional(),
  emergencyContact: z
    .object({
      name: z.string().trim().min(3, 'Contato de emergência: informe o nome.').max(160),
      phone: ZBrazilianPhone,
    })
    .optional(),
  preferredChannel: z.enum(PREFERRED_CHANNELS, { error: 'Canal preferido inválido.' }),
  /** Required for minors: an existing client who is the legal guardian. */
  guardianClientId: z.string().uuid('Responsável legal inválido.').optional(),
});
export type TClientInput = z.infer<typeof ZClientInput>;

/** What the signer confirms on the tablet: typed name and, optionally, a drawn signature. */
export const ZSignatureEvidence = z.object({
  typedName: z.string().trim().min(3, 'Assinatura: digite o nome completo de quem assina.').max(160),
  drawnSignaturePng: z
    .string()
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'Assinatura desenhada inválida.')
    .max(400_000, 'Assinatura desenhada grande demais.')
    .optional(),
  signer: z.enum(['client', 'guardian'], { error: 'Quem assina: cliente ou responsável.' }),
  channel: z.enum(['presencial_tablet', 'presencial_papel', 'portal'], {
    error: 'Canal de coleta inválido.',
  }),
});

export const ZRegisterClientInput = ZClientInput.extend({
  privacyNotice: ZSignatureEvidence.extend({
    documentId: z.string().uuid('Documento do aviso de privacidade inválido.'),
  }),
});

export const ZClientSearchInput = z.object({
  query: z.string().trim().max(160).default(''),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const ZIntakeData = z.object({
  conditions: z.array(z.string().trim().min(2).max(120)).max(50).default([]),
  allergies: z.array(z.string().trim().min(2).max(120)).max(50).default([]),
  medications: z
    .array(
      z.object({
        name: z.string().trim().min(2, 'Medicamento: informe o nome.').max(120),
        since: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'Medicamento: data de início inválida.')
          .optional(),
        until: z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'Medicamento: data de término inválida.')
          .optional(),
        kind: z.enum(['anticoagulante', 'isotretinoina', 'imunossupressor', 'outro']).default('outro'),
      }),
    )
    .max(50)
    .default([]),
  pregnant: z.boolean().default(false),
  breastfeeding: z.boolean().default(false),
  keloidTendency: z.boolean().default(false),
  autoimmuneDisease: z.boolean().default(false),
  previousProcedures: z.array(z.string().trim().min(2).max(160)).max(50).default([]),
  fitzpatrick: z.enum(['I', 'II', 'III', 'IV', 'V', 'VI'], {
    error: 'Fototipo de Fitzpatrick: escolha de I a VI.',
  }),
  goals: z.string().trim().max(2000).default(''),
});
export type TIntakeData = z.infer<typeof ZIntakeData>;
