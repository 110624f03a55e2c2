/**
 * Probability calibration fitted on a held-out part of the training window: Platt scaling (a
 * logistic curve on the raw score's logit) or isotonic regression (pool-adjacent-violators).
 */

export type Calibrator =
  | { kind: 'platt'; a: number; b: number }
  | { kind: 'isotonic'; thresholds: number[]; values: number[] }
  | { kind: 'none' };

const EPS = 1e-6;

function logit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * Platt scaling by Newton's method on the log loss, with Platt's target smoothing
 * ((N+ + 1)/(N+ + 2), 1/(N- + 2)) so a separable calibration set cannot push the curve to 0/1.
 */
export function fitPlatt(raw: ArrayLike<number>, labels: ArrayLike<number>): Calibrator {
  const n = labels.length;
  let pos = 0;
  for (let i = 0; i < n; i++) pos += labels[i] as number;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (n - pos + 2);
  const x = Array.from({ length: n }, (_, i) => logit(raw[i] as number));
  const t = Array.from({ length: n }, (_, i) => (labels[i] === 1 ? hi : lo));
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const p = sigmoid(a * xi + b);
      const r = p - (t[i] as number);
      const w = p * (1 - p);
      ga += r * xi;
      gb += r;
      haa += w * xi * xi;
      hab += w * xi;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return { kind: 'platt', a, b };
}

/** Isotonic regression (non-decreasing step function of the raw score). */
export function fitIsotonic(raw: ArrayLike<number>, labels: ArrayLike<number>): Calibrator {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (p, q) => (raw[p] as number) - (raw[q] as number),
  );
  const blocks: { sum: number; count: number; maxX: number }[] = [];
  for (const i of order) {
    blocks.push({ sum: labels[i] as number, count: 1, maxX: raw[i] as number });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1] as (typeof blocks)[number];
      const prev = blocks[blocks.length - 2] as (typeof blocks)[number];
      const sameX = prev.maxX === last.maxX;
      if (!sameX && prev.sum / prev.count <= last.sum / last.count) break;
      prev.sum += last.sum;
      prev.count += last.count;
      prev.maxX = last.maxX;
      blocks.pop();
    }
  }
  // Keep probabilities off exact 0 and 1: a log loss of infinity helps nobody.
  const clamp = (v: number) => Math.min(1 - 1e-3, Math.max(1e-3, v));
  return {
    kind: 'isotonic',
    thresholds: blocks.map((b) => b.maxX),
    values: blocks.map((b) => clamp(b.sum / b.count)),
  };
}

export function calibrate(c: Calibrator, raw: number): number {
  if (c.kind === 'none') return raw;
  if (c.kind === 'platt') return sigmoid(c.a * logit(raw) + c.b);
  const { thresholds, values } = c;
  if (thresholds.length === 0) return raw;
  let lo = 0;
  let hi = thresholds.length - 1;
  if (raw >= (thresholds[hi] as number)) return values[hi] as number;
  // First block whose upper end reaches raw; interpolate linearly between block ends.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((thresholds[mid] as number) < raw) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return values[0] as number;
  const x0 = thresholds[lo - 1] as number;
  const x1 = thresholds[lo] as number;
  const y0 = values[lo - 1] as number;
  const y1 = values[lo] as number;
  return x1 === x0 ? y1 : y0 + ((raw - x0) / (x1 - x0)) * (y1 - y0);
}
