/**
 * Fast wall-clock parts of instants in a clinic's time zone. The feature builder converts hundreds
 * of thousands of instants per training run; Intl is asked once per hour of UTC time and the offset
 * is cached (every Brazilian zone changes offset only on whole hours).
 */

export type LocalParts = {
  /** Days since 1970-01-01 of the local calendar date. */
  day: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  hour: number;
};

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function offsetMs(timeZone: string, instantMs: number): number {
  let zoneCache = offsets.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    offsets.set(timeZone, zoneCache);
  }
  const bucket = Math.floor(instantMs / HOUR_MS);
  const cached = zoneCache.get(bucket);
  if (cached !== undefined) return cached;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  const probe = bucket * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const p of formatter.formatToParts(new Date(probe))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  const offset = asUtc - probe;
  zoneCache.set(bucket, offset);
  return offset;
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const local = instant.getTime() + offsetMs(timeZone, instant.getTime());
  const day = Math.floor(local / DAY_MS);
  const d = new Date(local);
  return { day, weekday: d.getUTCDay(), hour: d.getUTCHours() };
}

/** Whole years between a yyyy-MM-dd birth date and a local day number, or null. */
export function ageOn(birthDate: string | null, day: number): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number);
  if (!y || !m || !d) return null;
  const on = new Date(day * DAY_MS);
  let age = on.getUTCFullYear() - y;
  const beforeBirthday = on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age >= 0 && age <= 120 ? age : null;
}

/** The instant at which the wall clock of `timeZone` reads `wallMs` (wall time written as if UTC). */
export function wallClockToInstant(wallMs: number, timeZone: string): Date {
  const guess = wallMs - offsetMs(timeZone, wallMs);
  return new Date(wallMs - offsetMs(timeZone, guess));
}
