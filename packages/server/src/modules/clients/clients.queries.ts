import { and, asc, desc, eq, gt, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
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

/** Several clients at once (the outbox dispatcher's batch); missing ids are simply absent. */
export async function findClientsByIds(db: DbOrTx, ids: string[]): Promise<ClientRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(clients).where(inArray(clients.id, ids));
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

export type ClientListRow = {
  id: string;
  fullName: string;
  socialName: string | null;
  birthDate: string;
  cpfSealed: string | null;
  mobileSealed: string | null;
  nameSearch: string;
  status: string;
};

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

/** Where a name-search page resumes: phase 1 lists names starting with the query, phase 2 the rest. */
export type ClientPageCursor = { phase: 1 | 2; nameSearch: string; id: string };

function afterKey(after: { nameSearch: string; id: string }): SQL | undefined {
  return or(
    gt(clients.nameSearch, after.nameSearch),
    and(eq(clients.nameSearch, after.nameSearch), gt(clients.id, after.id)),
  );
}

/** [lo, hi): every accent-free name starting with `prefix`, as a range of the C-collated btree. */
export function prefixRange(prefix: string): { lo: string; hi: string } {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return { lo: prefix, hi: `${prefix.slice(0, -1)}${String.fromCodePoint(last + 1)}` };
}

/**
 * One page of clients after the keyset cursor. CPF and mobile match their blind index; the list and
 * those are ordered by (name, id). A name search matches every token anywhere in the accent-free name
 * and lists, first, the names that start with what was typed (a range scan of the (org, name, id)
 * btree: fast and already in order, however common the name), then the other matches (trigram index).
 * Ordering the filtered list by name alone made the planner walk the name index from "a" to a
 * first name typed late in the alphabet: seconds at 500k clients (docs/benchmarks.md).
 */
export async function searchClientsPage(
  db: DbOrTx,
  organizationId: string,
  search: ClientSearch,
  after: ClientPageCursor | null,
  limit: number,
): Promise<(ClientListRow & { phase: 1 | 2 })[]> {
  // Anonymised clients are kept (the audit trail points at them) but never listed.
  const base = [eq(clients.organizationId, organizationId), eq(clients.status, 'active')];
  const page = (conditions: (SQL | undefined)[], size: number) =>
    db
      .select(clientListColumns)
      .from(clients)
      .where(and(...base, ...conditions))
      .orderBy(asc(clients.nameSearch), asc(clients.id))
      .limit(size);
  if (search.kind !== 'name') {
    const filter =
      search.kind === 'cpf'
        ? eq(clients.cpfIndex, search.cpfIndex)
        : search.kind === 'mobile'
          ? eq(clients.mobileIndex, search.mobileIndex)
          : undefined;
    const rows = await page([filter, after ? afterKey(after) : undefined], limit);
    return rows.map((r) => ({ ...r, phase: 1 as const }));
  }
  const { lo, hi } = prefixRange(search.tokens.join(' '));
  const rows: (ClientListRow & { phase: 1 | 2 })[] = [];
  if (!after || after.phase === 1) {
    const starting = await page(
      [gte(clients.nameSearch, lo), lt(clients.nameSearch, hi), after ? afterKey(after) : undefined],
      limit,
    );
    rows.push(...starting.map((r) => ({ ...r, phase: 1 as const })));
    if (rows.length >= limit) return rows;
  }
  const contains = search.tokens.map((token) => {
    const escaped = token.replace(/[\\%_]/g, (c) => `\\${c}`);
    return sql`${clients.nameSearch} like ${`%${escaped}%`}`;
  });
  const rest = await page(
    [
      ...contains,
      or(lt(clients.nameSearch, lo), gte(clients.nameSearch, hi)),
      after?.phase === 2 ? afterKey(after) : undefined,
    ],
    limit - rows.length,
  );
  rows.push(...rest.map((r) => ({ ...r, phase: 2 as const })));
  return rows;
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

/** The consent events of several clients, each client's oldest first (same order as one client's). */
export async function findConsentEventsForClients(db: DbOrTx, clientIds: string[]) {
  if (clientIds.length === 0) return [];
  return db
    .select({ event: consentEvents, documentVersion: consentDocuments.version })
    .from(consentEvents)
    .innerJoin(consentDocuments, eq(consentDocuments.id, consentEvents.documentId))
    .where(inArray(consentEvents.clientId, clientIds))
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
