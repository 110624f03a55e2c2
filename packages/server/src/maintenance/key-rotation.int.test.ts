import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed';
import { fixedClock } from '../platform/clock';
import { loadKeyring, parseMasterKey, reloadKeyring } from '../platform/crypto/keyring';
import { withSystem } from '../platform/tenancy/tenancy';
import { type TestDatabase, testDrivers } from '../testing';
import { rotateDataKeys, SEALED_COLUMNS } from './key-rotation';
import { findSealedColumnNames } from './key-rotation.queries';

describe.each(testDrivers())('data-key rotation on $name', (driver) => {
  let database: TestDatabase;
  const master = parseMasterKey('mk-test', randomBytes(32).toString('base64'));
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  it('lists every sealed column of the schema in the rotation registry', async () => {
    const inSchema = (await withSystem(database, (tx) => findSealedColumnNames(tx))).map(
      (c) => `${c.table}.${c.column}`,
    );
    expect(inSchema.sort()).toEqual(SEALED_COLUMNS.map((c) => `${c.table}.${c.column}`).sort());
  });

  it('re-seals every value under a new key without changing any plaintext, and running processes keep reading', async () => {
    const runningKeyring = await withSystem(database, (tx) => loadKeyring(tx, master));
    await seedDemo(database, { seed: 7, clinics: 1, clients: 120 }, { clock, keyring: runningKeyring });
    const oldKey = runningKeyring.activeKeyId;
    const before = await database.query<{ id: string; cpf_sealed: string }>(
      sql`select id, cpf_sealed from clients order by id`,
    );
    const plaintextBefore = before.map((r) => runningKeyring.open(r.cpf_sealed, `clients.cpf:${r.id}`));

    const progress: string[] = [];
    const result = await rotateDataKeys(database, master, {
      clock,
      waitMs: 0,
      batchSize: 50,
      onProgress: (p) => progress.push(`${p.table}.${p.column}:${p.done}/${p.total}`),
    });
    expect(result.newKeyId).not.toBe(oldKey);
    expect(result.resealed).toBeGreaterThanOrEqual(120 * 4);
    expect(progress).toContain('clients.cpf_sealed:120/120');

    for (const column of SEALED_COLUMNS) {
      const [row] = await database.query<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(column.table)} where ${sql.identifier(column.column)} is not null and ${sql.identifier(column.column)} not like ${`c1.${result.newKeyId}.%`}`,
      );
      expect({ column: column.column, leftOnOldKey: row?.n }).toEqual({
        column: column.column,
        leftOnOldKey: 0,
      });
    }
    // A process that loaded its keys before the rotation reads the new values after its periodic reload.
    await withSystem(database, (tx) => reloadKeyring(tx, master, runningKeyring));
    const after = await database.query<{ id: string; cpf_sealed: string }>(
      sql`select id, cpf_sealed from clients order by id`,
    );
    expect(after.map((r) => runningKeyring.open(r.cpf_sealed, `clients.cpf:${r.id}`))).toEqual(
      plaintextBefore,
    );
    expect(runningKeyring.activeKeyId).toBe(result.newKeyId);
    const keys = await database.query<{ id: string; retired: boolean }>(
      sql`select id, retired_at is not null as retired from data_keys order by created_at`,
    );
    expect(keys).toEqual([
      { id: oldKey, retired: true },
      { id: result.newKeyId, retired: false },
    ]);
  });

  it('refuses a key table it cannot unwrap (wrong master key) instead of sealing with a new key', async () => {
    const wrongMaster = parseMasterKey('mk-test', randomBytes(32).toString('base64'));
    await expect(withSystem(database, (tx) => loadKeyring(tx, wrongMaster))).rejects.toThrow(
      /cannot be unwrapped/,
    );
  });
});
