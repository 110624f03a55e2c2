import { describe, expect, it } from 'vitest';
import { calibrate, fitIsotonic, fitPlatt, sigmoid } from './calibration';
import { fitGbt, gbtContributions, gbtMargin } from './gbt';
import { fitLogistic, logisticMargin } from './logistic';
import { auc, brier, calibrationCurve, logLoss } from './metrics';

function lcg(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('metrics', () => {
  it('AUC counts ordered pairs, ties as half', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75);
    expect(auc([0, 1], [0.5, 0.5])).toBeCloseTo(0.5);
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
  });
  it('Brier and log loss of known predictions', () => {
    expect(brier([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2);
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2);
  });
  it('calibration curve bins by equal counts', () => {
    const bins = calibrationCurve([0, 0, 1, 1], [0.1, 0.2, 0.7, 0.9], 2);
    expect(bins).toEqual([
      { meanPredicted: expect.closeTo(0.15), observedRate: 0, count: 2 },
      { meanPredicted: expect.closeTo(0.8), observedRate: 1, count: 2 },
    ]);
  });
});

/** y ~ Bernoulli(sigmoid(2x1 - x2 + x1*x2)), with some x2 unknown. */
function synthetic(n: number, seed: number) {
  const r = lcg(seed);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x1 = r() * 2 - 1;
    const x2 = r() * 2 - 1;
    const p = sigmoid(2 * x1 - x2 + 2 * x1 * x2);
    rows.push([x1, r() < 0.1 ? Number.NaN : x2, r()]);
    labels.push(r() < p ? 1 : 0);
  }
  return { rows, labels };
}

describe('logistic regression', () => {
  it('recovers the coefficients of a logistic model', () => {
    const r = lcg(3);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = [r() * 2 - 1, r() * 2 - 1];
      rows.push(x);
      labels.push(r() < sigmoid(-0.5 + 1.5 * (x[0] as number) - 2 * (x[1] as number)) ? 1 : 0);
    }
    const m = fitLogistic(rows, labels, { l2: 0.01 });
    const raw = m.weights.map((w, j) => w / (m.scale[j] as number));
    expect(raw[0]).toBeCloseTo(1.5, 0);
    expect(raw[1]).toBeCloseTo(-2, 0);
    expect(logisticMargin(m, [0, 0])).toBeCloseTo(-0.5, 0);
  });
});

describe('gradient-boosted trees', () => {
  const train = synthetic(6000, 1);
  const test = synthetic(3000, 2);

  it('learns an interaction a linear model cannot, and handles unknown values', () => {
    const gbt = fitGbt(train.rows, train.labels, test, { maxRounds: 300 });
    const lin = fitLogistic(
      train.rows.map((x) => x.map((v) => (Number.isNaN(v) ? 0 : v))),
      train.labels,
    );
    const gbtAuc = auc(
      test.labels,
      test.rows.map((x) => gbtMargin(gbt, x)),
    );
    const linAuc = auc(
      test.labels,
      test.rows.map((x) =>
        logisticMargin(
          lin,
          x.map((v) => (Number.isNaN(v) ? 0 : v)),
        ),
      ),
    );
    expect(gbtAuc).toBeGreaterThan(linAuc + 0.01);
    expect(Number.isFinite(gbtMargin(gbt, [0.5, Number.NaN, 0.5]))).toBe(true);
  });

  it('stops early on the validation set and explains margins exactly', () => {
    const gbt = fitGbt(train.rows, train.labels, test, { maxRounds: 2000, learningRate: 0.3, patience: 10 });
    expect(gbt.trees.length).toBeLessThan(2000);
    const x = test.rows[0] as number[];
    const base = gbt.trees.reduce((s, t) => s + (t[0]?.value ?? 0), gbt.baseMargin);
    const sum = gbtContributions(gbt, x).reduce((s, c) => s + c, base);
    expect(sum).toBeCloseTo(gbtMargin(gbt, x), 9);
    // The noise column gets far less credit than the signal column.
    const total = test.rows.slice(0, 500).map((row) => gbtContributions(gbt, row).map(Math.abs));
    const mean = (j: number) => total.reduce((s, c) => s + (c[j] as number), 0) / total.length;
    expect(mean(0)).toBeGreaterThan(3 * mean(2));
  });
});

describe('calibration', () => {
  // Raw scores that are systematically too confident.
  const r = lcg(5);
  const raw: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 8000; i++) {
    const z = r() * 6 - 3;
    raw.push(sigmoid(2 * z));
    labels.push(r() < sigmoid(z) ? 1 : 0);
  }

  it('Platt and isotonic both lower the Brier score of over-confident scores', () => {
    const before = brier(labels, raw);
    for (const c of [fitPlatt(raw, labels), fitIsotonic(raw, labels)]) {
      const after = brier(
        labels,
        raw.map((p) => calibrate(c, p)),
      );
      expect(after).toBeLessThan(before - 0.005);
    }
  });

  it('Platt finds the halving slope; isotonic is monotone', () => {
    const platt = fitPlatt(raw, labels);
    expect(platt.kind === 'platt' && platt.a).toBeCloseTo(0.5, 1);
    const iso = fitIsotonic(raw, labels);
    const grid = Array.from({ length: 101 }, (_, i) => i / 100);
    const values = grid.map((p) => calibrate(iso, p));
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1] as number);
  });
});
