import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { fixedClock } from '../../platform/clock';
import { type TestDatabase, testDrivers, testKeyring } from '../../testing';
import { openObject, openObjectKey } from './photo-sealing';
import { createLocalStorage } from './storage';

describe.each(testDrivers())('demo photos on $name', (driver) => {
  let database: TestDatabase;
  let dir: string;
  const keyring = testKeyring();
  beforeAll(async () => {
    database = await driver.open();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'clinia-demo-photos-'));
  });
  afterAll(async () => {
    await database.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('seeds synthetic before/after face photos through the real pipeline, sealed in storage', async () => {
    const storage = createLocalStorage(dir);
    const report = await seedDemo(
      database,
      { seed: 11, clinics: 1, clients: 5 },
      { clock: fixedClock('2026-11-25T12:00:00.000Z'), keyring, photoStorage: storage },
    );
    expect(report.steps.find((s) => s.name === 'photos')?.summary).toBe(
      '18 fotos sintéticas de antes e depois (3 clientes)',
    );
    const rows = await database.query<{
      id: string;
      pose: string;
      moment: string;
      original_key: string;
      object_key_sealed: string;
    }>(sql`select id, pose, moment, original_key, object_key_sealed from photos order by taken_at, pose`);
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((r) => `${r.pose}/${r.moment}`)).size).toBe(6);
    const first = rows[0];
    if (!first) throw new Error('no photo');
    const blob = await storage.get(first.original_key);
    expect(blob?.subarray(0, 4).toString()).toBe('CPH1');
    const jpeg = openObject(
      openObjectKey(keyring, first.object_key_sealed, first.id),
      blob ?? Buffer.alloc(0),
      first.id,
      'original',
    );
    expect((await sharp(jpeg).metadata()).format).toBe('jpeg');
    // The photos belong to the clients' signed demo sessions, whose checklist counts the before-photos.
    const linked = await database.query<{ session_id: string | null; before_photos: number }>(sql`
      select p.session_id, (s.checklist->>'beforePhotos')::int as before_photos
      from photos p left join treatment_sessions s on s.id = p.session_id
      where p.moment = 'antes'`);
    expect(linked).toHaveLength(9);
    expect(linked.every((r) => r.session_id !== null && r.before_photos === 3)).toBe(true);
  });

  it('skips photos when no storage is given (benchmarks, rotation tests)', async () => {
    const report = await seedDemo(
      database,
      { seed: 12, clinics: 1, clients: 2 },
      { clock: fixedClock('2026-11-25T12:00:00.000Z'), keyring },
    );
    expect(report.steps.find((s) => s.name === 'photos')?.summary).toBe(
      'sem fotos (armazenamento não informado)',
    );
  });
});
