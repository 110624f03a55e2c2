import { and, asc, desc, eq, gt, gte, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  agendaSettings,
  appointmentEquipment,
  appointmentRiskScores,
  appointmentSeries,
  appointmentStatusHistory,
  appointments,
  clients,
  clinicClosures,
  clinics,
  equipment,
  memberships,
  modelVersions,
  type OpeningHours,
  professionalAbsences,
  professionalLicences,
  rooms,
  treatments,
  users,
  waitlistEntries,
  waitlistOffers,
  workingBreaks,
  workingHours,
} from '../../db/schema';

export type AppointmentRow = typeof appointments.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type EquipmentRow = typeof equipment.$inferSelect;
export type SettingsRow = typeof agendaSettings.$inferSelect;
export type WaitlistEntryRow = typeof waitlistEntries.$inferSelect;
export type WaitlistOfferRow = typeof waitlistOffers.$inferSelect;

/** Statuses that hold resources (the exclusion constraints' WHERE clause, negated). */
export const FREEING = ['cancelado', 'faltou', 'remarcado'] as const;

export async function findClinicRow(db: DbOrTx, clinicId: string) {
  const [row] = await db.select().from(clinics).where(eq(clinics.id, clinicId)).limit(1);
  return row;
}

export async function findSettings(db: DbOrTx, clinicId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(agendaSettings).where(eq(agendaSettings.clinicId, clinicId)).limit(1);
  return row;
}

export async function upsertSettings(
  db: DbOrTx,
  row: typeof agendaSettings.$inferInsert,
): Promise<SettingsRow> {
  const { clinicId: _c, organizationId: _o, ...set } = row;
  const [saved] = await db
    .insert(agendaSettings)
    .values(row)
    .onConflictDoUpdate({ target: agendaSettings.clinicId, set })
    .returning();
  if (!saved) throw new Error('settings not saved');
  return saved;
}

// ── Resources ────────────────────────────────────────────────────────────────────────────────────

export const findRooms = (db: DbOrTx, clinicId: string) =>
  db.select().from(rooms).where(eq(rooms.clinicId, clinicId)).orderBy(asc(rooms.name));
export const findEquipment = (db: DbOrTx, clinicId: string) =>
  db.select().from(equipment).where(eq(equipment.clinicId, clinicId)).orderBy(asc(equipment.name));

export async function findRoom(db: DbOrTx, id: string): Promise<RoomRow | undefined> {
  const [row] = await db.select().from(rooms).where(eq(rooms.id, id)).limit(1);
  return row;
}

export async function findEquipmentByIds(db: DbOrTx, ids: string[]): Promise<EquipmentRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(equipment).where(inArray(equipment.id, ids));
}

export async function insertRoom(db: DbOrTx, row: typeof rooms.$inferInsert) {
  const [saved] = await db.insert(rooms).values(row).returning();
  return saved;
}
export async function updateRoom(db: DbOrTx, id: string, set: Partial<typeof rooms.$inferInsert>) {
  const [saved] = await db.update(rooms).set(set).where(eq(rooms.id, id)).returning();
  return saved;
}
export async function insertEquipment(db: DbOrTx, row: typeof equipment.$inferInsert) {
  const [saved] = await db.insert(equipment).values(row).returning();
  return saved;
}
export async function updateEquipment(db: DbOrTx, id: string, set: Partial<typeof equipment.$inferInsert>) {
  const [saved] = await db.update(equipment).set(set).where(eq(equipment.id, id)).returning();
  return saved;
}

export async function findWorkingHours(db: DbOrTx, clinicId: string, professionalIds?: string[]) {
  return db
    .select()
    .from(workingHours)
    .where(
      professionalIds
        ? and(eq(workingHours.clinicId, clinicId), inArray(workingHours.professionalId, professionalIds))
        : eq(workingHours.clinicId, clinicId),
    )
    .orderBy(asc(workingHours.weekday), asc(workingHours.startTime));
}

