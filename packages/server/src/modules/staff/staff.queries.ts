import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  clinics,
  licenceChecks,
  memberships,
  professionalLicences,
  userInvitations,
  users,
} from '../../db/schema';

export type LicenceRow = typeof professionalLicences.$inferSelect;

export async function findStaff(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      status: users.status,
      mfaEnrolledAt: users.mfaEnrolledAt,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.organizationId, organizationId))
    .orderBy(asc(users.fullName));
}

export async function findMemberships(db: DbOrTx, organizationId: string, userIds?: string[]) {
  return db
    .select({
      userId: memberships.userId,
      clinicId: memberships.clinicId,
      role: memberships.role,
      clinicName: clinics.name,
    })
    .from(memberships)
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        userIds ? inArray(memberships.userId, userIds) : undefined,
      ),
    );
}

export async function findLicences(db: DbOrTx, organizationId: string, userIds?: string[]) {
  return db
    .select()
    .from(professionalLicences)
    .where(
      and(
        eq(professionalLicences.organizationId, organizationId),
        userIds ? inArray(professionalLicences.userId, userIds) : undefined,
      ),
    )
    .orderBy(asc(professionalLicences.createdAt));
}

export async function findLicenceById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(professionalLicences).where(eq(professionalLicences.id, id)).limit(1);
  return row;
}

export async function findClinicIds(db: DbOrTx, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ id: clinics.id })
    .from(clinics)
    .where(eq(clinics.organizationId, organizationId));
  return rows.map((r) => r.id);
}

export async function emailExists(db: DbOrTx, email: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return rows.length > 0;
}

export async function insertUser(db: DbOrTx, row: typeof users.$inferInsert) {
  const [inserted] = await db.insert(users).values(row).returning();
  if (!inserted) throw new Error('user insert returned no row');
  return inserted;
}

export async function findUser(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function setUserFields(
  db: DbOrTx,
  id: string,
  set: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await db.update(users).set(set).where(eq(users.id, id));
}

export async function replaceMemberships(
  db: DbOrTx,
  organizationId: string,
  userId: string,
  assignments: { clinicId: string; role: string }[],
): Promise<void> {
  await db.delete(memberships).where(eq(memberships.userId, userId));
  if (assignments.length > 0)
    await db.insert(memberships).values(assignments.map((a) => ({ organizationId, userId, ...a })));
}

export async function countActiveManagers(
  db: DbOrTx,
  organizationId: string,
  excludingUserId: string,
): Promise<number> {
  const rows = await db
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organizationId, organizationId),
        eq(memberships.role, 'gestor'),
        eq(users.status, 'active'),
      ),
    );
  return rows.filter((r) => r.userId !== excludingUserId).length;
}

export async function insertInvitation(db: DbOrTx, row: typeof userInvitations.$inferInsert): Promise<void> {
  await db.insert(userInvitations).values(row);
}

export async function findInvitationByTokenHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select()
    .from(userInvitations)
    .where(eq(userInvitations.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function markInvitationAccepted(db: DbOrTx, id: string, now: Date): Promise<void> {
  await db.update(userInvitations).set({ acceptedAt: now }).where(eq(userInvitations.id, id));
}

export async function upsertLicence(
  db: DbOrTx,
  row: typeof professionalLicences.$inferInsert,
): Promise<LicenceRow> {
  const [saved] = await db
    .insert(professionalLicences)
    .values(row)
    .onConflictDoUpdate({
      target: [
        professionalLicences.organizationId,
        professionalLicences.council,
        professionalLicences.number,
        professionalLicences.uf,
      ],
      set: { userId: row.userId, specialties: row.specialties, rqe: row.rqe, updatedAt: row.updatedAt },
    })
    .returning();
  if (!saved) throw new Error('licence upsert returned no row');
  return saved;
}

export async function updateLicence(
  db: DbOrTx,
  id: string,
  set: Partial<typeof professionalLicences.$inferInsert>,
): Promise<void> {
  await db.update(professionalLicences).set(set).where(eq(professionalLicences.id, id));
}

export async function insertLicenceCheck(db: DbOrTx, row: typeof licenceChecks.$inferInsert): Promise<void> {
  await db.insert(licenceChecks).values(row);
}

/** Licences an automatic registry can re-check that were not checked since `before` (all tenants). */
export async function findLicencesDueForRecheck(db: DbOrTx, councils: string[], before: Date, limit: number) {
  return db
    .select()
    .from(professionalLicences)
    .where(
      and(
        inArray(professionalLicences.council, councils),
        or(isNull(professionalLicences.lastCheckedAt), lt(professionalLicences.lastCheckedAt, before)),
      ),
    )
    .limit(limit);
}
