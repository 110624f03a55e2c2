import { Worker } from 'node:worker_threads';
import type { AppointmentHistoryRecord } from './history';
import type { CandidateResult } from './lifecycle';
import type { NoShowModel } from './model';

export type TrainingWorkerInput = {
  history: readonly AppointmentHistoryRecord[];
  timeZone: string;
  incumbent: { version: number; model: NoShowModel } | null;
};

export type TrainingWorkerMessage =
  | { kind: 'progress'; fraction: number; phase: string }
  | { kind: 'done'; result: CandidateResult };

/**
 * Trains a candidate in a worker thread, so the API keeps answering while it fits. The worker is
 * TypeScript like the rest of the server, run through tsx (the loader the API itself is started
 * with, scripts/start.mjs). Records and results cross by structured clone
 * (dates stay dates). `onProgress` receives the fit's own progress, 0…1.
 */
export function trainInWorker(
  input: TrainingWorkerInput,
  onProgress: (fraction: number, phase: string) => void,
): Promise<CandidateResult> {
  return new Promise((resolve, reject) => {
    // A worker cannot start from a .ts file even under `--import tsx` (the entry loads before the
    // loader's hooks are in place), so a two-line bootstrap registers tsx, then imports the worker.
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./training-worker.ts', import.meta.url).href;
    const worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
      { eval: true, workerData: input },
    );
    let settled = false;
    worker.on('message', (message: TrainingWorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.fraction, message.phase);
      else {
        settled = true;
        resolve(message.result);
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`training worker exited with code ${code} before its result`));
    });
  });
}
