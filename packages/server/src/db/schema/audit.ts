import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only audit trail, hash-chained per organisation (seq 1, 2, 3… per organization_id; each row
 * stores prev_hash and the SHA-256 of its canonical content). Triggers in the migrations refuse UPDATE,
 * DELETE and TRUNCATE. Personal values never go here: only names of changed fields.
 * Events without a tenant (boot, platform operations) use the nil UUID organisation.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid().notNull(),
    seq: bigint({ mode: 'number' }).notNull(),
    occurredAt: timestamp({ withTimezone: true, precision: 3 }).notNull(),
    actorUserId: uuid(),
    actorRole: text(),
    clinicId: uuid(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    changedFields: text().array().notNull().default(sql`'{}'::text[]`),
    outcome: text().notNull(),
    ip: text(),
    userAgent: text(),
    requestId: text(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    unique('audit_events_org_seq_unique').on(t.organizationId, t.seq),
    index('audit_events_entity_idx').on(t.organizationId, t.entityType, t.entityId, t.occurredAt),
    index('audit_events_actor_idx').on(t.organizationId, t.actorUserId, t.occurredAt),
    check('audit_events_outcome_check', sql`${t.outcome} in ('success', 'denied', 'failure')`),
    check('audit_events_seq_positive', sql`${t.seq} > 0`),
  ],
);
