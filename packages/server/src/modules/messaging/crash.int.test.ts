import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpfCheckDigits } from '@clinia/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client';
import { runMigrations } from '../../db/migrator';
import { loadKeyring, parseMasterKey } from '../../platform/crypto/keyring';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import {
  createTestOrganization,
  createTestSession,
  createTestUser,
  signedInContext,
  testContext,
  testDrivers,
} from '../../testing';
import { createCaller } from '../../trpc/app-router';
import { startFakeGraphServer } from './fake-graph-server';
import { enqueueForEvent } from './outbox';
import { registerClientWithConsents } from './test-support';

/**
 * Exactly-once across a crash: a worker process is SIGKILLed while its sends are in flight at the
 * fake Graph API; a fresh worker then delivers every message, and the provider saw exactly one
 * delivery per message although it received more requests than messages.
 */
const worker = fileURLToPath(new URL('../../testing/dispatch-worker.ts', import.meta.url));
const MESSAGES = 40;
const MASTER_KEY = randomBytes(32).toString('base64');

describe.each(testDrivers())('outbox worker killed mid-send on $name', (driver) => {
  it('loses and duplicates nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-crash-'));
    // Monday 7 December 2026, 12:00 in São Paulo, running at real speed (leases expire for real).
    const offsetMs = new Date('2026-12-07T15:00:00.000Z').getTime() - Date.now();
    const clock = {
      now: () => new Date(Date.now() + offsetMs),
      sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
    };
    const requestsPerKey = new Map<string, number>();
    let onSend: (() => void) | null = null;
    const graph = await startFakeGraphServer({
      accessToken: 'tok',
      phoneNumberId: '1234567890',
      appSecret: 'x',
      // Long enough for the kill to land while requests are in flight.
      responseDelayMs: 300,
      onSend: ({ idempotencyKey }) => {
        if (idempotencyKey) requestsPerKey.set(idempotencyKey, (requestsPerKey.get(idempotencyKey) ?? 0) + 1);
        onSend?.();
      },
    });
    const pgDatabase = driver.name === 'postgres' ? await driver.open() : null;
    const dataDir = path.join(dir, 'pglite');
    const open = async (): Promise<Database> =>
      pgDatabase ?? (await openDatabase({ driver: 'pglite', dataDir }));
    const childEnv = {
      ...process.env,
      ...(pgDatabase ? { DATABASE_URL: pgDatabase.url ?? '' } : { DATA_DIR: dataDir }),
      MASTER_KEY,
      GRAPH_URL: graph.url,
      CLOCK_OFFSET_MS: String(offsetMs),
      LEASE_MS: '2000',
    };
    const startWorker = (id: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', worker], {
        env: { ...childEnv, WORKER_ID: id },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => {
        output += String(d);
      });
      child.stderr.on('data', (d) => {
        output += String(d);
      });
      const exited = new Promise<{ code: number | null; signal: string | null; output: string }>((resolve) =>
        child.on('exit', (code, signal) => resolve({ code, signal, output })),
      );
      return { child, exited };
    };

    try {
      // Arrange: a client opted in to WhatsApp and MESSAGES due notices, committed before any worker.
      let database = await open();
      if (!pgDatabase) await runMigrations(database);
      const keyring = await withSystem(database, (tx) =>
        loadKeyring(tx, parseMasterKey('mk-crash', MASTER_KEY)),
      );
      const org = await createTestOrganization(database);
      const user = await createTestUser(database, org, { roles: ['recepcionista'], clinicId: org.clinicId });
      const session = await createTestSession(database, org, user, { now: clock.now(), mfaVerified: true });
      const caller = createCaller(
        await signedInContext(testContext(database, { clock, keyring }), { token: session.token }),
      );
      const base = '456123789';
      const clientId = await registerClientWithConsents(
        caller as never,
        { fullName: 'Marina Teixeira', cpf: base + cpfCheckDigits(base), mobile: '(11) 98888-7777' },
        ['lembretes_whatsapp'],
      );
      await withTenant(database, org.organizationId, async (tx) => {
        for (let i = 0; i < MESSAGES; i++) {
          await enqueueForEvent(
            tx,
            { keyring, now: clock.now() },
            {
              type: 'recall.notice',
              organizationId: org.organizationId,
              clinicId: org.clinicId,
              clientId,
              recallId: crypto.randomUUID(),
            },
          );
        }
      });
      // PGlite is single-process: hand the data folder to the workers.
      if (!pgDatabase) await database.close();

      // Act 1: the first worker is killed as soon as a handful of sends are in flight.
      let killed = false;
      const first = startWorker('w-first');
      onSend = () => {
        if (!killed && graph.sendRequests >= 5) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      };
      const firstExit = await first.exited;
      expect(firstExit.signal).toBe('SIGKILL');
      onSend = null;
      // Let the in-flight requests of the dead worker finish at the provider: accepted there, never
      // recorded here (the worker died before its last transaction).
      await new Promise((r) => setTimeout(r, 500));
      const deliveredBeforeRestart = graph.deliveries.length;

      // Act 2: a fresh worker resumes; it exits once nothing is queued or in flight.
      const second = startWorker('w-second');
      const secondExit = await second.exited;
      expect({ code: secondExit.code, idle: secondExit.output.includes('idle') }).toEqual({
        code: 0,
        idle: true,
      });

      // Assert: one delivery per message, every row accepted with that delivery's provider id.
      database = pgDatabase ?? (await openDatabase({ driver: 'pglite', dataDir }));
      const rows = await database.query<{ id: string; status: string; provider_message_id: string | null }>(
        sql`select id, status, provider_message_id from outbox_messages order by id`,
      );
      if (!pgDatabase) await database.close();
      expect(rows).toHaveLength(MESSAGES);
      expect(rows.filter((r) => r.status !== 'accepted')).toEqual([]);
      expect(graph.deliveries).toHaveLength(MESSAGES);
      const byKey = new Map(graph.deliveries.map((d) => [d.idempotencyKey, d.wamid]));
      expect(byKey.size).toBe(MESSAGES);
      for (const row of rows) expect(row.provider_message_id).toBe(byKey.get(row.id));
      // The crash really hit in-flight sends: some messages were requested twice, none delivered twice.
      expect(deliveredBeforeRestart).toBeGreaterThan(0);
      expect([...requestsPerKey.values()].some((n) => n > 1)).toBe(true);
      expect(graph.sendRequests).toBeGreaterThan(MESSAGES);
    } finally {
      await graph.close();
      await pgDatabase?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
