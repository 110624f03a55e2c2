import { z } from 'zod';
import { LICENSED_ROLE_COUNCIL, type TCouncil, type TStaffRole } from './identity';
import { ZProductUnit } from './inventory';

/**
 * Treatment sessions (atendimentos, issue 7): the clinical record of one procedure. Started from a
 * checked-in appointment, filled in during the procedure (pre-session checklist, injection map,
 * products with lot, device parameters), signed by the responsible professional with the password and
 * authenticator code re-entered, a SHA-256 content hash and the licence at that moment. After signing the record is
 * unalterable; corrections are signed addenda shown with the original.
 *
 * The signature is an advanced electronic signature of the platform (Lei 14.063/2020 art. 4 II); it is
 * NOT an ICP-Brasil qualified signature. An ICP-Brasil adapter is a port for later (docs/architecture.md).
 */

/**
 * Who reads a client's clinical record and timeline (the server's sessions.record.read and
 * sessions.timeline.read rows): estheticians, and licensed roles while their licence in that role's
 * council is active. The web shows the "Atendimentos" tab only to them; the server still decides.
 */
export function canReadClinicalRecord(user: {
  roles: readonly TStaffRole[];
  activeLicences: readonly TCouncil[];
}): boolean {
  return user.roles.some((role) => {
    if (role === 'esteticista') return true;
    const council = LICENSED_ROLE_COUNCIL[role];
    return council !== undefined && user.activeLicences.includes(council);
  });
}

const uuid = (field: string) => z.string().uuid(`${field}: identificador inválido.`);

export const SESSION_STATUSES = ['draft', 'signed'] as const;
export type TSessionStatus = (typeof SESSION_STATUSES)[number];
export const SESSION_STATUS_LABELS: Record<TSessionStatus, string> = {
  draft: 'Em andamento',
  signed: 'Assinado',
};

export const SESSION_DIAGRAMS = ['face_frontal', 'face_perfil', 'corpo_frontal', 'corpo_posterior'] as const;
export const ZSessionDiagram = z.enum(SESSION_DIAGRAMS, { error: 'Diagrama: escolha um diagrama da lista.' });
export type TSessionDiagram = z.infer<typeof ZSessionDiagram>;
export const SESSION_DIAGRAM_LABELS: Record<TSessionDiagram, string> = {
  face_frontal: 'Face (frontal)',
  face_perfil: 'Face (perfil)',
  corpo_frontal: 'Corpo (frontal)',
  corpo_posterior: 'Corpo (posterior)',
};

export const INJECTION_DEPTHS = ['intradermico', 'subcutaneo', 'supraperiosteal', 'intramuscular'] as const;
export const ZInjectionDepth = z.enum(INJECTION_DEPTHS, { error: 'Profundidade: escolha uma opção.' });
export type TInjectionDepth = z.infer<typeof ZInjectionDepth>;
export const INJECTION_DEPTH_LABELS: Record<TInjectionDepth, string> = {
  intradermico: 'Intradérmico',
  subcutaneo: 'Subcutâneo',
  supraperiosteal: 'Supraperiosteal',
  intramuscular: 'Intramuscular',
};

export const SESSION_TECHNIQUES = ['agulha', 'canula', 'ponteira', 'manual', 'outro'] as const;
export const ZSessionTechnique = z.enum(SESSION_TECHNIQUES, { error: 'Técnica: escolha uma opção.' });
export type TSessionTechnique = z.infer<typeof ZSessionTechnique>;
export const SESSION_TECHNIQUE_LABELS: Record<TSessionTechnique, string> = {
  agulha: 'Agulha',
  canula: 'Cânula',
  ponteira: 'Ponteira (equipamento)',
  manual: 'Manual',
  outro: 'Outra',
};

/** Units a point is measured in: U for toxin, mL for fillers. */
export const POINT_UNITS = ['U', 'mL'] as const;
export const ZPointUnit = z.enum(POINT_UNITS, { error: 'Unidade: use U ou mL.' });

