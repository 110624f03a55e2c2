import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildFeatures, expectedNoShows, featuresAt, indexHistory, withOutcomeTotals } from './features';
import { type AppointmentHistoryRecord, type AppointmentStatus, predictionInstant } from './history';
import { auc } from './metrics';
import { labelledTargets, labelOf, scoreRow, trainNoShowModel } from './model';

const TZ = 'America/Sao_Paulo';
const H = 3_600_000;
const D = 24 * H;
const T0 = Date.parse('2026-03-02T12:00:00Z');

function appt(
  over: Partial<AppointmentHistoryRecord> & { id: string; start: number; booked: number },
): AppointmentHistoryRecord {
  const { id, start, booked, ...rest } = over;
  const status = rest.status ?? 'attended';
  return {
    appointmentId: id,
    clientId: 'c1',
    clinicId: 'u1',
    bookedAt: new Date(booked),
    startsAt: new Date(start),
    hasTimeOfDay: true,
    status,
    outcomeAt: status === 'scheduled' ? null : new Date(start + H),
    treatmentCategory: 'facial',
    priceCents: 45_000,
    channel: 'whatsapp',
    confirmationRequestedAt: null,
    confirmedAt: null,
    reminderSentAt: null,
    clientBirthDate: '1990-06-15',
    ...rest,
  };
}

