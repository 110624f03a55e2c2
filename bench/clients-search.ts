/**
 * Client search at scale: by CPF (keyed HMAC blind index), by name prefix (accent-free trigram and
 * keyset pagination), the first page of the unfiltered list and a page deep into it, through the real
 * service (sealed values opened for the page, search audited), on PGlite and on PostgreSQL.
 * Prints one JSON line with p50/p99 per driver and measure.
 *
 * Usage: npx tsx bench/clients-search.ts [--clients 500000] [--queries 300] [--drivers pglite,postgres]
 *        PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
 *        throwaway database is created and dropped.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { formatCpf } from '@clinia/contracts';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase } from '../packages/server/src/db/client';
import { runMigrations } from '../packages/server/src/db/migrator';
import { generateCpf, generatePerson } from '../packages/server/src/demo/people';
import { createRng } from '../packages/server/src/demo/random';
import { seedDemo } from '../packages/server/src/demo/seed';
import { clientAad } from '../packages/server/src/modules/clients/client-aad';
import { searchClients } from '../packages/server/src/modules/clients/clients.service';
import type { Actor } from '../packages/server/src/platform/authz/permissions';
import { fixedClock } from '../packages/server/src/platform/clock';
import { parseConfig } from '../packages/server/src/platform/config';
import { createKeyring, parseMasterKey } from '../packages/server/src/platform/crypto/keyring';
import { createLogger } from '../packages/server/src/platform/logger';
import type { ServiceDeps } from '../packages/server/src/trpc/context';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '500000' },
    queries: { type: 'string', default: '300' },
    drivers: { type: 'string', default: 'pglite,postgres' },
  },
});
const CLIENTS = Number(values.clients);
const QUERIES = Number(values.queries);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 1_000;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (ms: number) => Math.round(ms * 100) / 100;

function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), n: samples.length };
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function runDriver(driver: 'pglite' | 'postgres') {
  let database: Database;
  let dropDatabase = async () => {};
  if (driver === 'pglite') {
    database = await openDatabase({ driver: 'pglite', dataDir: null });
  } else {
    const name = `clinia_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ driver: 'postgres', url: url.toString(), poolMax: 4 });
    dropDatabase = async () => {
      const dropper = new pg.Client({ connectionString: ADMIN_URL });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    };
  }
  try {
    await runMigrations(database);
    const clock = fixedClock('2026-11-25T12:00:00.000Z');
    const keyring = createKeyring(
      parseMasterKey('mk-bench', randomBytes(32).toString('base64')),
      new Map([['dk-bench', randomBytes(32)]]),
      'dk-bench',
    );
    const report = await seedDemo(database, { seed: 4242, clinics: 1, clients: 0 }, { clock, keyring });
    const organizationId = report.organizationId;
    const clinicId = report.clinicIds[0] ?? '';

    // Bulk load: same sealing and blind indexes as registration; CPFs kept unique.
    const rng = createRng(20261202);
    const usedCpfs = new Set<string>();
    const sampleCpfs: string[] = [];
    const sampleNames: string[] = [];
    const loadStarted = performance.now();
    for (let done = 0; done < CLIENTS; done += BATCH) {
      const rows = [];
      for (let i = 0; i < Math.min(BATCH, CLIENTS - done); i++) {
        const person = generatePerson(rng, { today: clock.now() });
        let cpf = person.cpf;
        while (usedCpfs.has(cpf)) cpf = generateCpf(rng);
        usedCpfs.add(cpf);
        const id = crypto.randomUUID();
        if (rng.chance(0.002)) {
          sampleCpfs.push(cpf);
          sampleNames.push(person.name);
        }
        rows.push(
          sql`(${id}, ${organizationId}, ${person.name}, ${person.birthDate}, ${person.sex}, ${keyring.seal(cpf, clientAad('cpf', id))}, ${keyring.blindIndex(cpf, 'cpf')}, ${keyring.seal(person.mobile, clientAad('mobile', id))}, ${keyring.blindIndex(person.mobile, 'mobile')}, 'whatsapp')`,
        );
      }
      await database.query(
        sql`insert into clients (id, organization_id, full_name, birth_date, sex, cpf_sealed, cpf_index, mobile_sealed, mobile_index, preferred_channel) values ${sql.join(rows, sql`, `)}`,
      );
    }
    await database.exec('analyze clients');
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const deps: ServiceDeps = {
      database,
      logger: createLogger({ level: 'silent' }),
      clock,
      config: (() => {
        const parsed = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
        if (!parsed.ok) throw new Error('config');
        return parsed.config;
      })(),
      version: 'bench',
      keyring,
      licenceRegistry: {
        source: 'none',
        supports: () => false,
        check: async () => ({ outcome: 'error', reason: 'bench', raw: null }),
      },
    };
    const actor: Actor = {
      userId: crypto.randomUUID(),
      organizationId,
      sessionId: crypto.randomUUID(),
      clinicId,
      roles: ['recepcionista'],
      isMfaEnrolled: false,
      isMfaVerified: false,
      reauthenticatedAt: null,
      activeLicences: [],
    };
    const search = (query: string, cursor?: string) =>
      searchClients(deps, actor, { query, limit: 25, ...(cursor ? { cursor } : {}) });

    // Warm-up, then measure.
    for (let i = 0; i < 20; i++) await search(sampleNames[i % sampleNames.length]?.slice(0, 4) ?? 'ana');
    const pick = <T>(xs: T[], i: number) => xs[(i * 7919) % xs.length] as T;
    const byCpf: number[] = [];
    const byNamePrefix: number[] = [];
    const byFirstAndSurname: number[] = [];
    const bySurname: number[] = [];
    const firstPage: number[] = [];
    const deepPage: number[] = [];
    let found = 0;
    for (let i = 0; i < QUERIES; i++) {
      const cpf = formatCpf(pick(sampleCpfs, i));
      byCpf.push(
        await time(async () => {
          found += (await search(cpf)).items.length;
        }),
      );
      const name = pick(sampleNames, i);
      // What a receptionist types: the first letters of the first name…
      const prefix = name.slice(0, 3 + (i % 4));
      byNamePrefix.push(await time(() => search(prefix)));
      // …or a first name and the start of a surname.
      const [first = '', second = ''] = name.split(' ');
      byFirstAndSurname.push(await time(() => search(`${first} ${second.slice(0, 3)}`)));
      // …or only a surname (matched inside the name, not at its start).
      bySurname.push(await time(() => search(second)));
      firstPage.push(await time(() => search('')));
    }
    // Keyset pagination: follow the list 40 pages deep (1,000 clients in) and time each page.
    let cursor: string | undefined;
    for (let page = 0; page < Math.max(40, Math.floor(QUERIES / 5)); page++) {
      let next: string | null = null;
      deepPage.push(
        await time(async () => {
          next = (await search('', cursor)).nextCursor;
        }),
      );
      cursor = next ?? undefined;
      if (!cursor) break;
    }
    if (found !== QUERIES) throw new Error(`CPF search found ${found} of ${QUERIES}`);
    return {
      driver,
      loadSeconds: Math.round(loadSeconds),
      byCpf: summary(byCpf),
      byNamePrefix: summary(byNamePrefix),
      byFirstNameAndSurnamePrefix: summary(byFirstAndSurname),
      bySurname: summary(bySurname),
      listFirstPage: summary(firstPage),
      listNextPages: summary(deepPage),
    };
  } finally {
    await database.close();
    await dropDatabase();
  }
}

const results = [];
for (const driver of String(values.drivers).split(',') as ('pglite' | 'postgres')[]) {
  results.push(await runDriver(driver));
}
process.stdout.write(
  `${JSON.stringify({ bench: 'clients-search', clients: CLIENTS, queries: QUERIES, pageSize: 25, results })}\n`,
);
