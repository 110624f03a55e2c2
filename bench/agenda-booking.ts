/**
 * Contended booking: 64 concurrent clients race for the few laser slots of one Monday in the demo
 * clinic (one shared laser, two laser rooms, every competent professional). Each client tries the
 * slots in its own random order until one books. Measures successful bookings per second and counts
 * overlaps afterwards (professional, room, client, device), which must be 0. Runs on PGlite and on
 * PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a throwaway
 * database is created and dropped). Prints one JSON line per driver.
 *
 * Usage: npx tsx bench/agenda-booking.ts [--clients 64] [--driver pglite|postgres|both]
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { Database } from '../packages/server/src/db/client';
import { createRng } from '../packages/server/src/demo/random';
import { seedDemo } from '../packages/server/src/demo/seed';
import { instantAt } from '../packages/server/src/modules/scheduling/clinic-time';
import { book } from '../packages/server/src/modules/scheduling/scheduling.service';
import { fixedClock } from '../packages/server/src/platform/clock';
import {
  benchKeyring,
  benchReceptionist,
  benchServiceDeps,
  type Driver,
  emitJsonLine,
  roundTo,
  withBenchDatabase,
} from './support';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '64' },
    driver: { type: 'string', default: 'both' },
  },
});
const CLIENTS = Number(values.clients);

async function countOverlaps(database: Database): Promise<number> {
  const live = `status not in ('cancelado','faltou','remarcado')`;
  const [row] = await database.query<{ n: number }>(
    sql.raw(`select
      (select count(*) from appointments a join appointments b on a.id < b.id and a.during && b.during
        and (a.professional_id = b.professional_id or a.room_id = b.room_id or a.client_id = b.client_id)
        where a.${live} and b.${live})
    + (select count(*) from appointment_equipment a join appointment_equipment b on a.appointment_id < b.appointment_id
        and a.equipment_id = b.equipment_id and a.during && b.during where a.${live} and b.${live}) as n`),
  );
  return Number(row?.n ?? -1);
}

function runDriver(driver: Driver) {
  return withBenchDatabase(driver, { poolMax: 16 }, async (database) => {
    const clock = fixedClock('2026-11-25T12:00:00.000Z');
    const keyring = benchKeyring();
    const report = await seedDemo(database, { seed: 4242, clinics: 1, clients: 0 }, { clock, keyring });
    const organizationId = report.organizationId;
    const clinicId = report.clinicIds[0] ?? '';
    // The demo licences wait for the boot-time registry check; the benchmark takes them as verified.
    await database.exec(`update professional_licences set status = 'ativa'`);
    const clientIds = Array.from({ length: CLIENTS }, () => crypto.randomUUID());
    await database.query(
      sql`insert into clients (id, organization_id, full_name, birth_date, sex, preferred_channel) values ${sql.join(
        clientIds.map(
          (id, i) => sql`(${id}, ${organizationId}, ${`Cliente ${i + 1}`}, '1990-01-01', 'F', 'whatsapp')`,
        ),
        sql`, `,
      )}`,
    );
    const [laser] = await database.query<{ id: string }>(
      sql`select id from treatments where organization_id = ${organizationId} and required_equipment_kinds = '{laser_diodo}' limit 1`,
    );
    const professionals = await database.query<{ user_id: string }>(
      sql`select distinct m.user_id from memberships m where m.clinic_id = ${clinicId}
           and m.role in ('medico', 'enfermeiro', 'biomedico')`,
    );
    if (!laser || professionals.length === 0)
      throw new Error('demo seed lacks a laser treatment or professionals');
    const slots = Array.from({ length: 10 }, (_, i) => {
      const minutes = 10 * 60 + i * 40;
      const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
      const mm = String(minutes % 60).padStart(2, '0');
      return new Date(instantAt('2026-11-30', `${hh}:${mm}`, 'America/Sao_Paulo')).toISOString();
    });
    const deps = benchServiceDeps({ database, clock, keyring });
    const actor = benchReceptionist({ organizationId, clinicId });
    const rng = createRng(64);
    let attempts = 0;
    const refusals: Record<string, number> = {};
    const started = performance.now();
    const results = await Promise.all(
      clientIds.map(async (clientId) => {
        const order = [...slots].sort(() => rng.next() - 0.5);
        for (const startsAt of order) {
          attempts += 1;
          try {
            await book(deps, actor, {
              clientId,
              treatmentId: laser.id,
              professionalId: rng.pick(professionals).user_id,
              startsAt,
              channel: 'recepcao',
              notes: '',
              acknowledgeWarnings: true,
            });
            return true;
          } catch (error) {
            const code = (error as { code?: string }).code ?? 'other';
            refusals[code] = (refusals[code] ?? 0) + 1;
          }
        }
        return false;
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const booked = results.filter(Boolean).length;
    emitJsonLine({
      bench: 'agenda-booking',
      driver,
      clients: CLIENTS,
      slots: slots.length,
      professionals: professionals.length,
      booked,
      attempts,
      seconds: roundTo(seconds, 2),
      bookingsPerSecond: roundTo(booked / seconds, 1),
      attemptsPerSecond: roundTo(attempts / seconds, 1),
      refusals,
      overlaps: await countOverlaps(database),
    });
  });
}

for (const driver of values.driver === 'both' ? (['pglite', 'postgres'] as const) : [values.driver as Driver])
  await runDriver(driver);
