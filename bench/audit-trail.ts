/**
 * The compliance screen's audit trail at scale: one organisation's hash-chained trail of N events
 * (a year of a busy network: record reads, searches, agenda changes, sessions, sign-ins, a few
 * denials), read through the real service as the Conformidade page reads it (newest first, 50 a page,
 * each reading audited), with and without filters, and the whole chain re-hashed by the integrity
 * check. Prints one JSON line with p50/p99 per driver and measure, and the check's events per second.
 *
 * Usage: npx tsx bench/audit-trail.ts [--events 500000] [--queries 60] [--drivers pglite,postgres]
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createRng } from '../packages/server/src/demo/random';
import { seedDemo } from '../packages/server/src/demo/seed';
import { readTrail, verifyTrail } from '../packages/server/src/modules/compliance/compliance.service';
import { hashAuditRow } from '../packages/server/src/platform/audit/audit';
import { fixedClock } from '../packages/server/src/platform/clock';
import {
  benchKeyring,
  benchReceptionist,
  benchServiceDeps,
  type Driver,
  elapsedMs,
  emitJsonLine,
  loadAverage,
  parseDrivers,
  summary,
  timed,
  withBenchDatabase,
} from './support';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '500000' },
    queries: { type: 'string', default: '60' },
    drivers: { type: 'string', default: 'pglite,postgres' },
  },
});
const EVENTS = Number(values.events);
const QUERIES = Number(values.queries);
const BATCH = 1_000;
const YEAR_MS = 365 * 86_400_000;

/** Action mix of a clinic's year, by weight. */
const MIX: [action: string, entityType: string, weight: number, outcome?: 'denied'][] = [
  ['client.read', 'client', 30],
  ['client.search', 'client_list', 14],
  ['client.intake.read', 'client', 6],
  ['appointment.book', 'appointment', 10],
  ['appointment.confirmado', 'appointment', 8],
  ['appointment.concluido', 'appointment', 7],
  ['appointment.cancelado', 'appointment', 2],
  ['session.read', 'treatment_session', 6],
  ['session.sign', 'treatment_session', 4],
  ['photo.view', 'photo', 4],
  ['auth.login', 'session', 6],
  ['stock.use', 'lot', 2],
  ['authz.denied', 'action', 1, 'denied'],
];
const TOTAL_WEIGHT = MIX.reduce((sum, [, , w]) => sum + w, 0);

/** The entry of MIX whose cumulative weight first exceeds `draw` (0 ≤ draw < TOTAL_WEIGHT). */
function pickAction(draw: number): (typeof MIX)[number] {
  let cumulative = 0;
  for (const entry of MIX) {
    cumulative += entry[2];
    if (draw < cumulative) return entry;
  }
  return MIX[MIX.length - 1] as (typeof MIX)[number];
}

