import { randomUUID } from 'node:crypto';
import {
  formatAnvisaNumber,
  type TAdverseEvent,
  type TAdverseEventDetail,
  type TAdverseEventInput,
  type TAdverseEventReport,
  type TAdverseOutcome,
  type TAdverseSeverity,
  type TAnvisaCategory,
  type TNotificationChannel,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import {
  type AdverseEventListRow,
  type AdverseEventRow,
  findAdverseEvents,
  findClientForReport,
  insertAdverseEvent,
  lockAdverseEvent,
  updateAdverseEvent,
} from './adverse-events.queries';
import {
  adverseEventAlreadyNotified,
  adverseEventClientNotFound,
  adverseEventNotFound,
  lotNotFound,
  lotWrongProduct,
  onsetInFuture,
  productNotFound,
} from './inventory.errors';
import {
  DEATH_DEADLINE_MS,
  isSeriousSeverity,
  notificationChannel,
  notificationDueAt,
} from './notification-deadline';
import { findProductById } from './products.queries';
import { findClinic, findLotById } from './stock.queries';

/**
 * Adverse events (intercorrências): recorded by the professional, with the notification deadline and
 * channel of REGULATION.md 4.3 computed on record, flagged when overdue, and a report carrying the
 * fields NOTIVISA and VigiMed ask for. Description, outcome notes and follow-up are health data,
 * sealed together under the AAD that key rotation expects (`adverse_events.details:<id>`); reading
 * them is audited.
 */

type Details = { description: string; outcomeNotes: string; followUp: string };

const aad = (id: string) => `adverse_events.details:${id}`;

const seal = (deps: ServiceDeps, id: string, details: Details) =>
  deps.keyring.seal(JSON.stringify(details), aad(id));

const open = (deps: ServiceDeps, row: AdverseEventRow): Details =>
  JSON.parse(deps.keyring.open(row.detailsSealed, aad(row.id))) as Details;

function toEvent(view: AdverseEventListRow, now: Date): TAdverseEvent & { clientName: string } {
  const e = view.event;
  return {
    id: e.id,
    clientId: e.clientId,
    clientName: view.clientName,
    productId: e.productId,
    productName: view.productName,
    lotId: e.lotId,
    lotNumber: view.lotNumber,
    sessionId: e.sessionId,
    severity: e.severity as TAdverseSeverity,
    isSerious: isSeriousSeverity(e.severity as TAdverseSeverity),
    onsetAt: e.onsetAt.toISOString(),
    outcome: e.outcome as TAdverseOutcome,
    channel: e.channel as TNotificationChannel,
    dueAt: e.dueAt.toISOString(),
    notifiedAt: e.notifiedAt?.toISOString() ?? null,
    notificationProtocol: e.notificationProtocol,
    isOverdue: e.notifiedAt === null && now.getTime() > e.dueAt.getTime(),
    createdAt: e.createdAt.toISOString(),
  };
}

async function audit(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  action: string,
  id: string,
  changedFields?: string[],
) {
  await recordActorAudit(tx, deps, actor, {
    action: `adverse_event.${action}`,
    entityType: 'adverse_event',
    entityId: id,
    changedFields,
    occurredAt: deps.clock.now(),
  });
}

async function loadView(tx: Tx, organizationId: string, id: string): Promise<AdverseEventListRow> {
  const [view] = await findAdverseEvents(tx, organizationId, { id });
  if (!view) throw adverseEventNotFound();
  return view;
}

export async function recordAdverseEvent(
  deps: ServiceDeps,
  actor: Actor,
  input: TAdverseEventInput,
): Promise<TAdverseEvent> {
  const now = deps.clock.now();
  const onsetAt = new Date(input.onsetAt);
  if (onsetAt.getTime() > now.getTime()) throw onsetInFuture();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    if (!(await findClientForReport(tx, input.clientId))) throw adverseEventClientNotFound();
    let category: TAnvisaCategory | null = null;
    if (input.productId) {
      const product = await findProductById(tx, input.productId);
      if (!product) throw productNotFound();
      category = product.anvisaCategory as TAnvisaCategory;
    }
    if (input.lotId) {
      const lot = await findLotById(tx, input.lotId);
      if (!lot) throw lotNotFound();
      if (lot.productId !== input.productId) throw lotWrongProduct(lot.lotNumber);
    }
    const clinic = await findClinic(tx, actor.clinicId);
    const timeZone = clinic?.timeZone ?? 'America/Sao_Paulo';
    const id = randomUUID();
    await insertAdverseEvent(tx, {
      id,
      organizationId: actor.organizationId,
      clinicId: actor.clinicId,
      clientId: input.clientId,
      productId: input.productId,
      lotId: input.lotId,
      sessionId: input.sessionId,
      professionalId: actor.userId,
      severity: input.severity,
      onsetAt,
      outcome: input.outcome,
      detailsSealed: seal(deps, id, {
        description: input.description,
        outcomeNotes: input.outcomeNotes,
        followUp: input.followUp,
      }),
      channel: notificationChannel(category),
      dueAt: notificationDueAt({
        severity: input.severity,
        onsetAt,
        onsetLocalDate: localDate(onsetAt, timeZone),
        timeZone,
      }),
      recordedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await audit(tx, deps, actor, 'create', id, [
      'severity',
      'onsetAt',
      'outcome',
      'details',
      ...(input.productId ? ['productId'] : []),
      ...(input.lotId ? ['lotId'] : []),
    ]);
    return toEvent(await loadView(tx, actor.organizationId, id), now);
  });
}

export async function listAdverseEvents(deps: ServiceDeps, actor: Actor) {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    (await findAdverseEvents(tx, actor.organizationId)).map((v) => toEvent(v, now)),
  );
}

