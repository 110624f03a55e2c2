export type TDayPeriod = 'morning' | 'afternoon' | 'evening';

const hourFormats = new Map<string, Intl.DateTimeFormat>();

function hourIn(instant: Date, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(instant));
}

/** Which greeting fits the clinic's local hour: bom dia until noon, boa tarde until 18 h, then boa noite. */
export function dayPeriodAt(instant: Date, timeZone: string): TDayPeriod {
  const hour = hourIn(instant, timeZone);
  if (hour >= 5 && hour < 12) {
    return 'morning';
  }
  if (hour >= 12 && hour < 18) {
    return 'afternoon';
  }
  return 'evening';
}
