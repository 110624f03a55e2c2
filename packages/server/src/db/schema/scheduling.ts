import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { treatments } from './catalog';
import { clients } from './clients';
import { users } from './identity';
import { clinics, organizations } from './organizations';

/**
 * The agenda (issue 6). Every instant is timestamptz; wall-clock rules (working hours, breaks) are
 * 'HH:mm' in the clinic's IANA zone (clinics.time_zone). Double booking is impossible by construction:
 * exclusion constraints (btree_gist, migration 0017) on the generated `during` ranges refuse two live
 * appointments of the same professional, room or client, or two uses of the same device, that overlap.
 * Cancelled, no-show and rescheduled appointments free their slot.
 */
const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

export const rooms = pgTable(
  'rooms',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    name: text().notNull(),
    /** ROOM_TYPES (contracts/resources.ts). */
    roomType: text().notNull(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('rooms_clinic_name_unique').on(t.clinicId, t.name)],
);

/** A device. Not bound to a room: a laser moves between rooms and is booked on its own. */
export const equipment = pgTable(
  'equipment',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    name: text().notNull(),
    /** EQUIPMENT_KINDS (contracts/resources.ts). */
    kind: text().notNull(),
    isActive: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('equipment_clinic_name_unique').on(t.clinicId, t.name)],
);

/** Weekly working hours of a professional in a clinic (several rows per weekday allowed). */
export const workingHours = pgTable(
  'working_hours',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    professionalId: uuid()
      .notNull()
      .references(() => users.id),
    /** 0 = Sunday … 6 = Saturday. */
    weekday: integer().notNull(),
    /** 'HH:mm' wall clock in the clinic's zone. */
    startTime: text().notNull(),
    endTime: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('working_hours_clinic_professional_idx').on(t.clinicId, t.professionalId),
    check('working_hours_weekday', sql`${t.weekday} between 0 and 6`),
    check('working_hours_order', sql`${t.startTime} < ${t.endTime}`),
  ],
);

/** Recurring weekly breaks (lunch…), subtracted from working hours. */
export const workingBreaks = pgTable(
  'working_breaks',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    professionalId: uuid()
      .notNull()
      .references(() => users.id),
    weekday: integer().notNull(),
    startTime: text().notNull(),
    endTime: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('working_breaks_clinic_professional_idx').on(t.clinicId, t.professionalId),
    check('working_breaks_weekday', sql`${t.weekday} between 0 and 6`),
    check('working_breaks_order', sql`${t.startTime} < ${t.endTime}`),
  ],
);

/** Absences and vacations: the professional cannot be booked in [startsAt, endsAt) in any clinic. */
export const professionalAbsences = pgTable(
  'professional_absences',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    professionalId: uuid()
      .notNull()
      .references(() => users.id),
    /** ferias | ausencia | curso */
    kind: text().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('professional_absences_professional_idx').on(t.professionalId, t.startsAt),
    check('professional_absences_order', sql`${t.startsAt} < ${t.endsAt}`),
  ],
);

/** Clinic-specific closures (local dates), on top of the national holidays. */
export const clinicClosures = pgTable(
  'clinic_closures',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    date: date().notNull(),
    reason: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('clinic_closures_clinic_date_unique').on(t.clinicId, t.date)],
);

