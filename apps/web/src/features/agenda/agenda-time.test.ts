import { describe, expect, it } from 'vitest';
import { instantAt, localDateOf, minutesOfDay, shiftDate, snapMinutes, weekdayOfDate } from './agenda-time';

describe('clinic wall-clock arithmetic', () => {
  it('places an instant on the clinic day and minute, whatever the browser zone', () => {
    const instant = '2026-12-03T13:30:00.000Z';
    expect(localDateOf(instant, 'America/Sao_Paulo')).toBe('2026-12-03');
    expect(minutesOfDay(instant, 'America/Sao_Paulo')).toBe(10 * 60 + 30);
    expect(minutesOfDay(instant, 'America/Manaus')).toBe(9 * 60 + 30);
    expect(minutesOfDay(instant, 'America/Rio_Branco')).toBe(8 * 60 + 30);
    expect(minutesOfDay(instant, 'America/Noronha')).toBe(11 * 60 + 30);
  });

  it('turns a grid position back into the instant, across a daylight-saving change', () => {
    expect(instantAt('2026-12-03', 9 * 60, 'America/Manaus').toISOString()).toBe('2026-12-03T13:00:00.000Z');
    // New York: before and after the November change the same wall time is a different UTC hour.
    expect(instantAt('2026-10-30', 9 * 60, 'America/New_York').toISOString()).toBe(
      '2026-10-30T13:00:00.000Z',
    );
    expect(instantAt('2026-11-02', 9 * 60, 'America/New_York').toISOString()).toBe(
      '2026-11-02T14:00:00.000Z',
    );
  });

  it('moves dates by days and snaps to the slot grid', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
    expect(weekdayOfDate('2026-12-03')).toBe(4);
    expect(snapMinutes(607, 15)).toBe(600);
    expect(snapMinutes(608, 15)).toBe(615);
  });
});
