import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/client';
import { runMigrations } from '../db/migrator';
import { withDatabase } from './global-setup';

export type TestDriver = {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated database for this test file. Close it in afterAll. */
  open: () => Promise<TestDatabase>;
};

export type TestDatabase = Database & {
  /** A connection string to this database (PostgreSQL only), e.g. for a second process. */
  url: string | null;
};

/** The drivers integration tests must pass on: PGlite always, PostgreSQL when configured. */
export function testDrivers(): TestDriver[] {
  const drivers: TestDriver[] = [{ name: 'pglite', open: openPgliteTestDatabase }];
  const pgTemplate = inject('pgTemplate');
  if (pgTemplate) drivers.push({ name: 'postgres', open: () => openPostgresTestDatabase(pgTemplate) });
  return drivers;
}

async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const database = await openDatabase({ driver: 'pglite', dataDir: null });
  await runMigrations(database);
  return { ...database, url: null };
}

async function openPostgresTestDatabase(pgTemplate: {
  adminUrl: string;
  template: string;
}): Promise<TestDatabase> {
  const name = `clinia_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgTemplate.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${pgTemplate.template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(pgTemplate.adminUrl, name);
  const database = await openDatabase({ driver: 'postgres', url, poolMax: 20 });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: pgTemplate.adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
