import { and, asc, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  auditEvents,
  clientDuplicateFlags,
  clientIntakes,
  clients,
  consentDocuments,
  consentEvents,
  users,
} from '../../db/schema';

export type ClientRow = typeof clients.$inferSelect;

export async function insertClient(db: DbOrTx, row: typeof clients.$inferInsert): Promise<ClientRow> {
  const [inserted] = await db.insert(clients).values(row).returning();
  if (!inserted) throw new Error('client insert returned no row');
  return inserted;
}

export async function updateClientRow(
  db: DbOrTx,
  id: string,
  set: Partial<typeof clients.$inferInsert>,
): Promise<void> {
  await db.update(clients).set(set).where(eq(clients.id, id));
}

export async function findClientById(db: DbOrTx, id: string): Promise<ClientRow | undefined> {
  const [row] = await db.select().from(clients).where(eq(clients.id, id)).limit(1);
  return row;
}

export async function findClientByCpfIndex(db: DbOrTx, organizationId: string, cpfIndex: string) {
  const [row] = await db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.organizationId, organizationId), eq(clients.cpfIndex, cpfIndex)))
    .limit(1);
  return row;
}

/** Same normalised name, birth date and mobile: a possible duplicate with another CPF (typo, or fraud). */
export async function findPossibleDuplicates(
  db: DbOrTx,
  organizationId: string,
  fullName: string,
  birthDate: string,
  mobileIndex: string,
) {
  return db
    .select({ id: clients.id })
    .from(clients)
    .where(
      and(
        eq(clients.organizationId, organizationId),
        eq(clients.nameSearch, sql`lower(unaccent(${fullName}))`),
        eq(clients.birthDate, birthDate),
        eq(clients.mobileIndex, mobileIndex),
      ),
    )
    .limit(5);
}

export async function insertDuplicateFlags(
  db: DbOrTx,
  rows: (typeof clientDuplicateFlags.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await db.insert(clientDuplicateFlags).values(rows);
}

export const clientListColumns = {
  id: clients.id,
  fullName: clients.fullName,
  socialName: clients.socialName,
  birthDate: clients.birthDate,
  cpfSealed: clients.cpfSealed,
  mobileSealed: clients.mobileSealed,
  nameSearch: clients.nameSearch,
  status: clients.status,
};

export type ClientSearch =
  | { kind: 'all' }
  | { kind: 'cpf'; cpfIndex: string }
  | { kind: 'mobile'; mobileIndex: string }
  | { kind: 'name'; tokens: string[] };

/**
 * One page of clients ordered by (name, id), after the keyset cursor. Name search matches every
 * token anywhere in the accent-free name (trigram index); CPF and mobile match their blind index.
 */
export async function searchClientsPage(
  db: DbOrTx,
  organizationId: string,
  search: ClientSearch,
  after: { nameSearch: string; id: string } | null,
  limit: number,
) {
  // Anonymised clients are kept (the audit trail points at them) but never listed.
  const conditions = [eq(clients.organizationId, organizationId), eq(clients.status, 'active')];
  if (search.kind === 'cpf') conditions.push(eq(clients.cpfIndex, search.cpfIndex));
  if (search.kind === 'mobile') conditions.push(eq(clients.mobileIndex, search.mobileIndex));
  if (search.kind === 'name') {
    for (const token of search.tokens) {
      const escaped = token.replace(/[\\%_]/g, (c) => `\\${c}`);
      conditions.push(sql`${clients.nameSearch} like ${`%${escaped}%`}`);
    }
  }
  if (after) {
    const afterCondition = or(
      gt(clients.nameSearch, after.nameSearch),
      and(eq(clients.nameSearch, after.nameSearch), gt(clients.id, after.id)),
    );
    if (afterCondition) conditions.push(afterCondition);
  }
  return db
    .select(clientListColumns)
    .from(clients)
    .where(and(...conditions))
    .orderBy(asc(clients.nameSearch), asc(clients.id))
    .limit(limit);
}

export async function findGuardians(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: clients.id, fullName: clients.fullName, birthDate: clients.birthDate })
    .from(clients)
    .where(inArray(clients.id, ids));
}

export async function findLatestIntake(db: DbOrTx, clientId: string) {
  const [row] = await db
    .select()
    .from(clientIntakes)
    .where(eq(clientIntakes.clientId, clientId))
    .orderBy(desc(clientIntakes.version))
    .limit(1);
  return row;
}

