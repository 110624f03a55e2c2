/**
 * Brazilian business days, for legal deadlines counted in dias úteis (ANVISA notifications, ANPD
 * incident communications). Business days are Monday to Friday without the national holidays (Lei
 * 662/1949, 6.802/1980, 14.759/2023, and Good Friday); Carnival and Corpus Christi are optional days
 * (ponto facultativo) and count as business days, so a deadline is never later than the strictest
 * reading. Calendar dates only ('YYYY-MM-DD'); the caller turns a date into an instant in its zone.
 */

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
const isoOf = (date: Date) => iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());

/** National holidays of a year, yyyy-MM-dd. */
export function nationalHolidays(year: number): Set<string> {
  const [em, ed] = easterSunday(year);
  const goodFriday = new Date(Date.UTC(year, em - 1, ed - 2));
  const fixed = ['01-01', '04-21', '05-01', '09-07', '10-12', '11-02', '11-15', '12-25'];
  if (year >= 2024) fixed.push('11-20');
  return new Set([...fixed.map((md) => `${year}-${md}`), isoOf(goodFriday)]);
}

export function isBusinessDay(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !nationalHolidays(y).has(date);
}

/** The n-th business day of a month. */
export function nthBusinessDay(year: number, month: number, n: number): string {
  let count = 0;
  for (let day = 1; day <= 31; day++) {
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCMonth() !== month - 1) break;
    if (!isBusinessDay(iso(year, month, day))) continue;
    count++;
    if (count === n) return iso(year, month, day);
  }
  throw new Error(`month ${year}-${month} has fewer than ${n} business days`);
}

/** The n-th business day after `date` (the day itself does not count: "3 dias úteis" from Friday is Wednesday). */
export function addBusinessDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const cursor = new Date(Date.UTC(y, m - 1, d));
  let count = 0;
  while (count < n) {
    cursor.setUTCDate(cursor.getUTCDate() + 1);
    if (isBusinessDay(isoOf(cursor))) count++;
  }
  return isoOf(cursor);
}
