import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  expandWeekly,
  instantAt,
  localDateOf,
  localDayInterval,
  localDaysIntervals,
  offsetSegments,
  periodOfDay,
  weekdayOf,
  ZoneWindow,
} from './clinic-time';
import { totalLength } from './intervals';

const SP = 'America/Sao_Paulo';
const MANAUS = 'America/Manaus';
const RIO_BRANCO = 'America/Rio_Branco';
const NORONHA = 'America/Noronha';
const NY = 'America/New_York';
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

describe('the four Brazilian zones', () => {
  const zones = [
    { zone: NORONHA, utcHourOf9h: 11 },
    { zone: SP, utcHourOf9h: 12 },
    { zone: MANAUS, utcHourOf9h: 13 },
    { zone: RIO_BRANCO, utcHourOf9h: 14 },
  ];

  it.each(zones)(
    '$zone: 09:00 local is the right instant and reads back as the same local date',
    ({ zone, utcHourOf9h }) => {
      const t = instantAt('2026-03-02', '09:00', zone);
      expect(iso(t)).toBe(`2026-03-02T${String(utcHourOf9h).padStart(2, '0')}:00:00.000Z`);
      expect(localDateOf(t, zone)).toBe('2026-03-02');
      expect(periodOfDay(t, zone)).toBe('manha');
    },
  );

  it('the same instant falls on different local dates across Brazil', () => {
    const t = at('2026-03-02T02:30:00Z');
    expect(localDateOf(t, NORONHA)).toBe('2026-03-02'); // 00:30
    expect(localDateOf(t, SP)).toBe('2026-03-01'); // 23:30
    expect(localDateOf(t, MANAUS)).toBe('2026-03-01');
    expect(localDateOf(new Date(t), RIO_BRANCO)).toBe('2026-03-01');
  });

  it.each([SP, MANAUS, RIO_BRANCO, NORONHA, NY])(
    '%s: periods of the day switch at 12:00 and 18:00',
    (zone) => {
      const p = (time: string) => periodOfDay(instantAt('2026-06-10', time, zone), zone);
      expect(p('00:00')).toBe('manha');
      expect(p('11:59')).toBe('manha');
      expect(p('12:00')).toBe('tarde');
      expect(p('17:59')).toBe('tarde');
      expect(p('18:00')).toBe('noite');
      expect(p('23:59')).toBe('noite');
    },
  );

  it.each([SP, MANAUS, RIO_BRANCO, NORONHA])(
    '%s: a weekly agenda expands to the same wall hours every day',
    (zone) => {
      const from = instantAt('2026-03-02', '00:00', zone); // Monday
      const to = instantAt('2026-03-09', '00:00', zone);
      const rules = [1, 2, 3, 4, 5].flatMap((weekday) => [
        { weekday, start: '08:00', end: '12:00' },
        { weekday, start: '13:00', end: '18:00' },
      ]);
      const open = expandWeekly(rules, from, to, zone);
      expect(open).toHaveLength(10);
      expect(open[0]).toEqual({
        start: instantAt('2026-03-02', '08:00', zone),
        end: instantAt('2026-03-02', '12:00', zone),
      });
      expect(open[9]).toEqual({
        start: instantAt('2026-03-06', '13:00', zone),
        end: instantAt('2026-03-06', '18:00', zone),
      });
      expect(totalLength(open)).toBe(45 * H);
    },
  );
});

