import { randomUUID } from 'node:crypto';
import {
  INCIDENT_COMMUNICATION_BUSINESS_DAYS,
  INCIDENT_SUPPLEMENT_BUSINESS_DAYS,
  isReportableIncident,
  type TCloseIncidentInput,
  type TIncident,
  type TIncidentCommunicationInput,
  type TIncidentDataCategory,
  type TIncidentDetail,
  type TIncidentRiskCriterion,
  type TIncidentStatus,
  type TRecordIncidentInput,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { addBusinessDays } from '../../platform/br-calendar';
import { endOfLocalDay, localDate } from '../../platform/clock';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { getClinicTimeZone } from '../organizations/organizations.service';
import {
  findIncident,
  findIncidents,
  type IncidentRow,
  insertIncident,
  lockIncident,
  updateIncident,
} from './incidents.queries';

/**
 * The register of security incidents (LGPD art. 48, Res. CD/ANPD 15/2024, REGULATION.md 1.4). Every
 * incident is registered; one that may cause relevant risk (significant impact and at least one
 * criterion) must be communicated to the ANPD and the subjects within three business days of the
 * controller's knowledge, counted in the clinic's calendar, and may be supplemented within twenty
 * business days of that communication. Rows are never deleted (kept at least five years).
 */
type Details = { description: string; measures: string; conclusion: string | null };
const aad = (id: string) => `security_incidents.details:${id}`;
const seal = (deps: ServiceDeps, id: string, details: Details) =>
  deps.keyring.seal(JSON.stringify(details), aad(id));
const open = (deps: ServiceDeps, row: IncidentRow) =>
  JSON.parse(deps.keyring.open(row.detailsSealed, aad(row.id))) as Details;

/** The end (23:59:59.999 in the clinic) of the n-th business day after the instant's local date. */
function businessDeadline(from: Date, businessDays: number, timeZone: string): Date {
  return endOfLocalDay(addBusinessDays(localDate(from, timeZone), businessDays), timeZone);
}

const notFound = () =>
  new AppError('NOT_FOUND', {
    userMessage: 'Incidente não encontrado.',
    details: { entity: 'security_incident' },
  });

function toIncident(row: IncidentRow, recordedByName: string | null, now: Date): TIncident {
  return {
    id: row.id,
    knownAt: row.knownAt.toISOString(),
    occurredAt: row.occurredAt?.toISOString() ?? null,
    dataCategories: row.dataCategories as TIncidentDataCategory[],
    subjectsAffected: row.subjectsAffected,
    significantImpact: row.significantImpact,
    criteria: row.criteria as TIncidentRiskCriterion[],
    reportable: row.reportable,
    status: row.status as TIncidentStatus,
    dueAt: row.dueAt?.toISOString() ?? null,
    isOverdue: row.dueAt !== null && row.anpdCommunicatedAt === null && row.dueAt < now,
    anpdCommunicatedAt: row.anpdCommunicatedAt?.toISOString() ?? null,
    anpdProtocol: row.anpdProtocol,
    subjectsCommunicatedAt: row.subjectsCommunicatedAt?.toISOString() ?? null,
    supplementDueAt: row.supplementDueAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    recordedByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The incident as it now stands, with who recorded it (after a change in the same transaction). */
async function readBack(tx: Tx, actor: Actor, id: string, now: Date): Promise<TIncident> {
  const row = await findIncident(tx, actor.organizationId, id);
  if (!row) throw notFound();
  return toIncident(row.incident, row.recordedByName, now);
}

export async function recordIncident(
  deps: ServiceDeps,
  actor: Actor,
  input: TRecordIncidentInput,
): Promise<{ id: string; reportable: boolean; dueAt: string | null }> {
  const now = deps.clock.now();
  const knownAt = new Date(input.knownAt);
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : null;
  if (knownAt > now)
    throw new AppError('VALIDATION_FAILED', {
      userMessage: 'Ciência do incidente: a data não pode estar no futuro.',
      details: { field: 'knownAt' },
    });
  if (occurredAt && occurredAt > knownAt)
    throw new AppError('VALIDATION_FAILED', {
      userMessage: 'Ocorrência: o incidente não pode ter ocorrido depois de a clínica saber dele.',
      details: { field: 'occurredAt' },
    });
  const criteria = [...new Set(input.criteria)].sort();
  const reportable = isReportableIncident({ significantImpact: input.significantImpact, criteria });
  const id = randomUUID();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const timeZone = await getClinicTimeZone(tx, actor.clinicId);
    const dueAt = reportable
      ? businessDeadline(knownAt, INCIDENT_COMMUNICATION_BUSINESS_DAYS, timeZone)
      : null;
    await insertIncident(tx, {
      id,
      organizationId: actor.organizationId,
      knownAt,
      occurredAt,
      detailsSealed: seal(deps, id, {
        description: input.description,
        measures: input.measures,
        conclusion: null,
      }),
      dataCategories: [...new Set(input.dataCategories)].sort(),
      subjectsAffected: input.subjectsAffected,
      significantImpact: input.significantImpact,
      criteria,
      reportable,
      status: 'aberto',
      dueAt,
      recordedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'incident.create',
      entityType: 'security_incident',
      entityId: id,
      changedFields: [
        'knownAt',
        'description',
        'measures',
        'dataCategories',
        'criteria',
        'significantImpact',
      ],
      occurredAt: now,
    });
    return { id, reportable, dueAt: dueAt?.toISOString() ?? null };
  });
}

export async function listIncidents(deps: ServiceDeps, actor: Actor): Promise<TIncident[]> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    (await findIncidents(tx, actor.organizationId)).map((r) => toIncident(r.incident, r.recordedByName, now)),
  );
}

