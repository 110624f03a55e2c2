import { easter } from 'date-easter';
import { addDays, type LocalDate } from './clinic-time';

/**
 * Brazilian national holidays (feriados nacionais: Lei 662/1949, Lei 6.802/1980, Lei 10.607/2002 and
 * Lei 14.759/2023) and the national optional days (pontos facultativos declared every year by the
 * federal government: Carnaval, Quarta-feira de Cinzas, Corpus Christi), flagged `optional: true` so
 * each clinic decides whether it closes. State and municipal holidays are clinic-specific closures.
 *
 * Easter (Gregorian computus) comes from the date-easter package.
 */
export interface Holiday {
  date: LocalDate;
  /** pt-BR name, as shown to users. */
  name: string;
  /** true for a ponto facultativo (the clinic may open), false for a feriado nacional. */
  optional: boolean;
}

/** Dia Nacional de Zumbi e da Consciência Negra became a national holiday in 2024 (Lei 14.759/2023). */
const CONSCIENCIA_NEGRA_FROM = 2024;

const FIXED: readonly { monthDay: string; name: string; since?: number }[] = [
  { monthDay: '01-01', name: 'Confraternização Universal' },
  { monthDay: '04-21', name: 'Tiradentes' },
  { monthDay: '05-01', name: 'Dia do Trabalho' },
  { monthDay: '09-07', name: 'Independência do Brasil' },
  { monthDay: '10-12', name: 'Nossa Senhora Aparecida' },
  { monthDay: '11-02', name: 'Finados' },
  { monthDay: '11-15', name: 'Proclamação da República' },
  { monthDay: '11-20', name: 'Dia Nacional de Zumbi e da Consciência Negra', since: CONSCIENCIA_NEGRA_FROM },
  { monthDay: '12-25', name: 'Natal' },
];

/** Easter Sunday of a year, as 'YYYY-MM-DD'. */
export function easterSunday(year: number): LocalDate {
  assertYear(year);
  const { month, day } = easter(year);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`Year ${year} is outside the Gregorian calendar range supported (1583–9999)`);
  }
}

/** National holidays and national optional days of a year, sorted by date. */
export function brazilianNationalHolidays(year: number): Holiday[] {
  assertYear(year);
  const y = String(year).padStart(4, '0');
  const sunday = easterSunday(year);
  const holidays: Holiday[] = FIXED.filter((f) => f.since === undefined || year >= f.since).map((f) => ({
    date: `${y}-${f.monthDay}`,
    name: f.name,
    optional: false,
  }));
  holidays.push(
    { date: addDays(sunday, -48), name: 'Carnaval (segunda-feira)', optional: true },
    { date: addDays(sunday, -47), name: 'Carnaval (terça-feira)', optional: true },
    { date: addDays(sunday, -46), name: 'Quarta-feira de Cinzas', optional: true },
    { date: addDays(sunday, -2), name: 'Sexta-feira Santa (Paixão de Cristo)', optional: false },
    { date: addDays(sunday, 60), name: 'Corpus Christi', optional: true },
  );
  return holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Holidays whose date is in [from, to] (inclusive local dates), across years. Optional days are
 * included only when `includeOptional` is true (for a clinic that closes on them).
 */
export function brazilianHolidaysBetween(
  from: LocalDate,
  to: LocalDate,
  options: { includeOptional?: boolean } = {},
): Holiday[] {
  if (to < from) return [];
  const out: Holiday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const h of brazilianNationalHolidays(year)) {
      if (h.date >= from && h.date <= to && (!h.optional || options.includeOptional)) out.push(h);
    }
  }
  return out;
}
