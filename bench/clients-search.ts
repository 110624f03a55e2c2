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
import { parseArgs } from 'node:util';
import { formatCpf } from '@clinia/contracts';
import { sql } from 'drizzle-orm';
import { generateCpf, generatePerson } from '../packages/server/src/demo/people';
import { createRng } from '../packages/server/src/demo/random';
import { seedDemo } from '../packages/server/src/demo/seed';
import { clientAad } from '../packages/server/src/modules/clients/client-aad';
import { searchClients } from '../packages/server/src/modules/clients/clients.service';
import { fixedClock } from '../packages/server/src/platform/clock';
import {
  benchKeyring,
  benchReceptionist,
  benchServiceDeps,
  type Driver,
  elapsedMs,
  emitJsonLine,
  parseDrivers,
  summary,
  withBenchDatabase,
} from './support';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '500000' },
    queries: { type: 'string', default: '300' },
    drivers: { type: 'string', default: 'pglite,postgres' },
  },
});
const CLIENTS = Number(values.clients);
const QUERIES = Number(values.queries);
const BATCH = 1_000;

function runDriver(driver: Driver) {
  return withBenchDatabase(driver, { poolMax: 4 }, async (database) => {
    const clock = fixedClock('2026-11-25T12:00:00.000Z');
    const keyring = benchKeyring();
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

    const deps = benchServiceDeps({ database, clock, keyring });
    const actor = benchReceptionist({ organizationId, clinicId });
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
        await elapsedMs(async () => {
          found += (await search(cpf)).items.length;
        }),
      );
      const name = pick(sampleNames, i);
      // What a receptionist types: the first letters of the first name…
      const prefix = name.slice(0, 3 + (i % 4));
      byNamePrefix.push(await elapsedMs(() => search(prefix)));
      // …or a first name and the start of a surname.
      const [first = '', second = ''] = name.split(' ');
      byFirstAndSurname.push(await elapsedMs(() => search(`${first} ${second.slice(0, 3)}`)));
      // …or only a surname (matched inside the name, not at its start).
      bySurname.push(await elapsedMs(() => search(second)));
      firstPage.push(await elapsedMs(() => search('')));
    }
    // Keyset pagination: follow the list 40 pages deep (1,000 clients in) and time each page.
    let cursor: string | undefined;
    for (let page = 0; page < Math.max(40, Math.floor(QUERIES / 5)); page++) {
      let next: string | null = null;
      deepPage.push(
        await elapsedMs(async () => {
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
  });
}

const results = [];
for (const driver of parseDrivers(values.drivers)) {
  results.push(await runDriver(driver));
}
emitJsonLine({ bench: 'clients-search', clients: CLIENTS, queries: QUERIES, pageSize: 25, results });
