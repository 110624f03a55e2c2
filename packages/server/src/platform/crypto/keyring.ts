import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { DbOrTx } from '../../db/client';
import { findDataKeys, insertDataKey } from './crypto.queries';

/**
 * Field encryption at rest: AES-256-GCM under data keys, each wrapped by a master key that never
 * touches the database (config or, later, a KMS adapter). A sealed value names its data key
 * (`c1.<keyId>.<base64url(iv ‖ ciphertext ‖ tag)>`) so keys rotate without downtime, and binds
 * an "associated data" string (table, column, row id) so a value cannot be moved to another row.
 * Exact-match search uses a keyed HMAC blind index with a key derived from the master key.
 */

export type MasterKey = { id: string; key: Buffer };

export type Keyring = {
  readonly activeKeyId: string;
  /** Replaces the known data keys (after a rotation elsewhere); values sealed before stay readable. */
  replaceKeys: (keys: Map<string, Buffer>, activeKeyId: string) => void;
  seal: (plaintext: string, associatedData: string) => string;
  open: (sealed: string, associatedData: string) => string;
  /** Keyed HMAC of a normalised value, for equality search on sealed columns. */
  blindIndex: (value: string, purpose: string) => string;
  /** Id of the data key a sealed value uses. */
  keyIdOf: (sealed: string) => string;
};

const PREFIX = 'c1';

function aesGcmEncrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, ciphertext, cipher.getAuthTag()]);
}

function aesGcmDecrypt(key: Buffer, blob: Buffer, aad: Buffer): Buffer {
  if (blob.length < 28) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12));
  decipher.setAAD(aad);
  decipher.setAuthTag(blob.subarray(blob.length - 16));
  return Buffer.concat([decipher.update(blob.subarray(12, blob.length - 16)), decipher.final()]);
}

export function parseMasterKey(id: string, base64: string): MasterKey {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('master key must be 32 bytes (base64)');
  return { id, key };
}

export function generateMasterKeyBase64(): string {
  return randomBytes(32).toString('base64');
}

/** Builds a keyring from unwrapped data keys. Exposed for tests; production uses loadKeyring(). */
export function wrapDataKey(master: MasterKey, id: string, key: Buffer): string {
  return aesGcmEncrypt(master.key, key, Buffer.from(`data-key:${id}`)).toString('base64url');
}

export function createKeyring(
  master: MasterKey,
  initialKeys: Map<string, Buffer>,
  initialActiveKeyId: string,
): Keyring {
  let keys = initialKeys;
  let activeKeyId = initialActiveKeyId;
  const indexKey = Buffer.from(
    hkdfSync('sha256', master.key, Buffer.alloc(0), Buffer.from('clinia blind index v1'), 32),
  );
  const keyFor = (id: string) => {
    const key = keys.get(id);
    if (!key) throw new Error(`unknown data key ${id}`);
    return key;
  };
  return {
    get activeKeyId() {
      return activeKeyId;
    },
    replaceKeys: (nextKeys, nextActive) => {
      if (!nextKeys.has(nextActive)) throw new Error(`active key ${nextActive} not among the keys`);
      keys = nextKeys;
      activeKeyId = nextActive;
    },
    seal: (plaintext, associatedData) => {
      const blob = aesGcmEncrypt(
        keyFor(activeKeyId),
        Buffer.from(plaintext, 'utf8'),
        Buffer.from(associatedData, 'utf8'),
      );
      return `${PREFIX}.${activeKeyId}.${blob.toString('base64url')}`;
    },
    open: (sealed, associatedData) => {
      const [prefix, keyId, payload] = sealed.split('.');
      if (prefix !== PREFIX || !keyId || !payload) throw new Error('not a sealed value');
      return aesGcmDecrypt(
        keyFor(keyId),
        Buffer.from(payload, 'base64url'),
        Buffer.from(associatedData, 'utf8'),
      ).toString('utf8');
    },
    blindIndex: (value, purpose) =>
      createHmac('sha256', indexKey).update(`${purpose}\u0000${value}`).digest('base64url'),
    keyIdOf: (sealed) => sealed.split('.')[1] ?? '',
  };
}

/**
 * Loads every data key wrapped by this master key, creating the first one on a fresh database. Keys
 * wrapped by another master key are skipped (they belong to a rotation in progress elsewhere).
 */
export async function loadKeyring(db: DbOrTx, master: MasterKey): Promise<Keyring> {
  const { keys, activeKeyId } = await readDataKeys(db, master);
  return createKeyring(master, keys, activeKeyId);
}

/** Re-reads the data keys into a running keyring (another process may have rotated them). */
export async function reloadKeyring(db: DbOrTx, master: MasterKey, keyring: Keyring): Promise<void> {
  const { keys, activeKeyId } = await readDataKeys(db, master);
  keyring.replaceKeys(keys, activeKeyId);
}

async function readDataKeys(
  db: DbOrTx,
  master: MasterKey,
): Promise<{ keys: Map<string, Buffer>; activeKeyId: string }> {
  const rows = await findDataKeys(db);
  const keys = new Map<string, Buffer>();
  let active: { id: string; createdAt: Date } | null = null;
  for (const row of rows) {
    if (row.masterKeyId !== master.id) continue;
    let key: Buffer;
    try {
      key = aesGcmDecrypt(
        master.key,
        Buffer.from(row.wrappedKey, 'base64url'),
        Buffer.from(`data-key:${row.id}`),
      );
    } catch {
      throw new Error(
        `data key ${row.id} cannot be unwrapped with master key ${master.id}: wrong MASTER_KEY?`,
      );
    }
    keys.set(row.id, key);
    if (!row.retiredAt && (!active || row.createdAt > active.createdAt))
      active = { id: row.id, createdAt: row.createdAt };
  }
  if (!active) {
    const id = `dk${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const key = randomBytes(32);
    const wrapped = aesGcmEncrypt(master.key, key, Buffer.from(`data-key:${id}`)).toString('base64url');
    await insertDataKey(db, { id, wrappedKey: wrapped, masterKeyId: master.id });
    keys.set(id, key);
    active = { id, createdAt: new Date() };
  }
  return { keys, activeKeyId: active.id };
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