export async function findBreaks(db: DbOrTx, clinicId: string, professionalIds?: string[]) {
  return db
    .select()
    .from(workingBreaks)
    .where(
      professionalIds
        ? and(eq(workingBreaks.clinicId, clinicId), inArray(workingBreaks.professionalId, professionalIds))
        : eq(workingBreaks.clinicId, clinicId),
    )
    .orderBy(asc(workingBreaks.weekday), asc(workingBreaks.startTime));
}

export async function replaceWeeklyRules(
  db: DbOrTx,
  input: {
    organizationId: string;
    clinicId: string;
    professionalId: string;
    hours: { weekday: number; start: string; end: string }[];
    breaks: { weekday: number; start: string; end: string }[];
  },
): Promise<void> {
  const scope = (t: typeof workingHours | typeof workingBreaks) =>
    and(eq(t.clinicId, input.clinicId), eq(t.professionalId, input.professionalId));
  await db.delete(workingHours).where(scope(workingHours));
  await db.delete(workingBreaks).where(scope(workingBreaks));
  const base = {
    organizationId: input.organizationId,
    clinicId: input.clinicId,
    professionalId: input.professionalId,
  };
  if (input.hours.length)
    await db
      .insert(workingHours)
      .values(input.hours.map((h) => ({ ...base, weekday: h.weekday, startTime: h.start, endTime: h.end })));
  if (input.breaks.length)
    await db
      .insert(workingBreaks)
      .values(input.breaks.map((h) => ({ ...base, weekday: h.weekday, startTime: h.start, endTime: h.end })));
}

export async function findAbsences(db: DbOrTx, professionalIds: string[], from: Date, to: Date) {
  if (professionalIds.length === 0) return [];
  return db
    .select()
    .from(professionalAbsences)
    .where(
      and(
        inArray(professionalAbsences.professionalId, professionalIds),
        lt(professionalAbsences.startsAt, to),
        gt(professionalAbsences.endsAt, from),
      ),
    )
    .orderBy(asc(professionalAbsences.startsAt));
}

export async function insertAbsence(db: DbOrTx, row: typeof professionalAbsences.$inferInsert) {
  const [saved] = await db.insert(professionalAbsences).values(row).returning();
  return saved;
}
export async function deleteAbsence(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .delete(professionalAbsences)
    .where(eq(professionalAbsences.id, id))
    .returning({ id: professionalAbsences.id });
  return rows.length > 0;
}

export async function findClosures(db: DbOrTx, clinicId: string, fromDate?: string, toDate?: string) {
  return db
    .select()
    .from(clinicClosures)
    .where(
      fromDate && toDate
        ? and(
            eq(clinicClosures.clinicId, clinicId),
            sql`${clinicClosures.date} between ${fromDate} and ${toDate}`,
          )
        : eq(clinicClosures.clinicId, clinicId),
    )
    .orderBy(asc(clinicClosures.date));
}
export async function insertClosure(db: DbOrTx, row: typeof clinicClosures.$inferInsert) {
  const [saved] = await db
    .insert(clinicClosures)
    .values(row)
    .onConflictDoUpdate({
      target: [clinicClosures.clinicId, clinicClosures.date],
      set: { reason: row.reason },
    })
    .returning();
  return saved;
}
export async function deleteClosure(db: DbOrTx, id: string): Promise<boolean> {
  const rows = await db
    .delete(clinicClosures)
    .where(eq(clinicClosures.id, id))
    .returning({ id: clinicClosures.id });
  return rows.length > 0;
}

/** Staff of a clinic with their roles there (active users only). */
export async function findClinicStaff(db: DbOrTx, clinicId: string, userIds?: string[]) {
  return db
    .select({ userId: users.id, fullName: users.fullName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.clinicId, clinicId),
        eq(users.status, 'active'),
        ...(userIds ? [inArray(users.id, userIds)] : []),
      ),
    )
    .orderBy(asc(users.fullName));
}