/** Agenda settings of a clinic (one row, created on first write; defaults apply without it). */
export const agendaSettings = pgTable('agenda_settings', {
  clinicId: uuid()
    .primaryKey()
    .references(() => clinics.id),
  organizationId: uuid()
    .notNull()
    .references(() => organizations.id),
  /** A cancellation less than this many hours before the start is flagged late. */
  lateCancellationHours: integer().notNull().default(24),
  /** How long a waitlist offer holds a freed slot. */
  waitlistHoldMinutes: integer().notNull().default(30),
  /** Grid of candidate starts for availability search. */
  slotStepMinutes: integer().notNull().default(15),
  /** treatment (each treatment's own warn/block) | warn | block: minimum interval between sessions. */
  intervalPolicy: text().notNull().default('treatment'),
  /** Honour Brazilian national holidays as closures. */
  closedOnNationalHolidays: boolean().notNull().default(true),
  /** Secret of the professionals' ICS feeds (rotating it invalidates every feed link). */
  icsSecret: text().notNull().default(sql`encode(gen_random_bytes(24), 'hex')`),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A course of sessions booked together (e.g. 6 sessions every 15 days); each one is an appointment. */
export const appointmentSeries = pgTable('appointment_series', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  organizationId: uuid()
    .notNull()
    .references(() => organizations.id),
  clinicId: uuid()
    .notNull()
    .references(() => clinics.id),
  clientId: uuid()
    .notNull()
    .references(() => clients.id),
  treatmentId: uuid()
    .notNull()
    .references(() => treatments.id),
  sessionCount: integer().notNull(),
  everyDays: integer().notNull(),
  /** ativa | cancelada */
  status: text().notNull().default('ativa'),
  createdBy: uuid(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const appointments = pgTable(
  'appointments',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    treatmentId: uuid()
      .notNull()
      .references(() => treatments.id),
    professionalId: uuid()
      .notNull()
      .references(() => users.id),
    roomId: uuid().references(() => rooms.id),
    seriesId: uuid().references(() => appointmentSeries.id),
    /** APPOINTMENT_STATUSES (contracts/scheduling.ts). */
    status: text().notNull().default('agendado'),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    /** Start + duration + buffer: the whole range the resources are blocked. */
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** The treatment's own end (without the buffer), shown to the client. */
    serviceEndsAt: timestamp({ withTimezone: true }).notNull(),
    during: tstzrange().notNull().generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    /** recepcao | telefone | whatsapp | online | lista_espera */
    bookedChannel: text().notNull().default('recepcao'),
    /**
     * APPOINTMENT_PURPOSES: `sessao` applies the treatment; `revisao` is the review after it (the
     * 15-day toxin check), which the treatment's minimum interval between applications does not
     * govern and which does not count as an application either.
     */
    purpose: text().notNull().default('sessao'),
    notes: text().notNull().default(''),
    cancellationReason: text(),
    /** cliente | clinica */
    cancelledBy: text(),
    cancelledLate: boolean(),
    cancelledAt: timestamp({ withTimezone: true }),
    rescheduledFrom: uuid(),
    rescheduleCount: integer().notNull().default(0),
    /** The waitlist offer this appointment holds (status reservado) or came from. */
    waitlistOfferId: uuid(),
    createdBy: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('appointments_clinic_starts_idx').on(t.clinicId, t.startsAt),
    index('appointments_professional_starts_idx').on(t.professionalId, t.startsAt),
    index('appointments_client_starts_idx').on(t.clientId, t.startsAt),
    index('appointments_series_idx').on(t.seriesId),
    check(
      'appointments_order',
      sql`${t.startsAt} < ${t.serviceEndsAt} and ${t.serviceEndsAt} <= ${t.endsAt}`,
    ),
    check('appointments_purpose', sql`${t.purpose} in ('sessao','revisao')`),
    check(
      'appointments_status',
      sql`${t.status} in ('reservado','agendado','confirmado','chegou','em_atendimento','concluido','cancelado','faltou','remarcado')`,
    ),
  ],
);

/** Devices booked by an appointment; range and status are copied from it by a trigger (0017). */
export const appointmentEquipment = pgTable(
  'appointment_equipment',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    appointmentId: uuid()
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    equipmentId: uuid()
      .notNull()
      .references(() => equipment.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    during: tstzrange().notNull().generatedAlwaysAs(sql`tstzrange(starts_at, ends_at, '[)')`),
    status: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.appointmentId, t.equipmentId] }),
    index('appointment_equipment_equipment_idx').on(t.equipmentId, t.startsAt),
  ],
);

/** Every status change, with who and why (append-only). */
export const appointmentStatusHistory = pgTable(
  'appointment_status_history',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    appointmentId: uuid()
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    fromStatus: text(),
    toStatus: text().notNull(),
    changedBy: uuid(),
    /** recepcao | whatsapp | sistema | lista_espera */
    source: text().notNull(),
    note: text(),
    changedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('appointment_status_history_appointment_idx').on(t.appointmentId, t.changedAt)],
);

/** A time window a waiting client accepts: weekdays and a period of the day (or any). */
export type WaitlistWindow = { weekdays: number[]; period: 'manha' | 'tarde' | 'noite' | null };

export const waitlistEntries = pgTable(
  'waitlist_entries',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    treatmentId: uuid()
      .notNull()
      .references(() => treatments.id),
    professionalId: uuid().references(() => users.id),
    windows: jsonb().$type<WaitlistWindow[]>().notNull().default([]),
    /** aguardando | oferta_pendente | agendada | removida */
    status: text().notNull().default('aguardando'),
    /** Book no earlier than this (e.g. the minimum interval since the last session). */
    notBefore: timestamp({ withTimezone: true }),
    appointmentId: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('waitlist_entries_clinic_status_idx').on(t.clinicId, t.status, t.createdAt)],
);

export const waitlistOffers = pgTable(
  'waitlist_offers',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    entryId: uuid()
      .notNull()
      .references(() => waitlistEntries.id),
    /** The appointment that was cancelled and freed the slot. */
    sourceAppointmentId: uuid(),
    /** The held appointment (status reservado) while pending; the booked one once accepted. */
    appointmentId: uuid(),
    professionalId: uuid().notNull(),
    roomId: uuid(),
    equipmentIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** pendente | aceita | recusada | expirada */
    status: text().notNull().default('pendente'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    respondedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('waitlist_offers_status_expires_idx').on(t.status, t.expiresAt),
    index('waitlist_offers_entry_idx').on(t.entryId),
  ],
);