/** The pre-session checklist, as stored (who confirmed what, when). */
export const ZSessionChecklist = z.object({
  tcleSigned: z.boolean(),
  tcleSignedAt: z.string().nullable(),
  intakeReviewed: z.boolean(),
  /** 'unchanged' | 'updated': what the professional confirmed about the intake. */
  intakeStatus: z.enum(['unchanged', 'updated']).nullable(),
  intakeVersion: z.number().int().nullable(),
  contraindications: z.array(
    z.object({ rule: z.string(), severity: z.enum(['hard', 'soft']), message: z.string() }),
  ),
  contraindicationsCheckedAt: z.string().nullable(),
  hardOverride: z.boolean(),
  beforePhotos: z.number().int(),
  confirmedAt: z.string().nullable(),
});
export type TSessionChecklist = z.infer<typeof ZSessionChecklist>;

export const ZDeviceParameter = z.object({
  name: z.string().trim().min(1, 'Parâmetro: informe o nome.').max(60, 'Parâmetro: nome muito longo.'),
  value: z.string().trim().min(1, 'Parâmetro: informe o valor.').max(60, 'Parâmetro: valor muito longo.'),
  unit: z.string().trim().max(20, 'Parâmetro: unidade muito longa.').default(''),
});
export type TDeviceParameter = z.infer<typeof ZDeviceParameter>;

export const ZInjectionPointInput = z.object({
  diagram: ZSessionDiagram,
  x: z.number().min(0, 'Ponto: fora do diagrama.').max(1, 'Ponto: fora do diagrama.'),
  y: z.number().min(0, 'Ponto: fora do diagrama.').max(1, 'Ponto: fora do diagrama.'),
  productId: uuid('Produto do ponto'),
  lotId: uuid('Lote do ponto').nullish(),
  quantity: z.number().positive('Quantidade do ponto: informe um valor maior que zero.').max(1000),
  unit: ZPointUnit,
  depth: ZInjectionDepth.nullish(),
  dilution: z.string().trim().max(60, 'Diluição: texto muito longo.').nullish(),
});
export type TInjectionPointInput = z.infer<typeof ZInjectionPointInput>;

export const ZSessionProductInput = z.object({
  productId: uuid('Produto'),
  lotId: uuid('Lote').nullish(),
  quantity: z.number().positive('Quantidade: informe um valor maior que zero.').max(100_000),
});
export type TSessionProductInput = z.infer<typeof ZSessionProductInput>;

export const ZStartSessionInput = z.object({ appointmentId: uuid('Agendamento') });

export const ZChecklistInput = z.object({
  sessionId: uuid('Atendimento'),
  intakeStatus: z.enum(['unchanged', 'updated'], { error: 'Anamnese: confirme se mudou ou não.' }),
  /** A physician's justified override of a hard contraindication. */
  overrideJustification: z
    .string()
    .trim()
    .min(20, 'Justificativa: descreva o motivo (ao menos 20 caracteres).')
    .max(2000, 'Justificativa: texto muito longo.')
    .nullish(),
});

export const ZSaveDraftInput = z.object({
  sessionId: uuid('Atendimento'),
  areas: z.array(z.string().trim().min(1).max(60)).max(30).default([]),
  technique: ZSessionTechnique.nullish(),
  deviceParameters: z.array(ZDeviceParameter).max(30).default([]),
  points: z.array(ZInjectionPointInput).max(300, 'Pontos: no máximo 300 por atendimento.').default([]),
  products: z.array(ZSessionProductInput).max(30).default([]),
  complications: z.string().trim().max(4000, 'Intercorrências: texto muito longo.').default(''),
  painScore: z.number().int().min(0, 'Dor: de 0 a 10.').max(10, 'Dor: de 0 a 10.').nullish(),
  notes: z.string().trim().max(8000, 'Observações: texto muito longo.').default(''),
  postCareGiven: z.string().trim().max(4000, 'Orientações pós-procedimento: texto muito longo.').default(''),
});
export type TSaveDraftInput = z.infer<typeof ZSaveDraftInput>;

/**
 * The authenticator code given with the password at signing, by a professional with MFA enrolled
 * (every licensed role must enrol). Absent for a user without MFA.
 */
const ZSigningCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'Código do autenticador: digite os 6 números do aplicativo autenticador.')
  .optional();

