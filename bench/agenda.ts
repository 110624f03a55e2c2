/**
 * The agenda at clinic-network scale (issue 6 point 10), on PostgreSQL and on PGlite, through the real
 * services: (a) the week view of the 30-professional clinic over random weeks of the 5-year history;
 * (b) availability search for the next 10 slots over 30 days; (c) contended booking: 64 concurrent
 * clients racing for the same few slots, then an SQL count of overlapping live appointments (must be 0).
 * The data comes from bench/agenda-generator.ts (set-based SQL). Prints one JSON line per measure and
 * driver.
 *
 * Usage: npm run bench:agenda -- [--scale 1] [--drivers postgres,pglite] [--weeks 100] [--searches 100]
 *        [--rounds 20]. PostgreSQL from BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
 *        a throwaway database clinia_bench_<random> is created and dropped. PGlite uses a temp data dir.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Database } from '../packages/server/src/db/client';
import { createRng } from '../packages/server/src/demo/random';
import { seedDemo } from '../packages/server/src/demo/seed';
import { book } from '../packages/server/src/modules/scheduling/scheduling.service';
import { searchAvailability } from '../packages/server/src/modules/scheduling/slots.service';
import { agendaRange } from '../packages/server/src/modules/scheduling/views.service';
import { fixedClock } from '../packages/server/src/platform/clock';
import { AppError } from '../packages/server/src/platform/errors';
import { CLINICS, clientIdOf, generateNetwork, RACER_CLIENTS } from './agenda-generator';
import {
  benchKeyring,
  benchReceptionist,
  benchServiceDeps,
  type Driver,
  emitJsonLine,
  loadAverage,
  parseDrivers,
  roundTo,
  summary,
  timed,
  withBenchDatabase,
} from './support';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    drivers: { type: 'string', default: 'postgres,pglite' },
    weeks: { type: 'string', default: '100' },
    searches: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '10' },
    racers: { type: 'string', default: '64' },
    slots: { type: 'string', default: '4' },
    pool: { type: 'string', default: '32' },
  },
});
const SCALE = Number(values.scale);
const WEEKS = Number(values.weeks);
const SEARCHES = Number(values.searches);
const ROUNDS = Number(values.rounds);
const RACERS = Number(values.racers);
const SLOTS = Number(values.slots);
const NOW = '2026-11-25T13:00:00.000Z';
const FREEING = `('cancelado','faltou','remarcado')`;
if (ROUNDS * RACERS > RACER_CLIENTS) throw new Error(`rounds × racers must be ≤ ${RACER_CLIENTS}`);

const round = (x: number) => roundTo(x, 2);
const load = () => loadAverage(2);
const progress = (text: string) => process.stderr.write(`[bench:agenda] ${text}\n`);

async function overlaps(database: Database, from: string, to: string) {
  const window = from && to ? `and a.starts_at >= '${from}' and a.starts_at < '${to}'` : '';
  const pair = (column: string) => `select count(*)::int as n from appointments a join appointments b
      on b.${column} = a.${column} and b.id <> a.id and b.during && a.during
      and b.status not in ${FREEING}
    where a.status not in ${FREEING} ${window}`;
  const [rows] = await database.query<{ professional: number; room: number; client: number; device: number }>(
    sql.raw(`select (${pair('professional_id')}) as professional, (${pair('room_id')}) as room,
      (${pair('client_id')}) as client,
      (select count(*)::int from appointment_equipment a join appointment_equipment b
        on b.equipment_id = a.equipment_id and b.appointment_id <> a.appointment_id and b.during && a.during
        and b.status not in ${FREEING}
        where a.status not in ${FREEING} ${window}) as device`),
  );
  return rows ?? { professional: -1, room: -1, client: -1, device: -1 };
}

function runDriver(driver: Driver) {
  const databaseOptions = { poolMax: Number(values.pool), pgliteTempDirPrefix: 'clinia-bench-agenda-' };
  return withBenchDatabase(driver, databaseOptions, async (database) => {
    const clock = fixedClock(NOW);
    const keyring = benchKeyring();
    const loadStarted = performance.now();
    const report = await seedDemo(database, { seed: 6010, clinics: CLINICS, clients: 0 }, { clock, keyring });
    const network = await generateNetwork(database, {
      organizationId: report.organizationId,
      clinicIds: report.clinicIds,
      now: clock.now(),
      scale: SCALE,
      onStep: (step, text) => progress(`${driver} ${step}: ${text}`),
    });
    const loadSeconds = Math.round((performance.now() - loadStarted) / 1000);
    const base = {
      bench: 'agenda',
      driver,
      scale: SCALE,
      professionals: 160,
      clients: network.clients,
      appointments: network.appointments,
    };
    emitJsonLine({
      ...base,
      measure: 'load',
      seconds: loadSeconds,
      from: network.firstDay,
      to: network.lastDay,
      loadavg: load(),
    });

    const deps = benchServiceDeps({ database, clock, keyring });
    const actor = benchReceptionist({
      userId: network.receptionistId,
      organizationId: network.organizationId,
      clinicId: network.bigClinicId,
    });
    const rng = createRng(20261203);

    // (a) Week view of the 30-professional clinic, random weeks of the history.
    const firstMs = Date.parse(`${network.firstDay}T12:00:00Z`);
    const spanDays = Math.round((Date.parse(`${network.lastDay}T12:00:00Z`) - firstMs) / 86_400_000);
    const week = (i: number) =>
      agendaRange(
        deps,
        actor,
        {
          clinicId: network.bigClinicId,
          date: new Date(firstMs + (i < 0 ? 0 : rng.int(0, Math.max(0, spanDays - 7))) * 86_400_000)
            .toISOString()
            .slice(0, 10),
          includeFreed: false,
        },
        'week',
      );
    for (let i = 0; i < 10; i++) await week(i);
    const weekSamples: number[] = [];
    let weekAppointments = 0;
    for (let i = 0; i < WEEKS; i++) {
      const [ms, view] = await timed(() => week(i));
      weekSamples.push(ms);
      weekAppointments += view.appointments.length;
    }
    emitJsonLine({
      ...base,
      measure: 'week_view',
      clinicProfessionals: network.professionalsInBigClinic,
      ...summary(weekSamples),
      avgAppointmentsPerWeek: Math.round(weekAppointments / Math.max(1, WEEKS)),
      loadavg: load(),
    });

    // (b) Availability: next 10 slots over 30 days, from a random start in the next 3 weeks; a third of
    // the searches name one professional, a third ask for the afternoon.
    const { botox, filler } = network.treatments;
    const pros = await database.query<{ user_id: string }>(
      sql.raw(
        `select user_id from bench_professionals where clinic_id = '${network.bigClinicId}' and role = 'medico'`,
      ),
    );
    const search = (i: number) =>
      searchAvailability(deps, actor, {
        treatmentId: i % 2 === 0 ? botox : filler,
        clinicId: network.bigClinicId,
        from: new Date(
          Date.parse(NOW) + rng.int(0, 21) * 86_400_000 + rng.int(0, 10) * 3_600_000,
        ).toISOString(),
        horizonWeeks: 30 / 7,
        limit: 10,
        ...(i % 3 === 1 ? { professionalId: pros[rng.int(0, pros.length - 1)]?.user_id } : {}),
        ...(i % 3 === 2 ? { periodOfDay: 'tarde' as const } : {}),
      });
    for (let i = 0; i < 10; i++) await search(i);
    const searchSamples: number[] = [];
    let found = 0;
    for (let i = 0; i < SEARCHES; i++) {
      const [ms, slots] = await timed(() => search(i));
      searchSamples.push(ms);
      found += slots.length;
    }
    emitJsonLine({
      ...base,
      measure: 'availability_next10_30d',
      ...summary(searchSamples),
      avgSlotsFound: round(found / Math.max(1, SEARCHES)),
      loadavg: load(),
    });

    // (c) Contended booking: each round takes the next few free slots from the real search, then 64
    // clients (each its own, history-free) book at once, racer i on slot i mod SLOTS.
    let attempts = 0;
    let successes = 0;
    let conflicts = 0;
    let deadlocks = 0;
    let otherErrors = 0;
    const otherCodes = new Map<string, number>();
    const latencies: number[] = [];
    let busyMs = 0;
    let racer = 0;
    let offeredSlots = 0;
    let lastSlot = '';
    for (let r = 0; r < ROUNDS; r++) {
      const offered = await searchAvailability(deps, actor, {
        treatmentId: botox,
        clinicId: network.bigClinicId,
        from: new Date(Date.parse(NOW) + (r % 10) * 86_400_000).toISOString(),
        horizonWeeks: 30 / 7,
        limit: SLOTS * 10,
      });
      // The few contended slots: distinct professionals and rooms, so each one can be won exactly once.
      const slots: typeof offered = [];
      for (const s of offered)
        if (
          slots.length < SLOTS &&
          !slots.some((x) => x.professionalId === s.professionalId || x.roomId === s.roomId)
        )
          slots.push(s);
      if (slots.length === 0) continue;
      offeredSlots += slots.length;
      for (const s of slots) if (s.startsAt > lastSlot) lastSlot = s.startsAt;
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: RACERS }, async (_, i) => {
          const slot = slots[i % slots.length];
          if (!slot) return 'skip';
          const clientId = clientIdOf(network.racerBase + racer++);
          const t0 = performance.now();
          try {
            await book(deps, actor, {
              clientId,
              treatmentId: botox,
              professionalId: slot.professionalId,
              roomId: slot.roomId,
              startsAt: slot.startsAt,
              channel: 'recepcao',
              notes: '',
              acknowledgeWarnings: true,
            });
            return 'ok';
          } catch (error) {
            if (error instanceof AppError && String(error.code).startsWith('SLOT_TAKEN')) return 'conflict';
            // PostgreSQL's deadlock detector breaks a wait cycle between two conflicting inserts.
            if ((error as { cause?: { code?: string } }).cause?.code === '40P01') return 'deadlock';
            const cause = (error as { cause?: { code?: string; constraint?: string } }).cause;
            const code =
              error instanceof AppError
                ? String(error.code)
                : `sqlstate ${cause?.code ?? '?'} ${cause?.constraint ?? (error as Error).name}`;
            otherCodes.set(code, (otherCodes.get(code) ?? 0) + 1);
            return 'error';
          } finally {
            latencies.push(performance.now() - t0);
          }
        }),
      );
      busyMs += performance.now() - started;
      for (const o of outcomes) {
        if (o === 'skip') continue;
        attempts += 1;
        if (o === 'ok') successes += 1;
        else if (o === 'conflict') conflicts += 1;
        else if (o === 'deadlock') deadlocks += 1;
        else otherErrors += 1;
      }
    }
    const window = await timed(() =>
      overlaps(database, new Date(Date.parse(NOW) - 86_400_000).toISOString(), lastSlot),
    );
    const all = await timed(() => overlaps(database, '', ''));
    emitJsonLine({
      ...base,
      measure: 'contended_booking',
      racers: RACERS,
      slotsPerRound: SLOTS,
      rounds: ROUNDS,
      contendedSlots: offeredSlots,
      attempts,
      successes,
      conflicts,
      deadlocks,
      otherErrors,
      otherErrorCodes: Object.fromEntries(otherCodes),
      successfulBookingsPerSecond: round(successes / (busyMs / 1000)),
      attemptsPerSecond: round(attempts / (busyMs / 1000)),
      attemptLatency: summary(latencies),
      overlapsInContendedWindow: window[1],
      overlapsWholeTable: all[1],
      overlapCheckSeconds: round((window[0] + all[0]) / 1000),
      loadavg: load(),
    });
  });
}

for (const driver of parseDrivers(values.drivers)) await runDriver(driver);
