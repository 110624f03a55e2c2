import type { Tx } from '../../db/client';
import { addDays, expandWeekly, localDateOf, localDayInterval } from './clinic-time';
import { brazilianHolidaysBetween, brazilianNationalHolidays } from './holidays';
import { type Interval, normalize, subtract, union } from './intervals';
import { findAbsences, findBreaks, findClosures, findWorkingHours } from './scheduling.queries';
import type { ClinicCtx } from './scheduling.service';

/**
 * The clinic's calendar as instants: when it is open (opening hours minus closures and national
 * holidays) and when each professional can be booked (working hours minus breaks and absences).
 * Booking checks and availability search both read these, so they never disagree.
 */

/** The feriado nacional on a local date (pontos facultativos do not close the agenda), or null. */
export function nationalHolidayName(date: string): string | null {
  return (
    brazilianNationalHolidays(Number(date.slice(0, 4))).find((h) => h.date === date && !h.optional)?.name ??
    null
  );
}

export type ClinicCalendar = {
  /** Local dates the clinic is closed in the range, with the reason shown to users. */
  closed: Map<string, string>;
  clinicOpen: Interval[];
  available: Map<string, Interval[]>;
  absences: Map<string, Interval[]>;
};

export async function loadCalendar(
  tx: Tx,
  ctx: ClinicCtx,
  professionalIds: string[],
  fromMs: number,
  toMs: number,
): Promise<ClinicCalendar> {
  const fromDate = addDays(localDateOf(fromMs, ctx.timeZone), -1);
  const toDate = addDays(localDateOf(toMs, ctx.timeZone), 1);
  const closed = new Map<string, string>();
  if (ctx.settings.closedOnNationalHolidays)
    for (const h of brazilianHolidaysBetween(fromDate, toDate)) closed.set(h.date, h.name);
  for (const c of await findClosures(tx, ctx.clinicId, fromDate, toDate)) closed.set(c.date, c.reason);
  const closedDays = normalize([...closed.keys()].map((d) => localDayInterval(d, ctx.timeZone)));
  const opening =
    ctx.openingHours.length > 0
      ? expandWeekly(
          ctx.openingHours.map((o) => ({ weekday: o.weekday, start: o.opens, end: o.closes })),
          fromMs,
          toMs,
          ctx.timeZone,
        )
      : [{ start: fromMs, end: toMs }];
  const clinicOpen = subtract(opening, closedDays);
  const [hours, breaks, absenceRows] = await Promise.all([
    findWorkingHours(tx, ctx.clinicId, professionalIds),
    findBreaks(tx, ctx.clinicId, professionalIds),
    findAbsences(tx, professionalIds, new Date(fromMs), new Date(toMs)),
  ]);
  const rules = (
    rows: { professionalId: string; weekday: number; startTime: string; endTime: string }[],
    id: string,
  ) =>
    rows
      .filter((r) => r.professionalId === id)
      .map((r) => ({ weekday: r.weekday, start: r.startTime, end: r.endTime }));
  const available = new Map<string, Interval[]>();
  const absences = new Map<string, Interval[]>();
  for (const id of professionalIds) {
    const away = normalize(
      absenceRows
        .filter((a) => a.professionalId === id)
        .map((a) => ({ start: a.startsAt.getTime(), end: a.endsAt.getTime() })),
    );
    absences.set(id, away);
    const working = expandWeekly(rules(hours, id), fromMs, toMs, ctx.timeZone);
    const pauses = expandWeekly(rules(breaks, id), fromMs, toMs, ctx.timeZone);
    available.set(id, subtract(working, union(pauses, away)));
  }
  return { closed, clinicOpen, available, absences };
}