export async function findActiveLicenceCouncils(db: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ userId: professionalLicences.userId, council: professionalLicences.council })
    .from(professionalLicences)
    .where(and(inArray(professionalLicences.userId, userIds), eq(professionalLicences.status, 'ativa')));
}

// ── Appointments ─────────────────────────────────────────────────────────────────────────────────

export async function findClientForBooking(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ id: clients.id, status: clients.status, blockedAt: clients.blockedAt })
    .from(clients)
    .where(eq(clients.id, id))
    .limit(1);
  return row;
}

export async function findAppointment(db: DbOrTx, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id)).limit(1);
  return row;
}

/** Locks the row for a status change (concurrent transitions of one appointment serialise here). */
export async function lockAppointment(db: DbOrTx, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id)).for('update').limit(1);
  return row;
}

export async function insertAppointment(
  db: DbOrTx,
  row: typeof appointments.$inferInsert,
): Promise<AppointmentRow> {
  const [saved] = await db.insert(appointments).values(row).returning();
  if (!saved) throw new Error('appointment not saved');
  return saved;
}

export async function insertAppointmentEquipment(
  db: DbOrTx,
  row: {
    organizationId: string;
    appointmentId: string;
    equipmentId: string;
    startsAt: Date;
    endsAt: Date;
    status: string;
  },
): Promise<void> {
  await db.insert(appointmentEquipment).values(row);
}

export async function updateAppointment(
  db: DbOrTx,
  id: string,
  expectedVersion: number,
  set: Partial<typeof appointments.$inferInsert>,
): Promise<AppointmentRow | undefined> {
  const [row] = await db
    .update(appointments)
    .set({ ...set, version: sql`${appointments.version} + 1` })
    .where(and(eq(appointments.id, id), eq(appointments.version, expectedVersion)))
    .returning();
  return row;
}

export async function deleteAppointment(db: DbOrTx, id: string): Promise<void> {
  await db.delete(appointments).where(eq(appointments.id, id));
}

export async function insertStatusHistory(db: DbOrTx, row: typeof appointmentStatusHistory.$inferInsert) {
  await db.insert(appointmentStatusHistory).values(row);
}

export async function findStatusHistory(db: DbOrTx, appointmentId: string) {
  return db
    .select()
    .from(appointmentStatusHistory)
    .where(eq(appointmentStatusHistory.appointmentId, appointmentId))
    .orderBy(asc(appointmentStatusHistory.changedAt));
}

export async function findEquipmentOf(db: DbOrTx, appointmentIds: string[]) {
  if (appointmentIds.length === 0) return [];
  return db
    .select({
      appointmentId: appointmentEquipment.appointmentId,
      equipmentId: appointmentEquipment.equipmentId,
    })
    .from(appointmentEquipment)
    .where(inArray(appointmentEquipment.appointmentId, appointmentIds));
}

/**
 * Sessions of the same treatment for the client, nearest before and after an instant (live or done),
 * for the minimum-interval rule.
 */
export async function findNeighbourSessions(
  db: DbOrTx,
  input: { clientId: string; treatmentId: string; at: Date; excludeIds: string[] },
) {
  const live = and(
    eq(appointments.clientId, input.clientId),
    eq(appointments.treatmentId, input.treatmentId),
    // Applications only: a review visit is not a session for the minimum interval.
    eq(appointments.purpose, 'sessao'),
    notInArray(appointments.status, [...FREEING, 'reservado']),
    ...(input.excludeIds.length ? [notInArray(appointments.id, input.excludeIds)] : []),
  );
  const [before] = await db
    .select({ startsAt: appointments.startsAt })
    .from(appointments)
    .where(and(live, lt(appointments.startsAt, input.at)))
    .orderBy(desc(appointments.startsAt))
    .limit(1);
  const [after] = await db
    .select({ startsAt: appointments.startsAt })
    .from(appointments)
    .where(and(live, sql`${appointments.startsAt} >= ${input.at}`))
    .orderBy(asc(appointments.startsAt))
    .limit(1);
  return { before: before?.startsAt ?? null, after: after?.startsAt ?? null };
}

