/**
 * Lead-time bands and their prior no-show rates (the public Vitória-ES data set). Kept apart from
 * fallback.ts so the feature builder can use them without a dependency cycle.
 */
export const LEAD_TIME_BANDS = [
  { id: 'same_day', from: 0, to: 0 },
  { id: 'd1_2', from: 1, to: 2 },
  { id: 'd3_7', from: 3, to: 7 },
  { id: 'd8_14', from: 8, to: 14 },
  { id: 'd15_30', from: 15, to: 30 },
  { id: 'd31_plus', from: 31, to: Number.POSITIVE_INFINITY },
] as const;
export type LeadTimeBand = (typeof LEAD_TIME_BANDS)[number]['id'];

/** Band rates measured on shared/data/noshow/train.csv (see docs/noshow.md). */
export const PRIOR_BAND_RATES: Record<LeadTimeBand, number> = {
  same_day: 0.047,
  d1_2: 0.19,
  d3_7: 0.24,
  d8_14: 0.3,
  d15_30: 0.32,
  d31_plus: 0.33,
};

export function leadTimeBand(leadDays: number): LeadTimeBand {
  for (const b of LEAD_TIME_BANDS) if (leadDays >= b.from && leadDays <= b.to) return b.id;
  return 'd31_plus';
}
