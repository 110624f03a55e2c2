import { TZDate, tzOffset, tzScan } from '@date-fns/tz';
import { format } from 'date-fns';
import { type Interval, intersect, normalize } from './intervals';

/**
 * Clinic wall-clock time. Instants are epoch ms (UTC); every clinic has an IANA zone and all local
 * reasoning (opening hours, the slot grid, periods of the day) happens in that zone's wall time.
 * Zone rules come from @date-fns/tz (Intl data), never from hand-written offsets, so a future change of
 * Brazilian DST rules arrives with the runtime's tz database.
 *
 * Wall time → instant: `instantAt` returns the FIRST instant at which the clinic's clock reads the given
 * wall time or later. So a nonexistent wall time (in a spring-forward gap, e.g. 00:00 on 2018-11-04 in
 * São Paulo) maps to the instant the gap ends (01:00 local, when the clock jumped over it), and a
 * repeated wall time (fall-back) maps to its first occurrence. A weekly rule 08:00–18:00 therefore
 * covers exactly the instants the clock shows between 08:00 and 18:00, which is 9 or 11 real hours on
 * a transition day when the transition falls inside it.
 */

export type LocalDate = string; // 'YYYY-MM-DD'
export type PeriodOfDay = 'manha' | 'tarde' | 'noite';
export interface WeeklyRule {
  /** 0 = Sunday … 6 = Saturday (Date#getDay). */
  weekday: number;
  /** 'HH:mm' local wall time. */
  start: string;
  /** 'HH:mm' local wall time, after start; '24:00' means the following midnight. */
  end: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY_MS = 24 * HOUR;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2})(?::00)?$/;

function parseLocalDate(date: LocalDate): { y: number; m: number; d: number } {
  const match = LOCAL_DATE.exec(date);
  const y = Number(match?.[1]);
  const m = Number(match?.[2]);
  const d = Number(match?.[3]);
  const check = new Date(Date.UTC(y, m - 1, d));
  if (!match || check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new RangeError(`Invalid local date "${date}" (expected YYYY-MM-DD)`);
  }
  return { y, m, d };
}

/** Minutes since local midnight of 'HH:mm' (00:00 … 24:00); 'HH:mm:00' as PostgreSQL prints a time is accepted. */
export function parseWallTime(time: string): number {
  const match = WALL_TIME.exec(time);
  const h = Number(match?.[1]);
  const min = Number(match?.[2]);
  if (!match || min > 59 || h > 24 || (h === 24 && min !== 0)) {
    throw new RangeError(`Invalid wall time "${time}" (expected HH:mm)`);
  }
  return h * 60 + min;
}

function assertZone(timeZone: string): void {
  if (Number.isNaN(tzOffset(timeZone, new Date(0)))) throw new RangeError(`Unknown time zone "${timeZone}"`);
}

/** Local date as epoch ms of its midnight on the UTC axis ("local epoch"): pure calendar arithmetic. */
function localDayMs(date: LocalDate): number {
  const { y, m, d } = parseLocalDate(date);
  return Date.UTC(y, m - 1, d);
}

