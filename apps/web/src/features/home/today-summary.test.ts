import type { TAppointment, TAppointmentStatus } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { summarizeToday } from './today-summary';

let next = 0;
function appointment(status: TAppointmentStatus, startsAt: string): TAppointment {
  next += 1;
  return {
    id: `a${next}`,
    clinicId: 'c1',
    clientId: `client${next}`,
    clientName: `Cliente ${next}`,
    treatmentId: 't1',
    treatmentName: 'Limpeza de pele',
    professionalId: 'p1',
    professionalName: 'Beatriz',
    roomId: null,
    roomName: null,
    equipmentIds: [],
    seriesId: null,
    status,
    startsAt,
    serviceEndsAt: startsAt,
    endsAt: startsAt,
    channel: 'recepcao',
    purpose: 'sessao',
    notes: '',
    cancelledBy: null,
    cancellationReason: null,
    cancelledLate: null,
    rescheduledFrom: null,
    rescheduleCount: 0,
    version: 1,
    risk: null,
  };
}

describe('summarizeToday', () => {
  const now = new Date('2026-12-07T14:00:00Z'); // 11:00 in São Paulo

  it('counts the day by group, past unarrived apart, and leaves cancelled, rescheduled and waitlist holds out', () => {
    const summary = summarizeToday(
      [
        appointment('concluido', '2026-12-07T11:00:00Z'),
        appointment('faltou', '2026-12-07T12:00:00Z'),
        appointment('em_atendimento', '2026-12-07T13:30:00Z'),
        appointment('chegou', '2026-12-07T14:00:00Z'),
        appointment('confirmado', '2026-12-07T15:00:00Z'),
        appointment('agendado', '2026-12-07T16:00:00Z'),
        appointment('agendado', '2026-12-07T17:00:00Z'),
        appointment('agendado', '2026-12-07T12:30:00Z'), // 09:30, no arrival registered
        appointment('confirmado', '2026-12-07T13:00:00Z'), // 10:00, confirmed, not here
        appointment('cancelado', '2026-12-07T18:00:00Z'),
        appointment('remarcado', '2026-12-07T18:00:00Z'),
        appointment('reservado', '2026-12-07T19:00:00Z'),
      ],
      now,
    );
    expect(summary.total).toBe(9);
    expect(summary.counts).toEqual({
      toConfirm: 2,
      confirmed: 1,
      overdue: 2,
      inClinic: 2,
      done: 1,
      noShow: 1,
    });
  });

  it('lists what is still to come, soonest first, without who already arrived or what has passed', () => {
    const late = appointment('agendado', '2026-12-07T13:00:00Z'); // 10:00, not arrived: already passed
    const at16 = appointment('agendado', '2026-12-07T19:00:00Z');
    const at12 = appointment('confirmado', '2026-12-07T15:00:00Z');
    const arrived = appointment('chegou', '2026-12-07T16:00:00Z');
    const summary = summarizeToday([late, at16, arrived, at12], now);
    expect(summary.upcoming.map((a) => a.id)).toEqual([at12.id, at16.id]);
  });

  it('shows at most the limit', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      appointment('agendado', `2026-12-07T${String(15 + i).padStart(2, '0')}:00:00Z`),
    );
    expect(summarizeToday(many, now, 3).upcoming).toHaveLength(3);
  });
});
