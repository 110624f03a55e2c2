#!/usr/bin/env node
// End-to-end run: build the web app, boot the real API on a free port with a throwaway data folder,
// wait until it is ready, run the Vitest `e2e` project against it, then stop the server and clean up.
// Set E2E_SKIP_BUILD=1 to reuse an existing apps/web/dist.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 180_000; // a loaded machine migrates and seeds slowly
const STOP_GRACE_MS = 10_000;
// The WhatsApp webhook secret the server checks; messaging.spec.ts signs Meta-shaped replies with it.
const WHATSAPP_APP_SECRET = 'e2e-whatsapp-app-secret';
const OUTPUT_LIMIT = 200_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', (error) => {
      console.error(`[e2e] could not start ${command}: ${error.message}`);
      resolve(1);
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntilReady(baseUrl, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server exited early (code ${server.exitCode}, signal ${server.signalCode})`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  throw new Error(`server not ready after ${READY_TIMEOUT_MS / 1000} s`);
}

function isGroupAlive(child) {
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function childrenOf(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return text ? text.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

function commandNameOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * The first `node` process below npx (npx → sh → tsx → node). npx does not relay signals, and tsx does,
 * so signalling tsx delivers exactly one SIGTERM to the API; signalling the whole group would deliver two
 * (one direct, one relayed), and the second would cut the API's graceful shutdown short.
 */
function findNodeBelow(pid) {
  const queue = childrenOf(pid);
  while (queue.length > 0) {
    const candidate = queue.shift();
    if (commandNameOf(candidate) === 'node') {
      return candidate;
    }
    queue.push(...childrenOf(candidate));
  }
  return undefined;
}

/** Stop the server gracefully, then SIGKILL whatever of its process group is left after the grace period. */
async function stopServer(server) {
  if (!server || server.pid === undefined || !isGroupAlive(server)) {
    return;
  }
  const target = findNodeBelow(server.pid);
  if (target === undefined) {
    signalGroup(server, 'SIGTERM');
  } else {
    try {
      process.kill(target, 'SIGTERM');
    } catch {
      signalGroup(server, 'SIGTERM');
    }
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  while (isGroupAlive(server) && Date.now() < deadline) {
    await sleep(100);
  }
  if (isGroupAlive(server)) {
    console.error(`[e2e] server still running ${STOP_GRACE_MS / 1000} s after SIGTERM; sending SIGKILL`);
    signalGroup(server, 'SIGKILL');
  }
}

async function main() {
  if (!process.env.E2E_SKIP_BUILD) {
    const buildCode = await run('npm', ['run', 'build', '-w', '@clinia/web']);
    if (buildCode !== 0) {
      return buildCode;
    }
  } else if (!existsSync(join(root, 'apps/web/dist/index.html'))) {
    console.error('[e2e] E2E_SKIP_BUILD is set but apps/web/dist/index.html does not exist');
    return 1;
  }

  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'clinia-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  let server;
  let serverOutput = '';
  const keepOutput = (chunk) => {
    serverOutput = (serverOutput + chunk.toString()).slice(-OUTPUT_LIMIT);
  };

  const cleanUp = async () => {
    await stopServer(server);
    await rm(dataDir, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    server = spawn('npx', ['tsx', 'apps/api/src/main.ts'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        // Short enough for identity.spec.ts to watch an idle session expire.
        SESSION_IDLE_TIMEOUT_S: '20',
        // Every browser of the run signs in from 127.0.0.1: dozens of sign-ins within five minutes on a
        // fast machine would otherwise hit the per-IP limit and fail a later spec at random.
        LOGIN_ATTEMPTS_PER_IP: '1000',
        WHATSAPP_APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: 'e2e-verify-token',
        // A second, unlisted demo manager for specs that edit manager settings (noshow.spec.ts);
        // identity.spec.ts owns the listed manager's first sign-in and its two-step enrolment.
        DEMO_E2E_MANAGER: 'true',
      },
    });
    server.stdout.on('data', keepOutput);
    server.stderr.on('data', keepOutput);

    try {
      await waitUntilReady(baseUrl, server);
    } catch (error) {
      console.error(`[e2e] ${error.message}. Server output:\n${serverOutput || '(none)'}`);
      return 1;
    }
    console.log(`[e2e] server ready at ${baseUrl} (data in ${dataDir})`);

    const code = await run('npx', ['vitest', 'run', '--project', 'e2e', ...process.argv.slice(2)], {
      env: { ...process.env, E2E_BASE_URL: baseUrl, E2E_WHATSAPP_APP_SECRET: WHATSAPP_APP_SECRET },
    });
    if (code !== 0 && serverOutput) {
      console.error(`[e2e] server output:\n${serverOutput}`);
    }
    return code;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main();
