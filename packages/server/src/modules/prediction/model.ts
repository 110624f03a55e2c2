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
/**
 * Where the calibrator learns: `recent` = the last `calibrationShare` of the window (the learner
 * never sees it); `crossfit` = out-of-fold scores of the whole window (date blocks, each scored by a
 * learner fitted on the other blocks), after which the learner is refitted on the whole window.
 */
export type CalibrationWindow = 'recent' | 'crossfit';

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
  calibrationWindow?: CalibrationWindow;
  /** Date blocks of the cross-fitted calibration. */
  crossfitFolds?: number;
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
  calibrationWindow: CalibrationWindow | 'none';
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

/**
 * Product defaults, chosen on validation folds carved from the end of the training file
 * (docs/noshow-model.md): shallow trees with large leaves, Platt scaling on cross-fitted scores.
 */
export const DEFAULT_GBT_OPTIONS: GbtOptions = { maxDepth: 3, minSamplesLeaf: 400 };

/**
 * The default trees for `nFit` fitting rows. Leaves of 400 were measured best on the public file,
 * whose validation fits hold 19k–37k rows; a clinic's own history is often 1–5k rows, where a
 * 400-row leaf cannot split off the few clients who keep missing (a tree cannot isolate "9 no-shows
 * out of 12" when fewer than 400 rows are like it). So a leaf holds 4 % of the fitting rows, between
 * 20 and 400: 400 from 10k rows on (every fit measured on the public file), 50 for a clinic's 1,250.
 * On clinic-sized units of the public file (docs/noshow-model.md) the leaf size made no measurable
 * difference; much smaller leaves (2.5 %) started to fit noise on histories where only lead time
 * matters (prediction.int.test.ts's holdout AUC fell below 0.6).
 */
export function defaultGbtOptions(nFit: number): GbtOptions {
  return {
    ...DEFAULT_GBT_OPTIONS,
    minSamplesLeaf: Math.min(400, Math.max(20, Math.round(nFit * 0.04))),
  };
}
export const DEFAULT_CALIBRATION_WINDOW: CalibrationWindow = 'crossfit';

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

/** Contiguous [from, to) index ranges of about equal size over date-ordered targets, never splitting a day. */
function dateBlocks(targets: readonly FeatureTarget[], k: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (let b = 1; b <= k && from < targets.length; b++) {
    let to = b === k ? targets.length : Math.floor((targets.length * b) / k);
    const t = (targets[to - 1] as FeatureTarget | undefined)?.record.startsAt.getTime();
    while (to < targets.length && (targets[to] as FeatureTarget).record.startsAt.getTime() === t) to++;
    if (to > from) out.push([from, to]);
    from = to;
  }
  return out;
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
        calibrationWindow: 'none',
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

  const window = options.calibrationWindow ?? DEFAULT_CALIBRATION_WINDOW;
  const gbtOptions = options.gbt ?? defaultGbtOptions(fitRows.length);
  const fitLearner = (
    fr: readonly FeatureRow[],
    fl: readonly number[],
    validation: { rows: readonly FeatureRow[]; labels: readonly number[] } | null,
    gbtOptions: GbtOptions | undefined,
    onRound?: (round: number, max: number) => void,
  ): GbtModel | LogisticModel =>
    method === 'gbt'
      ? fitGbt(
          fr.map((r) => encodeTree(r, vocabulary)),
          fl,
          validation
            ? { rows: validation.rows.map((r) => encodeTree(r, vocabulary)), labels: validation.labels }
            : null,
          gbtOptions,
          onRound,
        )
      : fitLogistic(
          fr.map((r) => encodeLinear(r, vocabulary)),
          fl,
          { l2: options.logisticL2 ?? 1 },
        );

  // The recent window always fits first: it decides the number of boosting rounds.
  let learner = fitLearner(
    fitRows,
    fitLabels,
    { rows: calRows, labels: calLabels },
    gbtOptions,
    (round, max) => progress(0.2 + (window === 'crossfit' ? 0.2 : 0.7) * (round / max), 'fitting'),
  );
  let calibrationRaw: number[];
  let calibrationLabels: number[];
  if (window === 'crossfit') {
    const fixedRounds: GbtOptions = {
      ...gbtOptions,
      maxRounds: learner.kind === 'gbt' ? Math.max(1, learner.trees.length) : 0,
    };
    const blocks = dateBlocks(targets, options.crossfitFolds ?? 5);
    calibrationRaw = new Array<number>(rows.length).fill(0);
    blocks.forEach(([from, to], k) => {
      const inRows = [...rows.slice(0, from), ...rows.slice(to)];
      const inLabels = [...labels.slice(0, from), ...labels.slice(to)];
      const fold = fitLearner(inRows, inLabels, null, fixedRounds);
      for (let i = from; i < to; i++)
        calibrationRaw[i] = sigmoid(rawMargin(fold, vocabulary, rows[i] as FeatureRow));
      progress(0.4 + 0.4 * ((k + 1) / blocks.length), 'fitting');
    });
    calibrationLabels = labels;
    learner = fitLearner(rows, labels, null, fixedRounds);
  } else {
    calibrationRaw = calRows.map((r) => sigmoid(rawMargin(learner, vocabulary, r)));
    calibrationLabels = calLabels;
  }
  progress(0.9, 'calibrating');
  const calibrator =
    calibration === 'platt'
      ? fitPlatt(calibrationRaw, calibrationLabels)
      : fitIsotonic(calibrationRaw, calibrationLabels);
  const model: NoShowModel = {
    featureSchemaVersion: FEATURE_SCHEMA_VERSION,
    timeZone: options.timeZone,
    horizonHours,
    vocabulary,
    learner,
    calibrator,
    baseRates,
  };
  const calibrated = calibrationRaw.map((raw) => calibrate(calibrator, raw));
  progress(1, 'calibrating');
  return {
    model,
    summary: {
      method,
      calibration,
      calibrationWindow: window,
      nFit: window === 'crossfit' ? rows.length : fitRows.length,
      nCalibration: calibrationLabels.length,
      windowFrom,
      windowTo,
      calibrationMetrics: {
        auc: auc(calibrationLabels, calibrated),
        brier: brier(calibrationLabels, calibrated),
        logloss: logLoss(calibrationLabels, calibrated),
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
      n_train: summary.calibrationWindow === 'crossfit' ? summary.nFit : summary.nFit + summary.nCalibration,
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