export const ZSignSessionInput = z.object({
  sessionId: uuid('Atendimento'),
  password: z.string().min(1, 'Senha: digite sua senha para assinar.').max(200),
  code: ZSigningCode,
});

export const ZAddendumInput = z.object({
  sessionId: uuid('Atendimento'),
  text: z.string().trim().min(5, 'Adendo: descreva a correção.').max(8000, 'Adendo: texto muito longo.'),
  password: z.string().min(1, 'Senha: digite sua senha para assinar.').max(200),
  code: ZSigningCode,
});

export const ZLicenceSnapshot = z.object({
  council: z.string(),
  number: z.string(),
  uf: z.string(),
  status: z.string(),
});

export const ZInjectionPoint = ZInjectionPointInput.extend({
  id: z.string(),
  lotId: z.string().nullable(),
  lotNumber: z.string().nullable(),
  productName: z.string(),
  depth: ZInjectionDepth.nullable(),
  dilution: z.string().nullable(),
});
export type TInjectionPoint = z.infer<typeof ZInjectionPoint>;

export const ZSessionProduct = z.object({
  id: z.string(),
  productId: z.string(),
  productName: z.string(),
  unit: ZProductUnit,
  lotId: z.string().nullable(),
  lotNumber: z.string().nullable(),
  expiryDate: z.string().nullable(),
  quantity: z.number(),
  /** The stock-ledger uses (filled when the session is signed). */
  movementIds: z.array(z.string()),
  /** Lots actually drawn (FEFO may split one line over several lots). */
  drawn: z.array(z.object({ lotId: z.string(), lotNumber: z.string(), quantity: z.number() })),
});
export type TSessionProduct = z.infer<typeof ZSessionProduct>;

export const ZSessionAddendum = z.object({
  id: z.string(),
  text: z.string(),
  signedAt: z.string(),
  signedByName: z.string().nullable(),
  contentHash: z.string(),
  licence: ZLicenceSnapshot.nullable(),
});
export type TSessionAddendum = z.infer<typeof ZSessionAddendum>;

export const ZFollowUpProposal = z.object({
  kind: z.enum(['revisao', 'proxima_sessao']),
  label: z.string(),
  /** Local date (yyyy-MM-dd) proposed. */
  date: z.string(),
  slots: z.array(z.object({ startsAt: z.string(), professionalId: z.string() })),
});
export type TFollowUpProposal = z.infer<typeof ZFollowUpProposal>;

export const ZTreatmentSession = z.object({
  id: z.string(),
  appointmentId: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  professionalId: z.string(),
  professionalName: z.string().nullable(),
  treatmentId: z.string(),
  treatmentName: z.string(),
  competenceCategory: z.string(),
  status: z.enum(SESSION_STATUSES),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  checklist: ZSessionChecklist,
  checklistComplete: z.boolean(),
  areas: z.array(z.string()),
  technique: ZSessionTechnique.nullable(),
  deviceParameters: z.array(ZDeviceParameter),
  points: z.array(ZInjectionPoint),
  products: z.array(ZSessionProduct),
  complications: z.string(),
  painScore: z.number().nullable(),
  notes: z.string(),
  postCareGiven: z.string(),
  signedAt: z.string().nullable(),
  signedByName: z.string().nullable(),
  contentHash: z.string().nullable(),
  licence: ZLicenceSnapshot.nullable(),
  addenda: z.array(ZSessionAddendum),
  followUps: z.array(ZFollowUpProposal),
});
export type TTreatmentSession = z.infer<typeof ZTreatmentSession>;

export const TIMELINE_KINDS = ['sessao', 'produto', 'foto', 'intercorrencia'] as const;
export const ZTimelineEntry = z.object({
  kind: z.enum(TIMELINE_KINDS),
  at: z.string(),
  sessionId: z.string().nullable(),
  title: z.string(),
  detail: z.string(),
  productName: z.string().nullable(),
  lotNumber: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
});
export type TTimelineEntry = z.infer<typeof ZTimelineEntry>;

export const ZClientTimeline = z.object({
  entries: z.array(ZTimelineEntry),
  totals: z.array(
    z.object({ productId: z.string(), productName: z.string(), unit: z.string(), total: z.number() }),
  ),
});
export type TClientTimeline = z.infer<typeof ZClientTimeline>;
