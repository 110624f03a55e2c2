import { sql } from 'drizzle-orm';
import {
  doublePrecision,
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
import { clinics, organizations } from './organizations';

/**
 * No-show prediction (issue 8): model versions and their training runs, the latest risk score of
 * each appointment, the action policy by risk band and the actions planned for each appointment with
 * their outcome (treated or holdout group).
 *
 * Appointments belong to the scheduling module: `appointment_id` columns are plain uuids with no
 * foreign key yet (scheduling adds the table; a later migration may add the constraint). Nothing here
 * holds personal data in the clear: scores and factors describe the booking, not the person.
 */
export const modelVersions = pgTable(
  'model_versions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** Null: trained on the whole organisation. */
    clinicId: uuid().references(() => clinics.id),
    /** 1, 2, 3 … per organisation. */
    version: integer().notNull(),
    trainingRunId: uuid(),
    /** gbt | logistic | base_rates */
    method: text().notNull(),
    windowFrom: timestamp({ withTimezone: true }),
    windowTo: timestamp({ withTimezone: true }),
    featureSchemaVersion: integer().notNull(),
    /** Training summary, holdout metrics of this version and of the version it was compared with, calibration curve. */
    metrics: jsonb().notNull(),
    /** candidate → promoted → retired; a candidate that lost the comparison stays candidate. */
    status: text().notNull().default('candidate'),
    /** The serialised NoShowModel (learner, calibrator, vocabulary, base rates). */
    model: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp({ withTimezone: true }),
    retiredAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('model_versions_org_version_unique').on(t.organizationId, t.version),
    index('model_versions_status_idx').on(t.organizationId, t.status),
  ],
);

export const trainingRuns = pgTable(
  'training_runs',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid().references(() => clinics.id),
    /** queued → running → succeeded | failed */
    state: text().notNull().default('queued'),
    /** loading | features | fitting | calibrating | evaluating | done */
    phase: text().notNull().default('queued'),
    /** 0 … 1 */
    progress: doublePrecision().notNull().default(0),
    /** manual | scheduled */
    trigger: text().notNull(),
    requestedBy: uuid(),
    modelVersionId: uuid(),
    /** promoted | kept_previous | first_version, once finished. */
    decision: text(),
    /** A code, never a message with data in it. */
    errorCode: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('training_runs_org_created_idx').on(t.organizationId, t.createdAt)],
);

export const appointmentRiskScores = pgTable(
  'appointment_risk_scores',
  {
    /** The scheduling module's appointment (no foreign key yet, see above). */
    appointmentId: uuid().notNull(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    /** Calibrated no-show probability. */
    score: doublePrecision().notNull(),
    /** baixo | medio | alto */
    band: text().notNull(),
    /** [{ feature, contribution, direction, text }] in pt-BR. */
    factors: jsonb().notNull(),
    /** Null when the prior base rates were used (no version trained yet). */
    modelVersionId: uuid(),
    computedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.appointmentId] }),
    index('appointment_risk_scores_band_idx').on(t.organizationId, t.band),
  ],
);

export const riskActionPolicies = pgTable('risk_action_policies', {
  organizationId: uuid()
    .primaryKey()
    .references(() => organizations.id),
  /** TRiskActionPolicy (contracts/prediction.ts). */
  policy: jsonb().notNull(),
  updatedBy: uuid(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const riskActions = pgTable(
  'risk_actions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    appointmentId: uuid().notNull(),
    /** confirmation_request | deposit_intent | waitlist_suggestion | overbooking_suggestion */
    action: text().notNull(),
    band: text().notNull(),
    score: doublePrecision().notNull(),
    /** treated | holdout, from a hash of the appointment id (stable across re-scoring). */
    assignment: text().notNull(),
    /** planned (treated) | withheld (holdout) | done | dismissed */
    status: text().notNull(),
    /** pt-BR line shown next to the action ("Pedido extra de confirmação agendado para 3 dias antes"). */
    detail: text(),
    /** Who did or dismissed it (null: the system, e.g. the extra confirmation queued at booking). */
    doneBy: uuid(),
    doneAt: timestamp({ withTimezone: true }),
    /** attended | no_show | cancelled, once known. */
    outcome: text(),
    outcomeAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('risk_actions_org_appointment_action_unique').on(t.organizationId, t.appointmentId, t.action),
    index('risk_actions_action_idx').on(t.organizationId, t.action, t.assignment),
  ],
);
