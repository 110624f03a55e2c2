import { type Calibrator, calibrate, fitIsotonic, fitPlatt, sigmoid } from './calibration';
import { encodeLinear, encodeTree, fitVocabulary, type Vocabulary } from './encoding';
import { type BaseRates, baseRate, fitBaseRates, hasEnoughHistory } from './fallback';
import { buildFeatures, FEATURE_SCHEMA_VERSION, type FeatureRow, type FeatureTarget } from './features';
import { fitGbt, type GbtModel, type GbtOptions, gbtMargin } from './gbt';
import {
  type AppointmentHistoryRecord,
  DEFAULT_PREDICTION_HORIZON_HOURS,
  isLabelled,
  predictionInstant,
} from './history';
import { fitLogistic, type LogisticModel, logisticMargin } from './logistic';
import { auc, brier, logLoss } from './metrics';

/**
 * The no-show model end to end: labelled history → features at each appointment's prediction
 * instant → learner fitted on the earlier part of the training window → calibrator fitted on the
 * later part → one serialisable object. Training and scoring in the product and in the evaluation
 * command both go through here.
 */

export type LearningMethod = 'gbt' | 'logistic';
export type CalibrationMethod = 'platt' | 'isotonic';

export type NoShowModel = {
  featureSchemaVersion: number;
  timeZone: string;
  horizonHours: number;
  vocabulary: Vocabulary;
  learner: GbtModel | LogisticModel | BaseRates;
  calibrator: Calibrator;
  /** Always fitted: explanations and small clinics use it. */
  baseRates: BaseRates;
};

export type TrainingOptions = {
  timeZone: string;
  method?: LearningMethod;
  calibration?: CalibrationMethod;
  /** Share of the (date-ordered) training window held out for calibration and early stopping. */
  calibrationShare?: number;
  horizonHours?: number;
  gbt?: GbtOptions;
  logisticL2?: number;
  onProgress?: (fraction: number, phase: 'features' | 'fitting' | 'calibrating') => void;
};

export type TrainingSummary = {
  method: LearningMethod | 'base_rates';
  calibration: CalibrationMethod | 'none';
  nFit: number;
  nCalibration: number;
  windowFrom: Date | null;
  windowTo: Date | null;
  /** Metrics on the calibration part after calibration (in-window, not a test). */
  calibrationMetrics: { auc: number; brier: number; logloss: number } | null;
};

/** Labelled appointments of the history with their prediction instant, in date order. */
export function labelledTargets(
  history: readonly AppointmentHistoryRecord[],
  horizonHours: number,
): FeatureTarget[] {
  return history
    .filter(isLabelled)
    .map((record) => ({ record, at: predictionInstant(record, horizonHours) }))
    .sort((a, b) => a.record.startsAt.getTime() - b.record.startsAt.getTime());
}

export function labelOf(record: AppointmentHistoryRecord): number {
  return record.status === 'no_show' ? 1 : 0;
}

function rawMargin(
  learner: GbtModel | LogisticModel | BaseRates,
  vocabulary: Vocabulary,
  row: FeatureRow,
): number {
  if (learner.kind === 'gbt') return gbtMargin(learner, encodeTree(row, vocabulary));
  if (learner.kind === 'logistic') return logisticMargin(learner, encodeLinear(row, vocabulary));
  const p = baseRate(learner, row);
  return Math.log(p / (1 - p));
}

/** Calibrated no-show probability of one feature row. */
export function scoreRow(model: NoShowModel, row: FeatureRow): number {
  const raw = sigmoid(rawMargin(model.learner, model.vocabulary, row));
  return calibrate(model.calibrator, raw);
}

