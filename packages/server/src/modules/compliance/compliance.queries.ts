import { and, desc, eq, gte, like, lt, lte, or, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { auditEvents, users } from '../../db/schema';

export type TrailFilter = {
  from: Date | null;
  to: Date | null;
  actorUserId: string | null;
  /** Action prefixes such as `client.`; an event matches any of them. */
  actionPrefixes: readonly string[] | null;
  outcome: 'success' | 'denied' | 'failure' | null;
  entityType: string | null;
  entityId: string | null;
  /** Keyset: only events older than this sequence number (the previous page's last). */
  beforeSeq: number | null;
};

/** `_` and `%` are wildcards in LIKE; action prefixes contain `_` (working_hours.). */
const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of an organisation's trail, newest first, with the actor's name. */
export async function findTrailPage(db: DbOrTx, organizationId: string, filter: TrailFilter, limit: number) {
  const conditions: (SQL | undefined)[] = [eq(auditEvents.organizationId, organizationId)];
  if (filter.beforeSeq !== null) conditions.push(lt(auditEvents.seq, filter.beforeSeq));
  if (filter.from) conditions.push(gte(auditEvents.occurredAt, filter.from));
  if (filter.to) conditions.push(lte(auditEvents.occurredAt, filter.to));
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.actionPrefixes)
    conditions.push(or(...filter.actionPrefixes.map((p) => like(auditEvents.action, likePrefix(p)))));
  if (filter.outcome) conditions.push(eq(auditEvents.outcome, filter.outcome));
  if (filter.entityType) conditions.push(eq(auditEvents.entityType, filter.entityType));
  if (filter.entityId) conditions.push(eq(auditEvents.entityId, filter.entityId));
  return db
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      actorUserId: auditEvents.actorUserId,
      actorName: users.fullName,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      changedFields: auditEvents.changedFields,
      outcome: auditEvents.outcome,
      ip: auditEvents.ip,
      requestId: auditEvents.requestId,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}
