import { z } from 'zod';
import { ZAppointmentRisk, ZRiskActionItem } from './prediction';
import { ZEquipmentKind, ZRoomType } from './resources';

/**
 * The agenda: resources (rooms, devices, working hours, breaks, absences, closures), appointments and
 * their lifecycle, series, availability search and the waitlist. Instants travel as ISO-8601 strings
 * (UTC); wall-clock times as 'HH:mm' in the clinic's IANA zone.
 */

export const APPOINTMENT_STATUSES = [
  'reservado',
  'agendado',
  'confirmado',
  'chegou',
  'em_atendimento',
  'concluido',
  'cancelado',
  'faltou',
  'remarcado',
] as const;
export const ZAppointmentStatus = z.enum(APPOINTMENT_STATUSES, { error: 'Situação inválida.' });
export type TAppointmentStatus = z.infer<typeof ZAppointmentStatus>;

export const APPOINTMENT_STATUS_LABELS: Record<TAppointmentStatus, string> = {
  reservado: 'Reservado (lista de espera)',
  agendado: 'Agendado',
  confirmado: 'Confirmado',
  chegou: 'Chegou',
  em_atendimento: 'Em atendimento',
  concluido: 'Concluído',
  cancelado: 'Cancelado',
  faltou: 'Faltou',
  remarcado: 'Remarcado',
};

/** Statuses that no longer hold their slot (the exclusion constraints ignore them). */
export const FREEING_STATUSES: readonly TAppointmentStatus[] = ['cancelado', 'faltou', 'remarcado'];

/**
 * The lifecycle. cancelado, faltou and remarcado are reached through their own procedures (cancel,
 * markNoShow through transition, move); reservado → agendado only through a waitlist acceptance.
 */
export const APPOINTMENT_TRANSITIONS: Record<TAppointmentStatus, readonly TAppointmentStatus[]> = {
  reservado: ['agendado', 'cancelado'],
  agendado: ['confirmado', 'chegou', 'cancelado', 'faltou', 'remarcado'],
  confirmado: ['chegou', 'cancelado', 'faltou', 'remarcado'],
  chegou: ['em_atendimento', 'cancelado'],
  em_atendimento: ['concluido'],
  concluido: [],
  cancelado: [],
  faltou: [],
  remarcado: [],
};

export const BOOKING_CHANNELS = ['recepcao', 'telefone', 'whatsapp', 'online', 'lista_espera'] as const;
export const ZBookingChannel = z.enum(BOOKING_CHANNELS, { error: 'Canal de agendamento inválido.' });
export type TBookingChannel = z.infer<typeof ZBookingChannel>;

/** An application of the treatment, or the review after one (not held to the minimum interval). */
export const APPOINTMENT_PURPOSES = ['sessao', 'revisao'] as const;
export const ZAppointmentPurpose = z.enum(APPOINTMENT_PURPOSES, {
  error: 'Finalidade do agendamento inválida.',
});
export type TAppointmentPurpose = z.infer<typeof ZAppointmentPurpose>;

export const CANCELLED_BY = ['cliente', 'clinica'] as const;
export const ZCancelledBy = z.enum(CANCELLED_BY, { error: 'Informe quem cancelou: cliente ou clínica.' });

export const PERIODS_OF_DAY = ['manha', 'tarde', 'noite'] as const;
export const ZPeriodOfDay = z.enum(PERIODS_OF_DAY, { error: 'Período inválido: manhã, tarde ou noite.' });
export type TPeriodOfDay = z.infer<typeof ZPeriodOfDay>;
export const PERIOD_OF_DAY_LABELS: Record<TPeriodOfDay, string> = {
  manha: 'Manhã',
  tarde: 'Tarde',
  noite: 'Noite',
};

export const ABSENCE_KINDS = ['ferias', 'ausencia', 'curso'] as const;
export const ZAbsenceKind = z.enum(ABSENCE_KINDS, { error: 'Tipo de ausência inválido.' });
export const ABSENCE_KIND_LABELS: Record<(typeof ABSENCE_KINDS)[number], string> = {
  ferias: 'Férias',
  ausencia: 'Ausência',
  curso: 'Curso ou congresso',
};

const ZId = (label: string) => z.string({ error: `${label}: informe.` }).uuid(`${label} inválido(a).`);
const ZInstant = (label: string) =>
  z
    .string({ error: `${label}: informe a data e a hora.` })
    .datetime({ offset: true, error: `${label}: data e hora inválidas.` });
