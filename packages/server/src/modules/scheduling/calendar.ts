/**
 * Which local dates the clinic is closed by law. Wraps the holiday table of holidays.ts (the pure
 * engine); only mandatory national holidays close the agenda, pontos facultativos do not.
 */
export function nationalHolidayName(_date: string): string | null {
  // TODO(sched): replaced by brazilianNationalHolidays once the avail branch lands.
  return null;
}
