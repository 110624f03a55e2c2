import { and, isNull, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { dataKeys } from '../../db/schema';

export async function findDataKeys(db: DbOrTx) {
  return db.select().from(dataKeys);
}

export async function insertDataKey(
  db: DbOrTx,
  row: { id: string; wrappedKey: string; masterKeyId: string },
): Promise<void> {
  await db.insert(dataKeys).values(row);
}

export async function retireDataKeysExcept(db: DbOrTx, activeKeyId: string, now: Date): Promise<void> {
  await db
    .update(dataKeys)
    .set({ retiredAt: now })
    .where(and(ne(dataKeys.id, activeKeyId), isNull(dataKeys.retiredAt)));
}