/** Live intervals of resources in a range: professionals, rooms, client, devices (one query each). */
export async function findBusy(
  db: DbOrTx,
  input: {
    from: Date;
    to: Date;
    professionalIds?: string[];
    roomIds?: string[];
    clientId?: string;
    equipmentIds?: string[];
  },
) {
  const range = sql`tstzrange(${input.from.toISOString()}::timestamptz, ${input.to.toISOString()}::timestamptz, '[)')`;
  const liveOverlap = and(
    notInArray(appointments.status, [...FREEING]),
    sql`${appointments.during} && ${range}`,
  );
  const who = [
    ...(input.professionalIds?.length ? [inArray(appointments.professionalId, input.professionalIds)] : []),
    ...(input.roomIds?.length ? [inArray(appointments.roomId, input.roomIds)] : []),
    ...(input.clientId ? [eq(appointments.clientId, input.clientId)] : []),
  ];
  const appts = who.length
    ? await db
        .select({
          id: appointments.id,
          professionalId: appointments.professionalId,
          roomId: appointments.roomId,
          clientId: appointments.clientId,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
        })
        .from(appointments)
        .where(and(liveOverlap, or(...who)))
    : [];
  const devices = input.equipmentIds?.length
    ? await db
        .select({
          equipmentId: appointmentEquipment.equipmentId,
          startsAt: appointmentEquipment.startsAt,
          endsAt: appointmentEquipment.endsAt,
        })
        .from(appointmentEquipment)
        .where(
          and(
            inArray(appointmentEquipment.equipmentId, input.equipmentIds),
            notInArray(appointmentEquipment.status, [...FREEING]),
            sql`${appointmentEquipment.during} && ${range}`,
          ),
        )
    : [];
  return { appointments: appts, devices };
}

/** The agenda view: every appointment of a clinic in a range, with display names, in one query. */
export async function findAgenda(
  db: DbOrTx,
  input: {
    clinicId: string;
    from: Date;
    to: Date;
    professionalId?: string;
    includeFreed: boolean;
    ids?: string[];
  },
) {
  return db
    .select({
      appointment: appointments,
      clientName: sql<string>`coalesce(${clients.socialName}, ${clients.fullName})`,
      treatmentName: treatments.name,
      professionalName: users.fullName,
      roomName: rooms.name,
      equipmentIds: sql<string[]>`coalesce((select array_agg(ae.equipment_id::text order by ae.equipment_id)
        from appointment_equipment ae where ae.appointment_id = ${appointments.id}), '{}')`,
      // The stored no-show score (prediction's table), joined so a view stays one query.
      riskScore: appointmentRiskScores.score,
      riskBand: appointmentRiskScores.band,
      riskFactors: appointmentRiskScores.factors,
      riskComputedAt: appointmentRiskScores.computedAt,
      riskModelVersion: modelVersions.version,
    })
    .from(appointments)
    .innerJoin(clients, eq(clients.id, appointments.clientId))
    .innerJoin(treatments, eq(treatments.id, appointments.treatmentId))
    .innerJoin(users, eq(users.id, appointments.professionalId))
    .leftJoin(rooms, eq(rooms.id, appointments.roomId))
    .leftJoin(
      appointmentRiskScores,
      and(
        eq(appointmentRiskScores.organizationId, appointments.organizationId),
        eq(appointmentRiskScores.appointmentId, appointments.id),
      ),
    )
    .leftJoin(modelVersions, eq(modelVersions.id, appointmentRiskScores.modelVersionId))
    .where(
      input.ids
        ? inArray(appointments.id, input.ids)
        : and(
            eq(appointments.clinicId, input.clinicId),
            lt(appointments.startsAt, input.to),
            // No appointment lasts a day: this lower bound lets (clinic_id, starts_at) bound the scan.
            gt(appointments.startsAt, new Date(input.from.getTime() - 86_400_000)),
            gt(appointments.endsAt, input.from),
            ...(input.professionalId ? [eq(appointments.professionalId, input.professionalId)] : []),
            ...(input.includeFreed ? [] : [notInArray(appointments.status, [...FREEING])]),
          ),
    )
    .orderBy(asc(appointments.startsAt), asc(users.fullName));
}

