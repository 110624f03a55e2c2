import type { FeatureRow } from './features';

/**
 * Turns feature rows into numeric columns. Trees get one column per feature (NaN = unknown,
 * categories as codes of a vocabulary fitted on the training rows); the linear model gets a
 * basis of bands and indicators, so it can bend where the no-show rate does (lead time, age).
 */

export type Vocabulary = { treatmentCategory: string[]; channel: string[] };

/** A category needs this many training rows to get its own code; rarer ones share "other". */
const MIN_CATEGORY_ROWS = 20;

export function fitVocabulary(rows: readonly FeatureRow[]): Vocabulary {
  const count = (key: 'treatmentCategory' | 'channel') => {
    const m = new Map<string, number>();
    for (const r of rows) {
      const v = r[key];
      if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
    }
    return [...m.entries()]
      .filter(([, n]) => n >= MIN_CATEGORY_ROWS)
      .map(([v]) => v)
      .sort();
  };
  return { treatmentCategory: count('treatmentCategory'), channel: count('channel') };
}

function code(vocab: string[], v: string | null): number {
  if (v === null) return Number.NaN;
  const i = vocab.indexOf(v);
  return i === -1 ? vocab.length : i;
}

const n = (v: number | null) => (v === null ? Number.NaN : v);
const b = (v: boolean) => (v ? 1 : 0);

/** Tree columns, in order; each name is also a FeatureRow key, which explanations rely on. */
export const TREE_COLUMNS = [
  'leadDays',
  'weekday',
  'hour',
  'bookingHour',
  'priorAttended',
  'priorNoShows',
  'priorLateCancellations',
  'recentNoShows',
  'recentOutcomes',
  'daysSinceLastVisit',
  'age',
  'isFirstVisit',
  'treatmentCategory',
  'priceCents',
  'channel',
  'reminderSent',
  'confirmationRequested',
  'confirmed',
  'pendingBookings',
  'sameDayBookings',
  'clinicNoShowRate',
  'clinicLift',
  'priorBookings',
  'priorCancellations',
  'sameBookingDayBookings',
  'daysSincePreviousBooking',
] as const satisfies readonly (keyof FeatureRow)[];

export type FeatureName = (typeof TREE_COLUMNS)[number];

export function encodeTree(r: FeatureRow, v: Vocabulary): number[] {
  return [
    r.leadDays,
    r.weekday,
    n(r.hour),
    r.bookingHour,
    r.priorAttended,
    r.priorNoShows,
    r.priorLateCancellations,
    r.recentNoShows,
    r.recentOutcomes,
    n(r.daysSinceLastVisit),
    n(r.age),
    b(r.isFirstVisit),
    code(v.treatmentCategory, r.treatmentCategory),
    n(r.priceCents),
    code(v.channel, r.channel),
    b(r.reminderSent),
    b(r.confirmationRequested),
    b(r.confirmed),
    r.pendingBookings,
    r.sameDayBookings,
    r.clinicNoShowRate,
    r.clinicLift,
    r.priorBookings,
    r.priorCancellations,
    r.sameBookingDayBookings,
    n(r.daysSincePreviousBooking),
  ];
}

const LEAD_BANDS = [0, 1, 2, 4, 8, 15, 31, 61] as const;
const AGE_BANDS = [0, 6, 13, 18, 26, 36, 51, 66] as const;
const HOUR_BANDS = [0, 9, 12, 14, 17, 19] as const;

function band(value: number, edges: readonly number[]): number {
  let k = 0;
  for (let i = 0; i < edges.length; i++) if (value >= (edges[i] as number)) k = i;
  return k;
}

function oneHot(out: number[], names: string[], prefix: string, size: number, k: number | null): void {
  // The first level is the reference (dropped) so the basis is not collinear with the intercept.
  for (let i = 1; i < size; i++) {
    out.push(k === i ? 1 : 0);
    names.push(`${prefix}=${i}`);
  }
}

/** Basis for the linear model; `names` returns the column names (for tests and inspection). */
export function encodeLinear(r: FeatureRow, v: Vocabulary, names: string[] = []): number[] {
  const out: number[] = [];
  const push = (name: string, x: number) => {
    out.push(x);
    names.push(name);
  };
  push('log1pLead', Math.log1p(r.leadDays));
  oneHot(out, names, 'leadBand', LEAD_BANDS.length, band(r.leadDays, LEAD_BANDS));
  oneHot(out, names, 'weekday', 7, r.weekday);
  push('hourUnknown', r.hour === null ? 1 : 0);
  oneHot(out, names, 'hourBand', HOUR_BANDS.length, r.hour === null ? null : band(r.hour, HOUR_BANDS));
  oneHot(out, names, 'bookingHourBand', HOUR_BANDS.length, band(r.bookingHour, HOUR_BANDS));
  push('log1pPriorAttended', Math.log1p(r.priorAttended));
  push('log1pPriorNoShows', Math.log1p(r.priorNoShows));
  push('anyPriorNoShow', r.priorNoShows > 0 ? 1 : 0);
  push('log1pPriorLateCancellations', Math.log1p(r.priorLateCancellations));
  push('recentNoShowShare', r.recentOutcomes === 0 ? 0 : r.recentNoShows / r.recentOutcomes);
  push('noHistory', r.recentOutcomes === 0 ? 1 : 0);
  push('daysSinceLastVisitUnknown', r.daysSinceLastVisit === null ? 1 : 0);
  push(
    'log1pDaysSinceLastVisit',
    r.daysSinceLastVisit === null ? 0 : Math.log1p(Math.max(0, r.daysSinceLastVisit)),
  );
  push('ageUnknown', r.age === null ? 1 : 0);
  oneHot(out, names, 'ageBand', AGE_BANDS.length, r.age === null ? null : band(r.age, AGE_BANDS));
  push('isFirstVisit', b(r.isFirstVisit));
  const cat = code(v.treatmentCategory, r.treatmentCategory);
  for (let i = 0; i <= v.treatmentCategory.length; i++) push(`category=${i}`, cat === i ? 1 : 0);
  push('priceUnknown', r.priceCents === null ? 1 : 0);
  push('log1pPrice', r.priceCents === null ? 0 : Math.log1p(r.priceCents / 100));
  const ch = code(v.channel, r.channel);
  for (let i = 0; i <= v.channel.length; i++) push(`channel=${i}`, ch === i ? 1 : 0);
  push('reminderSent', b(r.reminderSent));
  push('confirmationRequested', b(r.confirmationRequested));
  push('confirmed', b(r.confirmed));
  push('log1pPendingBookings', Math.log1p(r.pendingBookings));
  push('sameDayBookings', Math.min(3, r.sameDayBookings));
  const rate = Math.min(0.999, Math.max(0.001, r.clinicNoShowRate));
  push('clinicRateLogit', Math.log(rate / (1 - rate)));
  push('logClinicLift', Math.log(r.clinicLift));
  push('log1pPriorBookings', Math.log1p(r.priorBookings));
  push('anyPriorCancellation', r.priorCancellations > 0 ? 1 : 0);
  push('sameBookingDayBookings', Math.min(3, r.sameBookingDayBookings));
  push('previousBookingUnknown', r.daysSincePreviousBooking === null ? 1 : 0);
  push(
    'log1pDaysSincePreviousBooking',
    r.daysSincePreviousBooking === null ? 0 : Math.log1p(Math.max(0, r.daysSincePreviousBooking)),
  );
  return out;
}