describe('daylight saving time (historical São Paulo and New York)', () => {
  it('a nonexistent local time maps to the instant the clock jumped over it (São Paulo, 2018-11-04)', () => {
    // At 00:00 -03 the clocks went to 01:00 -02: 00:00–00:59 never happened.
    expect(iso(instantAt('2018-11-03', '23:30', SP))).toBe('2018-11-04T02:30:00.000Z');
    expect(iso(instantAt('2018-11-04', '00:00', SP))).toBe('2018-11-04T03:00:00.000Z');
    expect(iso(instantAt('2018-11-04', '00:30', SP))).toBe('2018-11-04T03:00:00.000Z');
    expect(iso(instantAt('2018-11-04', '01:00', SP))).toBe('2018-11-04T03:00:00.000Z');
    expect(iso(instantAt('2018-11-04', '01:30', SP))).toBe('2018-11-04T03:30:00.000Z');
    expect(localDayInterval('2018-11-04', SP)).toEqual({
      start: at('2018-11-04T03:00:00Z'),
      end: at('2018-11-05T02:00:00Z'),
    });
  });

  it('a repeated local time maps to its first occurrence (São Paulo, 2019-02-16 23:00 happened twice)', () => {
    expect(iso(instantAt('2019-02-16', '23:30', SP))).toBe('2019-02-17T01:30:00.000Z');
    expect(iso(instantAt('2019-02-17', '00:00', SP))).toBe('2019-02-17T03:00:00.000Z');
    // The 16th lasted 25 hours.
    const day = localDayInterval('2019-02-16', SP);
    expect(day.end - day.start).toBe(25 * H);
  });

  it('New York: 02:30 on the spring-forward day does not exist, 01:30 on the fall-back day is the first one', () => {
    expect(iso(instantAt('2026-03-08', '02:30', NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(instantAt('2026-03-08', '03:00', NY))).toBe('2026-03-08T07:00:00.000Z');
    expect(iso(instantAt('2026-11-01', '01:30', NY))).toBe('2026-11-01T05:30:00.000Z');
    expect(offsetSegments(NY, at('2026-03-07T00:00Z'), at('2026-03-09T00:00Z'))).toEqual([
      { start: at('2026-03-07T00:00Z'), end: at('2026-03-08T07:00Z'), offsetMs: -5 * H },
      { start: at('2026-03-08T07:00Z'), end: at('2026-03-09T00:00Z'), offsetMs: -4 * H },
    ]);
  });

  it('weekly rules cover the real hours the clock shows on transition days', () => {
    const night = (weekday: number, start: string, end: string) => [{ weekday, start, end }];
    const span = (
      rules: { weekday: number; start: string; end: string }[],
      zone: string,
      from: string,
      to: string,
    ) => totalLength(expandWeekly(rules, at(from), at(to), zone));
    // Sunday 2018-11-04 in São Paulo: 00:00–02:00 on the clock is one real hour.
    expect(span(night(0, '00:00', '02:00'), SP, '2018-11-03T00:00Z', '2018-11-06T00:00Z')).toBe(H);
    // Saturday 2019-02-16 in São Paulo: 22:00–24:00 on the clock is three real hours.
    expect(span(night(6, '22:00', '24:00'), SP, '2019-02-15T00:00Z', '2019-02-18T00:00Z')).toBe(3 * H);
    // New York, Sunday 2026-03-08 00:00–06:00 is 5 h; Sunday 2026-11-01 is 7 h; a normal Sunday 6 h.
    expect(span(night(0, '00:00', '06:00'), NY, '2026-03-07T00:00Z', '2026-03-09T12:00Z')).toBe(5 * H);
    expect(span(night(0, '00:00', '06:00'), NY, '2026-10-31T00:00Z', '2026-11-02T12:00Z')).toBe(7 * H);
    expect(span(night(0, '00:00', '06:00'), NY, '2026-11-07T00:00Z', '2026-11-09T12:00Z')).toBe(6 * H);
    // Office hours on both transition days are unaffected.
    const office = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '18:00' }));
    expect(span(office, NY, '2026-03-08T05:00Z', '2026-03-09T04:00Z')).toBe(10 * H);
    expect(span(office, SP, '2018-11-04T03:00Z', '2018-11-05T02:00Z')).toBe(10 * H);
  });

  it('the local grid skips the missing hour and lists the repeated hour twice', () => {
    const hours = (zone: string, date: string) => {
      const day = localDayInterval(date, zone);
      const window = new ZoneWindow(zone, day.start, day.end);
      return [...window.gridStarts([day], 60)].map((t) => new TZDate(t, zone).getHours());
    };
    const gap = hours(SP, '2018-11-04');
    expect(gap).toHaveLength(23);
    expect(gap[0]).toBe(1);
    const repeated = hours(SP, '2019-02-16');
    expect(repeated).toHaveLength(25);
    expect(repeated.slice(-2)).toEqual([23, 23]);
    expect(hours(NY, '2026-03-08')).toHaveLength(23);
    expect(hours(NY, '2026-11-01').filter((h) => h === 1)).toHaveLength(2);
  });

  it('a step that does not divide the day restarts the grid at local midnight', () => {
    const zone = NORONHA;
    const from = instantAt('2026-06-01', '23:40', zone);
    const to = instantAt('2026-06-02', '00:55', zone);
    const window = new ZoneWindow(zone, from, to);
    const walls = [...window.gridStarts([{ start: from, end: to }], 25)].map((t) => {
      const d = new TZDate(t, zone);
      return `${d.getDate()} ${d.getHours()}:${d.getMinutes()}`;
    });
    expect(walls).toEqual(['1 23:45', '2 0:0', '2 0:25', '2 0:50']);
    const late = new ZoneWindow(zone, instantAt('2026-06-01', '23:46', zone), to);
    expect([...late.gridStarts([{ start: late.fromMs, end: to }], 25)][0]).toBe(
      instantAt('2026-06-02', '00:00', zone),
    );
  });
});

