import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { appCode, type TestDatabase, testDrivers } from '../../testing';
import { type AgendaFixture, createAgendaFixture } from './test-support';

/** Availability search honours the same rules as booking; every suggested slot books. */
describe.each(testDrivers())('agenda availability on $name', (driver) => {
  let database: TestDatabase;
  let f: AgendaFixture;
  const clock = fixedClock('2026-11-25T12:00:00.000Z'); // Wednesday 09:00 in São Paulo
  beforeAll(async () => {
    database = await driver.open();
    f = await createAgendaFixture(database, clock, { clients: 10 });
  });
  afterAll(() => database.close());

  it('suggests free slots across competent professionals, rooms and the shared laser; each one books', async () => {
    const reception = await f.as('reception');
    const slots = await reception.agenda.availability({ treatmentId: f.treatments.laser, limit: 6 });
    expect(slots).toHaveLength(6);
    // The aesthetician may do laser (with qualification); the unlicensed physician is never offered.
    const offered = new Set(slots.map((s) => s.professionalId));
    expect(offered.has(f.people.unlicensed.userId)).toBe(false);
    for (const s of slots) {
      expect(s.equipmentIds).toEqual([f.laser]);
      expect([f.rooms.l1, f.rooms.l2]).toContain(s.roomId);
      expect(Date.parse(s.startsAt)).toBeGreaterThanOrEqual(clock.now().getTime());
    }
    const first = slots[0];
    if (!first) throw new Error('no slot');
    // Booking the first suggestion succeeds; the laser is then taken for every professional at that time.
    await reception.agenda.book({
      clientId: f.clients[0] as string,
      treatmentId: f.treatments.laser,
      professionalId: first.professionalId,
      roomId: first.roomId,
      startsAt: first.startsAt,
      acknowledgeWarnings: true,
    });
    const again = await reception.agenda.availability({ treatmentId: f.treatments.laser, limit: 6 });
    const overlapping = again.filter(
      (s) =>
        Date.parse(s.startsAt) < Date.parse(first.endsAt) &&
        Date.parse(first.startsAt) < Date.parse(s.endsAt),
    );
    expect(overlapping).toEqual([]);
  });

  it('filters by professional and period, skips lunch, weekends and national holidays', async () => {
    const reception = await f.as('reception');
    const afternoon = await reception.agenda.availability({
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      periodOfDay: 'tarde',
      from: '2026-12-24T03:00:00.000Z',
      horizonWeeks: 1,
      limit: 50,
    });
    expect(afternoon.length).toBeGreaterThan(0);
    const local = (iso: string) =>
      new Intl.DateTimeFormat('sv-SE', {
        timeZone: 'America/Sao_Paulo',
        dateStyle: 'short',
        timeStyle: 'short',
      }).format(new Date(iso));
    for (const s of afternoon) {
      expect(s.professionalId).toBe(f.people.drB.userId);
      const [date, time] = local(s.startsAt).split(' ') as [string, string];
      expect(time >= '12:00' && time < '18:00').toBe(true);
      expect(time >= '13:00').toBe(true); // lunch break 12:00–13:00
      expect(date).not.toBe('2026-12-25'); // Natal
      expect(['2026-12-26', '2026-12-27']).not.toContain(date); // Saturday (no working hours), Sunday
    }
    const christmas = await reception.agenda
      .book({
        clientId: f.clients[1] as string,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people.drB.userId,
        startsAt: '2026-12-25T13:00:00.000Z',
      })
      .catch((e: unknown) => appCode(e));
    expect(christmas).toBe('CLINIC_CLOSED');
  });

  it('does not offer a blocked minimum interval to the client', async () => {
    const reception = await f.as('reception');
    const client = f.clients[2] as string;
    await reception.agenda.book({
      clientId: client,
      treatmentId: f.treatments.botox,
      professionalId: f.people.drA.userId,
      startsAt: '2026-11-30T13:00:00.000Z',
    });
    const slots = await reception.agenda.availability({
      treatmentId: f.treatments.botox,
      clientId: client,
      from: '2026-12-01T03:00:00.000Z',
      horizonWeeks: 26,
      limit: 1,
    });
    // 90 days after 2026-11-30 10:00 local.
    expect(Date.parse(slots[0]?.startsAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse('2027-02-28T13:00:00.000Z'),
    );
  });
});
