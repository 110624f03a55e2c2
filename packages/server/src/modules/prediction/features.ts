import { type AppointmentHistoryRecord, type KnownRecord, knownAt } from './history';
import { leadTimeBand, PRIOR_BAND_RATES } from './lead-time';
import { ageOn, localParts } from './local-time';

/**
 * Features of one appointment at its prediction instant. Everything here is computed from
 * `knownAt(record, at)` projections of the history: outcomes, cancellations, confirmations and
 * reminders after `at`, and bookings made after `at`, cannot reach a feature. The appointment's own
 * status is never read.
 *
 * Bump FEATURE_SCHEMA_VERSION whenever a feature is added, removed or changes meaning: stored
 * models record the version they were trained with and are not used with another one.
 */
export const FEATURE_SCHEMA_VERSION = 2;

export type FeatureRow = {
  /** Calendar days between booking and appointment, in the clinic's zone. */
  leadDays: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Local hour of the start, null when the record has no time of day. */
  hour: number | null;
  bookingHour: number;
  priorAttended: number;
  priorNoShows: number;
  priorLateCancellations: number;
  /** No-shows among the (up to) three most recent known outcomes. */
  recentNoShows: number;
  recentOutcomes: number;
  daysSinceLastVisit: number | null;
  age: number | null;
  isFirstVisit: boolean;
  treatmentCategory: string | null;
  priceCents: number | null;
  channel: string | null;
  reminderSent: boolean;
  confirmationRequested: boolean;
  confirmed: boolean;
  /** Other bookings of the client not yet due at the prediction instant. */
  pendingBookings: number;
  /** Other bookings of the client on the same local day. */
  sameDayBookings: number;
  /** Smoothed no-show rate of the unit from outcomes known at the prediction instant. */
  clinicNoShowRate: number;
  /**
   * The unit's known no-shows over the no-shows its lead-time mix would predict (smoothed, 1 = as
   * expected): separates "this unit misses more" from "this unit books further ahead".
   */
  clinicLift: number;
  /** Known earlier appointments of the client (any status), i.e. this booking's place in the sequence. */
  priorBookings: number;
  /** Known cancellations (in time) of the client. */
  priorCancellations: number;
  /** Other bookings of the client made on the same local day as this one. */
  sameBookingDayBookings: number;
  /** Days since the client's previous booking was made, null for the first one known. */
  daysSincePreviousBooking: number | null;
};

export type FeatureTarget = { record: AppointmentHistoryRecord; at: Date };

/** Outcome events by time with running sums; `cumCount` when one point stands for many outcomes. */
type ClinicTimeline = { times: number[]; cumNoShows: number[]; cumExpected: number[]; cumCount?: number[] };

export type HistoryIndex = {
  byClient: Map<string, AppointmentHistoryRecord[]>;
  clinics: Map<string, ClinicTimeline>;
  all: ClinicTimeline;
};

/** Smoothing weight of the unit rate towards the overall rate (pseudo-appointments). */
const CLINIC_RATE_PRIOR_WEIGHT = 50;
/** Overall rate used before any outcome is known. */
const DEFAULT_NO_SHOW_RATE = 0.2;

/** Pseudo no-shows of prior weight of the unit lift. */
const CLINIC_LIFT_PRIOR = 20;

function leadDaysOf(r: Pick<AppointmentHistoryRecord, 'bookedAt' | 'startsAt'>, timeZone: string): number {
  return Math.max(0, localParts(r.startsAt, timeZone).day - localParts(r.bookedAt, timeZone).day);
}

function timeline(records: AppointmentHistoryRecord[], timeZone: string): ClinicTimeline {
  const events = records
    .filter((r) => r.outcomeAt !== null && (r.status === 'attended' || r.status === 'no_show'))
    .map((r) => ({
      t: (r.outcomeAt as Date).getTime(),
      noShow: r.status === 'no_show' ? 1 : 0,
      expected: PRIOR_BAND_RATES[leadTimeBand(leadDaysOf(r, timeZone))],
    }))
    .sort((a, b) => a.t - b.t);
  const times: number[] = [];
  const cumNoShows: number[] = [];
  const cumExpected: number[] = [];
  let sum = 0;
  let expected = 0;
  for (const e of events) {
    sum += e.noShow;
    expected += e.expected;
    times.push(e.t);
    cumNoShows.push(sum);
    cumExpected.push(expected);
  }
  return { times, cumNoShows, cumExpected };
}

