import { z } from 'zod';

/**
 * Messaging screens: timelines, template editor, delivery dashboard, outbox/dead letters and the
 * clinic's reminder plan. No message text or recipient travels in lists: kinds, channels, statuses
 * and times only (the sealed payload stays on the server).
 */

export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'accepted',
  'sent',
  'delivered',
  'read',
  'failed',
  'dead',
  'skipped',
  'cancelled',
] as const;
export type TMessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_STATUS_LABELS: Record<TMessageStatus, string> = {
  queued: 'Na fila',
  sending: 'Enviando',
  accepted: 'Aceita pelo provedor',
  sent: 'Enviada',
  delivered: 'Entregue',
  read: 'Lida',
  failed: 'Falhou',
  dead: 'Esgotada (sem novas tentativas)',
  skipped: 'Não enviada',
  cancelled: 'Cancelada',
};

export const MESSAGE_KIND_LABELS: Record<string, string> = {
  lembrete_consulta: 'Lembrete de horário',
  pedido_confirmacao: 'Pedido de confirmação',
  oferta_vaga: 'Oferta de vaga (lista de espera)',
  aviso_recolhimento: 'Aviso de recolhimento',
  orientacoes_pos_atendimento: 'Orientações pós-atendimento',
  lembrete_retorno: 'Lembrete de retorno',
  novidades_clinica: 'Novidades (marketing)',
  texto_livre: 'Mensagem livre',
};

/** Why a message was not sent or failed, in pt-BR (codes come from the dispatcher and webhook). */
export const MESSAGE_REASON_LABELS: Record<string, string> = {
  sem_consentimento: 'sem consentimento no canal',
  consentimento_revogado: 'consentimento revogado',
  cliente_inativo: 'cliente inativo',
  cliente_bloqueado: 'cliente bloqueado',
  sem_contato: 'sem telefone ou e-mail',
  horario_silencioso: 'aguardando o fim do horário silencioso',
  consulta_inexistente: 'agendamento não encontrado',
  consulta_cancelada: 'agendamento cancelado ou encerrado',
  consulta_remarcada: 'agendamento remarcado',
  consulta_alterada: 'agendamento alterado',
  ja_confirmada: 'já confirmado',
  oferta_expirada: 'prazo da oferta expirou',
  fora_da_janela_24h: 'fora da janela de 24 horas do WhatsApp',
  modelo_inexistente: 'modelo não encontrado',
  email_not_configured: 'e-mail não configurado',
  network: 'falha de rede',
};

export const MESSAGE_CHANNEL_LABELS: Record<'whatsapp' | 'email', string> = {
  whatsapp: 'WhatsApp',
  email: 'E-mail',
};

export const ZMessageSummary = z.object({
  id: z.string(),
  kind: z.string(),
  channel: z.enum(['whatsapp', 'email']),
  status: z.enum(MESSAGE_STATUSES),
  purpose: z.enum(['care', 'marketing']),
  clientId: z.string(),
  appointmentId: z.string().nullable(),
  dueAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  failedAt: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  consentVersion: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type TMessageSummary = z.infer<typeof ZMessageSummary>;

export const ZInboundSummary = z.object({
  id: z.string(),
  channel: z.string(),
  intent: z.enum(['confirm', 'cancel', 'stop', 'other']),
  outcome: z.string(),
  appointmentId: z.string().nullable(),
  receivedAt: z.string(),
});
export type TInboundSummary = z.infer<typeof ZInboundSummary>;

export const ZMessageTimeline = z.object({
  messages: z.array(
    ZMessageSummary.extend({
      events: z.array(z.object({ status: z.string(), occurredAt: z.string() })),
    }),
  ),
  replies: z.array(ZInboundSummary),
});
export type TMessageTimeline = z.infer<typeof ZMessageTimeline>;

export const ZTemplate = z.object({
  id: z.string().nullable(),
  key: z.string(),
  channel: z.enum(['whatsapp', 'email']),
  category: z.enum(['utility', 'marketing']),
  providerTemplateName: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string(),
  variables: z.array(z.string()),
  version: z.number().int(),
  /** True when the organisation has not changed the default text. */
  isDefault: z.boolean(),
});
export type TTemplate = z.infer<typeof ZTemplate>;

export const ZSaveTemplateInput = z.object({
  key: z.string().min(1).max(60),
  channel: z.enum(['whatsapp', 'email']),
  subject: z.string().trim().max(200, 'Assunto: no máximo 200 caracteres.').nullable(),
  body: z
    .string()
    .trim()
    .min(1, 'Texto: não pode ficar vazio.')
    .max(1024, 'Texto: no máximo 1024 caracteres (limite do WhatsApp).'),
});
export type TSaveTemplateInput = z.infer<typeof ZSaveTemplateInput>;

/** Replaces {{1}}, {{2}}… with the values in order (the preview uses the same rule as sending). */
export function renderMessageTemplate(body: string, values: readonly string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (_m, n: string) => values[Number(n) - 1] ?? '');
}

/** Sample values for the preview, by variable name. */
export const TEMPLATE_SAMPLE_VALUES: Record<string, string> = {
  nome: 'Maria',
  data_hora: 'qui. 10/12 às 14:00',
  clinica: 'Clínica Jardins',
  prazo: 'qui. 10/12 às 16:00',
};

export const ZDashboardInput = z.object({
  from: z.iso.datetime({ error: 'Início: data inválida.' }),
  to: z.iso.datetime({ error: 'Fim: data inválida.' }),
});

export const ZDeliveryDashboard = z.object({
  byStatus: z.array(z.object({ status: z.string(), channel: z.string(), count: z.number().int() })),
  totals: z.object({
    sent: z.number().int(),
    delivered: z.number().int(),
    read: z.number().int(),
    failed: z.number().int(),
    pending: z.number().int(),
    skipped: z.number().int(),
  }),
  confirmation: z.object({
    requested: z.number().int(),
    confirmed: z.number().int(),
    /** confirmed / requested, 0..1; null when nothing was requested. */
    rate: z.number().nullable(),
  }),
});
export type TDeliveryDashboard = z.infer<typeof ZDeliveryDashboard>;

export const ZReminderPlan = z.object({
  clinicId: z.string(),
  reminderHours: z
    .array(z.number().int().min(1, 'Lembretes: mínimo de 1 hora.').max(720, 'Lembretes: no máximo 30 dias.'))
    .min(1, 'Lembretes: informe ao menos um.')
    .max(4, 'Lembretes: no máximo 4.'),
  highRiskConfirmationHours: z.number().int().min(1).max(720).nullable(),
  postCareDelayHours: z.number().int().min(0, 'Pós-atendimento: não pode ser negativo.').max(72),
  followUpDays: z.number().int().min(1, 'Retorno: mínimo de 1 dia.').max(365),
  waitlistHoldMinutes: z.number().int().min(15, 'Oferta de vaga: mínimo de 15 minutos.').max(1440),
  quietStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Início do silêncio: use HH:mm.'),
  quietEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Fim do silêncio: use HH:mm.'),
  isDefault: z.boolean(),
});
export type TReminderPlan = z.infer<typeof ZReminderPlan>;
export const ZSaveReminderPlanInput = ZReminderPlan.omit({ isDefault: true });
