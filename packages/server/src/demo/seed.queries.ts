import { count, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { type ClinicAddress, clinics, organizations } from '../db/schema';

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