export function trainNoShowModel(
  history: readonly AppointmentHistoryRecord[],
  options: TrainingOptions,
): { model: NoShowModel; summary: TrainingSummary } {
  const horizonHours = options.horizonHours ?? DEFAULT_PREDICTION_HORIZON_HOURS;
  const method = options.method ?? 'gbt';
  const calibration = options.calibration ?? 'platt';
  const progress = options.onProgress ?? (() => {});
  const targets = labelledTargets(history, horizonHours);
  progress(0, 'features');
  const rows = buildFeatures(history, targets, options.timeZone);
  const labels = targets.map((t) => labelOf(t.record));
  progress(0.2, 'features');
  const baseRates = fitBaseRates(rows, labels);
  const windowFrom = targets[0]?.record.startsAt ?? null;
  const windowTo = targets[targets.length - 1]?.record.startsAt ?? null;

  if (!hasEnoughHistory(labels)) {
    progress(1, 'calibrating');
    return {
      model: {
        featureSchemaVersion: FEATURE_SCHEMA_VERSION,
        timeZone: options.timeZone,
        horizonHours,
        vocabulary: { treatmentCategory: [], channel: [] },
        learner: baseRates,
        calibrator: { kind: 'none' },
        baseRates,
      },
      summary: {
        method: 'base_rates',
        calibration: 'none',
        nFit: rows.length,
        nCalibration: 0,
        windowFrom,
        windowTo,
        calibrationMetrics: null,
      },
    };
  }

  // Cut by date: everything before the cut day fits, the rest calibrates (no day is split).
  const share = options.calibrationShare ?? 0.2;
  let cut = Math.floor(rows.length * (1 - share));
  const cutTime = (targets[cut] as FeatureTarget).record.startsAt.getTime();
  while (cut > 0 && (targets[cut - 1] as FeatureTarget).record.startsAt.getTime() === cutTime) cut--;
  const fitRows = rows.slice(0, cut);
  const fitLabels = labels.slice(0, cut);
  const calRows = rows.slice(cut);
  const calLabels = labels.slice(cut);
  const vocabulary = fitVocabulary(fitRows);

  let learner: GbtModel | LogisticModel;
  if (method === 'gbt') {
    learner = fitGbt(
      fitRows.map((r) => encodeTree(r, vocabulary)),
      fitLabels,
      { rows: calRows.map((r) => encodeTree(r, vocabulary)), labels: calLabels },
      options.gbt,
      (round, max) => progress(0.2 + 0.7 * (round / max), 'fitting'),
    );
  } else {
    learner = fitLogistic(
      fitRows.map((r) => encodeLinear(r, vocabulary)),
      fitLabels,
      { l2: options.logisticL2 ?? 1 },
    );
  }
  progress(0.9, 'calibrating');
  const raw = calRows.map((r) => sigmoid(rawMargin(learner, vocabulary, r)));
  const calibrator = calibration === 'platt' ? fitPlatt(raw, calLabels) : fitIsotonic(raw, calLabels);
  const model: NoShowModel = {
    featureSchemaVersion: FEATURE_SCHEMA_VERSION,
    timeZone: options.timeZone,
    horizonHours,
    vocabulary,
    learner,
    calibrator,
    baseRates,
  };
  const calibrated = calRows.map((r) => scoreRow(model, r));
  progress(1, 'calibrating');
  return {
    model,
    summary: {
      method,
      calibration,
      nFit: fitRows.length,
      nCalibration: calRows.length,
      windowFrom,
      windowTo,
      calibrationMetrics: {
        auc: auc(calLabels, calibrated),
        brier: brier(calLabels, calibrated),
        logloss: logLoss(calLabels, calibrated),
      },
    },
  };
}

export type EvaluationResult = {
  auc: number;
  brier: number;
  logloss: number;
  n_train: number;
  n_test: number;
  auc_lead1: number;
};

/**
 * Scores the labelled `test` appointments with a model trained on `train`. Features of a test
 * appointment may use every record (train or test) known at its prediction instant, exactly as in
 * production, where the history grows while the model stays fixed.
 */
export function evaluateNoShowModel(
  train: readonly AppointmentHistoryRecord[],
  test: readonly AppointmentHistoryRecord[],
  options: TrainingOptions,
): { result: EvaluationResult; summary: TrainingSummary; probabilities: number[]; labels: number[] } {
  const { model, summary } = trainNoShowModel(train, options);
  const targets = labelledTargets(test, model.horizonHours);
  const rows = buildFeatures([...train, ...test], targets, model.timeZone);
  const probabilities = rows.map((r) => scoreRow(model, r));
  const labels = targets.map((t) => labelOf(t.record));
  const lead1 = rows.map((r, i) => (r.leadDays >= 1 ? i : -1)).filter((i) => i >= 0);
  return {
    result: {
      auc: auc(labels, probabilities),
      brier: brier(labels, probabilities),
      logloss: logLoss(labels, probabilities),
      n_train: summary.nFit + summary.nCalibration,
      n_test: labels.length,
      auc_lead1: auc(
        lead1.map((i) => labels[i] as number),
        lead1.map((i) => probabilities[i] as number),
      ),
    },
    summary,
    probabilities,
    labels,
  };
}
