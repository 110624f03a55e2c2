/**
 * Pure formatters for dates, times, money and time zones as a Brazilian clinic reads them.
 * Dates are always shown in the clinic's IANA time zone, never the browser's: a reception desk in
 * Manaus and a manager travelling in Lisbon must see the same calendar day for the same appointment.
 */

type TDateInput = Date | string | number;

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('pt-BR', {
      timeZone,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    });
    dateFormats.set(timeZone, format);
  }
  return format;
}

function timeFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('pt-BR', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    timeFormats.set(timeZone, format);
  }
  return format;
}

function toDate(value: TDateInput): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('Invalid date');
  }
  return date;
}

/** Calendar date as DD/MM/AAAA in `timeZone`. */
export function formatDate(value: TDateInput, timeZone: string): string {
  return dateFormatFor(timeZone).format(toDate(value));
}

/** Wall-clock time as HH:mm (24 h) in `timeZone`. */
export function formatTime(value: TDateInput, timeZone: string): string {
  return timeFormatFor(timeZone).format(toDate(value));
}

/** Date and time as "DD/MM/AAAA HH:mm" in `timeZone`. */
export function formatDateTime(value: TDateInput, timeZone: string): string {
  const date = toDate(value);
  return `${formatDate(date, timeZone)} ${formatTime(date, timeZone)}`;
}

const isoDateFormats = new Map<string, Intl.DateTimeFormat>();

/** Calendar date as YYYY-MM-DD in `timeZone`, the form date fields and the API use. */
export function formatIsoDate(value: TDateInput, timeZone: string): string {
  let format = isoDateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    isoDateFormats.set(timeZone, format);
  }
  return format.format(toDate(value));
}

const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/**
 * Brazilian reais from an integer amount of centavos, e.g. 123456 → "R$ 1.234,56".
 * Money travels as integer centavos so sums never drift; a fractional amount here is a bug upstream.
 */
export function formatMoney(centavos: number): string {
  if (!Number.isSafeInteger(centavos)) {
    throw new RangeError('Money must be an integer amount of centavos');
  }
  return brl.format(centavos / 100);
}

export type TTimeZoneLabelLocale = 'pt-BR' | 'en-US';

/**
 * Brazil's four legal times (none has observed daylight saving since 2019) and the IANA zones that
 * follow each one; a clinic picks the zone of its city, people name it by the legal time.
 */
type TBrazilianTime = 'brasilia' | 'amazonas' | 'acre' | 'noronha';

const brazilianTimeNames: Record<TBrazilianTime, Record<TTimeZoneLabelLocale, string>> = {
  brasilia: { 'pt-BR': 'Horário de Brasília', 'en-US': 'Brasília time' },
  amazonas: { 'pt-BR': 'Horário do Amazonas', 'en-US': 'Amazon time' },
  acre: { 'pt-BR': 'Horário do Acre', 'en-US': 'Acre time' },
  noronha: { 'pt-BR': 'Horário de Fernando de Noronha', 'en-US': 'Fernando de Noronha time' },
};

const brazilianTimeOfZone: Record<string, TBrazilianTime> = {
  'America/Sao_Paulo': 'brasilia',
  'America/Bahia': 'brasilia',
  'America/Fortaleza': 'brasilia',
  'America/Recife': 'brasilia',
  'America/Maceio': 'brasilia',
  'America/Belem': 'brasilia',
  'America/Santarem': 'brasilia',
  'America/Araguaina': 'brasilia',
  'America/Manaus': 'amazonas',
  'America/Cuiaba': 'amazonas',
  'America/Campo_Grande': 'amazonas',
  'America/Porto_Velho': 'amazonas',
  'America/Boa_Vista': 'amazonas',
  'America/Rio_Branco': 'acre',
  'America/Eirunepe': 'acre',
  'America/Noronha': 'noronha',
};

/**
 * A time zone as people say it, with the IANA id in brackets: "Horário de Brasília (America/Sao_Paulo)".
 * Zones outside Brazil are shown as their IANA id.
 */
export function formatTimeZoneLabel(timeZone: string, locale: TTimeZoneLabelLocale = 'pt-BR'): string {
  const time = brazilianTimeOfZone[timeZone];
  const name = time ? brazilianTimeNames[time][locale] : undefined;
  return name ? `${name} (${timeZone})` : timeZone;
}

/**
 * Parses what a person types into a date field, "dd/mm/aaaa" (also "d/m/aaaa" and "ddmmaaaa"), into
 * "YYYY-MM-DD"; null when it is not a real calendar date. Mantine's DateInput only reads ISO by
 * itself, so without this a typed "05/12/2026" was ignored.
 */
export function parsePtBrDate(input: string): string | null {
  const text = input.trim();
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!match) return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