export async function getAdverseEvent(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<TAdverseEventDetail & { clientName: string }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const view = await loadView(tx, actor.organizationId, id);
    await audit(tx, deps, actor, 'read', id);
    return { ...toEvent(view, now), ...open(deps, view.event) };
  });
}

/** Outcome and follow-up over time. An outcome of death moves the deadline to 72 hours from now. */
export async function followUpAdverseEvent(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; outcome: TAdverseOutcome; outcomeNotes: string; followUp: string },
): Promise<TAdverseEvent> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await lockAdverseEvent(tx, input.id);
    if (!row) throw adverseEventNotFound();
    const details = open(deps, row);
    const becameDeath = input.outcome === 'obito' && row.severity !== 'obito';
    const deathDue = new Date(now.getTime() + DEATH_DEADLINE_MS);
    await updateAdverseEvent(tx, row.id, {
      outcome: input.outcome,
      detailsSealed: seal(deps, row.id, {
        description: details.description,
        outcomeNotes: input.outcomeNotes,
        followUp: input.followUp,
      }),
      ...(becameDeath
        ? {
            severity: 'obito',
            dueAt: row.notifiedAt || row.dueAt < deathDue ? row.dueAt : deathDue,
          }
        : {}),
      updatedAt: now,
    });
    await audit(tx, deps, actor, 'follow_up', row.id, [
      ...(input.outcome !== row.outcome ? ['outcome'] : []),
      ...(becameDeath ? ['severity', 'dueAt'] : []),
      'details',
    ]);
    return toEvent(await loadView(tx, actor.organizationId, row.id), now);
  });
}

export async function markAdverseEventNotified(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; protocol: string },
): Promise<TAdverseEvent> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await lockAdverseEvent(tx, input.id);
    if (!row) throw adverseEventNotFound();
    if (row.notifiedAt) throw adverseEventAlreadyNotified();
    await updateAdverseEvent(tx, row.id, {
      notifiedAt: now,
      notificationProtocol: input.protocol,
      updatedAt: now,
    });
    await audit(tx, deps, actor, 'notify', row.id, ['notifiedAt', 'notificationProtocol']);
    return toEvent(await loadView(tx, actor.organizationId, row.id), now);
  });
}

const PARTICLES = new Set(['da', 'das', 'de', 'do', 'dos', 'e']);

/** Initials as notification forms ask (no full name leaves the clinic): "Maria da Silva Souza" → "M.S.S.". */
export function patientInitials(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter((part) => part && !PARTICLES.has(part.toLowerCase()))
    .map((part) => `${part[0]?.toUpperCase()}.`)
    .join('');
}

function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The NOTIVISA / VigiMed fields of one event, audited as a health-data read. */
export async function adverseEventReport(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<TAdverseEventReport> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const view = await loadView(tx, actor.organizationId, id);
    const e = view.event;
    const client = await findClientForReport(tx, e.clientId);
    const clinic = await findClinic(tx, e.clinicId);
    const product = e.productId ? await findProductById(tx, e.productId) : undefined;
    const lot = e.lotId ? await findLotById(tx, e.lotId) : undefined;
    const details = open(deps, e);
    const timeZone = clinic?.timeZone ?? 'America/Sao_Paulo';
    await audit(tx, deps, actor, 'report', id);
    const event = toEvent(view, now);
    return {
      channel: event.channel,
      dueAt: event.dueAt,
      isOverdue: event.isOverdue,
      patient: {
        initials: patientInitials(client?.fullName ?? ''),
        ageYears: client ? ageOn(client.birthDate, localDate(e.onsetAt, timeZone)) : 0,
        sex: client?.sex ?? '',
      },
      establishment: { name: clinic?.name ?? '', cnpj: clinic?.cnpj ?? '' },
      product: product
        ? {
            name: product.name,
            manufacturer: product.manufacturer,
            anvisaCategory: product.anvisaCategory,
            anvisaNumberFormatted: formatAnvisaNumber(product.anvisaNumber),
            riskClass: product.riskClass,
          }
        : null,
      lot: lot ? { number: lot.lotNumber, expiryDate: lot.expiryDate } : null,
      severity: event.severity,
      isSerious: event.isSerious,
      onsetAt: event.onsetAt,
      recordedAt: event.createdAt,
      description: details.description,
      outcome: event.outcome,
      outcomeNotes: details.outcomeNotes,
      followUp: details.followUp,
    };
  });
}
