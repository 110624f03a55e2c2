import { and, asc, eq, gte, inArray, lt, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { appointments, clients, clinics, organizations, treatments, users } from '../../db/schema';

/**
 * The agenda's appointments as no-show history: each appointment with the instants its status facts
 * became known (first arrival, no-show mark, cancellation, confirmation from the status history; the
 * first confirmation request and reminder sent from the outbox), the treatment's category and price and
 * the client's birth date. Read in the caller's tenant transaction.
 */

const firstStatusAt = (statuses: string[]) =>
  sql<Date | null>`(select min(h.changed_at) from appointment_status_history h
    where h.appointment_id = ${appointments.id} and h.to_status in (${sql.join(
      statuses.map((s) => sql`${s}`),
      sql`, `,
    )}))`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v)));

const firstSentAt = (kinds: string[]) =>
  sql<Date | null>`(select min(o.sent_at) from outbox_messages o
    where o.organization_id = ${appointments.organizationId} and o.appointment_id = ${appointments.id}
      and o.sent_at is not null and o.kind in (${sql.join(
        kinds.map((k) => sql`${k}`),
        sql`, `,
      )}))`.mapWith((v: string | Date | null) => (v === null ? null : new Date(v)));

export async function findHistoryRows(
  db: DbOrTx,
  filter: { organizationId: string; clinicId?: string | null; clientIds?: string[] },
) {
  if (filter.clientIds && filter.clientIds.length === 0) return [];
  return db
    .select({
      id: appointments.id,
      clientId: appointments.clientId,
      clinicId: appointments.clinicId,
      createdAt: appointments.createdAt,
      updatedAt: appointments.updatedAt,
      startsAt: appointments.startsAt,
      status: appointments.status,
      cancelledBy: appointments.cancelledBy,
      cancelledLate: appointments.cancelledLate,
      cancelledAt: appointments.cancelledAt,
      bookedChannel: appointments.bookedChannel,
      category: treatments.category,
      priceCents: treatments.priceCents,
      birthDate: clients.birthDate,
      attendedAt: firstStatusAt(['chegou', 'em_atendimento', 'concluido']),
      noShowAt: firstStatusAt(['faltou']),
      confirmedAt: firstStatusAt(['confirmado']),
      confirmationRequestedAt: firstSentAt(['pedido_confirmacao']),
      reminderSentAt: firstSentAt(['lembrete_consulta', 'pedido_confirmacao']),
    })
    .from(appointments)
    .innerJoin(treatments, eq(treatments.id, appointments.treatmentId))
    .innerJoin(clients, eq(clients.id, appointments.clientId))
    .where(
      and(
        eq(appointments.organizationId, filter.organizationId),
        ne(appointments.status, 'reservado'),
        ...(filter.clinicId ? [eq(appointments.clinicId, filter.clinicId)] : []),
        ...(filter.clientIds ? [inArray(appointments.clientId, filter.clientIds)] : []),
      ),
    )
    .orderBy(asc(appointments.startsAt));
}
export type HistoryRow = Awaited<ReturnType<typeof findHistoryRows>>[number];

/**
 * Kept (arrived, in progress, done) and missed appointments of the organisation, counted by unit and
 * calendar days of lead time in the unit's zone (31 = 31 or more): the unit-rate features' totals.
 */
export async function findOutcomeLeadCounts(db: DbOrTx, organizationId: string) {
  const lead = sql<number>`least(31, greatest(0,
    (${appointments.startsAt} at time zone ${clinics.timeZone})::date
    - (${appointments.createdAt} at time zone ${clinics.timeZone})::date))::int`;
  return db
    .select({
      clinicId: appointments.clinicId,
      leadDays: lead,
      n: sql<number>`count(*)::int`,
      noShows: sql<number>`(count(*) filter (where ${appointments.status} = 'faltou'))::int`,
    })
    .from(appointments)
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .where(
      and(
        eq(appointments.organizationId, organizationId),
        inArray(appointments.status, ['chegou', 'em_atendimento', 'concluido', 'faltou']),
      ),
    )
    .groupBy(appointments.clinicId, lead);
}

/** Open (booked or confirmed) appointments of the organisation starting in [from, to). */
export async function findOpenAppointmentsBetween(
  db: DbOrTx,
  input: { organizationId: string; from: Date; to: Date },
) {
  return db
    .select({ id: appointments.id, clientId: appointments.clientId })
    .from(appointments)
    .where(
      and(
        eq(appointments.organizationId, input.organizationId),
        inArray(appointments.status, ['agendado', 'confirmado']),
        gte(appointments.startsAt, input.from),
        lt(appointments.startsAt, input.to),
      ),
    );
}

/** Every organisation (cross-tenant: only for the daily re-scoring job, under withSystem). */
export async function findOrganizationIds(db: DbOrTx): Promise<string[]> {
  return (await db.select({ id: organizations.id }).from(organizations)).map((r) => r.id);
}

export async function findUserName(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ fullName: users.fullName })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.fullName ?? null;
}