describe('expandWeekly against the wall clock', () => {
  const zones = [SP, MANAUS, RIO_BRANCO, NORONHA, NY];
  const ruleArb = fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 47 }), fc.integer({ min: 1, max: 16 }))
    .map(([weekday, half, len]) => {
      const start = half * 30;
      const end = Math.min(1440, start + len * 30);
      const hhmm = (m: number) =>
        `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { weekday, start: hhmm(start), end: hhmm(end), startMin: start, endMin: end };
    })
    .filter((r) => r.endMin > r.startMin);

  it('an instant is open exactly when its local weekday and time match a rule (away from DST changes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.array(ruleArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: at('2017-01-01T00:00Z'), max: at('2027-12-31T00:00Z') }),
        fc.array(fc.integer({ min: 0, max: 14 * 24 * 60 - 1 }), { minLength: 1, maxLength: 20 }),
        (zone, rules, from, probes) => {
          const fromMs = Math.floor(from / 60_000) * 60_000;
          const toMs = fromMs + 14 * 24 * H;
          const open = expandWeekly(rules, fromMs, toMs, zone);
          const window = new ZoneWindow(zone, fromMs, toMs);
          for (const minute of probes) {
            const t = fromMs + minute * 60_000;
            // Skip instants within 2 hours of a UTC offset change: the wall clock is ambiguous there.
            if (window.offsetAt(t - 2 * H) !== window.offsetAt(t + 2 * H)) continue;
            const local = new TZDate(t, zone);
            const m = local.getHours() * 60 + local.getMinutes();
            const expected = rules.some(
              (r) => r.weekday === local.getDay() && r.startMin <= m && m < r.endMin,
            );
            const actual = open.some((iv) => iv.start <= t && t < iv.end);
            expect(actual).toBe(expected);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('calendar helpers', () => {
  it('turns closed dates into whole local days, merging consecutive ones', () => {
    expect(localDaysIntervals(['2026-12-25', '2026-12-24', '2027-01-01'], SP)).toEqual([
      { start: at('2026-12-24T03:00:00Z'), end: at('2026-12-26T03:00:00Z') },
      { start: at('2027-01-01T03:00:00Z'), end: at('2027-01-02T03:00:00Z') },
    ]);
  });

  it('adds days across month, year and leap day, and knows the weekday', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(weekdayOf('2026-12-03')).toBe(4);
  });

  it('rejects malformed input', () => {
    expect(() => instantAt('2026-02-30', '09:00', SP)).toThrow(RangeError);
    expect(() => instantAt('2026-02-10', '9:00', SP)).toThrow(RangeError);
    expect(() => instantAt('2026-02-10', '09:00:30', SP)).toThrow(RangeError);
    expect(() => instantAt('2026-02-10', '24:30', SP)).toThrow(RangeError);
    expect(instantAt('2026-02-10', '09:00:00', SP)).toBe(instantAt('2026-02-10', '09:00', SP));
    expect(() => instantAt('2026-02-10', '09:00', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => expandWeekly([{ weekday: 1, start: '12:00', end: '08:00' }], 0, DAY, SP)).toThrow(
      RangeError,
    );
  });
});

const DAY = 24 * H;