function runDriver(driver: Driver) {
  return withBenchDatabase(driver, { poolMax: 4 }, async (database) => {
    const clock = fixedClock('2026-11-25T12:00:00.000Z');
    const keyring = benchKeyring();
    const report = await seedDemo(database, { seed: 4242, clinics: 1, clients: 0 }, { clock, keyring });
    const organizationId = report.organizationId;
    const clinicId = report.clinicIds[0] ?? '';
    const rng = createRng(20261208);
    const actors = Array.from({ length: 30 }, () => crypto.randomUUID());
    const clients = Array.from({ length: 5_000 }, () => crypto.randomUUID());

    // Continue the seed's chain: same hashing as recordAudit, written in bulk.
    const [head] = await database.query<{ head_seq: string; hash: string }>(
      sql`select seq::text as head_seq, hash from audit_events where organization_id = ${organizationId} order by audit_events.seq desc limit 1`,
    );
    let seq = Number(head?.head_seq ?? 0);
    let prevHash = head?.hash ?? '0'.repeat(64);
    const start = clock.now().getTime() - YEAR_MS;
    const loadStarted = performance.now();
    for (let done = 0; done < EVENTS; done += BATCH) {
      const rows = [];
      for (let i = 0; i < Math.min(BATCH, EVENTS - done); i++) {
        const [action, entityType, , outcome = 'success'] = pickAction(rng.next() * TOTAL_WEIGHT);
        seq++;
        const row = {
          organizationId,
          seq,
          occurredAt: new Date(Math.floor(start + ((done + i) / EVENTS) * YEAR_MS)),
          actorUserId: rng.pick(actors),
          actorRole: 'recepcionista',
          clinicId,
          action,
          entityType,
          entityId: entityType === 'client' ? rng.pick(clients) : crypto.randomUUID(),
          changedFields: [] as string[],
          outcome,
          ip: '10.0.0.7',
          userAgent: 'Mozilla/5.0',
          requestId: crypto.randomUUID(),
          prevHash,
        };
        const hash = hashAuditRow(row);
        prevHash = hash;
        rows.push(
          sql`(${organizationId}, ${seq}, ${row.occurredAt.toISOString()}, ${row.actorUserId}, ${row.actorRole}, ${clinicId}, ${action}, ${entityType}, ${row.entityId}, '{}'::text[], ${outcome}, ${row.ip}, ${row.userAgent}, ${row.requestId}, ${row.prevHash}, ${hash})`,
        );
      }
      await database.query(sql`insert into audit_events (organization_id, seq, occurred_at, actor_user_id, actor_role,
        clinic_id, action, entity_type, entity_id, changed_fields, outcome, ip, user_agent, request_id, prev_hash, hash)
        values ${sql.join(rows, sql`, `)}`);
    }
    await database.exec('analyze audit_events');
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const deps = benchServiceDeps({ database, clock, keyring });
    const dpo = { ...benchReceptionist({ organizationId, clinicId }), roles: ['encarregado_dados' as const] };
    const read = (input: Parameters<typeof readTrail>[2]) => readTrail(deps, dpo, input);
    const day = (daysAgo: number) => {
      const from = new Date(clock.now().getTime() - daysAgo * 86_400_000);
      return { from: from.toISOString(), to: new Date(from.getTime() + 86_400_000 - 1).toISOString() };
    };

    for (let i = 0; i < 5; i++) await read({ limit: 50 });
    const firstPage: number[] = [];
    const nextPages: number[] = [];
    const byPerson: number[] = [];
    const byArea: number[] = [];
    const byRecord: number[] = [];
    const byDay: number[] = [];
    const denied: number[] = [];
    let cursor: number | undefined;
    for (let i = 0; i < QUERIES; i++) {
      firstPage.push(await elapsedMs(() => read({ limit: 50 })));
      const [ms, page] = await timed(() => read({ limit: 50, ...(cursor ? { cursor } : {}) }));
      nextPages.push(ms);
      cursor = page.nextCursor ?? undefined;
      byPerson.push(await elapsedMs(() => read({ limit: 50, actorUserId: actors[i % actors.length] })));
      byArea.push(await elapsedMs(() => read({ limit: 50, group: i % 2 ? 'atendimentos' : 'agenda' })));
      const client = clients[(i * 7919) % clients.length] ?? '';
      byRecord.push(await elapsedMs(() => read({ limit: 50, entityType: 'client', entityId: client })));
      byDay.push(await elapsedMs(() => read({ limit: 50, ...day(30 + (i % 300)) })));
      denied.push(await elapsedMs(() => read({ limit: 50, outcome: 'denied' })));
    }
    const [verifyMs, check] = await timed(() => verifyTrail(deps, dpo));
    if (!check.ok) throw new Error('the generated chain does not verify');
    return {
      driver,
      loadSeconds: Math.round(loadSeconds),
      firstPage: summary(firstPage),
      nextPages: summary(nextPages),
      byPerson: summary(byPerson),
      byArea: summary(byArea),
      byClientRecord: summary(byRecord),
      byDay: summary(byDay),
      deniedOnly: summary(denied),
      verify: {
        seconds: Math.round(verifyMs / 100) / 10,
        events: check.events,
        eventsPerSecond: Math.round(check.events / (verifyMs / 1000)),
      },
      loadAverage: loadAverage(2),
    };
  });
}

const results = [];
for (const driver of parseDrivers(values.drivers)) results.push(await runDriver(driver));
emitJsonLine({ bench: 'audit-trail', events: EVENTS, queries: QUERIES, pageSize: 50, results });
