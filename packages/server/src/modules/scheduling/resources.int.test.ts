import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { type TestDatabase, testDrivers } from '../../testing';
import { createAgendaFixture } from './test-support';

/** What the agenda settings screen reads: the clinic's rooms, devices, hours, absences and closures. */
describe.each(testDrivers())('agenda resources on $name', (driver) => {
  let database: TestDatabase;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  it('lists a future absence and a closure alongside rooms and working hours', async () => {
    const f = await createAgendaFixture(database, clock, { clients: 1 });
    const manager = await f.as('manager');
    await manager.agenda.addAbsence({
      professionalId: f.people.drA.userId,
      kind: 'ferias',
      startsAt: '2027-01-04T11:00:00.000Z',
      endsAt: '2027-01-15T23:00:00.000Z',
    });
    await manager.agenda.addClosure({ date: '2026-12-24', reason: 'Recesso de fim de ano' });

    const resources = await (await f.as('reception')).agenda.resources();
    expect(resources.absences.map((a) => [a.professionalId, a.kind])).toEqual([
      [f.people.drA.userId, 'ferias'],
    ]);
    expect(resources.closures.map((c) => c.date)).toEqual(['2026-12-24']);
    expect(resources.rooms.length).toBeGreaterThan(0);
    expect(resources.workingHours.some((h) => h.professionalId === f.people.drA.userId)).toBe(true);
  });
});
