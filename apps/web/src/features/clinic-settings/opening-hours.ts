/** One opening interval as the server stores it (weekday 0 = Sunday … 6 = Saturday). */
export type TOpeningInterval = { weekday: number; opens: string; closes: string };

/** One weekday as the form edits it: open or closed, one interval; further intervals pass through untouched. */
export type TDayHours = {
  weekday: number;
  isOpen: boolean;
  opens: string;
  closes: string;
  otherIntervals: TOpeningInterval[];
};

/** i18n keys of the weekdays, index 0 = Sunday as in the server's data. */
export const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export function weekdayKey(weekday: number): (typeof WEEKDAY_KEYS)[number] {
  return WEEKDAY_KEYS[weekday] ?? 'sun';
}

export const DEFAULT_OPENS = '08:00';
export const DEFAULT_CLOSES = '18:00';

/** The seven days, Sunday first (Brazilian calendars start on Sunday). */
export function toWeek(intervals: readonly TOpeningInterval[]): TDayHours[] {
  return Array.from({ length: 7 }, (_, weekday) => {
    const ofDay = intervals
      .filter((i) => i.weekday === weekday)
      .sort((a, b) => a.opens.localeCompare(b.opens));
    const [first, ...others] = ofDay;
    return {
      weekday,
      isOpen: first !== undefined,
      opens: first?.opens ?? DEFAULT_OPENS,
      closes: first?.closes ?? DEFAULT_CLOSES,
      otherIntervals: others,
    };
  });
}

/** Back to the server's list, in weekday and time order. */
export function fromWeek(week: readonly TDayHours[]): TOpeningInterval[] {
  return week
    .filter((day) => day.isOpen)
    .flatMap((day) => [{ weekday: day.weekday, opens: day.opens, closes: day.closes }, ...day.otherIntervals])
    .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens));
}

/** Weekdays whose interval is not a valid HH:mm range with opening before closing. */
export function invalidDays(week: readonly TDayHours[]): number[] {
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  return week
    .filter((day) => day.isOpen && !(hhmm.test(day.opens) && hhmm.test(day.closes) && day.opens < day.closes))
    .map((day) => day.weekday);
}
