import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { organizations } from './organizations';

/**
 * The register of security incidents with personal data (LGPD art. 48, Res. CD/ANPD 15/2024): kept at
 * least five years, so the application may insert and update but never delete.
 */
export const securityIncidents = pgTable(
  'security_incidents',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** When the controller learned of it: the communication deadline counts from here. */
    knownAt: timestamp({ withTimezone: true }).notNull(),
    occurredAt: timestamp({ withTimezone: true }),
    /** { description, measures, conclusion } sealed: an account of an incident may name people. */
    detailsSealed: text().notNull(),
    dataCategories: text().array().notNull(),
    subjectsAffected: integer(),
    significantImpact: boolean().notNull(),
    criteria: text().array().notNull(),
    reportable: boolean().notNull(),
    /** aberto | comunicado | encerrado */
    status: text().notNull().default('aberto'),
    dueAt: timestamp({ withTimezone: true }),
    anpdCommunicatedAt: timestamp({ withTimezone: true }),
    anpdProtocol: text(),
    subjectsCommunicatedAt: timestamp({ withTimezone: true }),
    supplementDueAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('security_incidents_org_status_idx').on(t.organizationId, t.status, t.dueAt),
    check('security_incidents_status_check', sql`${t.status} in ('aberto', 'comunicado', 'encerrado')`),
    check('security_incidents_due_when_reportable', sql`${t.reportable} = (${t.dueAt} is not null)`),
  ],
);
