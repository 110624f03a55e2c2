import { createHash } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import type { Actor } from '../authz/permissions';
import { AppError } from '../errors';
import {
  type AuditRow,
  findChainHead,
  findChainOrganizations,
  findChainPage,
  insertAuditEvent,
  lockChain,
} from './audit.queries';

/**
 * The audit trail: append-only, hash-chained per organisation. recordAudit() writes in the caller's
 * transaction, so an action and its audit event commit or fail together. Only field NAMES are ever
 * recorded, never personal values.
 */

/** The chain of events that belong to no tenant (boot, platform operations). */
export const PLATFORM_ORGANIZATION_ID = '00000000-0000-0000-0000-000000000000';
export const GENESIS_HASH = '0'.repeat(64);

export type AuditOutcome = 'success' | 'denied' | 'failure';

export type AuditEventInput = {
  organizationId: string | null;
  /** Dotted verb, e.g. `client.read`, `appointment.cancel`, `auth.login`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** Names of the fields that changed (never their values). */
  changedFields?: string[];
  outcome?: AuditOutcome;
  actor?: { userId?: string | null; role?: string | null; clinicId?: string | null };
  origin?: { ip?: string | null; userAgent?: string | null; requestId?: string | null };
  occurredAt?: Date;
};

const ACTION_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const NAME_PATTERN = /^[a-zA-Z][a-zA-Z0-9_.[\]]{0,63}$/;

type ChainFields = Pick<
  AuditRow,
  | 'organizationId'
  | 'seq'
  | 'occurredAt'
  | 'actorUserId'
  | 'actorRole'
  | 'clinicId'
  | 'action'
  | 'entityType'
  | 'entityId'
  | 'changedFields'
  | 'outcome'
  | 'ip'
  | 'userAgent'
  | 'requestId'
  | 'prevHash'
>;

