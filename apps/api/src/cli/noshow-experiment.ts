import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type AppointmentHistoryRecord,
  auc,
  brier,
  evaluateNoShowModel,
  mapNoshowCsv,
  NOSHOW_CSV_TIME_ZONE,
  type TrainingOptions,
} from '@clinia/server';

/**
 * Development only: validation experiments for docs/noshow-model.md. Reads ONE training CSV (the
 * train part of `npm run noshow:split`, never the test part), carves validation folds from the end
 * of it by appointment day and prints, per variant, the validation metrics of each fold.
 *
 *   npx tsx apps/api/src/cli/noshow-experiment.ts --train .tmp/noshow/train.csv --variants base,isotonic
 */
const { values } = parseArgs({
  options: {
    train: { type: 'string', default: '.tmp/noshow/train.csv' },
    variants: { type: 'string', default: 'base' },
    folds: { type: 'string', default: '2016-05-11,2016-05-09' },
    // Clinic-sized runs: each health unit whose fit part holds between these many appointments is
    // trained and validated on its own rows (a clinic's own history), predictions pooled.
    'unit-min': { type: 'string' },
    'unit-max': { type: 'string', default: '4000' },
  },
});
const records = mapNoshowCsv(readFileSync(values.train as string, 'utf8')).records;
const localDay = (r: AppointmentHistoryRecord) =>
  new Date(r.startsAt.getTime() - 3 * 3_600_000).toISOString().slice(0, 10);