// ── Series ───────────────────────────────────────────────────────────────────────────────────────

export async function insertSeries(db: DbOrTx, row: typeof appointmentSeries.$inferInsert) {
  const [saved] = await db.insert(appointmentSeries).values(row).returning();
  if (!saved) throw new Error('series not saved');
  return saved;
}
export async function findSeries(db: DbOrTx, id: string) {
  const [row] = await db.select().from(appointmentSeries).where(eq(appointmentSeries.id, id)).limit(1);
  return row;
}
export async function setSeriesStatus(db: DbOrTx, id: string, status: string) {
  await db.update(appointmentSeries).set({ status }).where(eq(appointmentSeries.id, id));
}
export async function findSeriesAppointments(db: DbOrTx, seriesId: string) {
  return db
    .select()
    .from(appointments)
    .where(eq(appointments.seriesId, seriesId))
    .orderBy(asc(appointments.startsAt));
}

// ── Waitlist ─────────────────────────────────────────────────────────────────────────────────────

export async function insertWaitlistEntry(db: DbOrTx, row: typeof waitlistEntries.$inferInsert) {
  const [saved] = await db.insert(waitlistEntries).values(row).returning();
  if (!saved) throw new Error('entry not saved');
  return saved;
}
export async function findWaitlistEntry(db: DbOrTx, id: string) {
  const [row] = await db
    .select()
    .from(waitlistEntries)
    .where(eq(waitlistEntries.id, id))
    .for('update')
    .limit(1);
  return row;
}
export async function updateWaitlistEntry(
  db: DbOrTx,
  id: string,
  set: Partial<typeof waitlistEntries.$inferInsert>,
) {
  await db.update(waitlistEntries).set(set).where(eq(waitlistEntries.id, id));
}

/** Waiting entries of a clinic for a treatment, first come first served, skipping given entries. */
export async function findWaitingEntries(
  db: DbOrTx,
  input: { clinicId: string; treatmentId: string; excludeEntryIds: string[] },
) {
  return db
    .select()
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.clinicId, input.clinicId),
        eq(waitlistEntries.treatmentId, input.treatmentId),
        eq(waitlistEntries.status, 'aguardando'),
        ...(input.excludeEntryIds.length ? [notInArray(waitlistEntries.id, input.excludeEntryIds)] : []),
      ),
    )
    .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id));
}

export async function findWaitlist(db: DbOrTx, clinicId: string) {
  return db
    .select({
      entry: waitlistEntries,
      clientName: sql<string>`coalesce(${clients.socialName}, ${clients.fullName})`,
      treatmentName: treatments.name,
    })
    .from(waitlistEntries)
    .innerJoin(clients, eq(clients.id, waitlistEntries.clientId))
    .innerJoin(treatments, eq(treatments.id, waitlistEntries.treatmentId))
    .where(
      and(
        eq(waitlistEntries.clinicId, clinicId),
        inArray(waitlistEntries.status, ['aguardando', 'oferta_pendente']),
      ),
    )
    .orderBy(asc(waitlistEntries.createdAt));
}

