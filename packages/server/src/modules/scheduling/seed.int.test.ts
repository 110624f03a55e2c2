import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { fixedClock } from '../../platform/clock';
import { type TestDatabase, testDrivers, testKeyring } from '../../testing';

/** The demo clinic gets an agenda: resources, hours and a week of appointments around today. */
describe.each(testDrivers())('agenda demo seed on $name', (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  it('seeds rooms, a shared laser, working hours and a week of appointments in every status', async () => {
    const clock = fixedClock('2026-11-25T15:10:00.000Z'); // Wednesday 12:10 in São Paulo
    const report = await seedDemo(
      database,
      { seed: 11, clinics: 1, clients: 80 },
      { clock, keyring: testKeyring() },
    );
    expect(report.steps.map((s) => s.name)).toContain('agenda');
    const statuses = await database.query<{ status: string; n: number }>(
      sql`select status, count(*)::int as n from appointments group by status`,
    );
    const by = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    expect(by.concluido).toBeGreaterThan(10);
    expect(by.agendado).toBeGreaterThan(10);
    expect(by.confirmado).toBeGreaterThan(0);
    expect(by.faltou).toBeGreaterThan(0);
    expect(by.cancelado).toBeGreaterThan(0);
    const [overlaps] = await database.query<{ n: number }>(sql`
      select count(*)::int as n from appointments a join appointments b
        on a.id < b.id and a.professional_id = b.professional_id and a.during && b.during
       where a.status not in ('cancelado','faltou','remarcado') and b.status not in ('cancelado','faltou','remarcado')`);
    expect(overlaps?.n).toBe(0);
  });
});
