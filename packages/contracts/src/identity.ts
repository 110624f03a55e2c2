import { z } from 'zod';
import { ZUf } from './brazil-ids';
import { ZPermissionAction } from './permissions';

/** Staff roles, per clinic. A user may hold several roles in several clinics. */
export const STAFF_ROLES = [
  'gestor',
  'medico',
  'enfermeiro',
  'dentista',
  'biomedico',
  'farmaceutico',
  'fisioterapeuta',
  'esteticista',
  'recepcionista',
  'encarregado_dados',
] as const;
export const ZStaffRole = z.enum(STAFF_ROLES, { error: 'Função inválida.' });
export type TStaffRole = z.infer<typeof ZStaffRole>;

export const STAFF_ROLE_LABELS: Record<TStaffRole, string> = {
  gestor: 'Gestor(a)',
  medico: 'Médico(a)',
  enfermeiro: 'Enfermeiro(a)',
  dentista: 'Dentista',
  biomedico: 'Biomédico(a)',
  farmaceutico: 'Farmacêutico(a)',
  fisioterapeuta: 'Fisioterapeuta',
  esteticista: 'Esteticista',
  recepcionista: 'Recepcionista',
  encarregado_dados: 'Encarregado(a) de dados (DPO)',
};

export const COUNCILS = ['CRM', 'COREN', 'CRO', 'CRBM', 'CRF', 'CREFITO'] as const;
export const ZCouncil = z.enum(COUNCILS, { error: 'Conselho inválido.' });
export type TCouncil = z.infer<typeof ZCouncil>;

/** Roles that practise under a professional council, and which council. */
export const LICENSED_ROLE_COUNCIL: Partial<Record<TStaffRole, TCouncil>> = {
  medico: 'CRM',
  enfermeiro: 'COREN',
  dentista: 'CRO',
  biomedico: 'CRBM',
  farmaceutico: 'CRF',
  fisioterapeuta: 'CREFITO',
};
export const isLicensedRole = (role: TStaffRole): boolean => role in LICENSED_ROLE_COUNCIL;

/** Roles that must use MFA before any access to client data. */
export const MFA_REQUIRED_ROLES: readonly TStaffRole[] = [
  'gestor',
  'encarregado_dados',
  ...(Object.keys(LICENSED_ROLE_COUNCIL) as TStaffRole[]),
];

/** Procedure categories the competence policy speaks about (the treatment catalog uses the same list). */
export const PROCEDURE_CATEGORIES = [
  'toxina_botulinica',
  'preenchedor_acido_hialuronico',
  'bioestimulador',
  'preenchedor_pmma',
  'fios_pdo',
  'intradermoterapia',
  'laser_luz',
  'peeling_quimico',
  'microagulhamento',
  'limpeza_facial',
  'corporal_aparelhos',
] as const;
export const ZProcedureCategory = z.enum(PROCEDURE_CATEGORIES, {
  error: 'Categoria de procedimento inválida.',
});
export type TProcedureCategory = z.infer<typeof ZProcedureCategory>;

export const PROCEDURE_CATEGORY_LABELS: Record<TProcedureCategory, string> = {
  toxina_botulinica: 'Toxina botulínica',
  preenchedor_acido_hialuronico: 'Preenchimento com ácido hialurônico',
  bioestimulador: 'Bioestimulador de colágeno',
  preenchedor_pmma: 'Preenchimento com PMMA',
  fios_pdo: 'Fios de PDO',
  intradermoterapia: 'Intradermoterapia',
  laser_luz: 'Laser e luz pulsada',
  peeling_quimico: 'Peeling químico',
  microagulhamento: 'Microagulhamento',
  limpeza_facial: 'Limpeza de pele e procedimentos faciais',
  corporal_aparelhos: 'Procedimentos corporais com aparelhos',
};

export const COMPETENCE_DECISIONS = ['permitido', 'requer_habilitacao', 'proibido'] as const;
export const ZCompetenceDecision = z.enum(COMPETENCE_DECISIONS, { error: 'Decisão inválida.' });
export type TCompetenceDecision = z.infer<typeof ZCompetenceDecision>;

export const ZEmail = z
  .string({ error: 'Informe o e-mail.' })
  .trim()
  .toLowerCase()
  .max(254, 'E-mail longo demais.')
  .email({ error: 'E-mail inválido.' });

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z
    .string({ error: 'Informe a senha.' })
    .min(1, 'Informe a senha.')
    .max(256, 'Senha longa demais.'),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZMfaCode = z
  .string({ error: 'Informe o código.' })
  .trim()
  .regex(
    /^(\d{6}|[A-Za-z0-9]{5}-?[A-Za-z0-9]{5})$/,
    'Código inválido: use os 6 dígitos do aplicativo ou um código de recuperação.',
  );