export async function getIncident(
  deps: ServiceDeps,
  actor: Actor,
  incidentId: string,
): Promise<TIncidentDetail> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await findIncident(tx, actor.organizationId, incidentId);
    if (!row) throw notFound();
    await recordActorAudit(tx, deps, actor, {
      action: 'incident.read',
      entityType: 'security_incident',
      entityId: incidentId,
      occurredAt: now,
    });
    return { ...toIncident(row.incident, row.recordedByName, now), ...open(deps, row.incident) };
  });
}

/** Records the communication to the ANPD (and to the subjects): the supplement deadline starts. */
export async function recordCommunication(
  deps: ServiceDeps,
  actor: Actor,
  input: TIncidentCommunicationInput,
): Promise<TIncident> {
  const now = deps.clock.now();
  const anpdAt = new Date(input.anpdCommunicatedAt);
  const subjectsAt = input.subjectsCommunicatedAt ? new Date(input.subjectsCommunicatedAt) : null;
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await lockIncident(tx, actor.organizationId, input.incidentId);
    if (!row) throw notFound();
    if (row.status === 'encerrado')
      throw new AppError('INVALID_STATE', { userMessage: 'Este incidente já foi encerrado.' });
    for (const [at, field, label] of [
      [anpdAt, 'anpdCommunicatedAt', 'Comunicação à ANPD'],
      [subjectsAt, 'subjectsCommunicatedAt', 'Comunicação aos titulares'],
    ] as const) {
      if (at && (at < row.knownAt || at > now))
        throw new AppError('VALIDATION_FAILED', {
          userMessage: `${label}: a data deve estar entre a ciência do incidente e agora.`,
          details: { field },
        });
    }
    const timeZone = await getClinicTimeZone(tx, actor.clinicId);
    await updateIncident(tx, row.id, {
      status: 'comunicado',
      anpdCommunicatedAt: anpdAt,
      anpdProtocol: input.anpdProtocol,
      subjectsCommunicatedAt: subjectsAt,
      supplementDueAt: businessDeadline(anpdAt, INCIDENT_SUPPLEMENT_BUSINESS_DAYS, timeZone),
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'incident.communicate',
      entityType: 'security_incident',
      entityId: row.id,
      changedFields: [
        'anpdCommunicatedAt',
        'anpdProtocol',
        ...(subjectsAt ? ['subjectsCommunicatedAt'] : []),
      ],
      occurredAt: now,
    });
    return readBack(tx, actor, row.id, now);
  });
}

/** Closes an incident; one that must be communicated can only close after its communication. */
export async function closeIncident(
  deps: ServiceDeps,
  actor: Actor,
  input: TCloseIncidentInput,
): Promise<TIncident> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await lockIncident(tx, actor.organizationId, input.incidentId);
    if (!row) throw notFound();
    if (row.status === 'encerrado')
      throw new AppError('INVALID_STATE', { userMessage: 'Este incidente já foi encerrado.' });
    if (row.reportable && row.anpdCommunicatedAt === null)
      throw new AppError('INVALID_STATE', {
        userMessage:
          'Este incidente precisa ser comunicado à ANPD e aos titulares antes de ser encerrado: registre a comunicação primeiro.',
      });
    const details = open(deps, row);
    await updateIncident(tx, row.id, {
      status: 'encerrado',
      closedAt: now,
      detailsSealed: seal(deps, row.id, { ...details, conclusion: input.conclusion }),
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'incident.close',
      entityType: 'security_incident',
      entityId: row.id,
      changedFields: ['status', 'conclusion'],
      occurredAt: now,
    });
    return readBack(tx, actor, row.id, now);
  });
}
