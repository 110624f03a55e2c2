import { parentPort, workerData } from 'node:worker_threads';
import { trainCandidate } from './lifecycle';
import type { TrainingWorkerInput, TrainingWorkerMessage } from './training-thread';

/**
 * One training run, in a worker thread (training-thread.ts starts it): the fit is CPU-bound for
 * seconds (about 15 s at 50k appointments), and on the API's own thread it held every request of
 * the clinic for that long. Progress inside the fit goes back as messages.
 */
const input = workerData as TrainingWorkerInput;
const post = (message: TrainingWorkerMessage) => parentPort?.postMessage(message);
let reported = 0;
const result = trainCandidate(
  input.history,
  {
    timeZone: input.timeZone,
    onProgress: (fraction, phase) => {
      if (fraction - reported < 0.05) return;
      reported = fraction;
      post({ kind: 'progress', fraction, phase });
    },
  },
  input.incumbent,
);
post({ kind: 'done', result });
