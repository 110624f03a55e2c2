import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { clients, clinics, lots, organizations, products, stockMovements, users } from '../../db/schema';

export type LotRow = typeof lots.$inferSelect;
export type MovementRow = typeof stockMovements.$inferSelect;
export type NewMovement = typeof stockMovements.$inferInsert;

export async function findClinic(db: DbOrTx, clinicId: string) {
  const [row] = await db
    .select({
      id: clinics.id,
      organizationId: clinics.organizationId,
      name: clinics.name,
      cnpj: clinics.cnpj,
      timeZone: clinics.timeZone,
    })
    .from(clinics)
    .where(eq(clinics.id, clinicId))
    .limit(1);
  return row;
}

export async function findClinics(db: DbOrTx, organizationId: string) {
  return db
    .select({ id: clinics.id, name: clinics.name, timeZone: clinics.timeZone })
    .from(clinics)
    .where(eq(clinics.organizationId, organizationId))
    .orderBy(asc(clinics.name));
}

export async function findLotById(db: DbOrTx, lotId: string): Promise<LotRow | undefined> {
  const [row] = await db.select().from(lots).where(eq(lots.id, lotId)).limit(1);
  return row;
}

/** The lot row, locked until the transaction ends (withdrawals of one lot serialise here). */
export async function lockLot(db: DbOrTx, lotId: string): Promise<LotRow | undefined> {
  const [row] = await db.select().from(lots).where(eq(lots.id, lotId)).for('update');
  return row;
}

/**
 * Every lot of a product in a clinic, locked. Locked in id order whatever the caller does next, so two
 * draws that touch the same lots always take the locks in the same order (no deadlock).
 */
export async function lockProductLots(db: DbOrTx, clinicId: string, productId: string): Promise<LotRow[]> {
  return db
    .select()
    .from(lots)
    .where(and(eq(lots.clinicId, clinicId), eq(lots.productId, productId), gt(lots.onHand, 0)))
    .orderBy(asc(lots.id))
    .for('update');
}

/** Usable-looking lots of a product in a clinic, without locks (the FEFO suggestion). */
export async function findProductLots(db: DbOrTx, clinicId: string, productId: string): Promise<LotRow[]> {
  return db
    .select()
    .from(lots)
    .where(and(eq(lots.clinicId, clinicId), eq(lots.productId, productId), gt(lots.onHand, 0)))
    .orderBy(asc(lots.expiryDate), asc(lots.receivedOn), asc(lots.id));
}

export async function findLotByNumber(db: DbOrTx, clinicId: string, productId: string, lotNumber: string) {
  const [row] = await db
    .select()
    .from(lots)
    .where(and(eq(lots.clinicId, clinicId), eq(lots.productId, productId), eq(lots.lotNumber, lotNumber)))
    .limit(1)
    .for('update');
  return row;
}

/** The lot rows of one manufacturer's lot (same product and number) across the network's clinics. */
export async function findSiblingLots(
  db: DbOrTx,
  organizationId: string,
  productId: string,
  lotNumber: string,
  options: { lock: boolean } = { lock: true },
) {
  const query = db
    .select({ id: lots.id, clinicId: lots.clinicId, clinicName: clinics.name, status: lots.status })
    .from(lots)
    .innerJoin(clinics, eq(clinics.id, lots.clinicId))
    .where(
      and(
        eq(lots.organizationId, organizationId),
        eq(lots.productId, productId),
        eq(lots.lotNumber, lotNumber),
      ),
    )
    .orderBy(asc(clinics.name));
  return options.lock ? query.for('update', { of: lots }) : query;
}

export async function findOrganizationName(db: DbOrTx, organizationId: string): Promise<string> {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return row?.name ?? '';
}

export async function insertLot(db: DbOrTx, row: typeof lots.$inferInsert): Promise<LotRow> {
  const [inserted] = await db.insert(lots).values(row).returning();
  if (!inserted) throw new Error('lot insert returned no row');
  return inserted;
}

export async function insertMovements(db: DbOrTx, rows: NewMovement[]): Promise<MovementRow[]> {
  if (rows.length === 0) return [];
  return db.insert(stockMovements).values(rows).returning();
}

export async function updateLotsStatus(
  db: DbOrTx,
  ids: string[],
  set: { status: string; statusReason: string; statusChangedAt: Date; statusChangedBy: string },
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(lots)
    .set({ ...set, updatedAt: set.statusChangedAt })
    .where(inArray(lots.id, ids));
}