export async function insertOffer(db: DbOrTx, row: typeof waitlistOffers.$inferInsert) {
  const [saved] = await db.insert(waitlistOffers).values(row).returning();
  if (!saved) throw new Error('offer not saved');
  return saved;
}
export async function lockOffer(db: DbOrTx, id: string): Promise<WaitlistOfferRow | undefined> {
  const [row] = await db
    .select()
    .from(waitlistOffers)
    .where(eq(waitlistOffers.id, id))
    .for('update')
    .limit(1);
  return row;
}
export async function updateOffer(db: DbOrTx, id: string, set: Partial<typeof waitlistOffers.$inferInsert>) {
  await db.update(waitlistOffers).set(set).where(eq(waitlistOffers.id, id));
}
export async function findOffersOfEntries(db: DbOrTx, entryIds: string[]) {
  if (entryIds.length === 0) return [];
  return db
    .select()
    .from(waitlistOffers)
    .where(and(inArray(waitlistOffers.entryId, entryIds), eq(waitlistOffers.status, 'pendente')));
}
/** Entries that were already offered this freed slot (so expiry passes to the next one). */
export async function findOfferedEntryIds(db: DbOrTx, sourceAppointmentId: string): Promise<string[]> {
  const rows = await db
    .select({ entryId: waitlistOffers.entryId })
    .from(waitlistOffers)
    .where(eq(waitlistOffers.sourceAppointmentId, sourceAppointmentId));
  return rows.map((r) => r.entryId);
}

/** Pending offers whose hold has expired, oldest first, locked and skipped by concurrent tickers. */
export async function findExpiredOffers(db: DbOrTx, now: Date, limit: number) {
  return db
    .select()
    .from(waitlistOffers)
    .where(and(eq(waitlistOffers.status, 'pendente'), lt(waitlistOffers.expiresAt, now)))
    .orderBy(asc(waitlistOffers.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/** The settings row of a clinic, created with defaults (and a fresh ICS secret) when missing. */
export async function ensureSettingsRow(
  db: DbOrTx,
  clinicId: string,
  organizationId: string,
): Promise<SettingsRow> {
  await db.insert(agendaSettings).values({ clinicId, organizationId }).onConflictDoNothing();
  const row = await findSettings(db, clinicId);
  if (!row) throw new Error('settings row missing');
  return row;
}

// ── Demo seed ────────────────────────────────────────────────────────────────────────────────────

export async function setClinicOpeningHours(db: DbOrTx, clinicId: string, openingHours: OpeningHours) {
  await db.update(clinics).set({ openingHours }).where(eq(clinics.id, clinicId));
}

export async function findActiveTreatmentsForSeed(db: DbOrTx, organizationId: string) {
  return db
    .select()
    .from(treatments)
    .where(and(eq(treatments.organizationId, organizationId), eq(treatments.isActive, true)));
}

export async function insertTreatmentsForSeed(db: DbOrTx, rows: (typeof treatments.$inferInsert)[]) {
  return db.insert(treatments).values(rows).returning();
}

export async function findClinicTeamForSeed(db: DbOrTx, clinicId: string, roles: string[]) {
  return db
    .select({ userId: memberships.userId, role: memberships.role, fullName: users.fullName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.role, roles)))
    .orderBy(asc(users.fullName), asc(memberships.role));
}

export async function findClientIdsForSeed(db: DbOrTx, organizationId: string, limit: number) {
  const rows = await db
    .select({ id: clients.id })
    .from(clients)
    .where(eq(clients.organizationId, organizationId))
    .orderBy(asc(clients.createdAt), asc(clients.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

/** Appointments still expected to happen, per treatment, in a clinic over [from, to): for stock forecasts. */
export async function countBookedTreatments(db: DbOrTx, clinicId: string, from: Date, to: Date) {
  const rows = await db
    .select({ treatmentId: appointments.treatmentId, count: sql<number>`count(*)::int` })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        inArray(appointments.status, ['reservado', 'agendado', 'confirmado', 'chegou', 'em_atendimento']),
        gte(appointments.startsAt, from),
        lt(appointments.startsAt, to),
      ),
    )
    .groupBy(appointments.treatmentId);
  return rows.map((r) => ({ treatmentId: r.treatmentId, count: Number(r.count) }));
}
