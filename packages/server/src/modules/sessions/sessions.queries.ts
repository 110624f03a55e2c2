import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  adverseEvents,
  appointments,
  clientIntakes,
  clients,
  consentEvents,
  lots,
  photos,
  products,
  professionalLicences,
  sessionAddenda,
  sessionInjectionPoints,
  sessionProducts,
  stockMovements,
  treatmentSessions,
  treatments,
  users,
} from '../../db/schema';

export type SessionRow = typeof treatmentSessions.$inferSelect;
export type PointRow = typeof sessionInjectionPoints.$inferSelect;
export type SessionProductRow = typeof sessionProducts.$inferSelect;
export type AddendumRow = typeof sessionAddenda.$inferSelect;
export type AppointmentRow = typeof appointments.$inferSelect;

export async function lockAppointmentRow(db: DbOrTx, id: string): Promise<AppointmentRow | undefined> {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id)).for('update').limit(1);
  return row;
}

export async function insertSession(
  db: DbOrTx,
  row: typeof treatmentSessions.$inferInsert,
): Promise<SessionRow> {
  const [inserted] = await db.insert(treatmentSessions).values(row).returning();
  if (!inserted) throw new Error('session insert returned nothing');
  return inserted;
}

export async function findSessionById(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(treatmentSessions).where(eq(treatmentSessions.id, id)).limit(1);
  return row;
}

export async function lockSession(db: DbOrTx, id: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select()
    .from(treatmentSessions)
    .where(eq(treatmentSessions.id, id))
    .for('update')
    .limit(1);
  return row;
}

export async function findSessionByAppointment(db: DbOrTx, appointmentId: string) {
  const [row] = await db
    .select()
    .from(treatmentSessions)
    .where(eq(treatmentSessions.appointmentId, appointmentId))
    .limit(1);
  return row;
}

export async function updateSession(
  db: DbOrTx,
  id: string,
  values: Partial<typeof treatmentSessions.$inferInsert>,
) {
  const [row] = await db
    .update(treatmentSessions)
    .set(values)
    .where(eq(treatmentSessions.id, id))
    .returning();
  if (!row) throw new Error('session update returned nothing');
  return row;
}

export async function replaceChildren(
  db: DbOrTx,
  sessionId: string,
  points: (typeof sessionInjectionPoints.$inferInsert)[],
  items: (typeof sessionProducts.$inferInsert)[],
): Promise<void> {
  await db.delete(sessionInjectionPoints).where(eq(sessionInjectionPoints.sessionId, sessionId));
  await db.delete(sessionProducts).where(eq(sessionProducts.sessionId, sessionId));
  if (points.length > 0) await db.insert(sessionInjectionPoints).values(points);
  if (items.length > 0) await db.insert(sessionProducts).values(items);
}

export async function setProductMovements(db: DbOrTx, id: string, movementIds: string[]): Promise<void> {
  await db.update(sessionProducts).set({ movementIds }).where(eq(sessionProducts.id, id));
}

export async function findPoints(db: DbOrTx, sessionId: string) {
  return db
    .select({ point: sessionInjectionPoints, productName: products.name, lotNumber: lots.lotNumber })
    .from(sessionInjectionPoints)
    .innerJoin(products, eq(products.id, sessionInjectionPoints.productId))
    .leftJoin(lots, eq(lots.id, sessionInjectionPoints.lotId))
    .where(eq(sessionInjectionPoints.sessionId, sessionId))
    .orderBy(asc(sessionInjectionPoints.position));
}

export async function findSessionProducts(db: DbOrTx, sessionId: string) {
  return db
    .select({
      item: sessionProducts,
      productName: products.name,
      unit: products.unit,
      lotNumber: lots.lotNumber,
      expiryDate: lots.expiryDate,
    })
    .from(sessionProducts)
    .innerJoin(products, eq(products.id, sessionProducts.productId))
    .leftJoin(lots, eq(lots.id, sessionProducts.lotId))
    .where(eq(sessionProducts.sessionId, sessionId))
    .orderBy(asc(sessionProducts.position));
}

/** The stock-ledger uses of a session, with their lots. */
export async function findSessionMovements(db: DbOrTx, sessionId: string) {
  return db
    .select({
      id: stockMovements.id,
      lotId: stockMovements.lotId,
      lotNumber: lots.lotNumber,
      quantity: stockMovements.quantity,
    })
    .from(stockMovements)
    .innerJoin(lots, eq(lots.id, stockMovements.lotId))
    .where(and(eq(stockMovements.sessionId, sessionId), eq(stockMovements.kind, 'use')));
}

export async function findAddenda(db: DbOrTx, sessionId: string) {
  return db
    .select({ addendum: sessionAddenda, signedByName: users.fullName })
    .from(sessionAddenda)
    .leftJoin(users, eq(users.id, sessionAddenda.signedBy))
    .where(eq(sessionAddenda.sessionId, sessionId))
    .orderBy(asc(sessionAddenda.signedAt));
}

export async function insertAddendum(
  db: DbOrTx,
  row: typeof sessionAddenda.$inferInsert,
): Promise<AddendumRow> {
  const [inserted] = await db.insert(sessionAddenda).values(row).returning();
  if (!inserted) throw new Error('addendum insert returned nothing');
  return inserted;
}

