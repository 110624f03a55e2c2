import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { adverseEvents, clients, lots, products } from '../../db/schema';

export type AdverseEventRow = typeof adverseEvents.$inferSelect;

export const adverseEventListColumns = {
  event: adverseEvents,
  clientName: clients.fullName,
  productName: products.name,
  lotNumber: lots.lotNumber,
};

export type AdverseEventListRow = {
  event: AdverseEventRow;
  clientName: string;
  productName: string | null;
  lotNumber: string | null;
};

export async function findAdverseEvents(
  db: DbOrTx,
  organizationId: string,
  filter: { id?: string; onlyOpen?: boolean } = {},
): Promise<AdverseEventListRow[]> {
  const conditions = [eq(adverseEvents.organizationId, organizationId)];
  if (filter.id) conditions.push(eq(adverseEvents.id, filter.id));
  if (filter.onlyOpen) conditions.push(isNull(adverseEvents.notifiedAt));
  return db
    .select(adverseEventListColumns)
    .from(adverseEvents)
    .innerJoin(clients, eq(clients.id, adverseEvents.clientId))
    .leftJoin(products, eq(products.id, adverseEvents.productId))
    .leftJoin(lots, eq(lots.id, adverseEvents.lotId))
    .where(and(...conditions))
    .orderBy(asc(adverseEvents.notifiedAt), asc(adverseEvents.dueAt), desc(adverseEvents.createdAt));
}

export async function findClientForReport(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select({ id: clients.id, fullName: clients.fullName, birthDate: clients.birthDate, sex: clients.sex })
    .from(clients)
    .where(eq(clients.id, clientId))
    .limit(1);
  return row;
}

export async function insertAdverseEvent(db: DbOrTx, row: typeof adverseEvents.$inferInsert) {
  const [inserted] = await db.insert(adverseEvents).values(row).returning();
  if (!inserted) throw new Error('adverse event insert returned no row');
  return inserted;
}

export async function updateAdverseEvent(
  db: DbOrTx,
  id: string,
  set: Partial<typeof adverseEvents.$inferInsert>,
): Promise<void> {
  await db.update(adverseEvents).set(set).where(eq(adverseEvents.id, id));
}

export async function lockAdverseEvent(db: DbOrTx, id: string): Promise<AdverseEventRow | undefined> {
  const [row] = await db.select().from(adverseEvents).where(eq(adverseEvents.id, id)).for('update');
  return row;
}
