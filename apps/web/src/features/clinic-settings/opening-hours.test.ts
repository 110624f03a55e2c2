import { describe, expect, it } from 'vitest';
import { fromWeek, invalidDays, toWeek } from './opening-hours';

describe('opening hours', () => {
  it('turns an empty list into seven closed days with default times', () => {
    const week = toWeek([]);
    expect(week).toHaveLength(7);
    expect(week.every((d) => !d.isOpen && d.opens === '08:00' && d.closes === '18:00')).toBe(true);
    expect(fromWeek(week)).toEqual([]);
  });

  it('round-trips, keeping a second interval of a day it does not edit', () => {
    const intervals = [
      { weekday: 1, opens: '14:00', closes: '19:00' },
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 6, opens: '09:00', closes: '13:00' },
    ];
    const week = toWeek(intervals);
    expect(week[1]).toMatchObject({ isOpen: true, opens: '08:00', closes: '12:00' });
    expect(fromWeek(week)).toEqual([
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '14:00', closes: '19:00' },
      { weekday: 6, opens: '09:00', closes: '13:00' },
    ]);
  });

  it('drops closed days and flags impossible ranges', () => {
    const week = toWeek([{ weekday: 2, opens: '08:00', closes: '18:00' }]);
    const edited = week.map((d) => (d.weekday === 2 ? { ...d, closes: '07:00' } : d));
    expect(invalidDays(edited)).toEqual([2]);
    const closed = edited.map((d) => ({ ...d, isOpen: false }));
    expect(fromWeek(closed)).toEqual([]);
    expect(invalidDays(closed)).toEqual([]);
  });
});
