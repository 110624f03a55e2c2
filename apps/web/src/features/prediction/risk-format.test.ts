import type { TRiskFactor } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import {
  factorArrow,
  formatRiskPercent,
  fractionToPercent,
  percentToFraction,
  showsBadgeOnCard,
  topFactors,
} from './risk-format';

const factor = (feature: string, contribution: number): TRiskFactor => ({
  feature,
  contribution,
  direction: contribution >= 0 ? 'raises' : 'lowers',
  text: feature,
});

describe('risk percentage on a badge', () => {
  it('rounds to a whole percent', () => {
    expect(formatRiskPercent(0.42)).toBe('42%');
    expect(formatRiskPercent(0.214)).toBe('21%');
    expect(formatRiskPercent(0.215)).toBe('22%');
  });

  it('never shows 0% for a real risk nor 100% for a probability', () => {
    expect(formatRiskPercent(0.003)).toBe('<1%');
    expect(formatRiskPercent(0.996)).toBe('>99%');
    expect(formatRiskPercent(1)).toBe('>99%');
    expect(formatRiskPercent(0)).toBe('0%');
    expect(formatRiskPercent(Number.NaN)).toBe('0%');
  });

  it('keeps the agenda quiet for low risk', () => {
    expect(showsBadgeOnCard('baixo')).toBe(false);
    expect(showsBadgeOnCard('medio')).toBe(true);
    expect(showsBadgeOnCard('alto')).toBe(true);
  });
});

describe('factors', () => {
  it('lists the strongest first, whether they raise or lower the risk', () => {
    const factors = [
      factor('lead', 0.2),
      factor('history', -0.5),
      factor('hour', 0.05),
      factor('first', 0.3),
    ];
    expect(topFactors(factors, 3).map((f) => f.feature)).toEqual(['history', 'first', 'lead']);
    expect(topFactors(factors, 0)).toEqual([]);
    // The input order is left alone (it is the query cache's array).
    expect(factors[0]?.feature).toBe('lead');
  });

  it('points up when raising and down when lowering', () => {
    expect(factorArrow('raises')).toBe('↑');
    expect(factorArrow('lowers')).toBe('↓');
  });
});

describe('policy thresholds in percent', () => {
  it('converts both ways without floating-point noise', () => {
    expect(fractionToPercent(0.15)).toBe(15);
    expect(fractionToPercent(0.155)).toBe(15.5);
    expect(fractionToPercent(0.1 + 0.2)).toBe(30);
    expect(percentToFraction(15)).toBe(0.15);
    expect(percentToFraction(33)).toBe(0.33);
    expect(percentToFraction(15.5)).toBe(0.155);
  });
});