/** Number of events at or before t, their no-shows and the no-shows their lead times predict. */
function countUpTo(tl: ClinicTimeline, t: number): { n: number; noShows: number; expected: number } {
  let lo = 0;
  let hi = tl.times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tl.times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return {
    n: lo === 0 ? 0 : tl.cumCount ? (tl.cumCount[lo - 1] as number) : lo,
    noShows: lo === 0 ? 0 : (tl.cumNoShows[lo - 1] as number),
    expected: lo === 0 ? 0 : (tl.cumExpected[lo - 1] as number),
  };
}

export function indexHistory(history: readonly AppointmentHistoryRecord[], timeZone: string): HistoryIndex {
  const byClient = new Map<string, AppointmentHistoryRecord[]>();
  const byClinic = new Map<string, AppointmentHistoryRecord[]>();
  for (const r of history) {
    let c = byClient.get(r.clientId);
    if (!c) {
      c = [];
      byClient.set(r.clientId, c);
    }
    c.push(r);
    let u = byClinic.get(r.clinicId);
    if (!u) {
      u = [];
      byClinic.set(r.clinicId, u);
    }
    u.push(r);
  }
  for (const list of byClient.values()) list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const clinics = new Map<string, ClinicTimeline>();
  for (const [id, list] of byClinic) clinics.set(id, timeline(list, timeZone));
  return { byClient, clinics, all: timeline([...history], timeZone) };
}

/** Outcomes (kept or missed appointments) known so far, with the no-shows their lead times predict. */
export type OutcomeTotals = { n: number; noShows: number; expected: number };

/**
 * The index with its unit and overall timelines replaced by totals known now: scoring one client's
 * booking reads only that client's records plus these totals (one aggregate), not the clinic's history.
 * Only valid for prediction instants at or after the totals were taken (the scoring instant is now).
 */
export function withOutcomeTotals(
  index: HistoryIndex,
  totals: { clinics: ReadonlyMap<string, OutcomeTotals>; all: OutcomeTotals },
): HistoryIndex {
  const point = (t: OutcomeTotals): ClinicTimeline =>
    t.n === 0
      ? { times: [], cumNoShows: [], cumExpected: [] }
      : {
          times: [Number.NEGATIVE_INFINITY],
          cumNoShows: [t.noShows],
          cumExpected: [t.expected],
          cumCount: [t.n],
        };
  const clinics = new Map<string, ClinicTimeline>();
  for (const [id, t] of totals.clinics) clinics.set(id, point(t));
  return { byClient: index.byClient, clinics, all: point(totals.all) };
}

/** Expected no-shows of `count` outcomes booked `leadDays` ahead, under the prior band rates. */
export function expectedNoShows(leadDays: number, count: number): number {
  return PRIOR_BAND_RATES[leadTimeBand(leadDays)] * count;
}

