import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDrivers } from '@clinia/server/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { BootError, type RunningClinia, startClinia } from './boot';
import { REPO_ROOT } from './version';

const tempDirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-boot-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const baseEnv = { NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent' };

describe.each(testDrivers())('a running Clinia on $name', (driver) => {
  let running: RunningClinia;
  let closeTestDb: (() => Promise<void>) | null = null;

  const envFor = async (): Promise<Record<string, string>> => {
    if (driver.name === 'pglite') return { ...baseEnv, DATA_DIR: tempDir() };
    const database = await driver.open();
    closeTestDb = database.close;
    return {
      ...baseEnv,
      DATABASE_URL: database.url ?? '',
      SEED_DEMO: 'always',
      MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
  };

  afterAll(async () => {
    await running?.stop('test');
    await closeTestDb?.();
  });

  it('boots, migrates, seeds the demo clinic and answers health and readiness', async () => {
    running = await startClinia(await envFor());
    const health = await fetch(`${running.url}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: driver.name });
    const info = (await (await fetch(`${running.url}/trpc/system.info`)).json()) as {
      result: { data: { clinic: { name: string } } };
    };
    expect(info.result.data.clinic.name).toMatch(/\S+ Jardins$/);
  });

  it('keeps a well-formed incoming request id and answers unknown procedures in pt-BR', async () => {
    const response = await fetch(`${running.url}/trpc/nope.nothing`, {
      headers: { 'x-request-id': 'edge-abc12345' },
    });
    expect(response.headers.get('x-request-id')).toBe('edge-abc12345');
    expect(response.status).toBe(404);
  });

  it('answers an ICS feed link with a wrong token with 404 and no data', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const response = await fetch(`${running.url}/ics/${id}/${id}/${'x'.repeat(32)}.ics`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'NOT_FOUND', userMessage: 'Agenda não encontrada.' });
  });

  it('answers bad input with the fields named in pt-BR, not with technical paths', async () => {
    const response = await fetch(`${running.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nao-e-email', password: '' }),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as {
      error: { data: { userMessage: string; fieldErrors: { field: string }[] } };
    };
    expect(error.data.userMessage).toBe('E-mail inválido. Informe a senha.');
    expect(error.data.fieldErrors.map((f) => f.field)).toEqual(['email', 'password']);
  });

  it('exposes Prometheus metrics with per-route latency, event-loop lag and database figures', async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    expect(text).toMatch(
      /clinia_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/healthz",status_code="200"\}/,
    );
    expect(text).toContain('clinia_nodejs_eventloop_lag_seconds');
    expect(text).toMatch(new RegExp(`clinia_db_pool_connections\\{driver="${driver.name}"\\} \\d+`));
    expect(text).toContain('route="/trpc/(unknown)"');
  });
});

describe('lifecycle on PGlite', () => {
  it('keeps data across a restart and does not seed twice', async () => {
    const env = { ...baseEnv, DATA_DIR: tempDir() };
    const first = await startClinia(env);
    const before = await (await fetch(`${first.url}/trpc/system.info`)).json();
    await first.stop('test');
    const second = await startClinia(env);
    const after = await (await fetch(`${second.url}/trpc/system.info`)).json();
    await second.stop('test');
    expect((after as { result: { data: { clinic: unknown } } }).result.data.clinic).toEqual(
      (before as { result: { data: { clinic: unknown } } }).result.data.clinic,
    );
  });

  it('finishes an in-flight request before closing, and refuses new ones', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // No demo seed: this is about closing, and seeding a fresh database takes most of a minute on a
    // loaded two-core machine.
    const running = await startClinia(
      { ...baseEnv, DATA_DIR: tempDir(), SEED_DEMO: 'never' },
      {
        beforeListen: (app) => {
          app.get('/test/slow', async () => {
            await gate;
            return { finished: true };
          });
        },
      },
    );
    const inFlight = fetch(`${running.url}/test/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    await new Promise((r) => setTimeout(r, 100));
    const stopped = running.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    await expect(fetch(`${running.url}/healthz`, { signal: AbortSignal.timeout(5_000) })).rejects.toThrow();
    release();
    expect(await inFlight).toEqual({ status: 200, body: { finished: true } });
    await stopped;
  });

  it('serves /healthz but reports pending migrations on /readyz when migration at boot is off', async () => {
    const running = await startClinia({ ...baseEnv, DATA_DIR: tempDir(), MIGRATE_ON_BOOT: 'false' });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${running.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toMatch(
      /^Migrações pendentes: 0000_extensions, .*npm run db:migrate/,
    );
    await running.stop('test');
  });

  it('refuses to start on a database migrated by an unknown (newer) version', async () => {
    const env = { ...baseEnv, DATA_DIR: tempDir() };
    const first = await startClinia(env);
    await first.database.exec(
      `insert into drizzle.__drizzle_migrations (hash, created_at) values ('future', 9999999999999)`,
    );
    await first.stop('test');
    const error = await startClinia(env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BootError);
    expect((error as BootError).message).toContain('migração(ões) que esta versão do Clinia não conhece');
  });

  it('names each bad config key instead of starting', async () => {
    const error = await startClinia({ PORT: '70000', SEED_DEMO: 'sometimes' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BootError);
    expect((error as BootError).message).toContain('PORT: deve estar entre 1 e 65535');
    expect((error as BootError).message).toContain('SEED_DEMO: use auto, always ou never');
  });

  it('stops the real process on SIGTERM with exit code 0', async () => {
    const dataDir = tempDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...baseEnv, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start: ${output}`)), 90_000);
      const check = setInterval(() => {
        if (output.includes('Clinia em http')) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
    });
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('"msg":"stopped"');
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
  }, 150_000);
});
