import { describe, expect, it } from 'vitest';
import type { FeatureTarget } from './features';
import type { AppointmentHistoryRecord } from './history';
import { HOLDOUT_DAYS, holdoutStart, MIN_HOLDOUT_OUTCOMES, notWorse } from './lifecycle';

const D = 86_400_000;
const T0 = Date.parse('2026-01-05T12:00:00Z');

function targets(days: number, perDay: number): FeatureTarget[] {
  const out: FeatureTarget[] = [];
  for (let d = 0; d < days; d++)
    for (let k = 0; k < perDay; k++) {
      const startsAt = new Date(T0 + d * D);
      out.push({ record: { startsAt } as AppointmentHistoryRecord, at: startsAt });
    }
  return out;
}

describe('promotion rule', () => {
  const incumbent = { auc: 0.74, brier: 0.15, logloss: 0.45, n: 1000 };
  it('promotes a candidate that is as good or slightly different', () => {
    expect(notWorse({ ...incumbent }, incumbent)).toBe(true);
    expect(notWorse({ ...incumbent, brier: 0.1515, auc: 0.735 }, incumbent)).toBe(true);
  });
  it('keeps the promoted version when the candidate is worse on Brier or AUC', () => {
    expect(notWorse({ ...incumbent, brier: 0.153 }, incumbent)).toBe(false);
    expect(notWorse({ ...incumbent, auc: 0.72 }, incumbent)).toBe(false);
  });
});

describe('recent holdout', () => {
  it('holds out the last two weeks when they have enough outcomes', () => {
    const t = targets(90, 20);
    const cut = holdoutStart(t);
    const last = T0 + 89 * D;
    expect(cut?.getTime()).toBe(last - HOLDOUT_DAYS * D);
  });
  it('falls back to the latest 20 % when the last two weeks are too thin, and to none for tiny histories', () => {
    const t = targets(60, 10);
    expect(t.filter((x) => x.record.startsAt.getTime() >= (holdoutStart(t)?.getTime() ?? 0)).length).toBe(
      120,
    );
    expect(holdoutStart(targets(10, (2 * MIN_HOLDOUT_OUTCOMES) / 10 - 1))).toBeNull();
  });
});
