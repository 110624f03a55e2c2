import { formatIsoDate, formatTime } from '@clinia/ui';
import { TZDate } from '@date-fns/tz';
import { addDays, format, parseISO } from 'date-fns';

/**
 * Clinic wall-clock arithmetic for the agenda. Every position on the grid is a local date (YYYY-MM-DD)
 * plus minutes since local midnight in the clinic's IANA zone, never the browser's zone.
 */

/** The clinic-local date of an instant, as YYYY-MM-DD. */
export function localDateOf(instant: Date | string, timeZone: string): string {
  return formatIsoDate(instant, timeZone);
}

/** Minutes since local midnight of an instant, in the clinic's zone. */
export function minutesOfDay(instant: Date | string, timeZone: string): number {
  // The same Intl formatter that prints the card's time, so a card sits exactly where its label says.
  return parseClock(formatTime(instant, timeZone));
}

/** The instant of a local date and minutes since local midnight in the clinic's zone. */
export function instantAt(date: string, minutes: number, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const local = new TZDate(year, month - 1, day, Math.floor(minutes / 60), minutes % 60, timeZone);
  return new Date(local.getTime());
}

/** A local date moved by whole days (calendar arithmetic, no zone involved). */
export function shiftDate(date: string, days: number): string {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd');
}

/** Day of the week of a local date: 0 Sunday … 6 Saturday. */
export function weekdayOfDate(date: string): number {
  return parseISO(date).getDay();
}

const longDateFormat = new Intl.DateTimeFormat('pt-BR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});
const shortDayFormat = new Intl.DateTimeFormat('pt-BR', {
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  timeZone: 'UTC',
});

function utcNoonOf(date: string): Date {
  return new Date(`${date}T12:00:00Z`);
}

/** "quinta-feira, 3 de dezembro" for a local date. */
export function formatLongDate(date: string): string {
  const text = longDateFormat.format(utcNoonOf(date));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "qui., 03/12" for a local date. */
export function formatShortDay(date: string): string {
  return shortDayFormat.format(utcNoonOf(date));
}

/** "HH:mm" of minutes since midnight. */
export function formatMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "08:30" → 510. */
export function parseClock(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Snaps minutes to the nearest multiple of `step`. */
export function snapMinutes(minutes: number, step: number): number {
  return Math.round(minutes / step) * step;
}

/** "2026-12-25" → "25/12/2026". */
export function formatIsoLocalDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}/${month}/${year}`;
}
