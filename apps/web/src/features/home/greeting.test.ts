import { describe, expect, it } from 'vitest';
import { dayPeriodAt } from './greeting';

describe('dayPeriodAt', () => {
  it('follows the clinic zone, not UTC', () => {
    // 14:30 UTC is 11:30 in São Paulo and 10:30 in Manaus.
    expect(dayPeriodAt(new Date('2026-11-24T14:30:00Z'), 'America/Sao_Paulo')).toBe('morning');
    expect(dayPeriodAt(new Date('2026-11-24T15:30:00Z'), 'America/Sao_Paulo')).toBe('afternoon');
    expect(dayPeriodAt(new Date('2026-11-24T15:30:00Z'), 'America/Rio_Branco')).toBe('morning');
  });

  it('switches at 05:00, 12:00 and 18:00 local time', () => {
    const zone = 'America/Sao_Paulo';
    expect(dayPeriodAt(new Date('2026-11-24T07:59:00Z'), zone)).toBe('evening');
    expect(dayPeriodAt(new Date('2026-11-24T08:00:00Z'), zone)).toBe('morning');
    expect(dayPeriodAt(new Date('2026-11-24T15:00:00Z'), zone)).toBe('afternoon');
    expect(dayPeriodAt(new Date('2026-11-24T21:00:00Z'), zone)).toBe('evening');
    expect(dayPeriodAt(new Date('2026-11-25T02:59:00Z'), zone)).toBe('evening');
  });
});
