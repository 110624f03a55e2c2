import { buildFeatures, FEATURE_SCHEMA_VERSION, type FeatureTarget } from './features';
import type { AppointmentHistoryRecord } from './history';
import { auc, brier, type CalibrationBin, calibrationCurve, logLoss } from './metrics';
import {
  labelledTargets,
  labelOf,
  type NoShowModel,
  scoreRow,
  type TrainingOptions,
  type TrainingSummary,
  trainNoShowModel,
} from './model';

/**
 * Model lifecycle, pure part: a candidate is trained on the history before a recent holdout (the last
 * HOLDOUT_DAYS of outcomes), scored on that holdout together with the promoted version, and promoted
 * only if it is not worse there. The stored model is exactly the one that was measured.
 */

export const HOLDOUT_DAYS = 14;
/** Below this many holdout outcomes the comparison is noise: a later share of the window is used instead. */
export const MIN_HOLDOUT_OUTCOMES = 200;
/** "Not worse": Brier at most this much higher and AUC at most this much lower than the promoted version. */
export const PROMOTION_TOLERANCE = { brier: 0.002, auc: 0.01 } as const;

export type MetricSet = { auc: number | null; brier: number; logloss: number; n: number };
export type TrainingDecision = 'promoted' | 'kept_previous' | 'first_version';

export type CandidateResult = {
  model: NoShowModel;
  summary: TrainingSummary;
  holdoutFrom: Date | null;
  holdout: MetricSet | null;
  comparedWith: { version: number; metrics: MetricSet } | null;
  calibration: CalibrationBin[];
  decision: TrainingDecision;
};

const DAY_MS = 86_400_000;

/** Start of the recent holdout, or null when the history is too small to hold any out. */
export function holdoutStart(targets: readonly FeatureTarget[]): Date | null {
  if (targets.length < 2 * MIN_HOLDOUT_OUTCOMES) return null;
  const last = (targets[targets.length - 1] as FeatureTarget).record.startsAt.getTime();
  const byDays = last - HOLDOUT_DAYS * DAY_MS;
  const inDays = targets.filter((t) => t.record.startsAt.getTime() >= byDays).length;
  if (inDays >= MIN_HOLDOUT_OUTCOMES && inDays <= targets.length / 2) return new Date(byDays);
  // Too few (or too many) outcomes in the last days: hold out the latest 20 %.
  return (targets[Math.floor(targets.length * 0.8)] as FeatureTarget).record.startsAt;
}

function metricsOf(labels: number[], probs: number[]): MetricSet {
  const a = auc(labels, probs);
  return {
    auc: Number.isNaN(a) ? null : a,
    brier: brier(labels, probs),
    logloss: logLoss(labels, probs),
    n: labels.length,
  };
}

export function notWorse(candidate: MetricSet, incumbent: MetricSet): boolean {
  if (candidate.brier > incumbent.brier + PROMOTION_TOLERANCE.brier) return false;
  if (
    candidate.auc !== null &&
    incumbent.auc !== null &&
    candidate.auc < incumbent.auc - PROMOTION_TOLERANCE.auc
  )
    return false;
  return true;
}

export function trainCandidate(
  history: readonly AppointmentHistoryRecord[],
  options: TrainingOptions,
  incumbent: { version: number; model: NoShowModel } | null,
): CandidateResult {
  const horizon = options.horizonHours;
  const all = labelledTargets(history, horizon ?? 24);
  const cut = holdoutStart(all);
  const trainHistory = cut ? history.filter((r) => r.startsAt.getTime() < cut.getTime()) : history;
  const { model, summary } = trainNoShowModel(trainHistory, options);
  if (!cut) {
    return {
      model,
      summary,
      holdoutFrom: null,
      holdout: null,
      comparedWith: null,
      calibration: [],
      decision: incumbent ? 'kept_previous' : 'first_version',
    };
  }
  const targets = all.filter((t) => t.record.startsAt.getTime() >= cut.getTime());
  const rows = buildFeatures(history, targets, model.timeZone);
  const labels = targets.map((t) => labelOf(t.record));
  const probs = rows.map((r) => scoreRow(model, r));
  const holdout = metricsOf(labels, probs);
  let comparedWith: CandidateResult['comparedWith'] = null;
  let decision: TrainingDecision = 'first_version';
  // A promoted version of another feature schema cannot read today's rows: the candidate replaces it.
  if (incumbent && incumbent.model.featureSchemaVersion === FEATURE_SCHEMA_VERSION) {
    const incumbentRows =
      incumbent.model.timeZone === model.timeZone
        ? rows
        : buildFeatures(history, targets, incumbent.model.timeZone);
    const metrics = metricsOf(
      labels,
      incumbentRows.map((r) => scoreRow(incumbent.model, r)),
    );
    comparedWith = { version: incumbent.version, metrics };
    decision = notWorse(holdout, metrics) ? 'promoted' : 'kept_previous';
  } else if (incumbent) decision = 'promoted';
  return {
    model,
    summary,
    holdoutFrom: cut,
    holdout,
    comparedWith,
    calibration: calibrationCurve(labels, probs, 10),
    decision,
  };
}
