import { AUDIT_GROUP_PREFIXES, type TAuditGroup, type TAuditOutcome } from '@clinia/contracts';
import { recordActorAudit, verifyOrganizationChain } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { findTrailPage } from './compliance.queries';

/**
 * The compliance area's reading of the audit trail: the organisation's events, newest first, filtered
 * by period, person, area, outcome or record; and a check of the whole hash chain. Reading the trail
 * is itself an audited act (LGPD art. 37: the controller keeps a record of its processing, and who
 * looked at that record is part of it).
 */
export type TrailInput = {
  from?: string | undefined;
  to?: string | undefined;
  actorUserId?: string | undefined;
  group?: TAuditGroup | undefined;
  outcome?: TAuditOutcome | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  /** The previous page's `nextCursor`: the sequence number of its oldest event. */
  cursor?: number | undefined;
  limit: number;
};

export async function readTrail(deps: ServiceDeps, actor: Actor, input: TrailInput) {
  const from = input.from ? new Date(input.from) : null;
  const to = input.to ? new Date(input.to) : null;
  if (from && to && from > to)
    throw new AppError('VALIDATION_FAILED', {
      userMessage: 'Período: a data inicial deve ser anterior à final.',
      details: { field: 'to' },
    });
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await findTrailPage(
      tx,
      actor.organizationId,
      {
        from,
        to,
        actorUserId: input.actorUserId ?? null,
        actionPrefixes: input.group ? AUDIT_GROUP_PREFIXES[input.group] : null,
        outcome: input.outcome ?? null,
        entityType: input.entityType ?? null,
        entityId: input.entityId ?? null,
        beforeSeq: input.cursor ?? null,
      },
      input.limit + 1,
    );
    const page = rows.slice(0, input.limit);
    // Recorded after the read, so the page a reader sees never contains their own reading of it.
    await recordActorAudit(tx, deps, actor, {
      action: 'audit.trail.read',
      entityType: 'audit_trail',
      changedFields: Object.entries(input)
        .filter(([key, value]) => value !== undefined && key !== 'limit' && key !== 'cursor')
        .map(([key]) => key)
        .sort(),
      occurredAt: now,
    });
    return {
      events: page.map((row) => ({
        seq: row.seq,
        occurredAt: row.occurredAt.toISOString(),
        actorUserId: row.actorUserId,
        actorName: row.actorName,
        actorRole: row.actorRole,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        changedFields: row.changedFields,
        outcome: row.outcome as TAuditOutcome,
        ip: row.ip,
        requestId: row.requestId,
      })),
      nextCursor: rows.length > input.limit ? (page.at(-1)?.seq ?? null) : null,
    };
  });
}

/** Re-computes every hash of the organisation's chain; the check itself is recorded afterwards. */
export async function verifyTrail(deps: ServiceDeps, actor: Actor) {
  const startedAt = Date.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const chain = await verifyOrganizationChain(tx, actor.organizationId);
    await recordActorAudit(tx, deps, actor, {
      action: 'audit.verify',
      entityType: 'audit_trail',
      outcome: chain.problem ? 'failure' : 'success',
      occurredAt: deps.clock.now(),
    });
    return {
      ok: chain.problem === null,
      events: chain.events,
      problem: chain.problem ? { seq: chain.problem.seq, description: chain.problem.description } : null,
      head: chain.head,
      durationMs: Date.now() - startedAt,
    };
  });
}
