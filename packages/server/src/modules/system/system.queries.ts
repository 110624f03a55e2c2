import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { clinics, organizations } from '../../db/schema';

export async function findDefaultClinic(db: DbOrTx) {
  const [row] = await db
    .select({
      id: clinics.id,
      name: clinics.name,
      timeZone: clinics.timeZone,
      address: clinics.address,
      organizationName: organizations.name,
      isDemo: organizations.isDemo,
    })
    .from(clinics)
    .innerJoin(organizations, eq(organizations.id, clinics.organizationId))
    .orderBy(asc(clinics.createdAt), asc(clinics.id))
    .limit(1);
  return row;
}
