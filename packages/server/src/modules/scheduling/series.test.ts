import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, instantAt, weekdayOf } from './clinic-time';
import { brazilianHolidaysBetween } from './holidays';
import { planSeries } from './series';

const SP = 'America/Sao_Paulo';
const NY = 'America/New_York';
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const wall = (ms: number, zone: string) => {
  const d = new TZDate(ms, zone);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};
const holidays2026 = new Set(brazilianHolidaysBetween('2026-01-01', '2026-12-31').map((h) => h.date));

describe('planSeries', () => {
  it('6 sessions every 15 days: a holiday and a Sunday move to the next open day, later sessions follow', () => {
    const plan = planSeries({
      firstStartMs: instantAt('2026-03-02', '10:00', SP),
      count: 6,
      everyDays: 15,
      timeZone: SP,
      closedDates: holidays2026,
      closedWeekdays: [0],
    });
    expect(plan.map((o) => `${o.localDate}${o.moved ? ` (was ${o.nominalDate})` : ''}`)).toEqual([
      '2026-03-02',
      '2026-03-17',
      '2026-04-01',
      '2026-04-16',
      '2026-05-02 (was 2026-05-01)', // Dia do Trabalho
      '2026-05-18 (was 2026-05-17)', // Sunday
    ]);
    expect(plan.every((o) => wall(o.startMs, SP) === '10:00')).toBe(true);
    expect(plan[0]?.startMs).toBe(instantAt('2026-03-02', '10:00', SP));
  });

  it('keep-cadence moves only the closed occurrence and keeps the others on the first date’s rhythm', () => {
    const plan = planSeries({
      firstStartMs: instantAt('2026-03-02', '10:00', SP),
      count: 6,
      everyDays: 15,
      timeZone: SP,
      closedDates: holidays2026,
      closedWeekdays: [0],
      rule: 'keep-cadence',
    });
    expect(plan.map((o) => o.localDate)).toEqual([
      '2026-03-02',
      '2026-03-17',
      '2026-04-01',
      '2026-04-16',
      '2026-05-02',
      '2026-05-16',
    ]);
  });

  it('keep-cadence never puts two sessions on the same day, even daily with closures', () => {
    const plan = planSeries({
      firstStartMs: instantAt('2026-12-23', '09:00', SP),
      count: 5,
      everyDays: 1,
      timeZone: SP,
      closedDates: new Set(['2026-12-24', '2026-12-25']),
      rule: 'keep-cadence',
    });
    expect(plan.map((o) => o.localDate)).toEqual([
      '2026-12-23',
      '2026-12-26',
      '2026-12-27',
      '2026-12-28',
      '2026-12-29',
    ]);
  });

  it('a closed first date moves the first session too', () => {
    const plan = planSeries({
      firstStartMs: instantAt('2026-04-21', '14:30', SP), // Tiradentes
      count: 2,
      everyDays: 7,
      timeZone: SP,
      closedDates: holidays2026,
    });
    expect(plan.map((o) => [o.localDate, o.moved, wall(o.startMs, SP)])).toEqual([
      ['2026-04-22', true, '14:30'],
      ['2026-04-29', false, '14:30'],
    ]);
  });

  it('keeps the local wall time across a DST change (New York) and different UTC instants follow', () => {
    const plan = planSeries({
      firstStartMs: instantAt('2026-02-26', '10:00', NY),
      count: 3,
      everyDays: 14,
      timeZone: NY,
      closedDates: new Set(),
    });
    expect(plan.map((o) => iso(o.startMs))).toEqual([
      '2026-02-26T15:00:00.000Z',
      '2026-03-12T14:00:00.000Z',
      '2026-03-26T14:00:00.000Z',
    ]);
  });

  it('historical São Paulo DST: the same wall time after the change, and a nonexistent one maps to the jump', () => {
    const weekly = planSeries({
      firstStartMs: instantAt('2018-10-28', '09:00', SP),
      count: 2,
      everyDays: 7,
      timeZone: SP,
      closedDates: new Set(),
    });
    expect(weekly.map((o) => iso(o.startMs))).toEqual([
      '2018-10-28T12:00:00.000Z',
      '2018-11-04T11:00:00.000Z',
    ]);
    const midnight = planSeries({
      firstStartMs: instantAt('2018-10-21', '00:30', SP),
      count: 3,
      everyDays: 14,
      timeZone: SP,
      closedDates: new Set(),
    });
    // 2018-11-04 00:30 did not exist: the clock jumped from 00:00 to 01:00.
    expect(midnight.map((o) => `${o.localDate} ${wall(o.startMs, SP)}`)).toEqual([
      '2018-10-21 00:30',
      '2018-11-04 01:00',
      '2018-11-18 00:30',
    ]);
  });

  it('refuses impossible plans', () => {
    const base = { firstStartMs: instantAt('2026-03-02', '10:00', SP), count: 3, everyDays: 7, timeZone: SP };
    expect(() =>
      planSeries({ ...base, closedDates: new Set(), closedWeekdays: [0, 1, 2, 3, 4, 5, 6] }),
    ).toThrow(RangeError);
    const year = new Set(Array.from({ length: 400 }, (_, i) => addDays('2026-03-09', i)));
    expect(() => planSeries({ ...base, closedDates: year })).toThrow(RangeError);
    expect(() => planSeries({ ...base, count: 0, closedDates: new Set() })).toThrow(RangeError);
    expect(() => planSeries({ ...base, everyDays: 0.5, closedDates: new Set() })).toThrow(RangeError);
  });

  it('properties: right count, increasing open dates, same wall time, gaps of at least everyDays', () => {
    const zones = ['America/Sao_Paulo', 'America/Manaus', 'America/Rio_Branco', 'America/Noronha'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 3 * 365 }),
        fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 40 }),
        fc.subarray([0, 1, 2, 3, 4, 5, 6], { maxLength: 3 }),
        fc.constantFrom('keep-interval' as const, 'keep-cadence' as const),
        (zone, dayOffset, minute, count, everyDays, closedOffsets, closedWeekdays, rule) => {
          const firstDate = addDays('2026-01-01', dayOffset);
          const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
          const closedDates = new Set(closedOffsets.map((d) => addDays(firstDate, d)));
          const plan = planSeries({
            firstStartMs: instantAt(firstDate, hhmm, zone),
            count,
            everyDays,
            timeZone: zone,
            closedDates,
            closedWeekdays,
            rule,
          });
          expect(plan).toHaveLength(count);
          plan.forEach((o, i) => {
            expect(o.index).toBe(i);
            expect(closedDates.has(o.localDate) || closedWeekdays.includes(weekdayOf(o.localDate))).toBe(
              false,
            );
            expect(wall(o.startMs, zone)).toBe(hhmm);
            expect(o.localDate >= o.nominalDate).toBe(true);
            const prev = plan[i - 1];
            if (prev) {
              expect(o.localDate > prev.localDate).toBe(true);
              const gapDays = Math.round((Date.parse(o.localDate) - Date.parse(prev.localDate)) / DAY);
              if (rule === 'keep-interval') expect(gapDays).toBeGreaterThanOrEqual(everyDays);
            }
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
