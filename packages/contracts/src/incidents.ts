import { z } from 'zod';

/**
 * Security incidents with personal data (LGPD art. 48; Resolução CD/ANPD nº 15/2024, REGULATION.md
 * 1.4): every incident is registered and kept for at least five years; one that may cause relevant risk
 * or damage is communicated to the ANPD and to the data subjects within three business days of the
 * controller learning of it. Relevant risk = it may significantly affect the subjects' interests or
 * fundamental rights AND involves at least one of the criteria below (art. 5).
 */
export const INCIDENT_DATA_CATEGORIES = [
  'identificacao',
  'contato',
  'saude',
  'fotos',
  'financeiro',
  'autenticacao',
] as const;
export type TIncidentDataCategory = (typeof INCIDENT_DATA_CATEGORIES)[number];
export const INCIDENT_DATA_CATEGORY_LABELS: Record<TIncidentDataCategory, string> = {
  identificacao: 'Identificação (nome, CPF, nascimento)',
  contato: 'Contato (celular, e-mail, endereço)',
  saude: 'Saúde (anamnese, prontuário, atendimentos)',
  fotos: 'Fotos clínicas',
  financeiro: 'Financeiros (pagamentos, cartões, PIX)',
  autenticacao: 'Autenticação (senhas, códigos, sessões)',
};

export const INCIDENT_RISK_CRITERIA = [
  'dados_sensiveis',
  'criancas_idosos',
  'financeiros',
  'autenticacao',
  'sigilo',
  'larga_escala',
] as const;
export type TIncidentRiskCriterion = (typeof INCIDENT_RISK_CRITERIA)[number];
export const INCIDENT_RISK_CRITERION_LABELS: Record<TIncidentRiskCriterion, string> = {
  dados_sensiveis: 'Dados pessoais sensíveis (saúde, fotos, biometria)',
  criancas_idosos: 'Dados de crianças, adolescentes ou idosos',
  financeiros: 'Dados financeiros',
  autenticacao: 'Dados de autenticação em sistemas',
  sigilo: 'Dados protegidos por sigilo legal, judicial ou profissional',
  larga_escala: 'Dados em larga escala',
};

export const INCIDENT_STATUSES = ['aberto', 'comunicado', 'encerrado'] as const;
export type TIncidentStatus = (typeof INCIDENT_STATUSES)[number];
export const INCIDENT_STATUS_LABELS: Record<TIncidentStatus, string> = {
  aberto: 'Aberto',
  comunicado: 'Comunicado à ANPD',
  encerrado: 'Encerrado',
};

/** Communication is due when the incident may significantly affect the subjects and meets a criterion. */
export function isReportableIncident(input: {
  significantImpact: boolean;
  criteria: readonly TIncidentRiskCriterion[];
}): boolean {
  return input.significantImpact && input.criteria.length > 0;
}

/** Business days to communicate a reportable incident, and to send supplementary information after it. */
export const INCIDENT_COMMUNICATION_BUSINESS_DAYS = 3;
export const INCIDENT_SUPPLEMENT_BUSINESS_DAYS = 20;

const ZInstant = (field: string) =>
  z
    .string({ error: `${field}: informe a data e a hora.` })
    .datetime({ offset: true, message: `${field}: data inválida.` });

export const ZRecordIncidentInput = z.object({
  knownAt: ZInstant('Ciência do incidente'),
  occurredAt: ZInstant('Ocorrência').optional(),
  description: z
    .string()
    .trim()
    .min(20, 'Descrição: conte o que aconteceu em ao menos 20 caracteres.')
    .max(4000, 'Descrição: no máximo 4.000 caracteres.'),
  measures: z
    .string()
    .trim()
    .min(10, 'Medidas adotadas: descreva o que já foi feito para conter o incidente.')
    .max(4000, 'Medidas adotadas: no máximo 4.000 caracteres.'),
  dataCategories: z
    .array(z.enum(INCIDENT_DATA_CATEGORIES, { error: 'Dados envolvidos: categoria inválida.' }))
    .min(1, 'Dados envolvidos: marque ao menos uma categoria.'),
  subjectsAffected: z
    .number({ error: 'Titulares afetados: informe um número.' })
    .int('Titulares afetados: informe um número inteiro.')
    .min(0, 'Titulares afetados: o número não pode ser negativo.')
    .max(100_000_000)
    .nullable(),
  significantImpact: z.boolean({
    error: 'Impacto: diga se o incidente pode afetar significativamente os titulares.',
  }),
  criteria: z.array(z.enum(INCIDENT_RISK_CRITERIA, { error: 'Critérios: critério inválido.' })),
});
export type TRecordIncidentInput = z.infer<typeof ZRecordIncidentInput>;

export const ZIncidentCommunicationInput = z.object({
  incidentId: z.string().uuid('Incidente inválido.'),
  anpdCommunicatedAt: ZInstant('Comunicação à ANPD'),
  anpdProtocol: z
    .string()
    .trim()
    .min(3, 'Protocolo da ANPD: informe o número recebido no peticionamento.')
    .max(100, 'Protocolo da ANPD: no máximo 100 caracteres.'),
  subjectsCommunicatedAt: ZInstant('Comunicação aos titulares').optional(),
});
export type TIncidentCommunicationInput = z.infer<typeof ZIncidentCommunicationInput>;

export const ZCloseIncidentInput = z.object({
  incidentId: z.string().uuid('Incidente inválido.'),
  conclusion: z
    .string()
    .trim()
    .min(10, 'Conclusão: registre como o incidente foi resolvido.')
    .max(4000, 'Conclusão: no máximo 4.000 caracteres.'),
});
export type TCloseIncidentInput = z.infer<typeof ZCloseIncidentInput>;

export const ZIncident = z.object({
  id: z.string().uuid(),
  knownAt: z.string(),
  occurredAt: z.string().nullable(),
  dataCategories: z.array(z.enum(INCIDENT_DATA_CATEGORIES)),
  subjectsAffected: z.number().int().nullable(),
  significantImpact: z.boolean(),
  criteria: z.array(z.enum(INCIDENT_RISK_CRITERIA)),
  reportable: z.boolean(),
  status: z.enum(INCIDENT_STATUSES),
  /** Communication deadline (reportable only). */
  dueAt: z.string().nullable(),
  isOverdue: z.boolean(),
  anpdCommunicatedAt: z.string().nullable(),
  anpdProtocol: z.string().nullable(),
  subjectsCommunicatedAt: z.string().nullable(),
  supplementDueAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TIncident = z.infer<typeof ZIncident>;

export const ZIncidentDetail = ZIncident.extend({
  description: z.string(),
  measures: z.string(),
  conclusion: z.string().nullable(),
});
export type TIncidentDetail = z.infer<typeof ZIncidentDetail>;
