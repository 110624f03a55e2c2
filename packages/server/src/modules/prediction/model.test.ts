import { describe, expect, it } from 'vitest';
import type { AppointmentHistoryRecord } from './history';
import { defaultGbtOptions, evaluateNoShowModel } from './model';

const TZ = 'America/Sao_Paulo';
const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2026-03-02T12:00:00Z');

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A clinic-sized history: 1,400 appointments over 28 weeks, 240 clients, of whom 12 habitually miss
 * (70 %) and the rest rarely do (8 %). Lead time adds a little. Nothing else carries signal.
 */
function clinicHistory(): { records: AppointmentHistoryRecord[]; habitual: Set<string> } {
  const r = mulberry32(7);
  const habitual = new Set(Array.from({ length: 12 }, (_, i) => `c${i}`));
  const records: AppointmentHistoryRecord[] = [];
  for (let i = 0; i < 1400; i++) {
    const start = T0 + Math.floor(i / 50) * 7 * D + (i % 5) * D + (9 + (i % 8)) * H;
    // Habitual clients book often, so each has a record to learn from.
    const clientId = r() < 0.12 ? `c${Math.floor(r() * 12)}` : `c${12 + Math.floor(r() * 228)}`;
    const lead = Math.floor(r() * 20);
    const p = (habitual.has(clientId) ? 0.7 : 0.08) + 0.003 * lead;
    records.push({
      appointmentId: `a${i}`,
      clientId,
      clinicId: 'u1',
      bookedAt: new Date(start - lead * D - H),
      startsAt: new Date(start),
      hasTimeOfDay: true,
      status: r() < p ? 'no_show' : 'attended',
      outcomeAt: new Date(start + H),
      treatmentCategory: 'toxina_botulinica',
      priceCents: 120_000,
      channel: 'whatsapp',
      confirmationRequestedAt: null,
      confirmedAt: null,
      reminderSentAt: null,
      clientBirthDate: '1988-05-01',
    });
  }
  return { records, habitual };
}

describe('default trees on a clinic-sized history', () => {
  it('scale the leaf with the data: 400 on the public file, small on a clinic', () => {
    expect(defaultGbtOptions(36_000).minSamplesLeaf).toBe(400);
    expect(defaultGbtOptions(10_000).minSamplesLeaf).toBe(400);
    expect(defaultGbtOptions(1_250).minSamplesLeaf).toBe(50);
    expect(defaultGbtOptions(300).minSamplesLeaf).toBe(20);
  });

  it('tell a client who keeps missing from one who comes', () => {
    const { records, habitual } = clinicHistory();
    const last = records[records.length - 1] as AppointmentHistoryRecord;
    const next = (clientId: string, n: number): AppointmentHistoryRecord => ({
      ...last,
      appointmentId: `next-${n}`,
      clientId,
      bookedAt: new Date(last.startsAt.getTime() + D),
      startsAt: new Date(last.startsAt.getTime() + 8 * D),
      status: 'attended',
      outcomeAt: new Date(last.startsAt.getTime() + 8 * D + H),
    });
    const missers = [...habitual].filter(
      (id) => records.filter((x) => x.clientId === id && x.status === 'no_show').length >= 5,
    );
    const regular = records.find(
      (x) =>
        !habitual.has(x.clientId) &&
        records.filter((y) => y.clientId === x.clientId).length >= 5 &&
        records.every((y) => y.clientId !== x.clientId || y.status === 'attended'),
    )?.clientId as string;
    expect(missers.length).toBeGreaterThan(3);
    const test = [...missers.map((id, i) => next(id, i)), next(regular, 99)];
    const { probabilities } = evaluateNoShowModel(records, test, { timeZone: TZ });
    const missersMean = probabilities.slice(0, -1).reduce((s, p) => s + p, 0) / missers.length;
    // The clinic sees these clients miss most of their visits: the model must say so ("alto").
    expect(missersMean).toBeGreaterThan(0.4);
    expect(probabilities[probabilities.length - 1]).toBeLessThan(0.2);
  });
});
