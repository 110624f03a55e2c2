import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { anvisaRegistry, anvisaRegistryImports } from '../../db/schema';
import type { RegistryKind, RegistryRecord } from './anvisa-csv';

/**
 * Upserts a batch; returns how many rows were inserted and updated. A row whose content hash did not
 * change is left alone (not returned), which is what makes a second import of the same file a no-op.
 */
export async function upsertRegistryBatch(
  db: DbOrTx,
  records: RegistryRecord[],
  now: Date,
): Promise<{ inserted: number; updated: number }> {
  if (records.length === 0) return { inserted: 0, updated: 0 };
  const rows = await db
    .insert(anvisaRegistry)
    .values(records.map((r) => ({ ...r, importedAt: now, updatedAt: now })))
    .onConflictDoUpdate({
      target: [
        anvisaRegistry.kind,
        anvisaRegistry.registryKey,
        anvisaRegistry.processNumber,
        anvisaRegistry.manufacturerName,
      ],
      set: {
        productName: sql`excluded.product_name`,
        holderName: sql`excluded.holder_name`,
        holderCnpj: sql`excluded.holder_cnpj`,
        manufacturerCountry: sql`excluded.manufacturer_country`,
        technicalName: sql`excluded.technical_name`,
        riskClass: sql`excluded.risk_class`,
        activeIngredient: sql`excluded.active_ingredient`,
        situation: sql`excluded.situation`,
        situationLabel: sql`excluded.situation_label`,
        validUntil: sql`excluded.valid_until`,
        rowHash: sql`excluded.row_hash`,
        updatedAt: sql`excluded.updated_at`,
      },
      setWhere: sql`${anvisaRegistry.rowHash} <> excluded.row_hash`,
    })
    .returning({ isInsert: sql<boolean>`(xmax = 0)` });
  const inserted = rows.filter((r) => r.isInsert).length;
  return { inserted, updated: rows.length - inserted };
}

export async function insertRegistryImport(db: DbOrTx, row: typeof anvisaRegistryImports.$inferInsert) {
  await db.insert(anvisaRegistryImports).values(row);
}

export async function findLatestImports(db: DbOrTx) {
  const rows = await db.select().from(anvisaRegistryImports).orderBy(desc(anvisaRegistryImports.finishedAt));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const row of rows) if (!latest.has(row.kind)) latest.set(row.kind, row);
  return latest;
}

export async function countRegistryRows(db: DbOrTx, kind: RegistryKind): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(anvisaRegistry)
    .where(eq(anvisaRegistry.kind, kind));
  return row?.n ?? 0;
}

export async function findRegistryRows(db: DbOrTx, kind: RegistryKind, registryKey: string) {
  return db
    .select({
      situation: anvisaRegistry.situation,
      situationLabel: anvisaRegistry.situationLabel,
      validUntil: anvisaRegistry.validUntil,
      productName: anvisaRegistry.productName,
      holderName: anvisaRegistry.holderName,
      riskClass: anvisaRegistry.riskClass,
    })
    .from(anvisaRegistry)
    .where(and(eq(anvisaRegistry.kind, kind), eq(anvisaRegistry.registryKey, registryKey)));
}
