/**
 * Start-up time of the real process: spawn → /healthz 200 and → /readyz 200, on a fresh embedded data
 * folder (initdb, migrations, demo seed) and on a restart of the same folder. Prints one JSON line.
 * Usage: npx tsx bench/startup.ts [--runs N]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { emitJsonLine } from './support';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);

async function timeStart(dataDir: string, port: number): Promise<{ healthMs: number; readyMs: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: 'ignore',
  });
  let healthMs = 0;
  let readyMs = 0;
  // A loaded machine (tests running beside it) can take close to a minute: wait up to three.
  const deadline = started + 180_000;
  while (!readyMs && performance.now() < deadline) {
    try {
      if (!healthMs && (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200)
        healthMs = performance.now() - started;
      if (healthMs && (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200)
        readyMs = performance.now() - started;
    } catch {
      // not listening yet
    }
    if (!readyMs) await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  if (!readyMs) throw new Error('not ready within 180 s');
  return { healthMs, readyMs };
}

const fresh: number[] = [];
const restart: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-bench-startup-'));
  try {
    fresh.push((await timeStart(path.join(dir, 'data'), 3900 + i)).readyMs);
    restart.push((await timeStart(path.join(dir, 'data'), 3950 + i)).readyMs);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
emitJsonLine({
  bench: 'startup',
  driver: 'pglite',
  runs,
  fresh_ready_ms_median: Math.round(median(fresh)),
  fresh_ready_ms_max: Math.round(Math.max(...fresh)),
  restart_ready_ms_median: Math.round(median(restart)),
  restart_ready_ms_max: Math.round(Math.max(...restart)),
});
