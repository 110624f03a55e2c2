import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import { insertDataKey, retireDataKeysExcept } from './crypto.queries';
import { type MasterKey, wrapDataKey } from './keyring';

/** Creates a new data key, wrapped by the master key; it becomes the active key at the next (re)load. */
export async function createDataKey(db: DbOrTx, master: MasterKey): Promise<string> {
  const id = `dk${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  await insertDataKey(db, {
    id,
    wrappedKey: wrapDataKey(master, id, randomBytes(32)),
    masterKeyId: master.id,
  });
  return id;
}

/** Marks every other key retired: still able to open old values, never used to seal new ones. */
export async function retireOtherDataKeys(db: DbOrTx, activeKeyId: string, now: Date): Promise<void> {
  await retireDataKeysExcept(db, activeKeyId, now);
}
