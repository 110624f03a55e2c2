import { describe, expect, it } from 'vitest';
import { notificationChannel, notificationDueAt } from './notification-deadline';

describe('adverse-event notification deadline', () => {
  it('non-death events are due at the end of the 15th business day of the next month, clinic time', () => {
    const due = notificationDueAt({
      severity: 'grave',
      onsetAt: new Date('2026-12-31T23:30:00-03:00'),
      onsetLocalDate: '2026-12-31',
      timeZone: 'America/Sao_Paulo',
    });
    expect(due.toISOString()).toBe('2027-01-23T02:59:59.999Z');
    // The onset's month is the clinic's: 21:30 in Manaus on 30 Nov is already December in UTC.
    const manaus = notificationDueAt({
      severity: 'leve',
      onsetAt: new Date('2026-12-01T01:30:00Z'),
      onsetLocalDate: '2026-11-30',
      timeZone: 'America/Manaus',
    });
    expect(manaus.toISOString()).toBe('2026-12-22T03:59:59.999Z');
  });

  it('a death is due 72 hours after the occurrence', () => {
    const onsetAt = new Date('2026-12-03T10:00:00Z');
    expect(
      notificationDueAt({
        severity: 'obito',
        onsetAt,
        onsetLocalDate: '2026-12-03',
        timeZone: 'America/Sao_Paulo',
      }).toISOString(),
    ).toBe('2026-12-06T10:00:00.000Z');
  });

  it('medicines go to VigiMed, devices, cosmetics and service events to NOTIVISA', () => {
    expect(notificationChannel('medicamento')).toBe('vigimed');
    expect(notificationChannel('dispositivo_medico')).toBe('notivisa');
    expect(notificationChannel('cosmetico')).toBe('notivisa');
    expect(notificationChannel(null)).toBe('notivisa');
  });
});
