import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { appCode, type TestDatabase, testDrivers, userMessage } from '../../testing';
import { type AgendaFixture, createAgendaFixture } from './test-support';

/** Series: a course booked as individual appointments, all or nothing, skipping closed days. */
describe.each(testDrivers())('agenda series on $name', (driver) => {
  let database: TestDatabase;
  let f: AgendaFixture;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  beforeAll(async () => {
    database = await driver.open();
    f = await createAgendaFixture(database, clock, { clients: 6 });
  });
  afterAll(() => database.close());

  it('books 6 sessions every 15 days, moving off Christmas, weekends and closures', async () => {
    const reception = await f.as('reception');
    const manager = await f.as('manager');
    await manager.agenda.addClosure({ date: '2027-01-25', reason: 'Reforma' });
    // Thursday 2026-12-10 10:00 local; +15 days = Fri 25/12 (Natal) → Mon 28/12 (Sat/Sun have no hours).
    const result = await reception.agenda.bookSeries({
      clientId: f.clients[0] as string,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drA.userId,
      firstStartsAt: '2026-12-10T13:00:00.000Z',
      count: 6,
      everyDays: 15,
    });
    expect(result.appointments).toHaveLength(6);
    const series = await reception.agenda.series({ id: result.seriesId });
    expect(series.localDates[0]).toBe('2026-12-10');
    expect(series.localDates[1]).toBe('2026-12-28');
    expect(series.localDates).not.toContain('2027-01-25');
    for (const a of series.appointments) {
      expect(a.seriesId).toBe(result.seriesId);
      // Same local wall time: 10:00 in São Paulo.
      expect(new Date(a.startsAt).getUTCHours()).toBe(13);
    }
    // Move one occurrence; the others stay.
    const third = series.appointments[2];
    if (!third) throw new Error('no third');
    const moved = await reception.agenda.move({
      appointmentId: third.id,
      startsAt: new Date(Date.parse(third.startsAt) + 3_600_000).toISOString(),
    });
    expect(moved.appointment.seriesId).toBe(result.seriesId);
    // Cancel the rest from the fourth session on.
    const fourth = series.appointments[3];
    const { cancelled } = await reception.agenda.cancelSeries({
      seriesId: result.seriesId,
      by: 'cliente',
      reason: 'Mudou de cidade',
      from: fourth?.startsAt,
    });
    expect(cancelled).toBe(3);
    const after = await reception.agenda.series({ id: result.seriesId });
    expect(after.appointments.map((a) => a.status)).toEqual([
      'agendado',
      'agendado',
      'remarcado',
      'agendado',
      'cancelado',
      'cancelado',
      'cancelado',
    ]);
  });

  it('is all or nothing and lists the occurrences that conflict', async () => {
    const reception = await f.as('reception');
    // Another client takes Dr. B on the third date of the planned series.
    await reception.agenda.book({
      clientId: f.clients[1] as string,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-14T13:30:00.000Z',
    });
    const error = await reception.agenda
      .bookSeries({
        clientId: f.clients[2] as string,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people.drB.userId,
        firstStartsAt: '2026-11-30T13:00:00.000Z',
        count: 4,
        everyDays: 7,
      })
      .catch((e: unknown) => e);
    expect(appCode(error)).toBe('SERIES_CONFLICTS');
    expect(userMessage(error)).toContain('3ª: A profissional já tem um atendimento nesse horário.');
    const week = await reception.agenda.week({ date: '2026-11-30', professionalId: f.people.drB.userId });
    expect(week.appointments.filter((a) => a.clientId === f.clients[2])).toEqual([]);
  });
});