export const lotViewColumns = {
  lot: lots,
  clinicName: clinics.name,
  clinicTimeZone: clinics.timeZone,
  productName: products.name,
  unit: products.unit,
};

export type LotViewRow = {
  lot: LotRow;
  clinicName: string;
  clinicTimeZone: string;
  productName: string;
  unit: string;
};

export async function findLotViews(
  db: DbOrTx,
  organizationId: string,
  filter: { clinicId: string | null; productId: string | null; includeEmpty: boolean; lotIds?: string[] },
): Promise<LotViewRow[]> {
  const conditions = [eq(lots.organizationId, organizationId)];
  if (filter.clinicId) conditions.push(eq(lots.clinicId, filter.clinicId));
  if (filter.productId) conditions.push(eq(lots.productId, filter.productId));
  if (!filter.includeEmpty) conditions.push(gt(lots.onHand, 0));
  if (filter.lotIds) {
    if (filter.lotIds.length === 0) return [];
    conditions.push(inArray(lots.id, filter.lotIds));
  }
  return db
    .select(lotViewColumns)
    .from(lots)
    .innerJoin(clinics, eq(clinics.id, lots.clinicId))
    .innerJoin(products, eq(products.id, lots.productId))
    .where(and(...conditions))
    .orderBy(asc(clinics.name), asc(products.name), asc(lots.expiryDate), asc(lots.lotNumber));
}

export async function findMovementsOfLot(db: DbOrTx, lotId: string): Promise<MovementRow[]> {
  return db
    .select()
    .from(stockMovements)
    .where(eq(stockMovements.lotId, lotId))
    .orderBy(desc(stockMovements.occurredAt), desc(stockMovements.createdAt));
}

/** Products with reorder points and the stock per clinic split into usable and blocked. */
export async function findBalances(
  db: DbOrTx,
  organizationId: string,
  clinicId: string | null,
  today: string,
) {
  const usable = sql<number>`coalesce(sum(${lots.onHand}) filter (where ${lots.status} = 'ativo' and ${lots.expiryDate} >= ${today}::date), 0)::float8`;
  const blocked = sql<number>`coalesce(sum(${lots.onHand}) filter (where not (${lots.status} = 'ativo' and ${lots.expiryDate} >= ${today}::date)), 0)::float8`;
  const conditions = [eq(products.organizationId, organizationId), eq(products.isActive, true)];
  if (clinicId) conditions.push(eq(clinics.id, clinicId));
  return db
    .select({
      clinicId: clinics.id,
      clinicName: clinics.name,
      productId: products.id,
      productName: products.name,
      unit: products.unit,
      reorderPoint: products.reorderPoint,
      usable,
      blocked,
    })
    .from(products)
    .innerJoin(clinics, eq(clinics.organizationId, products.organizationId))
    .leftJoin(lots, and(eq(lots.productId, products.id), eq(lots.clinicId, clinics.id)))
    .where(and(...conditions))
    .groupBy(clinics.id, clinics.name, products.id, products.name, products.unit, products.reorderPoint)
    .orderBy(asc(clinics.name), asc(products.name));
}

/** Every use of the lot rows: who received them, when, from whom. */
export async function findLotUses(db: DbOrTx, lotIds: string[]) {
  if (lotIds.length === 0) return [];
  return db
    .select({
      movementId: stockMovements.id,
      occurredAt: stockMovements.occurredAt,
      clinicName: clinics.name,
      lotNumber: lots.lotNumber,
      clientId: stockMovements.clientId,
      clientName: clients.fullName,
      sessionId: stockMovements.sessionId,
      professionalName: users.fullName,
      quantity: stockMovements.quantity,
    })
    .from(stockMovements)
    .innerJoin(lots, eq(lots.id, stockMovements.lotId))
    .innerJoin(clinics, eq(clinics.id, stockMovements.clinicId))
    .innerJoin(clients, eq(clients.id, stockMovements.clientId))
    .leftJoin(users, eq(users.id, stockMovements.professionalId))
    .where(and(inArray(stockMovements.lotId, lotIds), eq(stockMovements.kind, 'use')))
    .orderBy(asc(stockMovements.occurredAt), asc(stockMovements.id));
}
