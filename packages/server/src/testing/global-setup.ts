import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client';
import { runMigrations } from '../db/migrator';

/**
 * Integration tests run on in-memory PGlite always, and on PostgreSQL when TEST_DATABASE_URL is set.
 * Under CI=true the PostgreSQL run is required: a missing or unreachable server fails the run.
 * Migrations run once into a template database; each test file gets its own copy.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: { adminUrl: string; template: string } | null;
  }
}

export default async function setup(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    if (process.env.CI === 'true') {
      throw new Error(
        'TEST_DATABASE_URL is required when CI=true: the PostgreSQL integration run may not be skipped.',
      );
    }
    project.provide('pgTemplate', null);
    return;
  }
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is unreachable: ${(error as Error).message}`);
  }
  const template = `clinia_tmpl_${process.pid}_${Date.now()}`;
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ driver: 'postgres', url: withDatabase(adminUrl, template) });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
  project.provide('pgTemplate', { adminUrl, template });
  return async () => {
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`clinia_t_${process.pid}_%`, template],
    );
    for (const { datname } of leftovers.rows)
      await admin.query(`drop database if exists ${datname} with (force)`);
    await admin.end();
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
