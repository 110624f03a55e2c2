import type { TAdverseSeverity, TAnvisaCategory, TNotificationChannel } from '@clinia/contracts';
import { zonedInstant } from '../../platform/clock';

/**
 * When and where an adverse event must be notified (REGULATION.md 4.3, RDC 36/2013):
 *  - a death: within 72 hours of the occurrence;
 *  - any other event: monthly, by the 15th business day of the month after the occurrence, in the
 *    clinic's time zone (the day ends at 23:59 local).
 * Channel: VigiMed for medicines (botulinum toxin), NOTIVISA for devices, cosmetics and events of the
 * service itself (tecnovigilância, technical complaints).
 * Business days are Monday to Friday without the national holidays (Lei 662/1949, 6.802/1980,
 * 14.759/2023, and Good Friday); Carnival and Corpus Christi are optional days (ponto facultativo) and
 * count as business days, so the deadline is never later than the strictest reading.
 */

export const DEATH_DEADLINE_MS = 72 * 3_600_000;

export function notificationChannel(category: TAnvisaCategory | null): TNotificationChannel {
  return category === 'medicamento' ? 'vigimed' : 'notivisa';
}

export const isSeriousSeverity = (severity: TAdverseSeverity) => severity === 'grave' || severity === 'obito';

/** Easter Sunday (Gregorian, anonymous algorithm) as [month (1-12), day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** National holidays of a year, yyyy-MM-dd. */
export function nationalHolidays(year: number): Set<string> {
  const [em, ed] = easterSunday(year);
  const goodFriday = new Date(Date.UTC(year, em - 1, ed - 2));
  const fixed = ['01-01', '04-21', '05-01', '09-07', '10-12', '11-02', '11-15', '12-25'];
  if (year >= 2024) fixed.push('11-20');
  return new Set([
    ...fixed.map((md) => `${year}-${md}`),
    iso(goodFriday.getUTCFullYear(), goodFriday.getUTCMonth() + 1, goodFriday.getUTCDate()),
  ]);
}

/** The n-th business day of a month (calendar dates only, no zone involved). */
export function nthBusinessDay(year: number, month: number, n: number): string {
  const holidays = nationalHolidays(year);
  let count = 0;
  for (let day = 1; day <= 31; day++) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1) break;
    const weekday = date.getUTCDay();
    const key = iso(year, month, day);
    if (weekday === 0 || weekday === 6 || holidays.has(key)) continue;
    count++;
    if (count === n) return key;
  }
  throw new Error(`month ${year}-${month} has fewer than ${n} business days`);
}

/** The instant an event's notification is due. `onsetLocalDate` is the onset's date in the clinic. */
export function notificationDueAt(input: {
  severity: TAdverseSeverity;
  onsetAt: Date;
  onsetLocalDate: string;
  timeZone: string;
}): Date {
  if (input.severity === 'obito') return new Date(input.onsetAt.getTime() + DEATH_DEADLINE_MS);
  const [y, m] = input.onsetLocalDate.split('-').map(Number) as [number, number];
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const due = nthBusinessDay(year, month, 15);
  return new Date(zonedInstant(due, '23:59', input.timeZone).getTime() + 59_999);
}
