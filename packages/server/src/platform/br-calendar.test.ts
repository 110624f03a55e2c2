import { describe, expect, it } from 'vitest';
import { addBusinessDays, isBusinessDay } from './br-calendar';

describe('Brazilian business days', () => {
  it('skips weekends: three business days from a Friday end on Wednesday', () => {
    expect(addBusinessDays('2026-12-04', 3)).toBe('2026-12-09');
  });

  it('skips national holidays: Christmas and New Year', () => {
    // Wed 23 → Thu 24, (Fri 25 holiday), Mon 28, Tue 29
    expect(addBusinessDays('2026-12-23', 3)).toBe('2026-12-29');
    expect(isBusinessDay('2027-01-01')).toBe(false);
    // Good Friday 2027 is 26 March; Tiradentes 21 April 2027 is a Wednesday.
    expect(isBusinessDay('2027-03-26')).toBe(false);
    expect(addBusinessDays('2027-04-20', 1)).toBe('2027-04-22');
  });

  it('counts Carnival as a business day (ponto facultativo: the strictest reading)', () => {
    // Carnival Tuesday 2027 is 9 February.
    expect(isBusinessDay('2027-02-09')).toBe(true);
  });
});
