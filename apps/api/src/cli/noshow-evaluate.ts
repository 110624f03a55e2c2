import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  type CalibrationMethod,
  evaluateNoShowModel,
  type LearningMethod,
  mapNoshowCsv,
  NOSHOW_CSV_TIME_ZONE,
} from '@clinia/server';

/**
 * npm run noshow:evaluate -- --train <csv> --test <csv> [--method gbt|logistic] [--calibration platt|isotonic]
 *
 * Maps both CSVs (format of shared/data/noshow/README.md) to the product's appointment-history
 * records, trains with the product's training code on --train only, scores the --test appointments
 * and prints one JSON line. Diagnostics go to stderr.
 */
const { values } = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    method: { type: 'string', default: 'gbt' },
    calibration: { type: 'string', default: 'platt' },
  },
});
if (!values.train || !values.test) {
  process.stderr.write('uso: npm run noshow:evaluate -- --train <csv> --test <csv>\n');
  process.exit(64);
}
const method = values.method as LearningMethod;
const calibration = values.calibration as CalibrationMethod;
if (method !== 'gbt' && method !== 'logistic') {
  process.stderr.write('--method deve ser gbt ou logistic\n');
  process.exit(64);
}
if (calibration !== 'platt' && calibration !== 'isotonic') {
  process.stderr.write('--calibration deve ser platt ou isotonic\n');
  process.exit(64);
}
const started = Date.now();
const train = mapNoshowCsv(readFileSync(values.train, 'utf8'));
const test = mapNoshowCsv(readFileSync(values.test, 'utf8'));
const { result, summary } = evaluateNoShowModel(train.records, test.records, {
  timeZone: NOSHOW_CSV_TIME_ZONE,
  method,
  calibration,
});
process.stderr.write(
  `${JSON.stringify({
    method: summary.method,
    calibration: summary.calibration,
    calibration_window: summary.calibrationWindow,
    n_fit: summary.nFit,
    n_calibration: summary.nCalibration,
    skipped_rows: train.skipped + test.skipped,
    seconds: (Date.now() - started) / 1000,
  })}\n`,
);
const round = (x: number) => Math.round(x * 10_000) / 10_000;
process.stdout.write(
  `${JSON.stringify({
    auc: round(result.auc),
    brier: round(result.brier),
    logloss: round(result.logloss),
    n_train: result.n_train,
    n_test: result.n_test,
    auc_lead1: round(result.auc_lead1),
  })}\n`,
);
