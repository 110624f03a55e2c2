import { parse } from 'csv-parse/sync';
import type { AppointmentHistoryRecord } from './history';
import { wallClockToInstant } from './local-time';

/**
 * Maps the public "Medical Appointment No Shows" CSV (shared/data/noshow/README.md) to the
 * product's appointment-history records, so evaluation trains and scores through the product code.
 *
 * Choices, each forced by what the file does not say:
 * - times are local wall-clock times of Vitória-ES although written with `Z`;
 * - `AppointmentDay` has no time of day: `hasTimeOfDay` is false and the outcome is taken as known
 *   at the end of that day;
 * - `Neighbourhood` is where the health unit is, so it becomes the unit (`clinicId`);
 * - `SMS_received` does not say when: the reminder is placed two days before the appointment (the
 *   file never sends one below three days of lead time), clamped to the booking;
 * - `Age` becomes a birth date giving that age on the appointment day; -1 and over 115 are unknown;
 * - health flags (hypertension, diabetes, alcoholism, handicap), Bolsa Família and gender are not
 *   mapped: the product does not use health or social data to rank clients (LGPD art. 6 and 11:
 *   necessity, non-discrimination);
 * - rows booked after their appointment day are data errors and are skipped.
 */
export const NOSHOW_CSV_TIME_ZONE = 'America/Sao_Paulo';

const REQUIRED_COLUMNS = [
  'PatientId',
  'AppointmentID',
  'ScheduledDay',
  'AppointmentDay',
  'Age',
  'Neighbourhood',
  'SMS_received',
  'No-show',
] as const;

export class NoshowCsvError extends Error {}

/** Splits CSV text into rows of fields (RFC 4180 quoting); blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: true, skip_empty_lines: true });
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z?$/;

function wallMs(value: string, line: number, column: string): number {
  const m = WALL.exec(value.trim());
  if (!m) throw new NoshowCsvError(`linha ${line}: data inválida na coluna ${column}`);
  const [y, mo, d, hh, mm, ss] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, hh, mm, ss);
}

const DAY_MS = 86_400_000;

export type NoshowCsvResult = { records: AppointmentHistoryRecord[]; skipped: number };

export function mapNoshowCsv(text: string): NoshowCsvResult {
  const rows = parseCsv(text);
  const header = rows[0];
  if (!header) throw new NoshowCsvError('arquivo vazio');
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  for (const name of REQUIRED_COLUMNS) {
    if (!col.has(name)) throw new NoshowCsvError(`coluna ausente: ${name}`);
  }
  const get = (r: string[], name: (typeof REQUIRED_COLUMNS)[number]) =>
    (r[col.get(name) as number] ?? '').trim();
  const records: AppointmentHistoryRecord[] = [];
  let skipped = 0;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] as string[];
    const line = i + 1;
    const bookedWall = wallMs(get(r, 'ScheduledDay'), line, 'ScheduledDay');
    const dayWall = wallMs(get(r, 'AppointmentDay'), line, 'AppointmentDay');
    const dayStartWall = Math.floor(dayWall / DAY_MS) * DAY_MS;
    if (Math.floor(bookedWall / DAY_MS) * DAY_MS > dayStartWall) {
      skipped++;
      continue;
    }
    const noShow = get(r, 'No-show');
    if (noShow !== 'Yes' && noShow !== 'No')
      throw new NoshowCsvError(`linha ${line}: valor inválido na coluna No-show`);
    const age = Number(get(r, 'Age'));
    let clientBirthDate: string | null = null;
    if (Number.isInteger(age) && age >= 0 && age <= 115) {
      const d = new Date(dayStartWall);
      d.setUTCFullYear(d.getUTCFullYear() - age);
      clientBirthDate = d.toISOString().slice(0, 10);
    }
    const bookedAt = wallClockToInstant(bookedWall, NOSHOW_CSV_TIME_ZONE);
    const startsAt = wallClockToInstant(dayStartWall, NOSHOW_CSV_TIME_ZONE);
    const endOfDay = wallClockToInstant(dayStartWall + DAY_MS, NOSHOW_CSV_TIME_ZONE);
    const sms = get(r, 'SMS_received') === '1';
    records.push({
      appointmentId: get(r, 'AppointmentID'),
      clientId: get(r, 'PatientId'),
      clinicId: get(r, 'Neighbourhood'),
      bookedAt,
      startsAt,
      hasTimeOfDay: false,
      status: noShow === 'Yes' ? 'no_show' : 'attended',
      outcomeAt: endOfDay,
      treatmentCategory: null,
      priceCents: null,
      channel: null,
      confirmationRequestedAt: null,
      confirmedAt: null,
      reminderSentAt: sms ? new Date(Math.max(bookedAt.getTime(), startsAt.getTime() - 2 * DAY_MS)) : null,
      clientBirthDate,
    });
  }
  return { records, skipped };
}
