import type { TRiskBand, TRiskFactor } from '@clinia/contracts';

/**
 * Pure formatting of no-show risk for the screens: the percentage a receptionist reads on a badge, the
 * factors worth showing, and whether a band earns a badge on a busy agenda at all.
 */

/** "42%", "<1%" for a tiny but non-zero risk, ">99%" near certainty: never a misleading 0% or 100%. */
export function formatRiskPercent(score: number): string {
  if (!Number.isFinite(score) || score <= 0) {
    return '0%';
  }
  if (score >= 1) {
    return '>99%';
  }
  const rounded = Math.round(score * 100);
  if (rounded < 1) {
    return '<1%';
  }
  if (rounded > 99) {
    return '>99%';
  }
  return `${rounded}%`;
}

/**
 * Bands that get a badge on an agenda card. Low risk is most of a day: a badge on every card would turn
 * the signal into noise, so 'baixo' shows only in the appointment drawer.
 */
export function showsBadgeOnCard(band: TRiskBand): boolean {
  return band !== 'baixo';
}

/** The factors that explain most of the score, strongest first (by absolute contribution). */
export function topFactors(factors: readonly TRiskFactor[], limit: number): TRiskFactor[] {
  return [...factors]
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
    .slice(0, Math.max(0, limit));
}

/** ↑ for a factor that raises the risk, ↓ for one that lowers it. */
export function factorArrow(direction: TRiskFactor['direction']): '↑' | '↓' {
  return direction === 'raises' ? '↑' : '↓';
}

/** 0.15 → 15 (whole percent, as typed in the policy form); guards against 0.1 + 0.2 style noise. */
export function fractionToPercent(fraction: number): number {
  return Math.round(fraction * 10_000) / 100;
}

/** 15 → 0.15, exact to four decimals (a band threshold of 15,5% stays 0.155). */
export function percentToFraction(percent: number): number {
  return Math.round(percent * 100) / 10_000;
}
