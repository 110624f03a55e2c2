/**
 * No-show model: training time on the public 59k-row file and scoring throughput in process
 * (features at the prediction instant + calibrated score + pt-BR explanation), through the product code.
 * Prints one JSON line.
 *
 * Usage: npm run bench:noshow -- [--file ../shared/data/noshow/train.csv] [--score 20000]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { explainScore } from '../packages/server/src/modules/prediction/explain';
import { featuresAt, indexHistory } from '../packages/server/src/modules/prediction/features';
import { predictionInstant } from '../packages/server/src/modules/prediction/history';
import { scoreRow, trainNoShowModel } from '../packages/server/src/modules/prediction/model';
import { mapNoshowCsv, NOSHOW_CSV_TIME_ZONE } from '../packages/server/src/modules/prediction/noshow-csv';
import { emitJsonLine, roundTo } from './support';

const { values } = parseArgs({
  options: {
    file: { type: 'string', default: '../shared/data/noshow/train.csv' },
    score: { type: 'string', default: '20000' },
  },
});
const t0 = performance.now();
const { records } = mapNoshowCsv(readFileSync(values.file as string, 'utf8'));
const parseS = (performance.now() - t0) / 1000;

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const t1 = performance.now();
const c1 = cpu();
const { model, summary } = trainNoShowModel(records, { timeZone: NOSHOW_CSV_TIME_ZONE });
const trainS = (performance.now() - t1) / 1000;
const trainCpuS = cpu() - c1;

const n = Math.min(Number(values.score), records.length);
const targets = records.slice(records.length - n);
const t2 = performance.now();
const index = indexHistory(records, NOSHOW_CSV_TIME_ZONE);
const indexS = (performance.now() - t2) / 1000;
const t3 = performance.now();
const c3 = cpu();
let sink = 0;
for (const record of targets) {
  const row = featuresAt(index, { record, at: predictionInstant(record) }, NOSHOW_CSV_TIME_ZONE);
  sink += scoreRow(model, row);
  sink += explainScore(model, row).length;
}
const scoreS = (performance.now() - t3) / 1000;
const scoreCpuS = cpu() - c3;
const round = (x: number) => roundTo(x, 2);
emitJsonLine({
  rows: records.length,
  parseSeconds: round(parseS),
  trainSeconds: round(trainS),
  // CPU seconds of this process: on a shared machine the wall clock also counts other processes.
  trainCpuSeconds: round(trainCpuS),
  method: summary.method,
  calibration: `${summary.calibration}/${summary.calibrationWindow}`,
  trees: model.learner.kind === 'gbt' ? model.learner.trees.length : null,
  modelJsonKiB: Math.round(JSON.stringify(model).length / 1024),
  scored: n,
  indexSeconds: round(indexS),
  scoreSeconds: round(scoreS),
  appointmentsPerSecond: Math.round(n / scoreS),
  appointmentsPerCpuSecond: Math.round(n / scoreCpuS),
  checksum: round(sink),
});