export async function findIntakeHistory(db: DbOrTx, clientId: string) {
  return db
    .select({
      id: clientIntakes.id,
      version: clientIntakes.version,
      dataSealed: clientIntakes.dataSealed,
      recordedAt: clientIntakes.recordedAt,
      recordedByName: users.fullName,
    })
    .from(clientIntakes)
    .leftJoin(users, eq(users.id, clientIntakes.recordedBy))
    .where(eq(clientIntakes.clientId, clientId))
    .orderBy(desc(clientIntakes.version));
}

export async function insertIntake(db: DbOrTx, row: typeof clientIntakes.$inferInsert): Promise<void> {
  await db.insert(clientIntakes).values(row);
}

export async function findCurrentConsentDocuments(db: DbOrTx, organizationId: string) {
  return db
    .selectDistinctOn([consentDocuments.purpose, consentDocuments.procedureCategory])
    .from(consentDocuments)
    .where(eq(consentDocuments.organizationId, organizationId))
    .orderBy(consentDocuments.purpose, consentDocuments.procedureCategory, desc(consentDocuments.version));
}

export async function findConsentDocument(db: DbOrTx, id: string) {
  const [row] = await db.select().from(consentDocuments).where(eq(consentDocuments.id, id)).limit(1);
  return row;
}

export async function insertConsentDocuments(
  db: DbOrTx,
  rows: (typeof consentDocuments.$inferInsert)[],
): Promise<void> {
  await db.insert(consentDocuments).values(rows);
}

export async function insertConsentEvent(db: DbOrTx, row: typeof consentEvents.$inferInsert): Promise<void> {
  await db.insert(consentEvents).values(row);
}

export async function findConsentEvents(db: DbOrTx, clientId: string) {
  return db
    .select({
      id: consentEvents.id,
      purpose: consentEvents.purpose,
      procedureCategory: consentEvents.procedureCategory,
      action: consentEvents.action,
      occurredAt: consentEvents.occurredAt,
      channel: consentEvents.channel,
      signer: consentEvents.signer,
      typedName: consentEvents.typedName,
      hasDrawnSignature: sql<boolean>`${consentEvents.drawnSignatureSealed} is not null`,
      documentSha256: consentEvents.documentSha256,
      documentVersion: consentDocuments.version,
      documentTitle: consentDocuments.title,
      collectedByName: users.fullName,
    })
    .from(consentEvents)
    .innerJoin(consentDocuments, eq(consentDocuments.id, consentEvents.documentId))
    .leftJoin(users, eq(users.id, consentEvents.collectedBy))
    .where(eq(consentEvents.clientId, clientId))
    .orderBy(desc(consentEvents.occurredAt));
}

/** Every audit event about one client, with the name of who did it: the "who accessed my data" report. */
export async function findClientAccessEvents(
  db: DbOrTx,
  organizationId: string,
  clientId: string,
  limit: number,
) {
  return db
    .select({
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      changedFields: auditEvents.changedFields,
      actorRole: auditEvents.actorRole,
      actorName: users.fullName,
      outcome: auditEvents.outcome,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        eq(auditEvents.entityType, 'client'),
        eq(auditEvents.entityId, clientId),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
}

export async function findConsentEventsForExport(db: DbOrTx, clientId: string) {
  return db
    .select({
      event: consentEvents,
      documentTitle: consentDocuments.title,
      documentVersion: consentDocuments.version,
    })
    .from(consentEvents)
    .innerJoin(consentDocuments, eq(consentDocuments.id, consentEvents.documentId))
    .where(eq(consentEvents.clientId, clientId))
    .orderBy(asc(consentEvents.occurredAt));
}

export async function countIntakes(db: DbOrTx, clientId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(clientIntakes)
    .where(eq(clientIntakes.clientId, clientId));
  return row?.n ?? 0;
}

export async function scrubConsentSigners(db: DbOrTx, clientId: string): Promise<void> {
  await db
    .update(consentEvents)
    .set({ typedName: '[anonimizado]', drawnSignatureSealed: null, ip: null, userAgent: null })
    .where(eq(consentEvents.clientId, clientId));
}

export async function deleteDuplicateFlags(db: DbOrTx, clientId: string): Promise<void> {
  await db
    .delete(clientDuplicateFlags)
    .where(
      or(eq(clientDuplicateFlags.clientId, clientId), eq(clientDuplicateFlags.possibleDuplicateOf, clientId)),
    );
}
