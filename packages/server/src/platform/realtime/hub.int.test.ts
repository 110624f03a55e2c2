import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDrivers } from '../../testing';
import { createLogger } from '../logger';
import { channelSignals, createRealtimeHub, type HubSignal, type RealtimeHub } from './hub';

/** The hub on each driver: fan-out, unsubscribe, and (PostgreSQL) recovery after the connection dies. */
describe.each(testDrivers())('realtime hub on $name', (driver) => {
  let database: TestDatabase;
  let hub: RealtimeHub;
  beforeAll(async () => {
    database = await driver.open();
    hub = createRealtimeHub(database, { logger: createLogger({ level: 'silent' }), reconnectBaseMs: 50 });
  });
  afterAll(async () => {
    await hub.close();
    await database.close();
  });

  const notify = (payload: string) => database.query(sql`select pg_notify('hub_test', ${payload})`);
  const next = (received: string[] | (() => string[]), predicate: (p: string) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const check = () => {
        if ((typeof received === 'function' ? received() : received).some(predicate)) return resolve();
        if (Date.now() - started > 10_000) return reject(new Error('not received'));
        setTimeout(check, 20);
      };
      check();
    });

  it('fans one NOTIFY out to every subscriber; an unsubscribed one gets nothing more', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const offA = hub.subscribe('hub_test', (p) => a.push(p));
    const offB = hub.subscribe('hub_test', (p) => b.push(p));
    await hub.ready();
    await notify('one');
    await next(a, (p) => p === 'one');
    await next(b, (p) => p === 'one');
    offB();
    await notify('two');
    await next(a, (p) => p === 'two');
    expect(b).toEqual(['one']);
    offA();
  });

  it.runIf(driver.name === 'postgres')(
    'reconnects when its connection is killed, signals a resync, and keeps delivering',
    async () => {
      const signals: HubSignal[] = [];
      const controller = new AbortController();
      const consumer = (async () => {
        for await (const signal of channelSignals(hub, 'hub_test', controller.signal)) signals.push(signal);
      })();
      const payloads = () => signals.flatMap((s) => (s.type === 'notify' ? [s.payload] : ['(resync)']));
      await hub.ready();
      await notify('before');
      await next(payloads, (p) => p === 'before');
      await database.query(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query ilike 'LISTEN%'`,
      );
      // Until the new connection listens, NOTIFYs are lost by design; keep sending until one arrives.
      for (let i = 0; i < 100 && !payloads().includes('after'); i++) {
        await notify('after');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(payloads()).toContain('(resync)');
      expect(payloads()).toContain('after');
      controller.abort();
      await consumer;
    },
  );
});
