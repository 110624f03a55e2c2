import { asc, count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type ClinicAddress, clients, clinics, organizations } from '../db/schema';

export async function countOrganizations(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(organizations);
  return row?.n ?? 0;
}

export async function insertOrganization(db: DbOrTx, name: string): Promise<string> {
  const [row] = await db
    .insert(organizations)
    .values({ name, isDemo: true })
    .returning({ id: organizations.id });
  if (!row) throw new Error('organization insert returned no row');
  return row.id;
}

export async function insertClinic(
  db: DbOrTx,
  values: { organizationId: string; name: string; cnpj: string; timeZone: string; address: ClinicAddress },
): Promise<string> {
  const [row] = await db.insert(clinics).values(values).returning({ id: clinics.id });
  if (!row) throw new Error('clinic insert returned no row');
  return row.id;
}

export async function setTechnicalDirector(db: DbOrTx, clinicId: string, userId: string): Promise<void> {
  await db.update(clinics).set({ technicalDirectorUserId: userId }).where(eq(clinics.id, clinicId));
}

/** The first clients of a demo network (by creation, then id): deterministic for a given seed. */
export async function findFirstClientIds(
  db: DbOrTx,
  organizationId: string,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: clients.id })
    .from(clients)
    .where(eq(clients.organizationId, organizationId))
    .orderBy(asc(clients.createdAt), asc(clients.fullName))
    .limit(limit);
  return rows.map((r) => r.id);
}
