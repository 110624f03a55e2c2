/**
 * Outbox dispatch throughput: N queued appointment reminders (default 100k, spread over the demo
 * clinic's open appointments) sent by the real dispatcher (consent, quiet hours, the appointment's
 * status and time through scheduling's port, template checks per message, sealed payload opened,
 * lease-fenced record) to the local fake Graph API over HTTP, checking exactly one provider delivery
 * per message. Two shapes:
 * - burst (default): all due at the same instant (the morning burst after quiet hours). Messages per
 *   second is the capacity; the lag is dominated by each message's place in the queue.
 * - steady (`--rate R`): message i falls due at start + i/R seconds, R below capacity, so the lag
 *   (p50/p99/max from due time to provider acceptance) is what a reminder waits in normal running,
 *   polling included (`--idle-ms`, default the worker loop's own 1 s).
 * `--latency-ms` makes the fake answer after that delay, like a remote provider: throughput is then
 * bounded by workers x concurrency / latency.
 * Prints one JSON line, with the machine's load average before and after each driver's run (the
 * machine may be shared).
 *
 * Usage: npx tsx bench/messaging-dispatch.ts [--messages 100000] [--clients 500] [--workers 4]
 *        [--batch 100] [--concurrency 16] [--rate 0] [--idle-ms 1000] [--latency-ms 0] [--drivers postgres,pglite]
 *        PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); a
 *        throwaway database is created and dropped.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Database } from '../packages/server/src/db/client';
import { runMigrations } from '../packages/server/src/db/migrator';
import { outboxMessages } from '../packages/server/src/db/schema';
import { seedDemo } from '../packages/server/src/demo/seed';
import { createDispatcher, startDispatcherLoop } from '../packages/server/src/modules/messaging/dispatcher';
import { startFakeGraphServer } from '../packages/server/src/modules/messaging/fake-graph-server';
import { payloadAad } from '../packages/server/src/modules/messaging/outbox';
import { noAppointmentsPort } from '../packages/server/src/modules/messaging/ports';
import { createWhatsAppCloudSender } from '../packages/server/src/modules/messaging/whatsapp-cloud';
import { getAppointmentForReminder } from '../packages/server/src/modules/scheduling/replies';
import { fixedClock } from '../packages/server/src/platform/clock';
import { createLogger } from '../packages/server/src/platform/logger';
import {
  benchKeyring,
  type Driver,
  emitJsonLine,
  loadAverage,
  openBenchDatabase,
  parseDrivers,
  roundTo,
} from './support';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '500' },
    workers: { type: 'string', default: '4' },
    batch: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '16' },
    rate: { type: 'string', default: '0' },
    'idle-ms': { type: 'string', default: '1000' },
    'latency-ms': { type: 'string', default: '0' },
    drivers: { type: 'string', default: 'postgres,pglite' },
  },
});
const MESSAGES = Number(values.messages);
const CLIENTS = Number(values.clients);
const WORKERS = Number(values.workers);
const BATCH = Number(values.batch);
const CONCURRENCY = Number(values.concurrency);
const RATE = Number(values.rate);
const IDLE_MS = Number(values['idle-ms']);
const LATENCY_MS = Number(values['latency-ms']);

async function runDriver(driver: Driver) {
  // Not withBenchDatabase: the fake provider opens with the database and must close before it.
  const { database, dispose } = await openBenchDatabase(driver, {
    poolMax: 12,
    namePrefix: 'clinia_bench_msg_',
  });
  const graph = await startFakeGraphServer({
    accessToken: 'tok',
    phoneNumberId: '1234567890',
    appSecret: 'x',
    // A remote provider's round trip (the fake answers at once otherwise).
    responseDelayMs: LATENCY_MS,
  });
  try {
    await runMigrations(database);
    const keyring = benchKeyring();
    const report = await seedDemo(
      database,
      { seed: 4242, clinics: 1, clients: CLIENTS },
      { clock: fixedClock('2026-11-25T12:00:00.000Z'), keyring },
    );
    const organizationId = report.organizationId;
    const clinicId = report.clinicIds[0] ?? '';
    await grantCareWhatsapp(database, organizationId);
    // Reminders of the seeded agenda's open appointments (several reminders per appointment).
    const appointments = await database.query<{ id: string; client_id: string; starts_at: string | Date }>(
      sql`select id, client_id, starts_at from appointments
        where organization_id = ${organizationId} and status in ('agendado', 'confirmado') order by id`,
    );
    if (appointments.length === 0) throw new Error('the demo seed made no open appointment');

    // Load: one sealed payload per message (its AAD is the row id), due far in the future for now.
    const loadStarted = performance.now();
    const placeholder = new Date('2030-01-01T00:00:00.000Z');
    for (let done = 0; done < MESSAGES; done += 1_000) {
      const rows = [];
      for (let i = done; i < Math.min(MESSAGES, done + 1_000); i++) {
        const id = crypto.randomUUID();
        const appointment = appointments[i % appointments.length] as (typeof appointments)[number];
        rows.push({
          id,
          organizationId,
          clinicId,
          clientId: appointment.client_id,
          appointmentId: appointment.id,
          kind: 'lembrete_consulta',
          purpose: 'care',
          channel: 'whatsapp',
          status: 'queued',
          idempotencyKey: `bench:${i}`,
          dueAt: placeholder,
          nextAttemptAt: placeholder,
          payloadSealed: keyring.seal(
            JSON.stringify({
              variables: ['Cliente', 'qui. 10/12 às 14:00', 'Clínica'],
              startsAt: new Date(appointment.starts_at).toISOString(),
            }),
            payloadAad(id),
          ),
          sourceEvent: 'bench',
        });
      }
      await database.db.insert(outboxMessages).values(rows);
    }
    // The demo seed queues its own reminders; they stay out of the measurement (never due during it).
    await database.query(sql`update outbox_messages set due_at = ${placeholder}, next_attempt_at = ${placeholder}
      where source_event is distinct from 'bench'`);
    await database.exec('analyze outbox_messages');
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    // A real-speed clock set to a weekday 09:00 in São Paulo (quiet hours just ended).
    const offset = new Date('2026-12-07T12:00:00.000Z').getTime() - Date.now();
    const clock = {
      now: () => new Date(Date.now() + offset),
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    };
    const dueAt = clock.now();
    if (RATE > 0) {
      // Steady: bench:i falls due i/RATE seconds after the start.
      await database.query(sql`update outbox_messages set due_at = ${dueAt}::timestamptz
          + (substring(idempotency_key from 7)::int / ${RATE}::float8) * interval '1 second'
        where source_event = 'bench'`);
      await database.query(
        sql`update outbox_messages set next_attempt_at = due_at where source_event = 'bench'`,
      );
    } else {
      await database.query(
        sql`update outbox_messages set due_at = ${dueAt}, next_attempt_at = ${dueAt} where source_event = 'bench'`,
      );
    }
    const loadBefore = loadAverage(1);

    const logger = createLogger({ level: 'silent' });
    const deps = {
      database,
      keyring,
      clock,
      logger,
      whatsapp: createWhatsAppCloudSender({
        baseUrl: graph.url,
        apiVersion: 'v23.0',
        phoneNumberId: '1234567890',
        accessToken: 'tok',
      }),
      email: null,
      appointments: { ...noAppointmentsPort, getForReminder: getAppointmentForReminder },
    };
    const loops = Array.from({ length: WORKERS }, (_, i) =>
      startDispatcherLoop(
        createDispatcher(deps, { workerId: `bench-${i}`, batchSize: BATCH, concurrency: CONCURRENCY }),
        { idleMs: IDLE_MS, logger },
      ),
    );
    for (;;) {
      await new Promise((r) => setTimeout(r, 500));
      // exists, not count: on PGlite this query holds the one connection the workers share.
      const [left] = await database.query<{ busy: boolean }>(
        sql`select exists (select 1 from outbox_messages
          where source_event = 'bench' and status in ('queued', 'sending')) as busy`,
      );
      if (!left?.busy) break;
    }
    await Promise.all(loops.map((l) => l.stop()));

    const [stats] = await database.query<{
      accepted: number;
      p50: number;
      p99: number;
      max: number;
      last: string;
    }>(sql`select count(*) filter (where status = 'accepted')::int as accepted,
        percentile_cont(0.5) within group (order by extract(epoch from sent_at - due_at)) * 1000 as p50,
        percentile_cont(0.99) within group (order by extract(epoch from sent_at - due_at)) * 1000 as p99,
        max(extract(epoch from sent_at - due_at)) * 1000 as max,
        max(sent_at) as last
      from outbox_messages where source_event = 'bench'`);
    const seconds = (new Date(stats?.last ?? dueAt).getTime() - dueAt.getTime()) / 1000;
    const keys = new Set(graph.deliveries.map((d) => d.idempotencyKey));
    return {
      driver,
      mode: RATE > 0 ? `steady ${RATE}/s` : 'burst',
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAverage(1),
      messages: MESSAGES,
      openAppointments: appointments.length,
      accepted: stats?.accepted ?? 0,
      providerDeliveries: graph.deliveries.length,
      duplicates: graph.deliveries.length - keys.size,
      loadSeconds: Math.round(loadSeconds),
      dispatchSeconds: roundTo(seconds, 1),
      messagesPerSecond: Math.round((stats?.accepted ?? 0) / seconds),
      lagP50Ms: Math.round(Number(stats?.p50 ?? 0)),
      lagP99Ms: Math.round(Number(stats?.p99 ?? 0)),
      lagMaxMs: Math.round(Number(stats?.max ?? 0)),
    };
  } finally {
    await graph.close();
    await database.close();
    await dispose();
  }
}

/** The demo grants marketing and image consents; reminders need the care opt-in on WhatsApp. */
async function grantCareWhatsapp(database: Database, organizationId: string) {
  await database.query(sql`insert into consent_events
      (organization_id, client_id, document_id, purpose, action, occurred_at, channel, signer, typed_name, document_sha256)
    select c.organization_id, c.id, d.id, d.purpose, 'grant', now(), 'presencial_tablet', 'client', 'Cliente', d.body_sha256
    from clients c
    join lateral (
      select * from consent_documents d
      where d.organization_id = c.organization_id and d.purpose = 'lembretes_whatsapp' and d.procedure_category is null
      order by d.version desc limit 1
    ) d on true
    where c.organization_id = ${organizationId}`);
}

const results = [];
for (const driver of parseDrivers(values.drivers)) {
  results.push(await runDriver(driver));
}
emitJsonLine({
  bench: 'messaging-dispatch',
  workers: WORKERS,
  batch: BATCH,
  concurrency: CONCURRENCY,
  idleMs: IDLE_MS,
  providerLatencyMs: LATENCY_MS,
  clients: CLIENTS,
  cpus: os.cpus().length,
  date: new Date().toISOString().slice(0, 10),
  results,
});
