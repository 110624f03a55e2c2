import { and, asc, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  clinics,
  loginThrottle,
  memberships,
  professionalLicences,
  recoveryCodes,
  sessions,
  users,
} from '../../db/schema';

export type SessionRow = typeof sessions.$inferSelect;

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  return row;
}

export async function findUserById(db: DbOrTx, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findThrottle(db: DbOrTx, keyHash: string) {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.keyHash, keyHash)).limit(1);
  return row;
}

export async function saveThrottle(
  db: DbOrTx,
  keyHash: string,
  state: { failures: number; lastFailureAt: Date | null; lockedUntil: Date | null },
): Promise<void> {
  await db
    .insert(loginThrottle)
    .values({ keyHash, ...state })
    .onConflictDoUpdate({ target: loginThrottle.keyHash, set: state });
}

export async function clearThrottle(db: DbOrTx, keyHash: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.keyHash, keyHash));
}

/**
 * The throttle row of `keyHash`, created empty if missing and locked until the transaction ends, so
 * concurrent failures of one key are counted one after another instead of overwriting each other.
 */
export async function lockThrottle(db: DbOrTx, keyHash: string) {
  await db.insert(loginThrottle).values({ keyHash }).onConflictDoNothing();
  const [row] = await db
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.keyHash, keyHash))
    .for('update')
    .limit(1);
  return row;
}

export async function insertSession(db: DbOrTx, row: typeof sessions.$inferInsert): Promise<SessionRow> {
  const [inserted] = await db.insert(sessions).values(row).returning();
  if (!inserted) throw new Error('session insert returned no row');
  return inserted;
}

export async function findSessionByTokenHash(db: DbOrTx, tokenHash: string) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, tokenHash))
    .limit(1);
  return row;
}

export async function updateSession(
  db: DbOrTx,
  id: string,
  set: Partial<typeof sessions.$inferInsert>,
): Promise<void> {
  await db.update(sessions).set(set).where(eq(sessions.id, id));
}

export async function incrementMfaFailures(db: DbOrTx, id: string): Promise<number> {
  const [row] = await db
    .update(sessions)
    .set({ mfaFailures: sql`${sessions.mfaFailures} + 1` })
    .where(eq(sessions.id, id))
    .returning({ mfaFailures: sessions.mfaFailures });
  return row?.mfaFailures ?? 0;
}

export async function revokeUserSessions(
  db: DbOrTx,
  userId: string,
  reason: string,
  now: Date,
  exceptSessionId?: string,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

export async function findUserSessions(db: DbOrTx, userId: string) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
      revokedAt: sessions.revokedAt,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(50);
}

export async function findMembershipsOfUser(db: DbOrTx, userId: string) {
  return db
    .select({
      clinicId: memberships.clinicId,
      role: memberships.role,
      clinicName: clinics.name,
      timeZone: clinics.timeZone,
    })
    .from(memberships)
    .innerJoin(clinics, eq(clinics.id, memberships.clinicId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(clinics.createdAt), asc(memberships.role));
}

export async function findActiveLicenceCouncils(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ council: professionalLicences.council })
    .from(professionalLicences)
    .where(and(eq(professionalLicences.userId, userId), eq(professionalLicences.status, 'ativa')));
  return rows.map((r) => r.council);
}

export async function updateUser(
  db: DbOrTx,
  id: string,
  set: Partial<typeof users.$inferInsert>,
): Promise<void> {
  await db.update(users).set(set).where(eq(users.id, id));
}

export async function replaceRecoveryCodes(
  db: DbOrTx,
  organizationId: string,
  userId: string,
  codeHashes: string[],
): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ organizationId, userId, codeHash })));
}

/** Marks one unused recovery code used; false when none matched. */
export async function consumeRecoveryCode(
  db: DbOrTx,
  userId: string,
  codeHash: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}
