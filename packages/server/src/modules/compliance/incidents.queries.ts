import { and, desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { securityIncidents, users } from '../../db/schema';

export type IncidentRow = typeof securityIncidents.$inferSelect;

export async function insertIncident(db: DbOrTx, row: typeof securityIncidents.$inferInsert): Promise<void> {
  await db.insert(securityIncidents).values(row);
}

/** The row, locked for the rest of the transaction (a communication and a closing must not race). */
export async function lockIncident(db: DbOrTx, organizationId: string, id: string) {
  const [row] = await db
    .select()
    .from(securityIncidents)
    .where(and(eq(securityIncidents.organizationId, organizationId), eq(securityIncidents.id, id)))
    .for('update');
  return row;
}

export async function updateIncident(
  db: DbOrTx,
  id: string,
  set: Partial<typeof securityIncidents.$inferInsert>,
): Promise<void> {
  await db.update(securityIncidents).set(set).where(eq(securityIncidents.id, id));
}

export async function findIncidents(db: DbOrTx, organizationId: string) {
  return db
    .select({ incident: securityIncidents, recordedByName: users.fullName })
    .from(securityIncidents)
    .leftJoin(users, eq(users.id, securityIncidents.recordedBy))
    .where(eq(securityIncidents.organizationId, organizationId))
    .orderBy(desc(securityIncidents.knownAt))
    .limit(500);
}

export async function findIncident(db: DbOrTx, organizationId: string, id: string) {
  const [row] = await db
    .select({ incident: securityIncidents, recordedByName: users.fullName })
    .from(securityIncidents)
    .leftJoin(users, eq(users.id, securityIncidents.recordedBy))
    .where(and(eq(securityIncidents.organizationId, organizationId), eq(securityIncidents.id, id)));
  return row;
}
