import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { organizations } from './organizations';

/** Professional licences (council registrations) and their verification history. */
export const professionalLicences = pgTable(
  'professional_licences',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    council: text().notNull(),
    number: text().notNull(),
    uf: text().notNull(),
    specialties: text().array().notNull().default(sql`'{}'::text[]`),
    rqe: text().array().notNull().default(sql`'{}'::text[]`),
    /** pendente | ativa | irregular | nao_encontrada | erro_verificacao */
    status: text().notNull().default('pendente'),
    situation: text(),
    situationLabel: text(),
    /** cfm_ws | manual */
    verificationMethod: text(),
    lastCheckedAt: timestamp({ withTimezone: true }),
    verifiedAt: timestamp({ withTimezone: true }),
    manualProof: text(),
    manualVerifierUserId: uuid(),
    manualVerifiedOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('professional_licences_org_council_number_uf_unique').on(
      t.organizationId,
      t.council,
      t.number,
      t.uf,
    ),
    index('professional_licences_user_idx').on(t.userId),
  ],
);

export const licenceChecks = pgTable(
  'licence_checks',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    licenceId: uuid()
      .notNull()
      .references(() => professionalLicences.id),
    checkedAt: timestamp({ withTimezone: true }).notNull(),
    source: text().notNull(),
    outcome: text().notNull(),
    situation: text(),
    /** The registry's raw answer, kept as evidence. */
    raw: text(),
  },
  (t) => [index('licence_checks_licence_idx').on(t.licenceId, t.checkedAt)],
);

/**
 * Which profession may perform which procedure category. Versioned: a change creates a new version;
 * the active one decides. Seeded from REGULATION.md 3.2; contested in court, so admins may change it.
 */
export const competencePolicyVersions = pgTable(
  'competence_policy_versions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    version: integer().notNull(),
    note: text().notNull(),
    isActive: boolean().notNull().default(false),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('competence_policy_versions_org_version_unique').on(t.organizationId, t.version)],
);

export const competenceRules = pgTable(
  'competence_rules',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    versionId: uuid()
      .notNull()
      .references(() => competencePolicyVersions.id),
    role: text().notNull(),
    category: text().notNull(),
    /** permitido | requer_habilitacao | proibido */
    decision: text().notNull(),
    citation: text().notNull(),
  },
  (t) => [unique('competence_rules_version_role_category_unique').on(t.versionId, t.role, t.category)],
);