describe('features at the prediction instant', () => {
  it('counts only outcomes known before the instant, never the appointment itself', () => {
    const history = [
      appt({ id: 'a', booked: T0 - 60 * D, start: T0 - 30 * D, status: 'no_show' }),
      appt({ id: 'b', booked: T0 - 29 * D, start: T0 - 10 * D, status: 'attended' }),
      appt({ id: 'target', booked: T0 - 45 * D, start: T0, status: 'no_show' }),
      appt({ id: 'later', booked: T0 - 40 * D, start: T0 + 7 * D, status: 'no_show' }),
    ];
    const target = history[2] as AppointmentHistoryRecord;
    const [row] = buildFeatures(history, [{ record: target, at: predictionInstant(target) }], TZ);
    expect(row).toMatchObject({
      leadDays: 45,
      priorNoShows: 1,
      priorAttended: 1,
      recentNoShows: 1,
      recentOutcomes: 2,
      daysSinceLastVisit: 10,
      isFirstVisit: false,
      pendingBookings: 1,
      age: 35,
      hour: 9,
    });
  });

  it('v2: booking sequence, same-day bookings, cancellations and the unit lift, from known records only', () => {
    const history = [
      // Its cancellation is recorded only after the target's prediction instant.
      appt({
        id: 'a',
        booked: T0 - 60 * D,
        start: T0 - 30 * D,
        status: 'cancelled',
        outcomeAt: new Date(T0 + D),
      }),
      appt({ id: 'b', booked: T0 - 29 * D, start: T0 - 10 * D, status: 'attended' }),
      // Booked the same day as the target, for another day.
      appt({ id: 'c', booked: T0 - 20 * D + H, start: T0 + 3 * D, status: 'scheduled' }),
      appt({ id: 'target', booked: T0 - 20 * D, start: T0, status: 'no_show' }),
      // Booked after the prediction instant: invisible.
      appt({ id: 'late', booked: T0 - 2 * H, start: T0 - H, status: 'no_show' }),
    ];
    const target = history[3] as AppointmentHistoryRecord;
    const [row] = buildFeatures(history, [{ record: target, at: predictionInstant(target) }], TZ);
    expect(row).toMatchObject({
      priorBookings: 2,
      priorCancellations: 0,
      sameBookingDayBookings: 1,
      daysSincePreviousBooking: 9,
    });
    // Recorded before the instant, the same cancellation counts.
    const withOutcome = history.map((r) =>
      r.appointmentId === 'a' ? { ...r, outcomeAt: new Date(T0 - 31 * D) } : r,
    );
    const [row2] = buildFeatures(withOutcome, [{ record: target, at: predictionInstant(target) }], TZ);
    expect(row2?.priorCancellations).toBe(1);
    // One attended outcome against a 30-day-lead prior: lift slightly below 1.
    expect(row?.clinicLift).toBeLessThan(1);
    expect(row?.clinicLift).toBeGreaterThan(0.9);
  });

  it('the classic leak is impossible: a client total over the file does not reach earlier appointments', () => {
    // Three visits of one client, the last two missed. Scored in order, each sees only the past.
    const history = [0, 1, 2].map((k) =>
      appt({
        id: `v${k}`,
        booked: T0 + k * 20 * D - 10 * D,
        start: T0 + k * 20 * D,
        status: k === 0 ? 'attended' : 'no_show',
      }),
    );
    const rows = buildFeatures(
      history,
      history.map((record) => ({ record, at: predictionInstant(record) })),
      TZ,
    );
    expect(rows.map((r) => r.priorNoShows)).toEqual([0, 0, 1]);
    expect(rows.map((r) => r.priorAttended)).toEqual([0, 1, 1]);
  });

  const statusArb = fc.constantFrom<AppointmentStatus>(
    'attended',
    'no_show',
    'late_cancellation',
    'cancelled',
  );
  const recordArb = fc.record({
    client: fc.constantFrom('c1', 'c2'),
    startDay: fc.integer({ min: -40, max: 40 }),
    lead: fc.integer({ min: 0, max: 30 }),
    status: statusArb,
    confirmedOffsetH: fc.option(fc.integer({ min: -200, max: 10 })),
    reminderOffsetH: fc.option(fc.integer({ min: -200, max: 10 })),
  });

  type Generated = {
    client: string;
    startDay: number;
    lead: number;
    status: AppointmentStatus;
    confirmedOffsetH: number | null;
    reminderOffsetH: number | null;
  };

  function fromArb(list: Generated[]): AppointmentHistoryRecord[] {
    return list.map((r, i) => {
      const start = T0 + r.startDay * D;
      return appt({
        id: `r${i}`,
        clientId: r.client,
        start,
        booked: start - r.lead * D - H,
        status: r.status,
        confirmedAt: r.confirmedOffsetH === null ? null : new Date(start + r.confirmedOffsetH * H),
        reminderSentAt: r.reminderOffsetH === null ? null : new Date(start + r.reminderOffsetH * H),
      });
    });
  }

  /** Rewrites every fact that becomes known after `at`: the planted leak. */
  function rewriteFuture(
    history: AppointmentHistoryRecord[],
    at: number,
    targetId: string,
  ): AppointmentHistoryRecord[] {
    const flip = (s: AppointmentStatus): AppointmentStatus => (s === 'no_show' ? 'attended' : 'no_show');
    const out = history.map((r) => {
      const copy = { ...r };
      if (r.appointmentId === targetId || (r.outcomeAt && r.outcomeAt.getTime() > at)) {
        copy.status = flip(r.status);
        copy.outcomeAt = new Date(Math.max(at + 1, r.startsAt.getTime()));
      }
      if (r.appointmentId === targetId) copy.outcomeAt = new Date(at + 1);
      if (r.confirmedAt && r.confirmedAt.getTime() > at) copy.confirmedAt = null;
      else if (!r.confirmedAt) copy.confirmedAt = new Date(at + 60_000);
      if (r.reminderSentAt && r.reminderSentAt.getTime() > at) copy.reminderSentAt = new Date(at + 5 * H);
      if (r.bookedAt.getTime() > at) {
        copy.status = 'no_show';
        copy.outcomeAt = new Date(at + 2 * H);
      }
      return copy;
    });
    // Bookings made after the instant, including ones in the past of the target.
    for (const client of ['c1', 'c2']) {
      out.push(
        appt({
          id: `late-${client}`,
          clientId: client,
          booked: at + H,
          start: at + 2 * H,
          status: 'no_show',
        }),
      );
    }
    return out;
  }

  it('property: rewriting everything known only after the instant leaves every feature unchanged', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { minLength: 1, maxLength: 25 }), fc.nat(), (list, pick) => {
        const history = fromArb(list);
        const target = history[pick % history.length] as AppointmentHistoryRecord;
        const at = predictionInstant(target);
        const before = featuresAt(indexHistory(history, TZ), { record: target, at }, TZ);
        const leaked = rewriteFuture(history, at.getTime(), target.appointmentId);
        const leakedTarget = leaked.find(
          (r) => r.appointmentId === target.appointmentId,
        ) as AppointmentHistoryRecord;
        const after = featuresAt(indexHistory(leaked, TZ), { record: leakedTarget, at }, TZ);
        expect(after).toEqual(before);
      }),
      { numRuns: 300 },
    );
  });

  it('control: changing an outcome known before the instant does change the features', () => {
    const history = [
      appt({ id: 'past', booked: T0 - 30 * D, start: T0 - 20 * D, status: 'attended' }),
      appt({ id: 'target', booked: T0 - 10 * D, start: T0 }),
    ];
    const target = history[1] as AppointmentHistoryRecord;
    const at = predictionInstant(target);
    const a = featuresAt(indexHistory(history, TZ), { record: target, at }, TZ);
    const changed = [{ ...(history[0] as AppointmentHistoryRecord), status: 'no_show' as const }, target];
    const b = featuresAt(indexHistory(changed, TZ), { record: target, at }, TZ);
    expect(b.priorNoShows).toBe(a.priorNoShows + 1);
  });
});

