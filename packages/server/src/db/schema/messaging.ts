import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { clinics, organizations } from './organizations';

/**
 * Messaging: the transactional outbox (which is also the job queue: rows are claimed with
 * FOR UPDATE SKIP LOCKED under a lease, see docs/architecture.md "Messaging"), provider status
 * events, inbound replies, templates and each clinic's reminder plan. No recipient address and no
 * variable value is stored in the clear: the recipient is resolved from the sealed client record at
 * send time, the variables are sealed, and the recipient's blind index links inbound replies.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
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
    /** The appointment it is about, when any (scheduling owns the table; no foreign key across modules). */
    appointmentId: uuid(),
    /** Template key: lembrete_consulta, pedido_confirmacao, oferta_vaga, aviso_recolhimento, ... or texto_livre. */
    kind: text().notNull(),
    /** care | marketing: which consent family allows it. */
    purpose: text().notNull(),
    /** whatsapp | email */
    channel: text().notNull(),
    /**
     * queued → sending → accepted → sent → delivered → read; failed (provider refused), dead
     * (retries exhausted), skipped (not allowed any more: consent, quiet rule, appointment gone),
     * cancelled (superseded by the event that caused it).
     */
    status: text().notNull().default('queued'),
    /** Unique per organisation: enqueuing the same event twice, or retrying, never makes a second message. */
    idempotencyKey: text().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull().default(6),
    leaseOwner: text(),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    /** Template variables, sealed (names, dates and places are personal data). */
    payloadSealed: text().notNull(),
    /** Blind index of the recipient's number or address, to link replies. */
    recipientIndex: text(),
    providerMessageId: text(),
    /** The consent event that allowed the send, and the version of the text it granted. */
    consentEventId: uuid(),
    consentVersion: integer(),
    /** A code, never a provider message with personal data in it. */
    lastError: text(),
    /** What caused it (appointment.booked, waitlist.offer, manual, ...). */
    sourceEvent: text().notNull(),
    /** For waitlist offers: the slot is held until then. */
    holdUntil: timestamp({ withTimezone: true }),
    /** The message this one replaces (e-mail fallback after a WhatsApp failure). */
    fallbackOf: uuid(),
    sentAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    readAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('outbox_messages_org_idempotency_unique').on(t.organizationId, t.idempotencyKey),
    unique('outbox_messages_provider_id_unique').on(t.providerMessageId),
    index('outbox_messages_claim_idx').on(t.status, t.nextAttemptAt),
    index('outbox_messages_client_idx').on(t.organizationId, t.clientId, t.createdAt),
    index('outbox_messages_appointment_idx').on(t.organizationId, t.appointmentId),
    index('outbox_messages_recipient_idx').on(t.recipientIndex, t.createdAt),
  ],
);

/** Provider status callbacks, deduplicated on (provider id, status); the message keeps the highest. */
export const messageStatusEvents = pgTable(
  'message_status_events',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    messageId: uuid()
      .notNull()
      .references(() => outboxMessages.id),
    providerMessageId: text().notNull(),
    status: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    errorCode: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('message_status_events_dedupe').on(t.providerMessageId, t.status)],
);

/** Replies from clients (WhatsApp), with how they were understood. The text itself is sealed. */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    /** The outbound message it answers (the latest one to that number), when any. */
    inReplyTo: uuid(),
    appointmentId: uuid(),
    providerMessageId: text().notNull(),
    channel: text().notNull(),
    /** confirm | cancel | stop | other */
    intent: text().notNull(),
    /** What the reply did: confirmed, cancelled, opted_out, none. */
    outcome: text().notNull(),
    bodySealed: text(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('inbound_messages_provider_id_unique').on(t.providerMessageId),
    index('inbound_messages_client_idx').on(t.organizationId, t.clientId, t.receivedAt),
  ],
);

/**
 * Message templates per organisation, key and channel. For WhatsApp the body mirrors the template
 * approved by Meta (name and language sent to the Graph API, positional variables {{1}}, {{2}}...);
 * for e-mail, subject and body are rendered here. Every change bumps the version and is audited.
 */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    key: text().notNull(),
    channel: text().notNull(),
    /** utility | marketing (Meta's categories; marketing needs the marketing opt-in). */
    category: text().notNull(),
    providerTemplateName: text(),
    language: text().notNull().default('pt_BR'),
    subject: text(),
    body: text().notNull(),
    /** Variable names in order ({{1}} is variables[0]). */
    variables: jsonb().$type<string[]>().notNull(),
    version: integer().notNull().default(1),
    updatedBy: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('message_templates_org_key_channel_unique').on(t.organizationId, t.key, t.channel)],
);

/** Each clinic's reminder plan and quiet hours (in the clinic's time zone). */
export const reminderPlans = pgTable('reminder_plans', {
  clinicId: uuid()
    .primaryKey()
    .references(() => clinics.id),
  organizationId: uuid()
    .notNull()
    .references(() => organizations.id),
  /** Hours before the appointment for each reminder, e.g. [48, 24]. */
  reminderHours: jsonb().$type<number[]>().notNull(),
  /** Extra confirmation request for high no-show risk, hours before; null = none. */
  highRiskConfirmationHours: integer(),
  /** Post-care instructions this many hours after a session ends. */
  postCareDelayHours: integer().notNull().default(2),
  /** Follow-up reminder this many days after a session, when the treatment calls for one. */
  followUpDays: integer().notNull().default(30),
  /** How long a waitlist offer holds the slot. */
  waitlistHoldMinutes: integer().notNull().default(120),
  /** No messages between quietStart and quietEnd (HH:mm, clinic time). */
  quietStart: text().notNull().default('20:00'),
  quietEnd: text().notNull().default('08:00'),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
