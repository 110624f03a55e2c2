import { and, asc, eq, gt, gte, inArray, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  appointmentStatusHistory,
  appointments,
  clients,
  clinics,
  organizations,
  treatments,
  users,
} from '../../db/schema';

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
    .select({
      id: appointments.id,
      organizationId: appointments.organizationId,
      clinicId: appointments.clinicId,
      clientId: appointments.clientId,
      startsAt: appointments.startsAt,
      status: appointments.status,
    })
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

export type OpenAppointmentRow = Awaited<ReturnType<typeof findOpenAppointmentsBetween>>[number];

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

// ── Demo seed: a plausible attendance history ────────────────────────────────────────────────────

export async function insertHistoryForSeed(
  db: DbOrTx,
  rows: (typeof appointments.$inferInsert)[],
  history: (typeof appointmentStatusHistory.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(appointments).values(rows.slice(i, i + 500));
  for (let i = 0; i < history.length; i += 1_000)
    await db.insert(appointmentStatusHistory).values(history.slice(i, i + 1_000));
}

/**
 * Appointments of a clinic created since `since` (the earlier seed steps book theirs "now", a few
 * minutes ago) or after they started (rows other seed steps insert for past sessions).
 */
export async function findAppointmentsCreatedSince(db: DbOrTx, clinicId: string, since: Date) {
  return db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      cancelledAt: appointments.cancelledAt,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        or(gte(appointments.createdAt, since), gt(appointments.createdAt, appointments.startsAt)),
      ),
    );
}

/**
 * Moves bookings back to when they were plausibly made. The status history is append-only and keeps
 * its instants (the seed recorded them "now", which is when those facts became known).
 */
export async function backdateForSeed(db: DbOrTx, rows: { id: string; createdAt: Date }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 300) {
    const values = sql.join(
      rows.slice(i, i + 300).map((r) => sql`(${r.id}::uuid, ${r.createdAt.toISOString()}::timestamptz)`),
      sql`, `,
    );
    await db.execute(
      sql`update appointments a set created_at = v.created_at from (values ${values}) as v(id, created_at) where a.id = v.id`,
    );
  }
}

/** Live appointments of a clinic in [from, to): the slots a generated history must leave alone. */
export async function findLiveForSeed(db: DbOrTx, clinicId: string, from: Date, to: Date) {
  return db
    .select({
      clientId: appointments.clientId,
      professionalId: appointments.professionalId,
      roomId: appointments.roomId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        gte(appointments.startsAt, from),
        lt(appointments.startsAt, to),
        notInArray(appointments.status, ['cancelado', 'faltou', 'remarcado']),
      ),
    );
}