describe('scoring one client with the unit totals instead of the whole history', () => {
  it('gives the same features as the full history at the scoring instant', () => {
    const others = Array.from({ length: 40 }, (_, i) =>
      appt({
        id: `o${i}`,
        clientId: `c${(i % 7) + 2}`,
        clinicId: i % 3 === 0 ? 'u2' : 'u1',
        booked: T0 - (60 + i) * D,
        start: T0 - (20 + i) * D,
        status: i % 4 === 0 ? 'no_show' : 'attended',
      }),
    );
    const own = [
      appt({ id: 'p1', booked: T0 - 90 * D, start: T0 - 70 * D, status: 'no_show' }),
      appt({ id: 'target', booked: T0 - 2 * H, start: T0 + 12 * D, status: 'scheduled' }),
    ];
    const target = own[1] as AppointmentHistoryRecord;
    const at = new Date(T0);
    const full = featuresAt(indexHistory([...others, ...own], TZ), { record: target, at }, TZ);
    // What the agenda's aggregate returns: kept/missed counts by unit and lead days.
    const totals = {
      clinics: new Map<string, { n: number; noShows: number; expected: number }>(),
      all: { n: 0, noShows: 0, expected: 0 },
    };
    for (const r of [...others, ...own].filter((x) => x.status === 'attended' || x.status === 'no_show')) {
      const lead = Math.round((r.startsAt.getTime() - r.bookedAt.getTime()) / D);
      const t = totals.clinics.get(r.clinicId) ?? { n: 0, noShows: 0, expected: 0 };
      for (const sum of [t, totals.all]) {
        sum.n += 1;
        sum.noShows += r.status === 'no_show' ? 1 : 0;
        sum.expected += expectedNoShows(lead, 1);
      }
      totals.clinics.set(r.clinicId, t);
    }
    const slim = featuresAt(withOutcomeTotals(indexHistory(own, TZ), totals), { record: target, at }, TZ);
    expect(slim.clinicNoShowRate).toBeCloseTo(full.clinicNoShowRate, 12);
    expect(slim.clinicLift).toBeCloseTo(full.clinicLift, 12);
    expect(slim).toEqual({ ...full, clinicNoShowRate: slim.clinicNoShowRate, clinicLift: slim.clinicLift });
    // Control: without the totals, one client's records misstate the unit (the test can fail).
    const alone = featuresAt(indexHistory(own, TZ), { record: target, at }, TZ);
    expect(alone.clinicNoShowRate).not.toBeCloseTo(full.clinicNoShowRate, 3);
  });
});

describe('the training pipeline cannot see a planted leak', () => {
  /**
   * Outcomes are coin flips, but every kept appointment is "confirmed" one hour after it starts and
   * every missed one gets a reminder stamped at its outcome: a pipeline that read these fields
   * without their instants would separate the classes perfectly.
   */
  function leakyHistory(leakVisible: boolean): AppointmentHistoryRecord[] {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const out: AppointmentHistoryRecord[] = [];
    for (let i = 0; i < 3000; i++) {
      const start = T0 + Math.floor(i / 20) * D + (i % 10) * H;
      const status = rand() < 0.25 ? 'no_show' : 'attended';
      const stamp = leakVisible ? new Date(start - 30 * H) : new Date(start + H);
      out.push(
        appt({
          id: `p${i}`,
          clientId: `c${i}`,
          booked: start - Math.floor(rand() * 20) * D - 2 * D,
          start,
          status,
          confirmedAt: status === 'attended' ? stamp : null,
          reminderSentAt: status === 'no_show' ? stamp : null,
        }),
      );
    }
    return out;
  }

  function heldOutAuc(history: AppointmentHistoryRecord[]): number {
    const cut = T0 + 120 * D;
    const train = history.filter((r) => r.startsAt.getTime() < cut);
    const test = history.filter((r) => r.startsAt.getTime() >= cut);
    const { model } = trainNoShowModel(train, { timeZone: TZ, method: 'logistic' });
    const targets = labelledTargets(test, model.horizonHours);
    const rows = buildFeatures(history, targets, TZ);
    return auc(
      targets.map((t) => labelOf(t.record)),
      rows.map((r) => scoreRow(model, r)),
    );
  }

  it('stamps after the prediction instant carry no signal', () => {
    expect(heldOutAuc(leakyHistory(false))).toBeLessThan(0.6);
  });

  it('control: the same stamps before the instant are found (the test can fail)', () => {
    expect(heldOutAuc(leakyHistory(true))).toBeGreaterThan(0.95);
  });
});