export async function findNames(db: DbOrTx, session: SessionRow) {
  const [row] = await db
    .select({
      clientName: clients.fullName,
      treatmentName: treatments.name,
      competenceCategory: treatments.competenceCategory,
      minIntervalDays: treatments.minIntervalDays,
    })
    .from(clients)
    .innerJoin(treatments, eq(treatments.id, session.treatmentId))
    .where(eq(clients.id, session.clientId))
    .limit(1);
  return row;
}

export async function findUserNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function findPasswordHash(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row?.hash ?? null;
}

/** The latest TCLE event for the client and procedure category (grant or withdraw). */
export async function findLatestTcle(db: DbOrTx, clientId: string, procedureCategory: string) {
  const [row] = await db
    .select({ action: consentEvents.action, occurredAt: consentEvents.occurredAt })
    .from(consentEvents)
    .where(
      and(
        eq(consentEvents.clientId, clientId),
        eq(consentEvents.purpose, 'tcle'),
        eq(consentEvents.procedureCategory, procedureCategory),
      ),
    )
    .orderBy(desc(consentEvents.occurredAt))
    .limit(1);
  return row;
}

export async function findLatestIntakeVersion(db: DbOrTx, clientId: string): Promise<number | null> {
  const [row] = await db
    .select({ version: clientIntakes.version })
    .from(clientIntakes)
    .where(eq(clientIntakes.clientId, clientId))
    .orderBy(desc(clientIntakes.version))
    .limit(1);
  return row?.version ?? null;
}

export async function countBeforePhotos(db: DbOrTx, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(photos)
    .where(and(eq(photos.sessionId, sessionId), eq(photos.moment, 'antes'), isNull(photos.deletedAt)));
  return Number(row?.n ?? 0);
}

export async function findProductsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: products.id, name: products.name, unit: products.unit })
    .from(products)
    .where(inArray(products.id, ids));
}

export async function findLotsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: lots.id, productId: lots.productId, clinicId: lots.clinicId })
    .from(lots)
    .where(inArray(lots.id, ids));
}

export async function findLicences(db: DbOrTx, userId: string) {
  return db
    .select({
      council: professionalLicences.council,
      number: professionalLicences.number,
      uf: professionalLicences.uf,
      status: professionalLicences.status,
    })
    .from(professionalLicences)
    .where(eq(professionalLicences.userId, userId));
}

// ── Timeline ──────────────────────────────────────────────────────────────────────────────────────

export async function findClientSessions(db: DbOrTx, clientId: string) {
  return db
    .select({ session: treatmentSessions, treatmentName: treatments.name, professionalName: users.fullName })
    .from(treatmentSessions)
    .innerJoin(treatments, eq(treatments.id, treatmentSessions.treatmentId))
    .leftJoin(users, eq(users.id, treatmentSessions.professionalId))
    .where(eq(treatmentSessions.clientId, clientId))
    .orderBy(asc(treatmentSessions.startedAt));
}

export async function findClientUses(db: DbOrTx, clientId: string) {
  return db
    .select({
      sessionId: stockMovements.sessionId,
      occurredAt: stockMovements.occurredAt,
      quantity: stockMovements.quantity,
      productId: stockMovements.productId,
      productName: products.name,
      unit: products.unit,
      lotNumber: lots.lotNumber,
      expiryDate: lots.expiryDate,
    })
    .from(stockMovements)
    .innerJoin(products, eq(products.id, stockMovements.productId))
    .innerJoin(lots, eq(lots.id, stockMovements.lotId))
    .where(and(eq(stockMovements.clientId, clientId), eq(stockMovements.kind, 'use')))
    .orderBy(asc(stockMovements.occurredAt));
}

export async function findClientPhotoMoments(db: DbOrTx, clientId: string) {
  return db
    .select({
      id: photos.id,
      sessionId: photos.sessionId,
      takenAt: photos.takenAt,
      moment: photos.moment,
      area: photos.area,
      pose: photos.pose,
    })
    .from(photos)
    .where(and(eq(photos.clientId, clientId), isNull(photos.deletedAt)))
    .orderBy(asc(photos.takenAt));
}

export async function findClientAdverseEvents(db: DbOrTx, clientId: string) {
  return db
    .select({
      id: adverseEvents.id,
      sessionId: adverseEvents.sessionId,
      onsetAt: adverseEvents.onsetAt,
      severity: adverseEvents.severity,
      outcome: adverseEvents.outcome,
      productName: products.name,
      lotNumber: lots.lotNumber,
    })
    .from(adverseEvents)
    .leftJoin(products, eq(products.id, adverseEvents.productId))
    .leftJoin(lots, eq(lots.id, adverseEvents.lotId))
    .where(eq(adverseEvents.clientId, clientId))
    .orderBy(asc(adverseEvents.onsetAt));
}

export async function findClientRow(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select({ id: clients.id, status: clients.status })
    .from(clients)
    .where(eq(clients.id, clientId))
    .limit(1);
  return row;
}
