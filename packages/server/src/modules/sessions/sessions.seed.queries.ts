import { and, asc, eq, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  appointments,
  clients,
  consentDocuments,
  consentEvents,
  products,
  treatmentMaterials,
  treatments,
  users,
} from '../../db/schema';

/** Data access of the demo step of treatment sessions (owner role, no tenant: the demo generator). */

/** A treatment of the demo catalog by name (the inventory step creates the catalog). */
export async function findTreatmentByName(
  db: DbOrTx,
  organizationId: string,
  name: string,
): Promise<{ id: string } | undefined> {
  const [found] = await db
    .select({ id: treatments.id })
    .from(treatments)
    .where(and(eq(treatments.organizationId, organizationId), eq(treatments.name, name)))
    .limit(1);
  return found;
}

/** The product a treatment's bill of materials uses in this unit (e.g. the toxin, in U). */
export async function findMaterialProduct(
  db: DbOrTx,
  treatmentId: string,
  unit: string,
): Promise<{ id: string } | undefined> {
  const [found] = await db
    .select({ id: products.id })
    .from(treatmentMaterials)
    .innerJoin(products, eq(products.id, treatmentMaterials.productId))
    .where(and(eq(treatmentMaterials.treatmentId, treatmentId), eq(products.unit, unit)))
    .orderBy(asc(products.name))
    .limit(1);
  return found;
}

export async function findDemoClients(db: DbOrTx, organizationId: string, limit: number) {
  return db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.organizationId, organizationId), eq(clients.status, 'active')))
    .orderBy(asc(clients.createdAt), asc(clients.id))
    .limit(limit);
}

export async function findUserIdByEmail(db: DbOrTx, email: string): Promise<string | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  return row?.id ?? null;
}

export async function findTcleDocument(db: DbOrTx, organizationId: string, category: string) {
  const [row] = await db
    .select()
    .from(consentDocuments)
    .where(
      and(
        eq(consentDocuments.organizationId, organizationId),
        eq(consentDocuments.purpose, 'tcle'),
        eq(consentDocuments.procedureCategory, category),
      ),
    )
    .orderBy(asc(consentDocuments.version))
    .limit(1);
  return row;
}

export async function insertConsentEvent(db: DbOrTx, row: typeof consentEvents.$inferInsert): Promise<void> {
  await db.insert(consentEvents).values(row);
}

/**
 * The first hour from `start` at which neither the professional nor the client is booked: the agenda's
 * demo step runs first and fills the same days, and the exclusion constraints refuse an overlap.
 */
export async function findFreeStart(
  db: DbOrTx,
  input: { professionalId: string; clientId: string; start: Date; lengthMs: number },
): Promise<Date> {
  const HOUR = 3_600_000;
  for (let shift = 0; shift < 48; shift++) {
    const s = new Date(input.start.getTime() + shift * HOUR);
    const e = new Date(s.getTime() + input.lengthMs);
    const busy = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(
        and(
          or(
            eq(appointments.professionalId, input.professionalId),
            eq(appointments.clientId, input.clientId),
          ),
          notInArray(appointments.status, ['cancelado', 'faltou', 'remarcado']),
          sql`tstzrange(${appointments.startsAt}, ${appointments.endsAt}) && tstzrange(${s.toISOString()}::timestamptz, ${e.toISOString()}::timestamptz)`,
        ),
      )
      .limit(1);
    if (busy.length === 0) return s;
  }
  throw new Error('demo: no free hour for a session appointment within two days');
}

export async function insertAppointment(db: DbOrTx, row: typeof appointments.$inferInsert): Promise<string> {
  const [inserted] = await db.insert(appointments).values(row).returning({ id: appointments.id });
  return inserted?.id ?? '';
}