/** Features of `target.record` as they could be computed at `target.at`. */
export function featuresAt(index: HistoryIndex, target: FeatureTarget, timeZone: string): FeatureRow {
  const at = target.at.getTime();
  const self = knownAt(target.record, target.at);
  if (!self) throw new RangeError('prediction instant precedes the booking');
  const start = localParts(self.startsAt, timeZone);
  const booked = localParts(self.bookedAt, timeZone);

  const known: KnownRecord[] = [];
  for (const other of index.byClient.get(self.clientId) ?? []) {
    if (other.appointmentId === self.appointmentId) continue;
    const k = knownAt(other, target.at);
    if (k) known.push(k);
  }
  let priorAttended = 0;
  let priorNoShows = 0;
  let priorLateCancellations = 0;
  let lastVisitDay: number | null = null;
  let pendingBookings = 0;
  let sameDayBookings = 0;
  let priorBookings = 0;
  let priorCancellations = 0;
  let sameBookingDayBookings = 0;
  let previousBookingDay: number | null = null;
  const outcomes: { t: number; noShow: boolean }[] = [];
  for (const k of known) {
    if (k.startsAt.getTime() < self.startsAt.getTime()) priorBookings += 1;
    if (k.status === 'cancelled') priorCancellations += 1;
    const bookedDay = localParts(k.bookedAt, timeZone).day;
    if (bookedDay === booked.day) sameBookingDayBookings += 1;
    if (
      k.bookedAt.getTime() <= self.bookedAt.getTime() &&
      (previousBookingDay === null || bookedDay > previousBookingDay)
    )
      previousBookingDay = bookedDay;
    if (k.status === 'attended') {
      priorAttended += 1;
      const day = localParts(k.startsAt, timeZone).day;
      if (lastVisitDay === null || day > lastVisitDay) lastVisitDay = day;
      outcomes.push({ t: k.startsAt.getTime(), noShow: false });
    } else if (k.status === 'no_show') {
      priorNoShows += 1;
      outcomes.push({ t: k.startsAt.getTime(), noShow: true });
    } else if (k.status === 'late_cancellation') {
      priorLateCancellations += 1;
    } else if (k.status === 'scheduled') {
      if (k.startsAt.getTime() >= at) pendingBookings += 1;
      if (localParts(k.startsAt, timeZone).day === start.day) sameDayBookings += 1;
    }
  }
  outcomes.sort((a, b) => b.t - a.t);
  const recent = outcomes.slice(0, 3);

  const clinicTl = index.clinics.get(self.clinicId);
  const overall = countUpTo(index.all, at);
  const overallRate =
    overall.n > 0
      ? (overall.noShows + DEFAULT_NO_SHOW_RATE * CLINIC_RATE_PRIOR_WEIGHT) /
        (overall.n + CLINIC_RATE_PRIOR_WEIGHT)
      : DEFAULT_NO_SHOW_RATE;
  const unit = clinicTl ? countUpTo(clinicTl, at) : { n: 0, noShows: 0, expected: 0 };
  const clinicNoShowRate =
    (unit.noShows + overallRate * CLINIC_RATE_PRIOR_WEIGHT) / (unit.n + CLINIC_RATE_PRIOR_WEIGHT);

  return {
    leadDays: Math.max(0, start.day - booked.day),
    weekday: start.weekday,
    hour: self.hasTimeOfDay ? start.hour : null,
    bookingHour: booked.hour,
    priorAttended,
    priorNoShows,
    priorLateCancellations,
    recentNoShows: recent.filter((o) => o.noShow).length,
    recentOutcomes: recent.length,
    daysSinceLastVisit: lastVisitDay === null ? null : start.day - lastVisitDay,
    age: ageOn(self.clientBirthDate, start.day),
    isFirstVisit: priorAttended === 0,
    treatmentCategory: self.treatmentCategory,
    priceCents: self.priceCents,
    channel: self.channel,
    reminderSent: self.reminderSent,
    confirmationRequested: self.confirmationRequested,
    confirmed: self.confirmed,
    pendingBookings,
    sameDayBookings,
    clinicNoShowRate,
    clinicLift: (unit.noShows + CLINIC_LIFT_PRIOR) / (unit.expected + CLINIC_LIFT_PRIOR),
    priorBookings,
    priorCancellations,
    sameBookingDayBookings,
    daysSincePreviousBooking: previousBookingDay === null ? null : booked.day - previousBookingDay,
  };
}

/** Features of many targets against one history (index built once). */
export function buildFeatures(
  history: readonly AppointmentHistoryRecord[],
  targets: readonly FeatureTarget[],
  timeZone: string,
): FeatureRow[] {
  const index = indexHistory(history, timeZone);
  return targets.map((t) => featuresAt(index, t, timeZone));
}