// "base" is the model as first merged (v1 defaults); "product" is the product default
// (= "crossfit_depth3_leaf400", DEFAULT_GBT_OPTIONS and DEFAULT_CALIBRATION_WINDOW in model.ts).
const base: TrainingOptions = {
  timeZone: NOSHOW_CSV_TIME_ZONE,
  calibrationWindow: 'recent',
  gbt: { maxDepth: 4, minSamplesLeaf: 40 },
};
const productGbt = { maxDepth: 3, minSamplesLeaf: 400 };
const product: TrainingOptions = { ...base, calibrationWindow: 'crossfit', gbt: productGbt };
const VARIANTS: Record<string, TrainingOptions> = {
  base,
  isotonic: { ...base, calibration: 'isotonic' },
  logistic: { ...base, method: 'logistic' },
  logistic_isotonic: { ...base, method: 'logistic', calibration: 'isotonic' },
  cal10: { ...base, calibrationShare: 0.1 },
  cal30: { ...base, calibrationShare: 0.3 },
  depth3: { ...base, gbt: { maxDepth: 3 } },
  depth6: { ...base, gbt: { maxDepth: 6 } },
  leaf200: { ...base, gbt: { minSamplesLeaf: 200 } },
  leaf200_l2_10: { ...base, gbt: { minSamplesLeaf: 200, l2: 10 } },
  lr02: { ...base, gbt: { learningRate: 0.02, maxRounds: 1500, patience: 80 } },
  depth3_leaf200: { ...base, gbt: { maxDepth: 3, minSamplesLeaf: 200 } },
  logistic_l2_10: { ...base, method: 'logistic', logisticL2: 10 },
  logistic_l2_100: { ...base, method: 'logistic', logisticL2: 100 },
  crossfit: { ...base, calibrationWindow: 'crossfit' },
  crossfit_isotonic: { ...base, calibrationWindow: 'crossfit', calibration: 'isotonic' },
  crossfit_depth3_leaf200: {
    ...base,
    calibrationWindow: 'crossfit',
    gbt: { maxDepth: 3, minSamplesLeaf: 200 },
  },
  crossfit_depth3_leaf400: {
    ...base,
    calibrationWindow: 'crossfit',
    gbt: { maxDepth: 3, minSamplesLeaf: 400 },
  },
  crossfit_depth3_leaf200_l2_10: {
    ...base,
    calibrationWindow: 'crossfit',
    gbt: { maxDepth: 3, minSamplesLeaf: 200, l2: 10 },
  },
  crossfit_depth3_leaf800: {
    ...base,
    calibrationWindow: 'crossfit',
    gbt: { maxDepth: 3, minSamplesLeaf: 800 },
  },
  crossfit_depth4_leaf400: {
    ...base,
    calibrationWindow: 'crossfit',
    gbt: { maxDepth: 4, minSamplesLeaf: 400 },
  },
  crossfit_depth2_leaf200: {
    ...base,
    calibrationWindow: 'crossfit',
    gbt: { maxDepth: 2, minSamplesLeaf: 200 },
  },
  crossfit_logistic_l2_10: { ...base, calibrationWindow: 'crossfit', method: 'logistic', logisticL2: 10 },
  // Issue 8, Brier round 3: variants of the product default (crossfit, depth 3, leaf 400). The
  // round's other variants (lead-regime Platt, GBT + logistic blends, linear interactions, row
  // subsampling, bagging) were not adopted and their code was removed; `git checkout d5f5f90` has them.
  folds10: { ...product, crossfitFolds: 10 },
  // The product default: leaves of 4 % of the fitting rows, 20…400 (defaultGbtOptions).
  scaled_leaf: { timeZone: NOSHOW_CSV_TIME_ZONE, calibrationWindow: 'crossfit' },
  leaf100: { ...product, gbt: { maxDepth: 3, minSamplesLeaf: 100 } },
  leaf40: { ...product, gbt: { maxDepth: 3, minSamplesLeaf: 40 } },
  leaf20: { ...product, gbt: { maxDepth: 3, minSamplesLeaf: 20 } },
  leaf10: { ...product, gbt: { maxDepth: 3, minSamplesLeaf: 10 } },
};
const round = (x: number) => Math.round(x * 10_000) / 10_000;
if (values['unit-min']) {
  const [cut] = (values.folds as string).split(',');
  const byUnit = new Map<string, AppointmentHistoryRecord[]>();
  for (const r of records) byUnit.set(r.clinicId, [...(byUnit.get(r.clinicId) ?? []), r]);
  const min = Number(values['unit-min']);
  const max = Number(values['unit-max']);
  const units = [...byUnit.values()].filter((rows) => {
    const n = rows.filter((r) => localDay(r) < (cut as string)).length;
    return n >= min && n <= max;
  });
  for (const name of (values.variants as string).split(',')) {
    const options = VARIANTS[name];
    if (!options) throw new Error(`unknown variant ${name}`);
    const labels: number[] = [];
    const probabilities: number[] = [];
    let nFit = 0;
    for (const rows of units) {
      const fit = rows.filter((r) => localDay(r) < (cut as string));
      const val = rows.filter((r) => localDay(r) >= (cut as string));
      nFit += fit.length;
      const out = evaluateNoShowModel(fit, val, options);
      labels.push(...out.labels);
      probabilities.push(...out.probabilities);
    }
    process.stdout.write(
      `${JSON.stringify({
        variant: name,
        units: units.length,
        mean_fit: Math.round(nFit / units.length),
        auc: round(auc(labels, probabilities)),
        brier: round(brier(labels, probabilities)),
        n: labels.length,
      })}\n`,
    );
  }
  process.exit(0);
}
for (const name of (values.variants as string).split(',')) {
  const options = VARIANTS[name];
  if (!options) throw new Error(`unknown variant ${name}`);
  const folds = (values.folds as string).split(',').map((cut) => {
    const fit = records.filter((r) => localDay(r) < cut);
    // Validation: the next appointment days after the cut, up to the next fold's start.
    const val = records.filter((r) => localDay(r) >= cut);
    const t0 = Date.now();
    const { result, labels, probabilities } = evaluateNoShowModel(fit, val, options);
    const meanP = probabilities.reduce((s, p) => s + p, 0) / probabilities.length;
    const rate = labels.reduce((s, y) => s + y, 0) / labels.length;
    return {
      cut,
      auc: round(result.auc),
      brier: round(result.brier),
      logloss: round(result.logloss),
      auc_lead1: round(result.auc_lead1),
      mean_p: round(meanP),
      rate: round(rate),
      n: result.n_test,
      s: (Date.now() - t0) / 1000,
    };
  });
  const avg = (k: 'auc' | 'brier' | 'logloss') => round(folds.reduce((s, f) => s + f[k], 0) / folds.length);
  process.stdout.write(
    `${JSON.stringify({ variant: name, auc: avg('auc'), brier: avg('brier'), logloss: avg('logloss'), folds })}\n`,
  );
}
