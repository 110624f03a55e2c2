import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seed';
import { fixedClock } from '../../platform/clock';
import { type TestDatabase, testDrivers, testKeyring } from '../../testing';

describe.each(testDrivers())('demo treatment sessions on $name', (driver) => {
  let database: TestDatabase;
  let organizationId = '';
  let summary = '';
  beforeAll(async () => {
    database = await driver.open();
    const report = await seedDemo(
      database,
      { seed: 7, clinics: 1, clients: 12 },
      { clock: fixedClock('2026-12-03T12:00:00.000Z'), keyring: testKeyring() },
    );
    organizationId = report.organizationId;
    summary = report.steps.find((s) => s.name === 'sessions')?.summary ?? '';
  });
  afterAll(() => database.close());

  it("records the signed sessions with the inventory demo's toxin and lots: the stock lists one toxin", async () => {
    expect(summary).toBe('6 atendimentos assinados com pontos e lotes, 2 agendamentos para hoje');
    const toxins = await database.query<{ name: string }>(
      sql`select name from products where organization_id = ${organizationId} and name ilike 'toxina%'`,
    );
    expect(toxins.map((p) => p.name)).toEqual(['Toxina botulínica tipo A 100 U']);
    // Every lot of the organisation was received by the inventory step (no lot of the sessions' own).
    const lots = await database.query<{ lot_number: string }>(
      sql`select lot_number from lots where organization_id = ${organizationId} and lot_number like 'DEMO-%'`,
    );
    expect(lots).toEqual([]);

    const lines = await database.query<{ product: string; lot_number: string; quantity: number }>(sql`
      select p.name as product, l.lot_number, sp.quantity::float as quantity
      from session_products sp
      join treatment_sessions s on s.id = sp.session_id
      join products p on p.id = sp.product_id
      join lots l on l.id = sp.lot_id
      where s.organization_id = ${organizationId} and s.status = 'signed'`);
    expect(lines).toHaveLength(6);
    for (const line of lines)
      expect(line).toMatchObject({ product: 'Toxina botulínica tipo A 100 U', quantity: 20 });
    // FEFO: the lot that expires first (the inventory's lot expiring within 30 days) while it lasts.
    expect(new Set(lines.map((l) => l.lot_number))).toEqual(new Set(['TXA2409B']));
  });

  it("draws each session through the ledger, so the lot's balance is its receipt minus every use", async () => {
    const [lot] = await database.query<{
      on_hand: number;
      receipts: number;
      uses: number;
      by_sessions: number;
    }>(
      sql`
      select l.on_hand::float as on_hand,
        (select sum(quantity)::float from stock_movements m where m.lot_id = l.id and m.kind = 'receipt') as receipts,
        (select coalesce(sum(quantity), 0)::float from stock_movements m where m.lot_id = l.id and m.kind <> 'receipt') as uses,
        (select coalesce(sum(quantity), 0)::float from stock_movements m
           where m.lot_id = l.id and m.session_id in (select id from treatment_sessions)) as by_sessions
      from lots l where l.organization_id = ${organizationId} and l.lot_number = 'TXA2409B'`,
    );
    expect(lot?.by_sessions).toBe(-120);
    expect(lot?.on_hand).toBe((lot?.receipts ?? 0) + (lot?.uses ?? 0));
  });

  it("keeps the two visits to check in on the clinic's today even when the demo starts late at night", async () => {
    // 22:30 in São Paulo: the next hours are already tomorrow there.
    const late = await seedDemo(
      database,
      { seed: 8, clinics: 1, clients: 12 },
      { clock: fixedClock('2026-12-04T01:30:00.000Z'), keyring: testKeyring() },
    );
    // The sessions step books them for the two demo clients after the six with signed sessions.
    const rows = await database.query<{ day: string }>(sql`
      with waiting as (
        select id from clients where organization_id = ${late.organizationId}
        order by created_at, id offset 6 limit 2
      )
      select to_char(a.starts_at at time zone 'America/Sao_Paulo', 'YYYY-MM-DD') as day
      from appointments a join treatments t on t.id = a.treatment_id
      where a.client_id in (select id from waiting) and a.status = 'agendado'
        and t.name = 'Toxina botulínica — terço superior'`);
    expect(rows.map((r) => r.day)).toEqual(['2026-12-03', '2026-12-03']);
  });
});
