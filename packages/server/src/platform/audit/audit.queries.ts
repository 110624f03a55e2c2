import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents } from '../../db/schema';

export type AuditRow = typeof auditEvents.$inferSelect;
export type NewAuditRow = typeof auditEvents.$inferInsert;

/** Serialises writers of one organisation's chain until the transaction ends. */
export async function lockChain(tx: DbOrTx, organizationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${organizationId}`}, 0))`);
}

export async function findChainHead(
  tx: DbOrTx,
  organizationId: string,
): Promise<{ seq: number; hash: string } | undefined> {
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return head;
}

export async function insertAuditEvent(tx: DbOrTx, row: NewAuditRow): Promise<AuditRow> {
  const [inserted] = await tx.insert(auditEvents).values(row).returning();
  if (!inserted) throw new Error('audit insert returned no row');
  return inserted;
}

export async function findChainPage(
  db: DbOrTx,
  organizationId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), gt(auditEvents.seq, afterSeq)))
    .orderBy(asc(auditEvents.seq))
    .limit(limit);
}

export async function findChainOrganizations(db: DbOrTx): Promise<string[]> {
  const rows = await db.selectDistinct({ organizationId: auditEvents.organizationId }).from(auditEvents);
  return rows.map((r) => r.organizationId).sort();
}

export async function findEntityEvents(
  db: DbOrTx,
  organizationId: string,
  entityType: string,
  entityId: string,
): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        eq(auditEvents.entityType, entityType),
        eq(auditEvents.entityId, entityId),
      ),
    )
    .orderBy(asc(auditEvents.seq));
}
