/** Evaluation metrics for probabilistic binary predictions (labels 1 = no-show). */

/** Area under the ROC curve by the rank-sum formula, ties sharing their mean rank. NaN if one class is absent. */
export function auc(labels: ArrayLike<number>, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => (scores[a] as number) - (scores[b] as number),
  );
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1] as number] === scores[order[i] as number]) j++;
    const meanRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        positives++;
        rankSum += meanRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brier(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) s += ((probs[i] as number) - (labels[i] as number)) ** 2;
  return s / labels.length;
}

const EPS = 1e-15;

export function logLoss(labels: ArrayLike<number>, probs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, probs[i] as number));
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}

export type CalibrationBin = { meanPredicted: number; observedRate: number; count: number };

/** Reliability curve: predictions cut into `bins` equal-count groups. */
export function calibrationCurve(
  labels: ArrayLike<number>,
  probs: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort(
    (a, b) => (probs[a] as number) - (probs[b] as number),
  );
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * order.length) / bins);
    const to = Math.floor(((b + 1) * order.length) / bins);
    if (to <= from) continue;
    let p = 0;
    let y = 0;
    for (let k = from; k < to; k++) {
      p += probs[order[k] as number] as number;
      y += labels[order[k] as number] as number;
    }
    out.push({ meanPredicted: p / (to - from), observedRate: y / (to - from), count: to - from });
  }
  return out;
}
