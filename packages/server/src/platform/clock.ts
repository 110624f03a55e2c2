import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/**
 * All reads of "now" go through a Clock so tests can freeze time. Time-zone arithmetic goes through
 * the helpers below (date-fns + @date-fns/tz) with the clinic's IANA zone; instants are stored as
 * timestamptz (UTC).
 */
export type Clock = {
  now: () => Date;
  /** Waits `ms` (a frozen clock advances instead, so tests of delays run instantly). */
  sleep: (ms: number) => Promise<void>;
};

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** A clock frozen at `start`, advanced explicitly by tests. */
export function fixedClock(
  start: Date | string,
): Clock & { advance: (ms: number) => void; set: (d: Date | string) => void } {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    sleep: async (ms) => {
      current += ms;
    },
    advance: (ms) => {
      current += ms;
    },
    set: (d) => {
      current = new Date(d).getTime();
    },
  };
}

/** The four IANA zones used in Brazil. */
export const BRAZIL_TIME_ZONES = [
  'America/Sao_Paulo',
  'America/Manaus',
  'America/Rio_Branco',
  'America/Noronha',
] as const;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (yyyy-MM-dd) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return format(new TZDate(instant.getTime(), timeZone), 'yyyy-MM-dd');
}

/** The instant of a wall-clock time (yyyy-MM-dd, HH:mm) in a time zone. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0, 0, 0, timeZone).getTime());
}

/** The last instant (23:59:59.999) of a calendar date (yyyy-MM-dd) in a time zone: a deadline's end. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  return new Date(zonedInstant(date, '23:59', timeZone).getTime() + 59_999);
}