export const ZNewPassword = z
  .string({ error: 'Informe a nova senha.' })
  .min(12, 'A senha deve ter pelo menos 12 caracteres.')
  .max(256, 'Senha longa demais.');

export const ZLicenceNumber = z
  .string({ error: 'Informe o número do registro.' })
  .trim()
  .regex(/^\d{1,7}$/, 'Número do registro inválido: use apenas dígitos (até 7).');

export const ZLicenceInput = z.object({
  council: ZCouncil,
  number: ZLicenceNumber,
  uf: ZUf,
  specialties: z.array(z.string().trim().min(2).max(120)).max(20).default([]),
  rqe: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{1,7}$/, 'RQE inválido: use apenas dígitos.'),
    )
    .max(20)
    .default([]),
});
export type TLicenceInput = z.infer<typeof ZLicenceInput>;

export const ZSignInStep = z.enum(['done', 'mfa', 'mfa_enrolment']);
export type TSignInStep = z.infer<typeof ZSignInStep>;

/** What sign-in returns to the page; the session token itself travels only in an httpOnly cookie. */
export const ZSignInResult = z.object({ next: ZSignInStep, csrfToken: z.string() });

export const ZMe = z.object({
  userId: z.string().uuid(),
  fullName: z.string(),
  email: z.string(),
  clinicId: z.string().uuid(),
  roles: z.array(ZStaffRole),
  clinics: z.array(
    z.object({ id: z.string().uuid(), name: z.string(), timeZone: z.string(), roles: z.array(ZStaffRole) }),
  ),
  isMfaEnrolled: z.boolean(),
  isMfaVerified: z.boolean(),
  next: ZSignInStep,
  activeLicences: z.array(ZCouncil),
  /** Actions of the permission matrix this user may take now ('agenda.read'…); empty before MFA. */
  allowedActions: z.array(ZPermissionAction),
  csrfToken: z.string(),
  idleTimeoutS: z.number().int(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZMySession = z.object({
  id: z.string().uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  ip: z.string().nullable(),
  device: z.string(),
  isCurrent: z.boolean(),
});

export const ZMfaEnrolment = z.object({ otpauthUri: z.string(), qrDataUrl: z.string(), secret: z.string() });
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()).length(10) });

export const ZChangePasswordInput = z.object({
  currentPassword: z.string({ error: 'Informe a senha atual.' }).min(1, 'Informe a senha atual.'),
  newPassword: ZNewPassword,
});

export const ZReauthenticateInput = z.object({
  password: z.string({ error: 'Informe a senha.' }).min(1, 'Informe a senha.'),
  code: ZMfaCode.optional(),
});

export const ZTimeHHmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Horário inválido: use HH:mm.');

export const ZOpeningHours = z
  .array(z.object({ weekday: z.number().int().min(0).max(6), opens: ZTimeHHmm, closes: ZTimeHHmm }))
  .max(14)
  .refine(
    (rows) => rows.every((r) => r.opens < r.closes),
    'Horário de funcionamento: a abertura deve ser antes do fechamento.',
  );

export const ZClinicSettingsInput = z.object({
  clinicId: z.string().uuid(),
  name: z.string().trim().min(2, 'Nome da clínica: informe ao menos 2 caracteres.').max(120),
  timeZone: z.enum(
    [
      'America/Sao_Paulo',
      'America/Manaus',
      'America/Rio_Branco',
      'America/Noronha',
      'America/Cuiaba',
      'America/Campo_Grande',
      'America/Belem',
      'America/Fortaleza',
      'America/Recife',
      'America/Bahia',
      'America/Porto_Velho',
      'America/Boa_Vista',
      'America/Araguaina',
      'America/Maceio',
      'America/Santarem',
      'America/Eirunepe',
    ],
    {
      error: 'Fuso horário inválido.',
    },
  ),
  openingHours: ZOpeningHours,
  technicalDirectorUserId: z.string().uuid().nullable(),
});
export type TClinicSettingsInput = z.infer<typeof ZClinicSettingsInput>;

export const ZCompetenceRule = z.object({
  role: ZStaffRole,
  category: ZProcedureCategory,
  decision: ZCompetenceDecision,
  citation: z.string().trim().min(3, 'Fundamento: cite a norma ou o motivo.').max(500),
});
export const ZSavePolicyInput = z.object({
  note: z.string().trim().min(5, 'Motivo da alteração: descreva em ao menos 5 caracteres.').max(500),
  rules: z.array(ZCompetenceRule).min(1).max(500),
});
