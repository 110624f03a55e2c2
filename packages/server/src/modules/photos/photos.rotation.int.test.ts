import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { rotateDataKeys } from '../../maintenance/key-rotation';
import { fixedClock } from '../../platform/clock';
import { loadKeyring, parseMasterKey, reloadKeyring } from '../../platform/crypto/keyring';
import { withSystem } from '../../platform/tenancy/tenancy';
import { type TestDatabase, testDrivers } from '../../testing';
import { openObject, openObjectKey } from './photo-sealing';
import { createLocalStorage } from './storage';

describe.each(testDrivers())('photo objects across data-key rotation on $name', (driver) => {
  let database: TestDatabase;
  let dir: string;
  const master = parseMasterKey('mk-test', randomBytes(32).toString('base64'));
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  beforeAll(async () => {
    database = await driver.open();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'clinia-photo-rotation-'));
  });
  afterAll(async () => {
    await database.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('re-seals each photo object key under the new data key; stored objects stay as they were and open', async () => {
    const keyring = await withSystem(database, (tx) => loadKeyring(tx, master));
    const storage = createLocalStorage(dir);
    await seedDemo(database, { seed: 3, clinics: 1, clients: 3 }, { clock, keyring, photoStorage: storage });
    const before = await database.query<{ id: string; original_key: string; object_key_sealed: string }>(
      sql`select id, original_key, object_key_sealed from photos order by id`,
    );
    expect(before.length).toBeGreaterThan(0);
    const objectsBefore = await Promise.all(before.map((r) => storage.get(r.original_key)));

    const result = await rotateDataKeys(database, master, { clock, waitMs: 0 });
    await withSystem(database, (tx) => reloadKeyring(tx, master, keyring));

    const after = await database.query<{ id: string; original_key: string; object_key_sealed: string }>(
      sql`select id, original_key, object_key_sealed from photos order by id`,
    );
    for (const [i, row] of after.entries()) {
      expect(keyring.keyIdOf(row.object_key_sealed)).toBe(result.newKeyId);
      expect(row.object_key_sealed).not.toBe(before[i]?.object_key_sealed);
      const blob = await storage.get(row.original_key);
      expect(blob?.equals(objectsBefore[i] ?? Buffer.alloc(0))).toBe(true);
      const jpeg = openObject(
        openObjectKey(keyring, row.object_key_sealed, row.id),
        blob ?? Buffer.alloc(0),
        row.id,
        'original',
      );
      expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    }
  });
});
