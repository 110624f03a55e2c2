import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { clinics, products, treatmentMaterials, treatments } from '../../db/schema';

export type TreatmentRow = typeof treatments.$inferSelect;
export type MaterialRow = {
  treatmentId: string;
  productId: string;
  productName: string;
  unit: string;
  quantity: number;
};

export async function findTreatments(
  db: DbOrTx,
  organizationId: string,
  options: { includeInactive: boolean },
): Promise<TreatmentRow[]> {
  return db
    .select()
    .from(treatments)
    .where(
      options.includeInactive
        ? eq(treatments.organizationId, organizationId)
        : and(eq(treatments.organizationId, organizationId), eq(treatments.isActive, true)),
    )
    .orderBy(asc(treatments.category), asc(treatments.name));
}

export async function findTreatmentById(db: DbOrTx, id: string): Promise<TreatmentRow | undefined> {
  const [row] = await db.select().from(treatments).where(eq(treatments.id, id)).limit(1);
  return row;
}

export async function findTreatmentByName(db: DbOrTx, organizationId: string, name: string) {
  const [row] = await db
    .select({ id: treatments.id })
    .from(treatments)
    .where(and(eq(treatments.organizationId, organizationId), eq(treatments.name, name)))
    .limit(1);
  return row;
}

export async function findMaterials(db: DbOrTx, treatmentIds: string[]): Promise<MaterialRow[]> {
  if (treatmentIds.length === 0) return [];
  return db
    .select({
      treatmentId: treatmentMaterials.treatmentId,
      productId: treatmentMaterials.productId,
      productName: products.name,
      unit: products.unit,
      quantity: treatmentMaterials.quantity,
    })
    .from(treatmentMaterials)
    .innerJoin(products, eq(products.id, treatmentMaterials.productId))
    .where(inArray(treatmentMaterials.treatmentId, treatmentIds))
    .orderBy(asc(products.name));
}

export async function insertTreatment(
  db: DbOrTx,
  row: typeof treatments.$inferInsert,
): Promise<TreatmentRow> {
  const [inserted] = await db.insert(treatments).values(row).returning();
  if (!inserted) throw new Error('treatment insert returned no row');
  return inserted;
}

export async function updateTreatmentRow(
  db: DbOrTx,
  id: string,
  set: Partial<typeof treatments.$inferInsert>,
): Promise<void> {
  await db.update(treatments).set(set).where(eq(treatments.id, id));
}

export async function replaceMaterials(
  db: DbOrTx,
  organizationId: string,
  treatmentId: string,
  items: { productId: string; quantity: number }[],
  now: Date,
): Promise<void> {
  await db.delete(treatmentMaterials).where(eq(treatmentMaterials.treatmentId, treatmentId));
  if (items.length === 0) return;
  await db.insert(treatmentMaterials).values(
    items.map((item) => ({
      organizationId,
      treatmentId,
      productId: item.productId,
      quantity: item.quantity,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

/** Active products among the given ids, for validating a bill of materials. */
export async function findProductsForMaterials(db: DbOrTx, organizationId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: products.id, anvisaCategory: products.anvisaCategory, isActive: products.isActive })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), inArray(products.id, ids)));
}

export async function findClinicTimeZone(db: DbOrTx, clinicId: string): Promise<string> {
  const [row] = await db.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
  return row?.timeZone ?? 'America/Sao_Paulo';
}
