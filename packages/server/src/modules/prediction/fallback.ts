import type { FeatureRow } from './features';
import { LEAD_TIME_BANDS, type LeadTimeBand, leadTimeBand, PRIOR_BAND_RATES } from './lead-time';

/**
 * The fallback when a clinic's history is too small to learn from: the no-show rate by lead-time
 * band, shrunk towards prior rates. Priors are the band rates of the public Vitória-ES data set
 * (train.csv, 59,267 appointments, 2016): same-day bookings are almost always kept, longer leads
 * are missed far more often.
 */

export { LEAD_TIME_BANDS, type LeadTimeBand, leadTimeBand, PRIOR_BAND_RATES } from './lead-time';

/** Pseudo-appointments of prior weight per band. */
const PRIOR_WEIGHT = 30;

/**
 * A clinic needs at least this many labelled outcomes (kept or missed appointments) and this many
 * no-shows in its training window before a learned model is trained; below, base rates are used.
 */
export const MIN_TRAINING_OUTCOMES = 1_000;
export const MIN_TRAINING_NO_SHOWS = 100;

export type BaseRates = {
  kind: 'base_rates';
  rates: Record<LeadTimeBand, number>;
  counts: Record<LeadTimeBand, number>;
};

export function fitBaseRates(rows: readonly FeatureRow[], labels: ArrayLike<number>): BaseRates {
  const n: Record<string, number> = {};
  const k: Record<string, number> = {};
  rows.forEach((r, i) => {
    const band = leadTimeBand(r.leadDays);
    n[band] = (n[band] ?? 0) + 1;
    k[band] = (k[band] ?? 0) + (labels[i] as number);
  });
  const rates = {} as Record<LeadTimeBand, number>;
  const counts = {} as Record<LeadTimeBand, number>;
  for (const b of LEAD_TIME_BANDS) {
    const count = n[b.id] ?? 0;
    counts[b.id] = count;
    rates[b.id] = ((k[b.id] ?? 0) + PRIOR_BAND_RATES[b.id] * PRIOR_WEIGHT) / (count + PRIOR_WEIGHT);
  }
  return { kind: 'base_rates', rates, counts };
}

export function baseRate(m: BaseRates, row: FeatureRow): number {
  return m.rates[leadTimeBand(row.leadDays)];
}

export function hasEnoughHistory(labels: ArrayLike<number>): boolean {
  let noShows = 0;
  for (let i = 0; i < labels.length; i++) noShows += labels[i] as number;
  return labels.length >= MIN_TRAINING_OUTCOMES && noShows >= MIN_TRAINING_NO_SHOWS;
}
