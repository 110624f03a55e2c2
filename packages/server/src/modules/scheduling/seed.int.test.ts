import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { type TestDatabase, testDrivers, testKeyring } from '../../testing';

/** The demo clinic gets an agenda (resources, hours, a week around today) and an attendance history. */
describe.each(testDrivers())('agenda demo seed on $name', (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  it('seeds rooms, a shared laser, working hours and a week of appointments in every status', async () => {
    // Wednesday 12:10 in São Paulo; time moves on while the seed runs, as it does at a real start.
    let t = Date.parse('2026-11-25T15:10:00.000Z');
    const clock = {
      now: () => {
        t += 50;
        return new Date(t);
      },
      sleep: async () => {},
    };
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

    // No-show history (issue 8): bookings precede their appointments, a model is trained on them and
    // tomorrow's agenda carries meaningful risk with pt-BR factors.
    const noshow = report.steps.find((s) => s.name === 'noshow')?.summary ?? '';
    expect(noshow).toMatch(/modelo de faltas v1 treinado/);
    const [order] = await database.query<{ n: number }>(
      sql`select count(*)::int as n from appointments where created_at > starts_at`,
    );
    expect(order?.n).toBe(0);
    const rates = await database.query<{ long: boolean; rate: number; n: number }>(sql`
      select (starts_at at time zone 'America/Sao_Paulo')::date - (created_at at time zone 'America/Sao_Paulo')::date >= 15 as long,
             avg((status = 'faltou')::int)::float as rate, count(*)::int as n
        from appointments where status in ('faltou', 'concluido') group by 1`);
    const rate = (long: boolean) => rates.find((r) => r.long === long)?.rate ?? 0;
    expect(rate(true)).toBeGreaterThan(rate(false));
    const tomorrow = await database.query<{ band: string; factors: { text: string }[] }>(sql`
      select s.band, s.factors from appointment_risk_scores s join appointments a on a.id = s.appointment_id
       where a.status in ('agendado', 'confirmado')
         and (a.starts_at at time zone 'America/Sao_Paulo')::date = date '2026-11-26'`);
    const bands = new Set(tomorrow.map((x) => x.band));
    // The agenda's bookings were made at varied, plausible times before the appointment.
    const [leads] = await database.query<{ n: number }>(sql`
      select count(distinct floor(extract(epoch from starts_at - created_at) / 86400))::int as n from appointments
       where status in ('agendado', 'confirmado') and starts_at > ${'2026-11-25T16:00:00Z'}::timestamptz`);
    expect(leads?.n).toBeGreaterThan(10);
    expect(bands.has('alto') && bands.has('medio')).toBe(true);
    expect(tomorrow.every((x) => x.factors.length > 0 && x.factors.every((f) => f.text.length > 0))).toBe(
      true,
    );
  });
});
