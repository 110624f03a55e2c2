/**
 * Scaffolding the benchmarks share, so each bench file holds only what it measures:
 * - a throwaway, migrated database per driver (PGlite, or a fresh PostgreSQL database created from
 *   BENCH_DATABASE_URL and dropped afterwards);
 * - the service dependencies and receptionist actor the benchmarks call the real services with;
 * - timing, percentiles, rounding, the machine's load average and the one-JSON-line output.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../packages/server/src/db/client';
import { runMigrations } from '../packages/server/src/db/migrator';
import type { Actor } from '../packages/server/src/platform/authz/permissions';
import type { Clock } from '../packages/server/src/platform/clock';
import { parseConfig } from '../packages/server/src/platform/config';
import { createKeyring, type Keyring, parseMasterKey } from '../packages/server/src/platform/crypto/keyring';
import { createLogger } from '../packages/server/src/platform/logger';
import type { ServiceDeps } from '../packages/server/src/trpc/context';

export type Driver = 'pglite' | 'postgres';

/** The PostgreSQL server the throwaway databases are created on (and dropped from). */
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** `--drivers pglite,postgres` as a list, in the order given. */
export const parseDrivers = (list: string | undefined): Driver[] => String(list).split(',') as Driver[];

export type BenchDatabaseOptions = {
  /** PostgreSQL pool size (the benchmark's concurrency decides it). */
  poolMax: number;
  /** Prefix of the throwaway PostgreSQL database's name; a random suffix follows. */
  namePrefix?: string;
  /** PGlite on disk in a fresh temp folder with this prefix (removed afterwards); in memory if absent. */
  pgliteTempDirPrefix?: string;
};

/** Opens an empty database for `driver`; `dispose` (after `database.close()`) removes every trace of it. */
export async function openBenchDatabase(
  driver: Driver,
  { poolMax, namePrefix = 'clinia_bench_', pgliteTempDirPrefix }: BenchDatabaseOptions,
): Promise<{ database: Database; dispose: () => Promise<void> }> {
  if (driver === 'pglite') {
    if (!pgliteTempDirPrefix)
      return { database: await openDatabase({ driver: 'pglite', dataDir: null }), dispose: async () => {} };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), pgliteTempDirPrefix));
    const database = await openDatabase({ driver: 'pglite', dataDir: path.join(dir, 'data') });
    return { database, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `${namePrefix}${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ driver: 'postgres', url: url.toString(), poolMax });
  return { database, dispose: () => adminQuery(`drop database if exists ${name} with (force)`) };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(text);
  await admin.end();
}

/** Runs `run` on a fresh, migrated database for `driver`, then closes and removes the database. */
export async function withBenchDatabase<T>(
  driver: Driver,
  options: BenchDatabaseOptions,
  run: (database: Database) => Promise<T>,
): Promise<T> {
  const { database, dispose } = await openBenchDatabase(driver, options);
  try {
    await runMigrations(database);
    return await run(database);
  } finally {
    await database.close();
    await dispose();
  }
}

/** A keyring with a random master key and one random data key: nothing to keep between runs. */
export function benchKeyring(): Keyring {
  return createKeyring(
    parseMasterKey('mk-bench', randomBytes(32).toString('base64')),
    new Map([['dk-bench', randomBytes(32)]]),
    'dk-bench',
  );
}

/** What the services need, silent, with a licence registry that is never asked. */
export function benchServiceDeps({
  database,
  clock,
  keyring,
}: {
  database: Database;
  clock: Clock;
  keyring: Keyring;
}): ServiceDeps {
  const parsed = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  if (!parsed.ok) throw new Error('config');
  return {
    database,
    logger: createLogger({ level: 'silent' }),
    clock,
    config: parsed.config,
    version: 'bench',
    keyring,
    licenceRegistry: {
      source: 'none',
      supports: () => false,
      check: async () => ({ outcome: 'error', reason: 'bench', raw: null }),
    },
  };
}

/** A receptionist of `clinicId` (a random user unless given), signed in without MFA. */
export function benchReceptionist({
  organizationId,
  clinicId,
  userId = crypto.randomUUID(),
}: {
  organizationId: string;
  clinicId: string;
  userId?: string;
}): Actor {
  return {
    userId,
    organizationId,
    sessionId: crypto.randomUUID(),
    clinicId,
    roles: ['recepcionista'],
    isMfaEnrolled: false,
    isMfaVerified: false,
    reauthenticatedAt: null,
    activeLicences: [],
  };
}

export const roundTo = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;

/** The p-th percentile of ascending `sorted` (nearest rank below), 0 when empty. */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** p50 and p99 of millisecond samples, to 0.01 ms, and how many there were. */
export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50Ms: roundTo(percentile(sorted, 50), 2),
    p99Ms: roundTo(percentile(sorted, 99), 2),
    n: samples.length,
  };
}

/** Milliseconds `fn` took, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await fn();
  return [performance.now() - started, result];
}

/** Milliseconds `fn` took. */
export const elapsedMs = async (fn: () => Promise<unknown>): Promise<number> => (await timed(fn))[0];

/** The 1, 5 and 15 minute load averages: the machine is shared, and a busy one shows in the figures. */
export const loadAverage = (decimals: number) => os.loadavg().map((x) => roundTo(x, decimals));

/** Prints one benchmark result as one JSON line on stdout. */
export const emitJsonLine = (line: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify(line)}\n`);
