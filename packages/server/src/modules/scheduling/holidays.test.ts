import { describe, expect, it } from 'vitest';
import { weekdayOf } from './clinic-time';
import { brazilianHolidaysBetween, brazilianNationalHolidays, easterSunday } from './holidays';

describe('Easter', () => {
  it.each([
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('%i: %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
    expect(weekdayOf(date)).toBe(0);
  });
});

describe('Brazilian national holidays', () => {
  it('2026: nine national feriados plus Sexta-feira Santa, and three optional days, in date order', () => {
    expect(brazilianNationalHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Confraternização Universal', optional: false },
      { date: '2026-02-16', name: 'Carnaval (segunda-feira)', optional: true },
      { date: '2026-02-17', name: 'Carnaval (terça-feira)', optional: true },
      { date: '2026-02-18', name: 'Quarta-feira de Cinzas', optional: true },
      { date: '2026-04-03', name: 'Sexta-feira Santa (Paixão de Cristo)', optional: false },
      { date: '2026-04-21', name: 'Tiradentes', optional: false },
      { date: '2026-05-01', name: 'Dia do Trabalho', optional: false },
      { date: '2026-06-04', name: 'Corpus Christi', optional: true },
      { date: '2026-09-07', name: 'Independência do Brasil', optional: false },
      { date: '2026-10-12', name: 'Nossa Senhora Aparecida', optional: false },
      { date: '2026-11-02', name: 'Finados', optional: false },
      { date: '2026-11-15', name: 'Proclamação da República', optional: false },
      { date: '2026-11-20', name: 'Dia Nacional de Zumbi e da Consciência Negra', optional: false },
      { date: '2026-12-25', name: 'Natal', optional: false },
    ]);
  });

  it('Consciência Negra is national from 2024 on (Lei 14.759/2023), not before', () => {
    const has20Nov = (year: number) => brazilianNationalHolidays(year).some((h) => h.date.endsWith('-11-20'));
    expect(has20Nov(2023)).toBe(false);
    expect(has20Nov(2024)).toBe(true);
    expect(has20Nov(2030)).toBe(true);
  });

  it('the Easter-based days fall on the right weekdays every year', () => {
    for (let year = 2000; year <= 2100; year++) {
      const byName = new Map(brazilianNationalHolidays(year).map((h) => [h.name, h.date]));
      expect(weekdayOf(byName.get('Carnaval (segunda-feira)') ?? '')).toBe(1);
      expect(weekdayOf(byName.get('Carnaval (terça-feira)') ?? '')).toBe(2);
      expect(weekdayOf(byName.get('Quarta-feira de Cinzas') ?? '')).toBe(3);
      expect(weekdayOf(byName.get('Sexta-feira Santa (Paixão de Cristo)') ?? '')).toBe(5);
      expect(weekdayOf(byName.get('Corpus Christi') ?? '')).toBe(4);
    }
  });

  it('2025 Easter-based dates', () => {
    const dates = brazilianNationalHolidays(2025).map((h) => `${h.date} ${h.name}`);
    expect(dates).toContain('2025-03-03 Carnaval (segunda-feira)');
    expect(dates).toContain('2025-04-18 Sexta-feira Santa (Paixão de Cristo)');
    expect(dates).toContain('2025-06-19 Corpus Christi');
  });

  it('lists holidays over a range spanning two years, optional days only on request', () => {
    expect(brazilianHolidaysBetween('2026-12-20', '2027-01-10').map((h) => h.date)).toEqual([
      '2026-12-25',
      '2027-01-01',
    ]);
    expect(brazilianHolidaysBetween('2027-02-01', '2027-02-28').map((h) => h.date)).toEqual([]);
    expect(
      brazilianHolidaysBetween('2027-02-01', '2027-02-28', { includeOptional: true }).map((h) => h.date),
    ).toEqual(['2027-02-08', '2027-02-09', '2027-02-10']);
  });

  it('rejects years outside the Gregorian range', () => {
    expect(() => brazilianNationalHolidays(1500)).toThrow(RangeError);
    expect(() => brazilianNationalHolidays(2026.5)).toThrow(RangeError);
  });
});
