import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { treatments } from './catalog';
import { clients } from './clients';
import { users } from './identity';
import { lots, products } from './inventory';
import { clinics, organizations } from './organizations';
import { appointments } from './scheduling';

/**
 * Treatment sessions (atendimentos, issue 7): the clinical record of one procedure. A session starts
 * as a draft from a checked-in appointment, is filled in during the procedure and is signed by the
 * responsible professional. Once signed, the trigger of migration 0021 refuses any UPDATE or DELETE
 * of the session and of its points and products; corrections are signed addenda.
 *
 * Health data (notes, complications, addendum text) is sealed with the keyring; the associated data
 * names the row, so a sealed value cannot be moved to another record.
 */
export const treatmentSessions = pgTable(
  'treatment_sessions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    appointmentId: uuid()
      .notNull()
      .references(() => appointments.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    professionalId: uuid()
      .notNull()
      .references(() => users.id),
    treatmentId: uuid()
      .notNull()
      .references(() => treatments.id),
    /** draft | signed */
    status: text().notNull().default('draft'),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    /** Pre-session checklist (TSessionChecklist): what was checked, by whom, when. No health text. */
    checklist: jsonb().notNull().default(sql`'{}'::jsonb`),
    /** Treated areas (codes). */
    areas: text().array().notNull().default(sql`'{}'::text[]`),
    /** agulha | canula | ponteira | manual | outro */
    technique: text(),
    /** Device parameters: { name, value, unit }[] (wavelength, fluence, pulse, passes…). */
    deviceParameters: jsonb().notNull().default(sql`'[]'::jsonb`),
    /** { complications, notes } sealed (health data). */
    clinicalSealed: text(),
    painScore: integer(),
    postCareGiven: text(),
    /** The hard-contraindication override, when a physician recorded one (justification sealed). */
    overrideBy: uuid().references(() => users.id),
    overrideAt: timestamp({ withTimezone: true }),
    overrideSealed: text(),
    signedAt: timestamp({ withTimezone: true }),
    signedBy: uuid().references(() => users.id),
    /** SHA-256 (hex) of the canonical JSON of the signed content. */
    contentHash: text(),
    /** Licence at the moment of signing: council, number, UF, status. */
    licenceCouncil: text(),
    licenceNumber: text(),
    licenceUf: text(),
    licenceStatus: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('treatment_sessions_appointment_unique').on(t.appointmentId),
    index('treatment_sessions_client_idx').on(t.organizationId, t.clientId, t.startedAt),
    check('treatment_sessions_status', sql`${t.status} in ('draft', 'signed')`),
    check('treatment_sessions_pain', sql`${t.painScore} is null or ${t.painScore} between 0 and 10`),
    check(
      'treatment_sessions_signed_complete',
      sql`${t.status} = 'draft' or (${t.signedAt} is not null and ${t.signedBy} is not null and ${t.contentHash} is not null)`,
    ),
  ],
);

/** Injection points on a standard diagram; x/y normalised 0–1 (origin top left). */
export const sessionInjectionPoints = pgTable(
  'session_injection_points',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    sessionId: uuid()
      .notNull()
      .references(() => treatmentSessions.id),
    /** SESSION_DIAGRAMS: face_frontal | face_perfil | corpo_frontal | corpo_posterior */
    diagram: text().notNull(),
    x: numeric({ precision: 6, scale: 5, mode: 'number' }).notNull(),
    y: numeric({ precision: 6, scale: 5, mode: 'number' }).notNull(),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    lotId: uuid().references(() => lots.id),
    quantity: numeric({ precision: 12, scale: 3, mode: 'number' }).notNull(),
    /** U | mL */
    unit: text().notNull(),
    /** intradermico | subcutaneo | supraperiosteal | intramuscular */
    depth: text(),
    dilution: text(),
    position: integer().notNull(),
  },
  (t) => [
    index('session_injection_points_session_idx').on(t.sessionId),
    check('session_injection_points_xy', sql`${t.x} between 0 and 1 and ${t.y} between 0 and 1`),
    check('session_injection_points_quantity', sql`${t.quantity} > 0`),
  ],
);

/** Products used, with lot and quantity; `movement_ids` are the stock-ledger uses drawn at signing. */
export const sessionProducts = pgTable(
  'session_products',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    sessionId: uuid()
      .notNull()
      .references(() => treatmentSessions.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    lotId: uuid().references(() => lots.id),
    quantity: numeric({ precision: 12, scale: 3, mode: 'number' }).notNull(),
    movementIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    position: integer().notNull(),
  },
  (t) => [
    index('session_products_session_idx').on(t.sessionId),
    index('session_products_lot_idx').on(t.lotId),
    check('session_products_quantity', sql`${t.quantity} > 0`),
  ],
);

/** Signed corrections of a signed session. Append-only (no UPDATE/DELETE, trigger of 0021). */
export const sessionAddenda = pgTable(
  'session_addenda',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    sessionId: uuid()
      .notNull()
      .references(() => treatmentSessions.id),
    textSealed: text().notNull(),
    signedAt: timestamp({ withTimezone: true }).notNull(),
    signedBy: uuid()
      .notNull()
      .references(() => users.id),
    contentHash: text().notNull(),
    licenceCouncil: text(),
    licenceNumber: text(),
    licenceUf: text(),
    licenceStatus: text(),
  },
  (t) => [index('session_addenda_session_idx').on(t.sessionId, t.signedAt)],
);
