import { describe, expect, it } from 'vitest';
import { addBusinessDays, easterSunday, isBusinessDay, nthBusinessDay } from './br-calendar';

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

  it('computes Easter (Good Friday is a national holiday)', () => {
    expect(easterSunday(2026)).toEqual([4, 5]);
    expect(easterSunday(2027)).toEqual([3, 28]);
  });

  it('counts the 15th business day without weekends and national holidays', () => {
    // January 2027: 1st is a holiday (Friday); business days start Monday the 4th.
    expect(nthBusinessDay(2027, 1, 15)).toBe('2027-01-22');
    // November 2026: 2nd (Monday, Finados) and 20th (Friday, Consciência Negra) are holidays.
    expect(nthBusinessDay(2026, 11, 15)).toBe('2026-11-24');
    // April 2026: Good Friday the 3rd and Tiradentes the 21st.
    expect(nthBusinessDay(2026, 4, 15)).toBe('2026-04-23');
  });
});
