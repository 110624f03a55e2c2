import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema';

/**
 * Two drivers behind one Db type: embedded PGlite (default, a data folder) and a PostgreSQL server
 * through node-postgres. Both run the same migrations and the same SQL; only this file knows which.
 */

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export type DbStats = {
  driver: 'pglite' | 'postgres';
  /** Connections the pool holds (PGlite: always 1). */
  total: number;
  idle: number;
  /** Callers waiting for a connection (pg) or queued behind the single connection (PGlite). */
  waiting: number;
  /** Operations running or queued right now. */
  inFlight: number;
};

export type Database = {
  db: Db;
  driver: 'pglite' | 'postgres';
  /** Runs one raw statement and returns its rows. */
  query: <T = Record<string, unknown>>(statement: SQL) => Promise<T[]>;
  /** Runs parameterless, possibly multi-statement SQL text (admin scripts and tests only). */
  exec: (text: string) => Promise<void>;
  stats: () => DbStats;
  /** Runs fn while holding a cluster-wide lock, so N processes booting together migrate once. */
  withMigrationLock: <T>(fn: () => Promise<T>) => Promise<T>;
  /** How to LISTEN on this database; used by platform/realtime only. */
  notifications: NotificationSource;
  close: () => Promise<void>;
};

/**
 * PGlite delivers NOTIFY to listeners of its single in-process connection; PostgreSQL needs one
 * dedicated connection outside the pool (a pooled client would be handed to queries).
 */
export type NotificationSource =
  | {
      driver: 'pglite';
      listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
    }
  | { driver: 'postgres'; connect: () => pg.Client };

const MIGRATION_LOCK_KEY = 727_274_201; // arbitrary, stable

export type DatabaseOptions =
  | { driver: 'pglite'; dataDir: string | null }
  | { driver: 'postgres'; url: string; poolMax?: number; onPoolError?: (error: Error) => void };

/** Thrown when the database cannot be opened; `userMessage` is a pt-BR sentence for the operator. */
export class DatabaseOpenError extends Error {
  constructor(
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
    this.name = 'DatabaseOpenError';
  }
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.driver === 'pglite' ? openPglite(options.dataDir) : openPostgres(options);
}

const PGLITE_EXTENSIONS = { pgcrypto, btree_gist, citext, pg_trgm, unaccent };

async function openPglite(dataDir: string | null): Promise<Database> {
  const releaseLock = dataDir ? acquireDataDirLock(dataDir) : () => {};
  let client: PGlite;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir ?? 'memory://', { extensions: PGLITE_EXTENSIONS });
  } catch (error) {
    releaseLock();
    throw new DatabaseOpenError(`Não foi possível abrir o banco embutido em ${dataDir ?? 'memória'}.`, {
      cause: error,
    });
  }
  const counters = { inFlight: 0 };
  // PGlite is a single connection: count what is running or queued so /metrics can show the queue.
  for (const method of ['query', 'exec', 'transaction'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      counters.inFlight++;
      try {
        return await original(...args);
      } finally {
        counters.inFlight--;
      }
    };
  }
  const db = drizzlePglite({ client, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    query: async <T>(statement: SQL) => ((await db.execute(statement)) as unknown as { rows: T[] }).rows,
    exec: async (text) => {
      await client.exec(text);
    },
    stats: () => ({
      driver: 'pglite',
      total: 1,
      idle: counters.inFlight === 0 ? 1 : 0,
      waiting: Math.max(0, counters.inFlight - 1),
      inFlight: counters.inFlight,
    }),
    withMigrationLock: (fn) => fn(),
    notifications: { driver: 'pglite', listen: (channel, onPayload) => client.listen(channel, onPayload) },
    close: async () => {
      try {
        await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}

async function openPostgres(options: {
  url: string;
  poolMax?: number;
  onPoolError?: (error: Error) => void;
}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', (error) => options.onPoolError?.(error));
  try {
    const c = await pool.connect();
    c.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new DatabaseOpenError(
      `Não foi possível conectar ao PostgreSQL (${describeUrl(options.url)}): ${reason(error)}.`,
      {
        cause: error,
      },
    );
  }
  const counters = { inFlight: 0 };
  const db = drizzlePg({ client: pool, schema, casing: 'snake_case' }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    query: async <T>(statement: SQL) => {
      counters.inFlight++;
      try {
        return ((await db.execute(statement)) as unknown as { rows: T[] }).rows;
      } finally {
        counters.inFlight--;
      }
    },
    exec: async (text) => {
      await pool.query(text);
    },
    stats: () => ({
      driver: 'postgres',
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      inFlight: pool.totalCount - pool.idleCount,
    }),
    withMigrationLock: async (fn) => {
      const lockClient = await pool.connect();
      try {
        await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
        return await fn();
      } finally {
        await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
        lockClient.release();
      }
    },
    notifications: {
      driver: 'postgres',
      connect: () => new pg.Client({ connectionString: options.url, connectionTimeoutMillis: 5_000 }),
    },
    close: async () => {
      await pool.end();
    },
  };
}

function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'URL inválida';
  }
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === 'ECONNREFUSED') return 'conexão recusada (o servidor está no ar?)';
  if (e.code === 'ENOTFOUND') return 'servidor não encontrado';
  if (e.code === '3D000') return 'o banco de dados não existe';
  if (e.code === '28P01' || e.code === '28000') return 'usuário ou senha recusados';
  return e.code ? `erro ${e.code}` : 'erro desconhecido';
}

/**
 * PGlite must be opened by one process at a time; two writers corrupt the folder. A pid file guards
 * it; a lock left by a killed process (kill -9) is taken over.
 */
function acquireDataDirLock(dataDir: string): () => void {
  const lockFile = path.join(path.dirname(dataDir), `${path.basename(dataDir)}.lock`);
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  try {
    const holder = Number(fs.readFileSync(lockFile, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new DatabaseOpenError(
        `O banco embutido em ${dataDir} já está em uso pelo processo ${holder}. Encerre-o antes de iniciar outro.`,
      );
    }
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw error;
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    try {
      if (Number(fs.readFileSync(lockFile, 'utf8')) === process.pid) fs.rmSync(lockFile);
    } catch {
      // already gone
    }
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** `SELECT 1`, for readiness. */
export async function ping(database: Database): Promise<void> {
  await database.query(sql`select 1`);
}
