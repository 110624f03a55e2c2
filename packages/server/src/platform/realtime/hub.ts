import type pg from 'pg';
import type { Database } from '../../db/client';
import type { Logger } from '../logger';

/**
 * The realtime hub: one LISTEN per process on each PostgreSQL channel, fanned out to in-process
 * subscribers (tRPC subscriptions). With node-postgres it holds one dedicated connection outside the
 * pool and reconnects with backoff when it drops (re-issuing every LISTEN); with PGlite it uses
 * PGlite's own `listen`, which sees NOTIFY from the same process only (PGlite is single-process).
 *
 * Only ids travel on these channels: a subscriber refetches what it shows through the normal
 * procedures, which apply authorisation and RLS. A notification missed while reconnecting is not
 * replayed; subscribers get a `resync` signal instead and refetch everything they show.
 */
export type RealtimeListener = (payload: string) => void;

export type RealtimeHub = {
  /** Adds a listener on a channel; the first one on a channel issues LISTEN. Returns unsubscribe. */
  subscribe(channel: string, listener: RealtimeListener): () => void;
  /** Called after a reconnect: notifications may have been missed in between. */
  onResync(listener: () => void): () => void;
  /** Called when the hub closes (server shutdown), so open streams can end. */
  onClose(listener: () => void): () => void;
  /** Resolves once every channel subscribed so far is being listened to. */
  ready(): Promise<void>;
  /** Stops listening and ends every subscriber (their streams finish). */
  close(): Promise<void>;
  readonly closed: boolean;
};

/** Channels must be plain identifiers: they are interpolated into LISTEN. */
const CHANNEL_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export function createRealtimeHub(
  database: Pick<Database, 'notifications'>,
  options: { logger: Logger; reconnectBaseMs?: number; reconnectMaxMs?: number },
): RealtimeHub {
  const listeners = new Map<string, Set<RealtimeListener>>();
  const resyncListeners = new Set<() => void>();
  const closeListeners = new Set<() => void>();
  let closed = false;
  const dispatch = (channel: string, payload: string) => {
    for (const listener of listeners.get(channel) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        options.logger.error({ err: error, channel }, 'realtime listener failed');
      }
    }
  };

  // One promise chain per hub keeps LISTEN/UNLISTEN and reconnects in order.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => {
      options.logger.warn({ err: error }, 'realtime listen operation failed');
    });
    return queue;
  };

  const source = database.notifications;
  const pgliteUnlisten = new Map<string, () => Promise<void>>();
  let client: pg.Client | null = null;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let attempt = 0;

  const connectPg = async (): Promise<void> => {
    if (source.driver !== 'postgres' || closed) return;
    const next = source.connect();
    next.on('notification', (message) => dispatch(message.channel, message.payload ?? ''));
    next.on('error', (error) => {
      options.logger.warn({ err: error }, 'realtime connection lost; reconnecting');
      scheduleReconnect(next);
    });
    next.on('end', () => scheduleReconnect(next));
    try {
      await next.connect();
      for (const channel of listeners.keys()) await next.query(`LISTEN ${channel}`);
    } catch (error) {
      options.logger.warn({ err: error }, 'realtime connection failed; retrying');
      scheduleReconnect(next);
      return;
    }
    const wasReconnect = attempt > 0 || client !== null;
    client = next;
    attempt = 0;
    if (wasReconnect) for (const listener of resyncListeners) listener();
  };

  const scheduleReconnect = (failed: pg.Client) => {
    if (closed || reconnectTimer) return;
    if (client && client !== failed) return;
    client = null;
    failed.removeAllListeners('notification');
    void failed.end().catch(() => {});
    const base = options.reconnectBaseMs ?? 250;
    const delay = Math.min(options.reconnectMaxMs ?? 10_000, base * 2 ** attempt);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void enqueue(connectPg);
    }, delay);
    reconnectTimer.unref();
  };

  let started = false;
  const ensureStarted = () => {
    if (started || source.driver !== 'postgres') return;
    started = true;
    void enqueue(connectPg);
  };

  const listen = (channel: string) =>
    enqueue(async () => {
      if (closed || !listeners.has(channel)) return;
      if (source.driver === 'pglite') {
        if (pgliteUnlisten.has(channel)) return;
        pgliteUnlisten.set(channel, await source.listen(channel, (payload) => dispatch(channel, payload)));
        return;
      }
      await client?.query(`LISTEN ${channel}`);
    });

  const unlisten = (channel: string) =>
    enqueue(async () => {
      if (listeners.has(channel)) return;
      if (source.driver === 'pglite') {
        const stop = pgliteUnlisten.get(channel);
        pgliteUnlisten.delete(channel);
        await stop?.();
        return;
      }
      await client?.query(`UNLISTEN ${channel}`);
    });

  return {
    get closed() {
      return closed;
    },
    subscribe(channel, listener) {
      if (!CHANNEL_PATTERN.test(channel)) throw new Error(`invalid channel name: ${channel}`);
      if (closed) throw new Error('realtime hub is closed');
      ensureStarted();
      let set = listeners.get(channel);
      const isFirst = !set;
      if (!set) {
        set = new Set();
        listeners.set(channel, set);
      }
      set.add(listener);
      if (isFirst) void listen(channel);
      return () => {
        const current = listeners.get(channel);
        if (!current?.delete(listener)) return;
        if (current.size === 0) {
          listeners.delete(channel);
          void unlisten(channel);
        }
      };
    },
    onResync(listener) {
      resyncListeners.add(listener);
      return () => resyncListeners.delete(listener);
    },
    ready: () => queue,
    onClose(listener: () => void) {
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    async close() {
      if (closed) return;
      closed = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      for (const listener of closeListeners) listener();
      await queue;
      for (const stop of pgliteUnlisten.values()) await stop().catch(() => {});
      pgliteUnlisten.clear();
      listeners.clear();
      const current = client;
      client = null;
      await current?.end().catch(() => {});
    },
  };
}

export type HubSignal = { type: 'notify'; payload: string } | { type: 'resync' };

/**
 * The notifications of one channel as an async stream, for a tRPC subscription. It ends when the
 * request is aborted (the browser left) or the hub closes (shutdown), so SSE responses never hold
 * the server open. A subscriber is registered before this returns its first value.
 */
export async function* channelSignals(
  hub: RealtimeHub,
  channel: string,
  signal: AbortSignal | undefined,
): AsyncGenerator<HubSignal, void, undefined> {
  const pending: HubSignal[] = [];
  let wake: (() => void) | null = null;
  let done = false;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const finish = () => {
    done = true;
    notify();
  };
  const unsubscribe = hub.subscribe(channel, (payload) => {
    pending.push({ type: 'notify', payload });
    notify();
  });
  const offResync = hub.onResync(() => {
    pending.push({ type: 'resync' });
    notify();
  });
  const offClose = hub.onClose(finish);
  signal?.addEventListener('abort', finish, { once: true });
  try {
    await hub.ready();
    while (!done) {
      const next = pending.shift();
      if (next) {
        yield next;
        continue;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    unsubscribe();
    offResync();
    offClose();
    signal?.removeEventListener('abort', finish);
  }
}
