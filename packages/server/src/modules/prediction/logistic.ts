import { sigmoid } from './calibration';

/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS) on standardised columns.
 * The basis is small (tens of columns), so each step solves the full Hessian by Cholesky.
 */
export type LogisticModel = {
  kind: 'logistic';
  mean: number[];
  scale: number[];
  weights: number[];
  intercept: number;
};

export type LogisticOptions = { l2?: number; maxIterations?: number };

function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) {
        if (s <= 0) throw new RangeError('matrix is not positive definite');
        l[i * d + i] = Math.sqrt(s);
      } else l[i * d + j] = s / (l[j * d + j] as number);
    }
  }
  return l;
}

function solveCholesky(l: Float64Array, d: number, rhs: Float64Array): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = rhs[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * d + k] as number) * (y[k] as number);
    y[i] = s / (l[i * d + i] as number);
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < d; k++) s -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = s / (l[i * d + i] as number);
  }
  return x;
}

export function fitLogistic(
  rows: readonly number[][],
  labels: ArrayLike<number>,
  options: LogisticOptions = {},
): LogisticModel {
  const l2 = options.l2 ?? 1;
  const maxIterations = options.maxIterations ?? 50;
  const n = rows.length;
  const p = rows[0]?.length ?? 0;
  const mean = new Array<number>(p).fill(0);
  const scale = new Array<number>(p).fill(1);
  for (const r of rows) for (let j = 0; j < p; j++) mean[j] = (mean[j] as number) + (r[j] as number) / n;
  for (let j = 0; j < p; j++) {
    let v = 0;
    for (const r of rows) v += ((r[j] as number) - (mean[j] as number)) ** 2;
    const sd = Math.sqrt(v / n);
    scale[j] = sd > 1e-9 ? sd : 1;
  }
  // Standardised design with a leading intercept column.
  const d = p + 1;
  const x = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const r = rows[i] as number[];
    x[i * d] = 1;
    for (let j = 0; j < p; j++)
      x[i * d + j + 1] = ((r[j] as number) - (mean[j] as number)) / (scale[j] as number);
  }
  const w = new Float64Array(d);
  let previousLoss = Number.POSITIVE_INFINITY;
  for (let iter = 0; iter < maxIterations; iter++) {
    const grad = new Float64Array(d);
    const hess = new Float64Array(d * d);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += (w[j] as number) * (x[i * d + j] as number);
      const pr = sigmoid(z);
      const y = labels[i] as number;
      loss -= y === 1 ? Math.log(Math.max(pr, 1e-15)) : Math.log(Math.max(1 - pr, 1e-15));
      const r = pr - y;
      const h = pr * (1 - pr);
      for (let j = 0; j < d; j++) {
        const xij = x[i * d + j] as number;
        if (xij === 0) continue;
        grad[j] = (grad[j] as number) + r * xij;
        const hx = h * xij;
        for (let k = 0; k <= j; k++)
          hess[j * d + k] = (hess[j * d + k] as number) + hx * (x[i * d + k] as number);
      }
    }
    for (let j = 1; j < d; j++) {
      loss += 0.5 * l2 * (w[j] as number) ** 2;
      grad[j] = (grad[j] as number) + l2 * (w[j] as number);
      hess[j * d + j] = (hess[j * d + j] as number) + l2;
    }
    hess[0] = (hess[0] as number) + 1e-9;
    for (let j = 0; j < d; j++) for (let k = j + 1; k < d; k++) hess[j * d + k] = hess[k * d + j] as number;
    const step = solveCholesky(cholesky(hess, d), d, grad);
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - (step[j] as number);
    if (Math.abs(previousLoss - loss) < 1e-9 * n) break;
    previousLoss = loss;
  }
  return { kind: 'logistic', mean, scale, weights: Array.from(w.subarray(1)), intercept: w[0] as number };
}

/** Per-column contributions to the logit (relative to an average row) plus the intercept. */
export function logisticTerms(m: LogisticModel, row: readonly number[]): number[] {
  return m.weights.map(
    (wj, j) => (wj * ((row[j] as number) - (m.mean[j] as number))) / (m.scale[j] as number),
  );
}

export function logisticMargin(m: LogisticModel, row: readonly number[]): number {
  let z = m.intercept;
  for (let j = 0; j < m.weights.length; j++) {
    z += ((m.weights[j] as number) * ((row[j] as number) - (m.mean[j] as number))) / (m.scale[j] as number);
  }
  return z;
}
