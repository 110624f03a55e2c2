import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AGENDA_CHANNEL } from '@clinia/contracts';
import { type Database, openDatabase, SESSION_COOKIE } from '@clinia/server';
import {
  createTestOrganization,
  createTestSession,
  createTestUser,
  type TestOrg,
} from '@clinia/server/testing';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type RunningClinia, startClinia } from './boot';
import { bookingDeskFixture, signedInClient } from './realtime-test-support';
import { REPO_ROOT } from './version';

/**
 * Live agenda over SSE, fed by PostgreSQL LISTEN/NOTIFY: a NOTIFY reaches the subscriptions of every
 * API process on the same database, and a subscriber only sees its own organisation's clinic.
 */

type AgendaMessage = { type: string; appointmentId?: string; kind?: string };

/** A minimal SSE reader for `GET /trpc/realtime.agenda` (Node 20 has no EventSource). */
function subscribeAgenda(baseUrl: string, token: string, clinicId: string) {
  const controller = new AbortController();
  const received: AgendaMessage[] = [];
  const waiters = new Set<() => void>();
  let markEnded: (value: boolean) => void = () => {};
  const ended = new Promise<boolean>((resolve) => {
    markEnded = resolve;
  });
  const input = encodeURIComponent(JSON.stringify({ clinicId }));
  const status = fetch(`${baseUrl}/trpc/realtime.agenda?input=${input}`, {
    headers: { cookie: `${SESSION_COOKIE}=${token}`, accept: 'text/event-stream' },
    signal: controller.signal,
  }).then(async (response) => {
    if (!response.body) return response.status;
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('');
            const isMessage = !block.split('\n').some((l) => l.startsWith('event:'));
            if (data && isMessage) {
              const parsed = JSON.parse(data) as AgendaMessage;
              if (parsed && typeof parsed.type === 'string') received.push(parsed);
              for (const wake of waiters) wake();
            }
            cut = buffer.indexOf('\n\n');
          }
        }
        markEnded(true);
      } catch {
        // aborted
        markEnded(false);
      }
    })();
    return response.status;
  });
  const waitFor = (predicate: (m: AgendaMessage) => boolean, timeoutMs: number) =>
    new Promise<AgendaMessage | null>((resolve) => {
      const check = () => {
        const hit = received.find(predicate);
        if (hit) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        resolve(null);
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { status, received, waitFor, ended, close: () => controller.abort() };
}

const notify = (database: Pick<Database, 'query'>, payload: Record<string, string>) =>
  database.query(sql`select pg_notify(${AGENDA_CHANNEL}, ${JSON.stringify(payload)})`);

/**
 * Emits one event repeatedly until the subscriber has it: the subscription registers its LISTEN
 * after the SSE response has started, so the first NOTIFY may come before it listens.
 */
async function untilLive(
  emit: (appointmentId: string) => Promise<unknown>,
  subscription: ReturnType<typeof subscribeAgenda>,
) {
  const probe = randomUUID();
  for (let i = 0; i < 50; i++) {
    await emit(probe);
    if (await subscription.waitFor((m) => m.appointmentId === probe, 200)) return;
  }
  throw new Error('subscription never became live');
}

async function signedInReceptionist(database: Database, org: TestOrg) {
  const user = await createTestUser(database, org, { roles: ['recepcionista'], clinicId: org.clinicId });
  return (await createTestSession(database, org, user, { now: new Date(), mfaVerified: true })).token;
}

describe('live agenda on PGlite (one process)', () => {
  let running: RunningClinia;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-rt-'));
  beforeAll(async () => {
    running = await startClinia({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      SEED_DEMO: 'never',
    });
  });
  afterAll(async () => {
    await running?.stop('test');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('delivers an appointment change to the clinic subscriber and nothing of another tenant', async () => {
    const org = await createTestOrganization(running.database, 'Rede Um');
    const other = await createTestOrganization(running.database, 'Rede Dois');
    const token = await signedInReceptionist(running.database, org);
    const subscription = subscribeAgenda(running.url, token, org.clinicId);
    expect(await subscription.status).toBe(200);
    const base = { organizationId: org.organizationId, clinicId: org.clinicId, kind: 'booked' };
    await untilLive((appointmentId) => notify(running.database, { ...base, appointmentId }), subscription);

    const foreign = randomUUID();
    const otherClinic = randomUUID();
    const mine = randomUUID();
    await notify(running.database, {
      organizationId: other.organizationId,
      clinicId: other.clinicId,
      appointmentId: foreign,
      kind: 'booked',
    });
    // Same organisation, another clinic: not this agenda.
    await notify(running.database, { ...base, clinicId: org.otherClinicId, appointmentId: otherClinic });
    // Claims this clinic but another organisation: dropped too.
    await notify(running.database, { ...base, organizationId: other.organizationId, appointmentId: foreign });
    await notify(running.database, { ...base, appointmentId: mine, kind: 'cancelled' });
    expect(await subscription.waitFor((m) => m.appointmentId === mine, 1_000)).toEqual({
      type: 'changed',
      appointmentId: mine,
      kind: 'cancelled',
    });
    // Notifications arrive in order, so the earlier ones were dropped, not late.
    const ids = subscription.received.map((m) => m.appointmentId);
    expect(ids).not.toContain(foreign);
    expect(ids).not.toContain(otherClinic);
    subscription.close();
  });

  it('refuses a clinic of another organisation before streaming anything', async () => {
    const org = await createTestOrganization(running.database, 'Rede Três');
    const other = await createTestOrganization(running.database, 'Rede Quatro');
    const token = await signedInReceptionist(running.database, org);
    const input = encodeURIComponent(JSON.stringify({ clinicId: other.clinicId }));
    const response = await fetch(`${running.url}/trpc/realtime.agenda?input=${input}`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    const text = await response.text();
    expect(text).toContain('CLINIC_NOT_FOUND');
    expect(text).not.toContain('"type":"changed"');
  });

  it('an open subscription does not hold the shutdown: the stream ends and the server stops', async () => {
    const org = await createTestOrganization(running.database, 'Rede Cinco');
    const token = await signedInReceptionist(running.database, org);
    const subscription = subscribeAgenda(running.url, token, org.clinicId);
    expect(await subscription.status).toBe(200);
    const base = { organizationId: org.organizationId, clinicId: org.clinicId, kind: 'booked' };
    await untilLive((appointmentId) => notify(running.database, { ...base, appointmentId }), subscription);
    await running.stop('test');
    expect(await subscription.ended).toBe(true);
  });
});

const pgTemplate = inject('pgTemplate');

describe.runIf(pgTemplate)('live agenda across two API processes on PostgreSQL', () => {
  const children: ChildProcess[] = [];
  let adminUrl = '';
  let dbName = '';
  let database: Database;
  let databaseUrl = '';
  let urls: string[] = [];

  const startProcess = (databaseUrl: string) =>
    new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          HOST: '127.0.0.1',
          PORT: '0',
          LOG_LEVEL: 'warn',
          DATABASE_URL: databaseUrl,
          MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
          SEED_DEMO: 'never',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let output = '';
      const timer = setTimeout(() => reject(new Error(`API did not start: ${output}`)), 60_000);
      const onData = (d: Buffer) => {
        output += String(d);
        const match = /Clinia em (https?:\/\/[^\s]+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve({ child, url: match[1] });
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.on('exit', (code) => reject(new Error(`API exited (${code}): ${output}`)));
    });

  beforeAll(async () => {
    adminUrl = pgTemplate?.adminUrl ?? '';
    dbName = `clinia_rt_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    // Both processes boot together on an empty database: one migrates, the other waits on the lock.
    const started = await Promise.all([startProcess(url.toString()), startProcess(url.toString())]);
    urls = started.map((s) => s.url);
    databaseUrl = url.toString();
    database = await openDatabase({ driver: 'postgres', url: databaseUrl, poolMax: 2 });
  });
  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    await database?.close();
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  });

  it('a NOTIFY on the shared database reaches the subscriptions of both processes within a second', async () => {
    const org = await createTestOrganization(database, 'Rede Multi');
    const token = await signedInReceptionist(database, org);
    const [urlA, urlB] = urls as [string, string];
    const onA = subscribeAgenda(urlA, token, org.clinicId);
    const onB = subscribeAgenda(urlB, token, org.clinicId);
    expect([await onA.status, await onB.status]).toEqual([200, 200]);
    const base = { organizationId: org.organizationId, clinicId: org.clinicId, kind: 'booked' };
    await untilLive((appointmentId) => notify(database, { ...base, appointmentId }), onA);
    await untilLive((appointmentId) => notify(database, { ...base, appointmentId }), onB);

    const appointmentId = randomUUID();
    await notify(database, { ...base, appointmentId, kind: 'rescheduled' });
    const [a, b] = await Promise.all([
      onA.waitFor((m) => m.appointmentId === appointmentId, 1_000),
      onB.waitFor((m) => m.appointmentId === appointmentId, 1_000),
    ]);
    expect(a).toEqual({ type: 'changed', appointmentId, kind: 'rescheduled' });
    expect(b).toEqual({ type: 'changed', appointmentId, kind: 'rescheduled' });
    onA.close();
    onB.close();
  });

  it('a booking through the HTTP API of process A reaches the agenda subscription on process B within a second', async () => {
    const desk = await bookingDeskFixture(database, databaseUrl);
    const [urlA, urlB] = urls as [string, string];
    const onB = subscribeAgenda(urlB, desk.receptionToken, desk.clinicId);
    expect(await onB.status).toBe(200);
    // Make sure B listens before booking: the real event must not be lost to the LISTEN race.
    const base = { organizationId: desk.organizationId, clinicId: desk.clinicId, kind: 'booked' };
    await untilLive((appointmentId) => notify(database, { ...base, appointmentId }), onB);

    // The receptionist's page on A: learns its CSRF token from auth.me, picks the first free slot, books.
    const reception = await signedInClient(urlA, desk.receptionToken);
    const [slot] = await reception.query<
      Array<{ startsAt: string; professionalId: string; roomId: string | null }>
    >('agenda.availability', { treatmentId: desk.treatmentId, limit: 1 });
    if (!slot) throw new Error('no free slot');
    const booked = await reception.mutation<{ appointment: { id: string } }>('agenda.book', {
      clientId: desk.clientId,
      treatmentId: desk.treatmentId,
      professionalId: slot.professionalId,
      roomId: slot.roomId,
      startsAt: slot.startsAt,
    });
    const appointmentId = booked.appointment.id;
    expect(await onB.waitFor((m) => m.appointmentId === appointmentId, 1_000)).toEqual({
      type: 'changed',
      appointmentId,
      kind: 'created',
    });
    onB.close();
  });
});
