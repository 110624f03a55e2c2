import { addDays, DAY_MS, type LocalDate, weekdayOf, ZoneWindow } from './clinic-time';

/**
 * Planning a course of sessions (for example 6 sessions every 15 days) at the same local wall time.
 *
 * The rule for closed dates (holidays, clinic closures, weekdays the clinic never opens):
 * - An occurrence that falls on a closed date moves to the NEXT OPEN DAY, at the same wall time.
 * - 'keep-interval' (default): every occurrence is `everyDays` after the previous ACTUAL one, so a move
 *   pushes the rest of the series back and no two sessions are ever closer than `everyDays` (what a
 *   minimum-interval rule between sessions of a treatment expects).
 * - 'keep-cadence': occurrences stay on the first date's cadence (first + k·everyDays) and only the
 *   closed ones move; a moved occurrence never lands on or before the previous one's date.
 * - The first occurrence follows the same rule (if its own date is closed it moves too).
 *
 * Wall time is kept across DST changes: the instant of each occurrence is the first instant at which
 * the clinic's clock reads the first session's wall time on that date (see clinic-time.ts), so a
 * 10:00 session stays at 10:00 local even when the UTC offset changes in between.
 */
export interface SeriesPlanInput {
  firstStartMs: number;
  count: number;
  everyDays: number;
  timeZone: string;
  closedDates: ReadonlySet<LocalDate>;
  /** Weekdays the clinic never opens (0 = Sunday … 6 = Saturday), treated as closed dates. */
  closedWeekdays?: readonly number[];
  rule?: 'keep-interval' | 'keep-cadence';
}

export interface PlannedOccurrence {
  /** 0-based position in the series. */
  index: number;
  /** Clinic-local date of the session. */
  localDate: LocalDate;
  startMs: number;
  /** The date the cadence asked for, before moving off a closed date. */
  nominalDate: LocalDate;
  moved: boolean;
}

/** A run of closed dates longer than this is treated as a configuration error. */
const MAX_CLOSED_RUN_DAYS = 366;

export function planSeries(input: SeriesPlanInput): PlannedOccurrence[] {
  const { firstStartMs, count, everyDays, timeZone, closedDates } = input;
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new RangeError('count must be an integer from 1 to 1000');
  }
  if (!Number.isInteger(everyDays) || everyDays < 1)
    throw new RangeError('everyDays must be a positive integer');
  const rule = input.rule ?? 'keep-interval';
  const closedWeekdays = new Set(input.closedWeekdays ?? []);
  if (closedWeekdays.size >= 7) throw new RangeError('At least one weekday must be open');
  const isClosed = (date: LocalDate) => closedDates.has(date) || closedWeekdays.has(weekdayOf(date));

  const first = new ZoneWindow(timeZone, firstStartMs, firstStartMs + 1);
  const firstWall = first.wallOf(firstStartMs);
  const firstDate = first.localDateOf(firstStartMs);
  const wallOfDay = firstWall - Math.floor(firstWall / DAY_MS) * DAY_MS;

  const nextOpen = (date: LocalDate): LocalDate => {
    let d = date;
    for (let i = 0; isClosed(d); i++) {
      if (i >= MAX_CLOSED_RUN_DAYS)
        throw new RangeError(`No open day within ${MAX_CLOSED_RUN_DAYS} days of ${date}`);
      d = addDays(d, 1);
    }
    return d;
  };
  const instantOn = (date: LocalDate): number => {
    const dayWall = Date.parse(`${date}T00:00:00Z`) + wallOfDay;
    return new ZoneWindow(timeZone, dayWall - DAY_MS, dayWall + DAY_MS).firstInstantAtWall(dayWall);
  };

  const out: PlannedOccurrence[] = [];
  let previous: LocalDate | null = null;
  for (let index = 0; index < count; index++) {
    const nominalDate: LocalDate =
      previous === null
        ? firstDate
        : rule === 'keep-interval'
          ? addDays(previous, everyDays)
          : addDays(firstDate, index * everyDays);
    let localDate = nextOpen(nominalDate);
    if (previous !== null && localDate <= previous) localDate = nextOpen(addDays(previous, 1));
    out.push({
      index,
      localDate,
      startMs: localDate === firstDate ? firstStartMs : instantOn(localDate),
      nominalDate,
      moved: localDate !== nominalDate,
    });
    previous = localDate;
  }
  return out;
}