/** SHA-256 over a fixed-order JSON array of the row's content, including the previous row's hash. */
export function hashAuditRow(row: ChainFields): string {
  const canonical = JSON.stringify([
    'clinia-audit-v1',
    row.organizationId,
    row.seq,
    row.occurredAt.toISOString(),
    row.actorUserId ?? null,
    row.actorRole ?? null,
    row.clinicId ?? null,
    row.action,
    row.entityType,
    row.entityId ?? null,
    [...row.changedFields].sort(),
    row.outcome,
    row.ip ?? null,
    row.userAgent ?? null,
    row.requestId ?? null,
    row.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends one event to its organisation's chain inside `tx`. */
export async function recordAudit(tx: DbOrTx, event: AuditEventInput): Promise<AuditRow> {
  if (!ACTION_PATTERN.test(event.action))
    throw new AppError('INTERNAL', { details: { reason: 'bad audit action' } });
  const changedFields = event.changedFields ?? [];
  if (!NAME_PATTERN.test(event.entityType) || !changedFields.every((f) => NAME_PATTERN.test(f))) {
    // A value where a name belongs could leak personal data into the permanent trail.
    throw new AppError('INTERNAL', { details: { reason: 'audit fields must be names' } });
  }
  const organizationId = event.organizationId ?? PLATFORM_ORGANIZATION_ID;
  await lockChain(tx, organizationId);
  const head = await findChainHead(tx, organizationId);
  const occurredAt = new Date(Math.floor((event.occurredAt ?? new Date()).getTime()));
  const fields: ChainFields = {
    organizationId,
    seq: (head?.seq ?? 0) + 1,
    occurredAt,
    actorUserId: event.actor?.userId ?? null,
    actorRole: event.actor?.role ?? null,
    clinicId: event.actor?.clinicId ?? null,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId ?? null,
    changedFields: [...changedFields].sort(),
    outcome: event.outcome ?? 'success',
    ip: event.origin?.ip ?? null,
    userAgent: event.origin?.userAgent?.slice(0, 512) ?? null,
    requestId: event.origin?.requestId ?? null,
    prevHash: head?.hash ?? GENESIS_HASH,
  };
  return insertAuditEvent(tx, { ...fields, hash: hashAuditRow(fields) });
}

export type AuditProblem = {
  organizationId: string;
  kind: 'missing_event' | 'broken_link' | 'content_mismatch';
  seq: number;
  eventId: string | null;
  description: string;
};

export type AuditVerification = {
  ok: boolean;
  organizations: number;
  events: number;
  /** The first problem found in each chain. */
  problems: AuditProblem[];
  /** Last seq and hash per chain: record them elsewhere to detect removal of the newest events. */
  heads: Record<string, { seq: number; hash: string }>;
};

export type ChainVerification = {
  events: number;
  /** The first problem of the chain, if any. */
  problem: AuditProblem | null;
  /** The last event read: record it elsewhere to detect removal of the newest events. */
  head: { seq: number; hash: string };
};

/** Walks one organisation's chain from its first event and reports its first broken or missing link. */
export async function verifyOrganizationChain(
  db: DbOrTx,
  organizationId: string,
  options: { pageSize?: number; onProgress?: (events: number) => void } = {},
): Promise<ChainVerification> {
  const pageSize = options.pageSize ?? 5_000;
  let events = 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let problem: AuditProblem | null = null;
  while (!problem) {
    const page = await findChainPage(db, organizationId, lastSeq, pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      events++;
      if (row.seq !== expectedSeq) {
        problem = {
          organizationId,
          kind: 'missing_event',
          seq: expectedSeq,
          eventId: null,
          description: `evento ${expectedSeq} ausente (a cadeia salta para ${row.seq})`,
        };
      } else if (row.prevHash !== prevHash) {
        problem = {
          organizationId,
          kind: 'broken_link',
          seq: row.seq,
          eventId: row.id,
          description: `evento ${row.seq} não aponta para o hash do evento anterior`,
        };
      } else if (hashAuditRow(row) !== row.hash) {
        problem = {
          organizationId,
          kind: 'content_mismatch',
          seq: row.seq,
          eventId: row.id,
          description: `conteúdo do evento ${row.seq} foi alterado depois de gravado`,
        };
      }
      if (problem) break;
      prevHash = row.hash;
      expectedSeq++;
      lastSeq = row.seq;
    }
    options.onProgress?.(events);
  }
  return { events, problem, head: { seq: lastSeq, hash: prevHash } };
}

/** Walks every chain and reports the first broken or missing link of each. */
export async function verifyAuditChain(
  db: DbOrTx,
  options: { pageSize?: number; onProgress?: (events: number) => void } = {},
): Promise<AuditVerification> {
  const organizations = await findChainOrganizations(db);
  const problems: AuditProblem[] = [];
  const heads: AuditVerification['heads'] = {};
  let events = 0;
  for (const organizationId of organizations) {
    const before = events;
    const chain = await verifyOrganizationChain(db, organizationId, {
      ...options,
      onProgress: options.onProgress && ((n) => options.onProgress?.(before + n)),
    });
    events += chain.events;
    if (chain.problem) problems.push(chain.problem);
    heads[organizationId] = chain.head;
  }
  return { ok: problems.length === 0, organizations: organizations.length, events, problems, heads };
}

/** The "where" of an event, from any request or service context. */
export function auditOrigin(source: {
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}): NonNullable<AuditEventInput['origin']> {
  return { ip: source.ip ?? null, userAgent: source.userAgent ?? null, requestId: source.requestId ?? null };
}

/** The "who" of an event done by a signed-in staff member: user, roles in the clinic, clinic. */
export function auditActor(
  actor: Pick<Actor, 'userId' | 'roles' | 'clinicId'>,
): NonNullable<AuditEventInput['actor']> {
  return { userId: actor.userId, role: actor.roles.join(','), clinicId: actor.clinicId };
}

/**
 * Appends an event done by a signed-in staff member in their own organisation, inside `tx`: the
 * organisation, who (auditActor) and where (auditOrigin) come from the actor and the request context,
 * so a service names only what happened and when.
 */
export function recordActorAudit(
  tx: DbOrTx,
  context: Parameters<typeof auditOrigin>[0],
  actor: Pick<Actor, 'organizationId' | 'userId' | 'roles' | 'clinicId'>,
  event: Omit<AuditEventInput, 'organizationId' | 'actor' | 'origin'> & { occurredAt: Date },
): Promise<AuditRow> {
  return recordAudit(tx, {
    ...event,
    organizationId: actor.organizationId,
    actor: auditActor(actor),
    origin: auditOrigin(context),
  });
}
