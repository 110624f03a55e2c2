import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from './client';

const writer = fileURLToPath(new URL('../testing/durability-writer.ts', import.meta.url));

it('PGlite keeps every committed row when the process is killed with SIGKILL', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-durability-'));
  const dataDir = path.join(dir, 'pglite');
  try {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let lastCommitted = 0;
    child.stdout.on('data', (chunk) => {
      const lines = String(chunk).trim().split('\n');
      lastCommitted = Number(lines.at(-1));
    });
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (lastCommitted >= 300) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const reopened = await openDatabase({ driver: 'pglite', dataDir });
    const [row] = await reopened.query<{ n: number; max: number }>(
      sql`select count(*)::int as n, max(n) as max from durability_probe`,
    );
    await reopened.close();
    expect(row?.n).toBeGreaterThanOrEqual(lastCommitted);
    expect(row?.n).toBe(row?.max); // no holes: every row up to the last one is there
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
