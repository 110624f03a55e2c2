// npm test: every check CI runs, in order, stopping at the first failing stage, then one summary line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = `${root}.tmp/test-reports`;
fs.rmSync(reports, { recursive: true, force: true });
fs.mkdirSync(reports, { recursive: true });

const stages = [
  ['lint', 'npx', ['biome', 'check', '.']],
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  [
    'architecture rules',
    'npx',
    ['depcruise', 'apps', 'packages', 'bench', '--config', '.dependency-cruiser.cjs'],
  ],
  [
    'unit and integration tests',
    'npx',
    [
      'vitest',
      'run',
      '--project',
      'unit',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${reports}/vitest.json`,
    ],
  ],
  [
    'end-to-end tests (Chromium)',
    'node',
    ['scripts/e2e.mjs', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/e2e.json`],
  ],
];

let failedStage = null;
for (const [name, command, args] of stages) {
  process.stdout.write(`\n▶ ${name}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failedStage = name;
    break;
  }
}

let passed = 0;
let failed = 0;
for (const file of ['vitest.json', 'e2e.json']) {
  try {
    const report = JSON.parse(fs.readFileSync(`${reports}/${file}`, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  } catch {
    // stage did not run
  }
}
if (failedStage) process.stdout.write(`\n✗ failed at: ${failedStage}\n`);
if (failedStage && failed === 0) failed = 1;
process.stdout.write(`\nTests: ${passed} passed, ${failed} failed\n`);
process.exit(failedStage ? 1 : 0);
