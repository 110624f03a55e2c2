import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { clinics, products } from '../../db/schema';

export type ProductRow = typeof products.$inferSelect;

export async function findProducts(db: DbOrTx, organizationId: string): Promise<ProductRow[]> {
  return db
    .select()
    .from(products)
    .where(eq(products.organizationId, organizationId))
    .orderBy(asc(products.name));
}

export async function findProductById(db: DbOrTx, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(products).where(eq(products.id, id)).limit(1);
  return row;
}

export async function findProductByName(db: DbOrTx, organizationId: string, name: string) {
  const [row] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.organizationId, organizationId), eq(products.name, name)))
    .limit(1);
  return row;
}

export async function insertProduct(db: DbOrTx, row: typeof products.$inferInsert): Promise<ProductRow> {
  const [inserted] = await db.insert(products).values(row).returning();
  if (!inserted) throw new Error('product insert returned no row');
  return inserted;
}

export async function updateProductRow(
  db: DbOrTx,
  id: string,
  set: Partial<typeof products.$inferInsert>,
): Promise<void> {
  await db.update(products).set(set).where(eq(products.id, id));
}

export async function findClinicTimeZone(db: DbOrTx, clinicId: string): Promise<string> {
  const [row] = await db.select({ timeZone: clinics.timeZone }).from(clinics).where(eq(clinics.id, clinicId));
  return row?.timeZone ?? 'America/Sao_Paulo';
}
