import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { clients, clinics, dataSubjectRequests } from '../../db/schema';

export type RequestRow = typeof dataSubjectRequests.$inferSelect;

export async function insertRequest(
  db: DbOrTx,
  row: typeof dataSubjectRequests.$inferInsert,
): Promise<RequestRow> {
  const [inserted] = await db.insert(dataSubjectRequests).values(row).returning();
  if (!inserted) throw new Error('request insert returned no row');
  return inserted;
}

export async function findRequest(db: DbOrTx, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id)).limit(1);
  return row;
}

export async function findRequests(db: DbOrTx, organizationId: string, statuses: string[]) {
  return db
    .select({ request: dataSubjectRequests, clientName: clients.fullName })
    .from(dataSubjectRequests)
    .innerJoin(clients, eq(clients.id, dataSubjectRequests.clientId))
    .where(
      and(
        eq(dataSubjectRequests.organizationId, organizationId),
        inArray(dataSubjectRequests.status, statuses),
      ),
    )
    .orderBy(asc(dataSubjectRequests.dueAt))
    .limit(500);
}

export async function updateRequest(
  db: DbOrTx,
  id: string,
  set: Partial<typeof dataSubjectRequests.$inferInsert>,
): Promise<void> {
  await db.update(dataSubjectRequests).set(set).where(eq(dataSubjectRequests.id, id));
}

export async function findClinicName(db: DbOrTx, clinicId: string): Promise<string> {
  const [row] = await db
    .select({ name: clinics.name })
    .from(clinics)
    .where(eq(clinics.id, clinicId))
    .limit(1);
  return row?.name ?? 'Clínica';
}
