import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { appCode, type TestDatabase, testDrivers } from '../../testing';
import { instantAt } from './clinic-time';
import { icsFeedForToken } from './ics.service';
import { createAgendaFixture } from './test-support';

/**
 * The clinic's zone drives working hours, opening hours and the day/week views, for Brazil's four zones
 * and a zone with daylight saving time (so a future Brazilian DST rule breaks nothing).
 */
const ZONES = [
  'America/Sao_Paulo',
  'America/Manaus',
  'America/Rio_Branco',
  'America/Noronha',
  'America/New_York',
];

describe.each(testDrivers())('agenda time zones on $name', (driver) => {
  let database: TestDatabase;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  it.each(ZONES)('%s: hours and views follow the clinic wall clock', async (zone) => {
    const f = await createAgendaFixture(database, clock, { timeZone: zone, clients: 3 });
    const reception = await f.as('reception');
    const at = (date: string, time: string) => new Date(instantAt(date, time, zone)).toISOString();
    const base = { treatmentId: f.treatments.cleansing, professionalId: f.people.drA.userId };
    // 08:00 local on Monday is bookable; 07:30 local is before opening, wherever the server runs.
    const { appointment } = await reception.agenda.book({
      ...base,
      clientId: f.clients[0] as string,
      startsAt: at('2026-11-30', '08:00'),
    });
    expect(appointment.startsAt).toBe(at('2026-11-30', '08:00'));
    const early = await reception.agenda
      .book({ ...base, clientId: f.clients[1] as string, startsAt: at('2026-12-01', '07:30') })
      .catch((e: unknown) => appCode(e));
    expect(early).toBe('OUTSIDE_OPENING_HOURS');
    // The day view is the clinic's local day: an appointment at 17:00 local belongs to that date.
    await reception.agenda.book({
      ...base,
      clientId: f.clients[1] as string,
      startsAt: at('2026-11-30', '17:00'),
    });
    const day = await reception.agenda.day({ date: '2026-11-30' });
    expect(day.timeZone).toBe(zone);
    expect(day.from).toBe(at('2026-11-30', '00:00'));
    expect(day.appointments.map((a) => a.startsAt)).toEqual([
      at('2026-11-30', '08:00'),
      at('2026-11-30', '17:00'),
    ]);
    const week = await reception.agenda.week({ date: '2026-12-02' });
    expect(week.days[0]).toBe('2026-11-30');
    expect(week.days).toHaveLength(7);
    expect(week.appointments).toHaveLength(2);
    // The first free slot of the next morning is 08:00 local.
    const [first] = await reception.agenda.availability({
      ...base,
      from: at('2026-12-01', '00:00'),
      horizonWeeks: 1,
      limit: 1,
    });
    expect(first?.startsAt).toBe(at('2026-12-01', '08:00'));
  });

  it('America/New_York across the spring DST change keeps 08:00 local on both sides', async () => {
    const zone = 'America/New_York';
    const f = await createAgendaFixture(database, clock, { timeZone: zone, clients: 2 });
    const reception = await f.as('reception');
    const slots = await reception.agenda.availability({
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drA.userId,
      from: '2027-03-12T05:00:00.000Z', // Friday 00:00 EST
      horizonWeeks: 1,
      limit: 50,
    });
    const starts = slots.map((s) => s.startsAt);
    expect(starts[0]).toBe('2027-03-12T13:00:00.000Z'); // 08:00 EST (UTC−5)
    expect(starts).toContain('2027-03-15T12:00:00.000Z'); // 08:00 EDT (UTC−4), after the change
    expect(starts).not.toContain('2027-03-15T11:00:00.000Z');
  });

  it('serves a private ICS feed per professional, without client data, only with the right token', async () => {
    const f = await createAgendaFixture(database, clock, { clients: 1 });
    const reception = await f.as('reception');
    await reception.agenda.book({
      treatmentId: f.treatments.botox,
      professionalId: f.people.drA.userId,
      clientId: f.clients[0] as string,
      startsAt: '2026-11-30T13:00:00.000Z',
    });
    const doctor = await f.as('drA');
    const { path } = await doctor.agenda.icsLink({});
    const [, , clinicId, professionalId, file] = path.split('/') as [string, string, string, string, string];
    expect(professionalId).toBe(f.people.drA.userId);
    const token = file.replace(/\.ics$/, '');
    const text = await icsFeedForToken({ database, clock }, { clinicId, professionalId, token });
    expect(text).toContain('DTSTART:20261130T130000Z');
    expect(text).toContain('SUMMARY:Toxina botulínica');
    expect(text).not.toContain('Cliente 1');
    expect(
      await icsFeedForToken(
        { database, clock },
        { clinicId, professionalId, token: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}` },
      ),
    ).toBeNull();
    // A professional cannot get another professional's feed.
    const other = await doctor.agenda
      .icsLink({ professionalId: f.people.drB.userId })
      .catch((e: unknown) => appCode(e));
    expect(other).toBe('NOT_YOUR_AGENDA');
  });
});
