import { describe, expect, it } from 'vitest';
import type { HistoryRow } from './risk.queries';
import { toHistoryRecord } from './risk.service';

const START = new Date('2026-11-10T13:00:00.000Z');
const row = (over: Partial<HistoryRow>): HistoryRow => ({
  id: 'a1',
  clientId: 'c1',
  clinicId: 'u1',
  createdAt: new Date('2026-10-20T12:00:00.000Z'),
  updatedAt: new Date('2026-11-10T15:00:00.000Z'),
  startsAt: START,
  status: 'agendado',
  cancelledBy: null,
  cancelledLate: null,
  cancelledAt: null,
  bookedChannel: 'whatsapp',
  category: 'injetavel',
  priceCents: 120_000,
  birthDate: '1991-03-04',
  attendedAt: null,
  noShowAt: null,
  confirmedAt: null,
  confirmationRequestedAt: null,
  reminderSentAt: null,
  ...over,
});

describe('the agenda as no-show history', () => {
  it('maps each status to what it says about attendance, known from the instant it was recorded', () => {
    const arrived = new Date('2026-11-10T12:55:00.000Z');
    expect(toHistoryRecord(row({ status: 'concluido', attendedAt: arrived }))).toMatchObject({
      status: 'attended',
      outcomeAt: arrived,
      bookedAt: new Date('2026-10-20T12:00:00.000Z'),
      channel: 'whatsapp',
      treatmentCategory: 'injetavel',
      clientBirthDate: '1991-03-04',
    });
    expect(toHistoryRecord(row({ status: 'chegou', attendedAt: arrived }))?.status).toBe('attended');
    const marked = new Date('2026-11-10T13:20:00.000Z');
    expect(toHistoryRecord(row({ status: 'faltou', noShowAt: marked }))).toMatchObject({
      status: 'no_show',
      outcomeAt: marked,
    });
    const cancelledAt = new Date('2026-11-09T20:00:00.000Z');
    expect(
      toHistoryRecord(row({ status: 'cancelado', cancelledBy: 'cliente', cancelledLate: true, cancelledAt })),
    ).toMatchObject({ status: 'late_cancellation', outcomeAt: cancelledAt });
    expect(
      toHistoryRecord(row({ status: 'cancelado', cancelledBy: 'cliente', cancelledLate: false, cancelledAt }))
        ?.status,
    ).toBe('cancelled');
    // A past appointment nobody closed is no label: it stays scheduled, without an outcome.
    expect(toHistoryRecord(row({ status: 'confirmado' }))).toMatchObject({
      status: 'scheduled',
      outcomeAt: null,
    });
    expect(toHistoryRecord(row({ bookedChannel: 'lista_espera' }))?.channel).toBe('other');
  });

  it('leaves out what says nothing about the client: holds, moved originals, the clinic cancelling', () => {
    expect(toHistoryRecord(row({ status: 'reservado' }))).toBeNull();
    expect(toHistoryRecord(row({ status: 'remarcado' }))).toBeNull();
    expect(toHistoryRecord(row({ status: 'cancelado', cancelledBy: 'clinica' }))).toBeNull();
  });
});