function formatLocalDay(localEpochMs: number): LocalDate {
  return new Date(Math.floor(localEpochMs / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return formatLocalDay(localDayMs(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: LocalDate): number {
  return new Date(localDayMs(date)).getUTCDay();
}

/** The clinic-local calendar date of an instant. */
export function localDateOf(instant: number | Date, timeZone: string): LocalDate {
  assertZone(timeZone);
  return format(
    new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone),
    'yyyy-MM-dd',
  );
}

/** 'manha' before 12:00, 'tarde' from 12:00 to before 18:00, 'noite' from 18:00 (clinic wall time). */
export function periodOfDay(instant: number | Date, timeZone: string): PeriodOfDay {
  assertZone(timeZone);
  const hour = new TZDate(typeof instant === 'number' ? instant : instant.getTime(), timeZone).getHours();
  return periodOfHour(hour);
}

export function periodOfHour(hour: number): PeriodOfDay {
  if (hour < 12) return 'manha';
  return hour < 18 ? 'tarde' : 'noite';
}

/** A stretch of time during which the zone's UTC offset is constant. */
export interface OffsetSegment {
  start: number;
  end: number;
  offsetMs: number;
}

const offsetMsAt = (timeZone: string, t: number) => tzOffset(timeZone, new Date(t)) * MINUTE;

/**
 * The zone's offsets over [fromMs, toMs), as contiguous segments. Changes are found with tzScan
 * (hour precision) and refined to the minute by bisection.
 */
export function offsetSegments(timeZone: string, fromMs: number, toMs: number): OffsetSegment[] {
  assertZone(timeZone);
  if (!(fromMs < toMs)) return [];
  const changes = tzScan(timeZone, { start: new Date(fromMs - HOUR), end: new Date(toMs) });
  const segments: OffsetSegment[] = [];
  let cursor = fromMs;
  let offset = offsetMsAt(timeZone, fromMs);
  for (const change of changes) {
    // The new offset is in force at change.date; bisect the preceding hour for the exact minute.
    let lo = change.date.getTime() - HOUR; // old offset
    let hi = change.date.getTime(); // new offset
    const oldOffset = offsetMsAt(timeZone, lo);
    while (hi - lo > MINUTE) {
      const mid = lo + Math.max(1, Math.floor((hi - lo) / 2 / MINUTE)) * MINUTE;
      if (offsetMsAt(timeZone, mid) === oldOffset) lo = mid;
      else hi = mid;
    }
    if (hi <= cursor) {
      offset = offsetMsAt(timeZone, cursor);
      continue;
    }
    if (hi >= toMs) break;
    segments.push({ start: cursor, end: hi, offsetMs: offset });
    cursor = hi;
    offset = offsetMsAt(timeZone, hi);
  }
  segments.push({ start: cursor, end: toMs, offsetMs: offset });
  return segments;
}

/**
 * Wall-time arithmetic over a window of a zone, precomputed once (a handful of tz look-ups) so that a
 * search can convert thousands of instants without touching Intl. "Wall" values are local epoch ms:
 * the local date and time read as if it were UTC.
 */
export class ZoneWindow {
  readonly segments: OffsetSegment[];

  constructor(
    readonly timeZone: string,
    readonly fromMs: number,
    readonly toMs: number,
  ) {
    // Pad by two days so every wall time whose day touches the window resolves inside it.
    this.segments = offsetSegments(timeZone, fromMs - 2 * DAY_MS, toMs + 2 * DAY_MS);
  }

  private segmentIndex(t: number): number {
    const s = this.segments;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((s[mid] as OffsetSegment).start <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetAt(t: number): number {
    return (this.segments[this.segmentIndex(t)] as OffsetSegment).offsetMs;
  }

  wallOf(t: number): number {
    return t + this.offsetAt(t);
  }

  /** The first instant at which the wall clock reads `wall` or later (see the module comment). */
  firstInstantAtWall(wall: number): number {
    for (const seg of this.segments) {
      if (wall - seg.offsetMs < seg.end) return Math.max(seg.start, wall - seg.offsetMs);
    }
    throw new RangeError('Wall time outside the zone window');
  }

  localDateOf(t: number): LocalDate {
    return formatLocalDay(this.wallOf(t));
  }

  /** Instants in `set` (clipped to the window) whose wall time is on the step grid of the local day
   * (00:00, 00:00 + step, …; every local midnight restarts the grid), ascending. Both occurrences of a
   * repeated wall time are listed; `accept` filters by wall time. Lazy: the caller stops early. */
  *gridStarts(
    set: readonly Interval[],
    stepMin: number,
    accept?: (wall: number) => boolean,
  ): Generator<number> {
    if (!Number.isInteger(stepMin) || stepMin <= 0 || stepMin > 1440) {
      throw new RangeError('stepMin must be an integer from 1 to 1440');
    }
    const step = stepMin * MINUTE;
    for (const iv of normalize(set)) {
      const a = Math.max(iv.start, this.fromMs);
      const b = Math.min(iv.end, this.toMs);
      if (!(a < b)) continue;
      for (let k = this.segmentIndex(a); k < this.segments.length; k++) {
        const seg = this.segments[k] as OffsetSegment;
        if (seg.start >= b) break;
        const p0 = Math.max(a, seg.start);
        const p1 = Math.min(b, seg.end);
        const o = seg.offsetMs;
        const wEnd = p1 + o;
        let dayStart = Math.floor((p0 + o) / DAY_MS) * DAY_MS;
        let g = dayStart + Math.ceil((p0 + o - dayStart) / step) * step;
        // Past the last grid point of a day the next one is the following midnight.
        if (g >= dayStart + DAY_MS) {
          dayStart += DAY_MS;
          g = dayStart;
        }
        while (g < wEnd) {
          if (!accept || accept(g)) yield g - o;
          g += step;
          if (g >= dayStart + DAY_MS) {
            dayStart += DAY_MS;
            g = dayStart;
          }
        }
      }
    }
  }
}

/** The instant of a clinic-local date and wall time (first instant the clock reads it; see above). */
export function instantAt(date: LocalDate, time: string, timeZone: string): number {
  const wall = localDayMs(date) + parseWallTime(time) * MINUTE;
  return new ZoneWindow(timeZone, wall - DAY_MS, wall + DAY_MS).firstInstantAtWall(wall);
}

/**
 * Expands weekly local-time rules (opening hours, working hours) into instants over [fromMs, toMs):
 * each local date's matching rules become [first instant the clock reads start, first instant it reads
 * end), clipped to the range and normalised.
 */
export function expandWeekly(
  rules: readonly WeeklyRule[],
  fromMs: number,
  toMs: number,
  timeZone: string,
): Interval[] {
  if (!(fromMs < toMs) || rules.length === 0) return [];
  const parsed = rules.map((r) => {
    if (!Number.isInteger(r.weekday) || r.weekday < 0 || r.weekday > 6) {
      throw new RangeError(`Invalid weekday ${r.weekday} (expected 0–6)`);
    }
    const start = parseWallTime(r.start);
    const end = parseWallTime(r.end);
    if (end <= start) throw new RangeError(`Rule end ${r.end} must be after start ${r.start}`);
    return { weekday: r.weekday, start: start * MINUTE, end: end * MINUTE };
  });
  const zone = new ZoneWindow(timeZone, fromMs, toMs);
  const firstDay = Math.floor(zone.wallOf(fromMs) / DAY_MS) * DAY_MS - DAY_MS;
  const lastDay = Math.floor(zone.wallOf(toMs - 1) / DAY_MS) * DAY_MS + DAY_MS;
  const out: Interval[] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    for (const r of parsed) {
      if (r.weekday !== weekday) continue;
      out.push({ start: zone.firstInstantAtWall(day + r.start), end: zone.firstInstantAtWall(day + r.end) });
    }
  }
  return intersect(out, [{ start: fromMs, end: toMs }]);
}

/** Whole local days as instants: [first instant of date, first instant of the next date). */
export function localDayInterval(date: LocalDate, timeZone: string): Interval {
  return { start: instantAt(date, '00:00', timeZone), end: instantAt(addDays(date, 1), '00:00', timeZone) };
}

/** Whole local days as a normalised set of instants, e.g. holidays and closures to subtract from
 * opening hours. */
export function localDaysIntervals(dates: Iterable<LocalDate>, timeZone: string): Interval[] {
  return normalize([...dates].map((date) => localDayInterval(date, timeZone)));
}
