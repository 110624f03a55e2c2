import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatMoney,
  formatTime,
  formatTimeZoneLabel,
  parsePtBrDate,
} from './format';

const NBSP = '\u00a0';

describe('formatDate', () => {
  it('uses the clinic time zone, not UTC', () => {
    expect(formatDate('2026-11-25T02:30:00Z', 'America/Sao_Paulo')).toBe('24/11/2026');
    expect(formatDate('2026-11-25T03:30:00Z', 'America/Manaus')).toBe('24/11/2026');
    expect(formatDate('2026-11-25T03:30:00Z', 'America/Sao_Paulo')).toBe('25/11/2026');
  });

  it('pads day and month', () => {
    expect(formatDate(new Date('2026-03-05T15:00:00Z'), 'America/Sao_Paulo')).toBe('05/03/2026');
  });

  it('accepts epoch milliseconds', () => {
    expect(formatDate(Date.UTC(2026, 0, 1, 12), 'America/Noronha')).toBe('01/01/2026');
  });

  it('rejects an invalid date', () => {
    expect(() => formatDate('not a date', 'America/Sao_Paulo')).toThrow(RangeError);
  });
});

describe('formatTime and formatDateTime', () => {
  it('shows 24-hour wall-clock time in the zone', () => {
    expect(formatTime('2026-11-25T02:30:00Z', 'America/Sao_Paulo')).toBe('23:30');
    expect(formatTime('2026-11-25T02:30:00Z', 'America/Rio_Branco')).toBe('21:30');
    expect(formatTime('2026-11-25T03:05:00Z', 'America/Sao_Paulo')).toBe('00:05');
  });

  it('joins date and time', () => {
    expect(formatDateTime('2026-11-25T02:30:00Z', 'America/Sao_Paulo')).toBe('24/11/2026 23:30');
    expect(formatDateTime('2026-11-25T02:30:00Z', 'America/Noronha')).toBe('25/11/2026 00:30');
  });
});

describe('formatIsoDate', () => {
  it('gives the calendar day in the zone as YYYY-MM-DD', () => {
    expect(formatIsoDate('2026-11-25T02:30:00Z', 'America/Sao_Paulo')).toBe('2026-11-24');
    expect(formatIsoDate('2026-11-25T03:30:00Z', 'America/Sao_Paulo')).toBe('2026-11-25');
  });
});

describe('formatMoney', () => {
  it('formats integer centavos as BRL', () => {
    expect(formatMoney(123456)).toBe(`R$${NBSP}1.234,56`);
    expect(formatMoney(0)).toBe(`R$${NBSP}0,00`);
    expect(formatMoney(5)).toBe(`R$${NBSP}0,05`);
    expect(formatMoney(100000000)).toBe(`R$${NBSP}1.000.000,00`);
  });

  it('formats negative amounts', () => {
    expect(formatMoney(-1999)).toBe(`-R$${NBSP}19,99`);
  });

  it('rejects fractional centavos', () => {
    expect(() => formatMoney(10.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
  });
});

describe('formatTimeZoneLabel', () => {
  it('names the four Brazilian zones', () => {
    expect(formatTimeZoneLabel('America/Sao_Paulo')).toBe('Horário de Brasília (America/Sao_Paulo)');
    expect(formatTimeZoneLabel('America/Manaus')).toBe('Horário do Amazonas (America/Manaus)');
    expect(formatTimeZoneLabel('America/Rio_Branco')).toBe('Horário do Acre (America/Rio_Branco)');
    expect(formatTimeZoneLabel('America/Noronha')).toBe('Horário de Fernando de Noronha (America/Noronha)');
  });

  it('names every Brazilian zone by the legal time it follows', () => {
    expect(formatTimeZoneLabel('America/Fortaleza')).toBe('Horário de Brasília (America/Fortaleza)');
    expect(formatTimeZoneLabel('America/Cuiaba')).toBe('Horário do Amazonas (America/Cuiaba)');
    expect(formatTimeZoneLabel('America/Eirunepe')).toBe('Horário do Acre (America/Eirunepe)');
  });

  it('has English names', () => {
    expect(formatTimeZoneLabel('America/Manaus', 'en-US')).toBe('Amazon time (America/Manaus)');
  });

  it('falls back to the IANA id', () => {
    expect(formatTimeZoneLabel('Europe/Lisbon')).toBe('Europe/Lisbon');
  });
});

describe('parsePtBrDate', () => {
  it('reads day first, as Brazilians type dates', () => {
    expect(parsePtBrDate('05/12/2026')).toBe('2026-12-05');
    expect(parsePtBrDate('5/1/2027')).toBe('2027-01-05');
    expect(parsePtBrDate('29022028')).toBe('2028-02-29');
    expect(parsePtBrDate('2026-12-05')).toBe('2026-12-05');
  });

  it('refuses what is not a calendar date', () => {
    expect(parsePtBrDate('31/02/2026')).toBeNull();
    expect(parsePtBrDate('12/13/2026')).toBeNull();
    expect(parsePtBrDate('amanhã')).toBeNull();
  });
});