export const ZClockTime = z
  .string({ error: 'Informe o horário.' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Horário inválido: use HH:mm (ex.: 08:30).');
export const ZLocalDate = z
  .string({ error: 'Informe a data.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Data inválida: use AAAA-MM-DD.');
const ZWeekday = z
  .number({ error: 'Dia da semana inválido.' })
  .int('Dia da semana inválido.')
  .min(0, 'Dia da semana inválido.')
  .max(6, 'Dia da semana inválido.');

// ── Resources ────────────────────────────────────────────────────────────────────────────────────

export const ZRoomInput = z.object({
  id: ZId('Sala').optional(),
  name: z
    .string({ error: 'Nome da sala: informe.' })
    .trim()
    .min(1, 'Nome da sala: informe.')
    .max(80, 'Nome da sala: no máximo 80 caracteres.'),
  roomType: ZRoomType,
  isActive: z.boolean().default(true),
});
export type TRoomInput = z.input<typeof ZRoomInput>;

export const ZEquipmentInput = z.object({
  id: ZId('Equipamento').optional(),
  name: z
    .string({ error: 'Nome do equipamento: informe.' })
    .trim()
    .min(1, 'Nome do equipamento: informe.')
    .max(80, 'Nome do equipamento: no máximo 80 caracteres.'),
  kind: ZEquipmentKind,
  isActive: z.boolean().default(true),
});
export type TEquipmentInput = z.input<typeof ZEquipmentInput>;

export const ZWeeklyRule = z
  .object({ weekday: ZWeekday, start: ZClockTime, end: ZClockTime })
  .refine((r) => r.start < r.end, { message: 'O horário final deve ser depois do inicial.', path: ['end'] });
export type TWeeklyRule = z.infer<typeof ZWeeklyRule>;

export const ZWorkingHoursInput = z.object({
  professionalId: ZId('Profissional'),
  hours: z.array(ZWeeklyRule).max(50, 'Horários: no máximo 50 faixas.'),
  breaks: z.array(ZWeeklyRule).max(50, 'Intervalos: no máximo 50 faixas.').default([]),
});
export type TWorkingHoursInput = z.input<typeof ZWorkingHoursInput>;

export const ZAbsenceInput = z
  .object({
    professionalId: ZId('Profissional'),
    kind: ZAbsenceKind,
    startsAt: ZInstant('Início'),
    endsAt: ZInstant('Fim'),
  })
  .refine((a) => Date.parse(a.startsAt) < Date.parse(a.endsAt), {
    message: 'Fim: deve ser depois do início.',
    path: ['endsAt'],
  });

export const ZClosureInput = z.object({
  date: ZLocalDate,
  reason: z
    .string({ error: 'Motivo: informe.' })
    .trim()
    .min(1, 'Motivo: informe.')
    .max(120, 'Motivo: no máximo 120 caracteres.'),
});

export const ZAgendaSettingsInput = z.object({
  lateCancellationHours: z
    .number()
    .int()
    .min(0, 'Janela de cancelamento: mínimo 0 h.')
    .max(168, 'Janela de cancelamento: no máximo 168 h.'),
  waitlistHoldMinutes: z
    .number()
    .int()
    .min(5, 'Reserva da lista de espera: mínimo 5 min.')
    .max(1440, 'Reserva da lista de espera: no máximo 24 h.'),
  slotStepMinutes: z
    .number()
    .int()
    .refine((n) => [5, 10, 15, 20, 30, 60].includes(n), 'Grade de horários: 5, 10, 15, 20, 30 ou 60 min.'),
  intervalPolicy: z.enum(['treatment', 'warn', 'block'], { error: 'Política de intervalo inválida.' }),
  closedOnNationalHolidays: z.boolean(),
});
export type TAgendaSettings = z.infer<typeof ZAgendaSettingsInput>;

export const ZAgendaResources = z.object({
  clinicId: z.string(),
  timeZone: z.string(),
  settings: ZAgendaSettingsInput,
  rooms: z.array(z.object({ id: z.string(), name: z.string(), roomType: ZRoomType, isActive: z.boolean() })),
  equipment: z.array(
    z.object({ id: z.string(), name: z.string(), kind: ZEquipmentKind, isActive: z.boolean() }),
  ),
  workingHours: z.array(
    z.object({ professionalId: z.string(), weekday: z.number(), start: z.string(), end: z.string() }),
  ),
  breaks: z.array(
    z.object({ professionalId: z.string(), weekday: z.number(), start: z.string(), end: z.string() }),
  ),
  absences: z.array(
    z.object({
      id: z.string(),
      professionalId: z.string(),
      kind: ZAbsenceKind,
      startsAt: z.string(),
      endsAt: z.string(),
    }),
  ),
  closures: z.array(z.object({ id: z.string(), date: z.string(), reason: z.string() })),
  professionals: z.array(z.object({ id: z.string(), fullName: z.string(), roles: z.array(z.string()) })),
});
export type TAgendaResources = z.infer<typeof ZAgendaResources>;

// ── Appointments ─────────────────────────────────────────────────────────────────────────────────

export const ZBookInput = z.object({
  clientId: ZId('Cliente'),
  treatmentId: ZId('Tratamento'),
  professionalId: ZId('Profissional'),
  /** Omitted: the first free room of the treatment's type is chosen. */
  roomId: ZId('Sala').nullish(),
  /** Omitted: one free device of each kind the treatment needs is chosen. */
  equipmentIds: z.array(ZId('Equipamento')).max(8).optional(),
  startsAt: ZInstant('Início'),
  channel: ZBookingChannel.default('recepcao'),
  /** `revisao`: the review after a session (the follow-up card books it so). */
  purpose: ZAppointmentPurpose.default('sessao'),
  notes: z.string().trim().max(500, 'Observações: no máximo 500 caracteres.').default(''),
  /** The user saw the warnings (interval, competence qualification) and books anyway. */
  acknowledgeWarnings: z.boolean().default(false),
});
export type TBookInput = z.input<typeof ZBookInput>;

export const ZMoveInput = z.object({
  appointmentId: ZId('Atendimento'),
  startsAt: ZInstant('Início'),
  professionalId: ZId('Profissional').optional(),
  roomId: ZId('Sala').nullish(),
  version: z.number().int().optional(),
  acknowledgeWarnings: z.boolean().default(false),
});
export type TMoveInput = z.input<typeof ZMoveInput>;

export const ZCancelInput = z.object({
  appointmentId: ZId('Atendimento'),
  by: ZCancelledBy,
  reason: z
    .string({ error: 'Motivo: informe.' })
    .trim()
    .min(1, 'Motivo: informe.')
    .max(300, 'Motivo: no máximo 300 caracteres.'),
  version: z.number().int().optional(),
});

export const ZTransitionInput = z.object({
  appointmentId: ZId('Atendimento'),
  to: z.enum(['confirmado', 'chegou', 'em_atendimento', 'concluido', 'faltou'], {
    error: 'Situação inválida: use cancelar ou remarcar para essas mudanças.',
  }),
  version: z.number().int().optional(),
});

export const ZWarning = z.object({
  kind: z.enum(['interval', 'competence', 'contraindication']),
  severity: z.enum(['hard', 'warn']),
  message: z.string(),
});
export type TWarning = z.infer<typeof ZWarning>;

export const ZAppointment = z.object({
  id: z.string(),
  clinicId: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  treatmentId: z.string(),
  treatmentName: z.string(),
  professionalId: z.string(),
  professionalName: z.string(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  equipmentIds: z.array(z.string()),
  seriesId: z.string().nullable(),
  status: ZAppointmentStatus,
  startsAt: z.string(),
  serviceEndsAt: z.string(),
  endsAt: z.string(),
  channel: ZBookingChannel,
  purpose: ZAppointmentPurpose,
  notes: z.string(),
  cancelledBy: z.enum(CANCELLED_BY).nullable(),
  cancellationReason: z.string().nullable(),
  cancelledLate: z.boolean().nullable(),
  rescheduledFrom: z.string().nullable(),
  rescheduleCount: z.number(),
  version: z.number(),
  /**
   * The stored no-show score of an open appointment (issue 8); null when unscored or closed
   * (cancelado, concluido, faltou, remarcado…).
   */
  risk: ZAppointmentRisk.nullable(),
});
export type TAppointment = z.infer<typeof ZAppointment>;

export const ZBookResult = z.object({ appointment: ZAppointment, warnings: z.array(ZWarning) });

export const ZAgendaRangeInput = z.object({
  clinicId: ZId('Clínica').optional(),
  /** Local date (clinic zone) of the day, or of any day in the week (weeks start on Monday). */
  date: ZLocalDate,
  professionalId: ZId('Profissional').optional(),
  includeFreed: z.boolean().default(false),
});

export const ZAgendaView = z.object({
  clinicId: z.string(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(z.string()),
  appointments: z.array(ZAppointment),
});

// ── No-show panel (issue 8) ──────────────────────────────────────────────────────────────────────

export const ZNoShowPanelInput = z.object({
  clinicId: ZId('Clínica').optional(),
  /** Local date in the clinic's zone; default: tomorrow. */
  date: ZLocalDate.optional(),
});

export const ZNoShowPanelItem = z.object({ appointment: ZAppointment, actions: z.array(ZRiskActionItem) });
export type TNoShowPanelItem = z.infer<typeof ZNoShowPanelItem>;

/** The day's open appointments whose band is 'alto' or 'medio', highest score first. */
export const ZNoShowPanel = z.object({
  date: z.string(),
  clinicId: z.string(),
  timeZone: z.string(),
  items: z.array(ZNoShowPanelItem),
});
export type TNoShowPanel = z.infer<typeof ZNoShowPanel>;

export const ZNoShowActInput = z.object({
  actionId: ZId('Ação'),
  decision: z.enum(['do', 'dismiss'], { error: 'Decisão inválida: use fazer ou dispensar.' }),
});
export type TNoShowActInput = z.infer<typeof ZNoShowActInput>;

// ── Availability ─────────────────────────────────────────────────────────────────────────────────

export const ZAvailabilityInput = z.object({
  treatmentId: ZId('Tratamento'),
  professionalId: ZId('Profissional').optional(),
  clientId: ZId('Cliente').optional(),
  clinicId: ZId('Clínica').optional(),
  periodOfDay: ZPeriodOfDay.optional(),
  /** `revisao`: times for a review, which the minimum interval between applications does not hold. */
  purpose: ZAppointmentPurpose.optional(),
  from: ZInstant('A partir de').optional(),
  horizonWeeks: z
    .number()
    .int()
    .min(1, 'Horizonte: mínimo 1 semana.')
    .max(26, 'Horizonte: no máximo 26 semanas.')
    .default(4),
  limit: z.number().int().min(1).max(50, 'No máximo 50 sugestões.').default(10),
});

export const ZSlot = z.object({
  startsAt: z.string(),
  endsAt: z.string(),
  professionalId: z.string(),
  professionalName: z.string(),
  roomId: z.string().nullable(),
  equipmentIds: z.array(z.string()),
});

// ── Series ───────────────────────────────────────────────────────────────────────────────────────

export const ZBookSeriesInput = z.object({
  clientId: ZId('Cliente'),
  treatmentId: ZId('Tratamento'),
  professionalId: ZId('Profissional'),
  roomId: ZId('Sala').nullish(),
  firstStartsAt: ZInstant('Primeira sessão'),
  count: z.number().int().min(2, 'Sessões: mínimo 2.').max(52, 'Sessões: no máximo 52.'),
  everyDays: z.number().int().min(1, 'Intervalo: mínimo 1 dia.').max(365, 'Intervalo: no máximo 365 dias.'),
  channel: ZBookingChannel.default('recepcao'),
  acknowledgeWarnings: z.boolean().default(false),
});

export const ZSeriesResult = z.object({
  seriesId: z.string(),
  appointments: z.array(ZAppointment),
  warnings: z.array(ZWarning),
});

// ── Waitlist ─────────────────────────────────────────────────────────────────────────────────────

export const ZWaitlistWindow = z.object({
  weekdays: z.array(ZWeekday).max(7).default([]),
  period: ZPeriodOfDay.nullable().default(null),
});

export const ZWaitlistAddInput = z.object({
  clientId: ZId('Cliente'),
  treatmentId: ZId('Tratamento'),
  professionalId: ZId('Profissional').optional(),
  windows: z.array(ZWaitlistWindow).max(14).default([]),
  notBefore: ZInstant('A partir de').optional(),
});

export const ZWaitlistEntry = z.object({
  id: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  treatmentId: z.string(),
  treatmentName: z.string(),
  professionalId: z.string().nullable(),
  windows: z.array(z.object({ weekdays: z.array(z.number()), period: ZPeriodOfDay.nullable() })),
  status: z.enum(['aguardando', 'oferta_pendente', 'agendada', 'removida']),
  createdAt: z.string(),
  offer: z
    .object({
      id: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      professionalId: z.string(),
      expiresAt: z.string(),
      status: z.enum(['pendente', 'aceita', 'recusada', 'expirada']),
    })
    .nullable(),
});
export type TWaitlistEntry = z.infer<typeof ZWaitlistEntry>;

export const ZCancelSeriesInput = z.object({
  seriesId: z.string({ error: 'Série: informe.' }).uuid('Série inválida.'),
  by: ZCancelledBy,
  reason: z
    .string({ error: 'Motivo: informe.' })
    .trim()
    .min(1, 'Motivo: informe.')
    .max(300, 'Motivo: no máximo 300 caracteres.'),
  /** Cancel occurrences from this instant on (default: now). */
  from: z.string().datetime({ offset: true, error: 'A partir de: data e hora inválidas.' }).optional(),
});

export const ZSeriesView = z.object({
  id: z.string(),
  status: z.enum(['ativa', 'cancelada']),
  sessionCount: z.number(),
  everyDays: z.number(),
  appointments: z.array(ZAppointment),
  localDates: z.array(z.string()),
});
