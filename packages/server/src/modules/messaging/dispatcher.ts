import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import type { Logger } from '../../platform/logger';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import { getMessagingContacts } from '../clients/clients.service';
import { prepareClaimed, type RoundCache, type Sendable, sendPrepared } from './dispatch-prepare';
import { createRecorder, type Recorder } from './dispatch-record';
import { claimDueMessages, type OutboxRow } from './messaging.queries';
import type { AppointmentMessagingPort, EmailSender, WhatsAppSender } from './ports';

/**
 * The outbox worker. A round works batch by batch, with one invariant that makes it crash-safe:
 * **a row is `sending`, under this worker's lease, from before its provider call until its result is
 * recorded**, and every call carries the row id as idempotency key.
 *
 * 1. Claim: one short transaction marks up to `batchSize` due rows `sending` with a lease
 *    (FOR UPDATE SKIP LOCKED, so workers never wait on each other) and counts the attempt.
 * 2. Prepare, chunk by chunk (`concurrency` rows, one tenant transaction each, just before the chunk
 *    is sent): the clients' contacts and latest consents in two queries, then per message the
 *    consent, quiet hours, appointment, 24-hour window and template. A message that may not go is
 *    finished there. Preparing per chunk rather than per batch keeps consent "checked at send time":
 *    what was read is at most about one provider call old when the call is made.
 * 3. Send: at most `concurrency` provider calls in flight, outside any transaction.
 * 4. Record: answers are group-committed (dispatch-record.ts), fenced on the lease
 *    (`lease_owner = me and status = 'sending'`), so a worker whose lease was taken over cannot
 *    overwrite the new owner's result.
 *
 * A worker that dies anywhere between 1 and 4 leaves its rows `sending`; when the lease runs out
 * another worker claims them and repeats the calls with the same keys, which the provider
 * deduplicates: nothing is lost, and nothing reaches the client twice. Batching never marks a row
 * done before its own provider answer is in, so it adds no duplicate window: the gap between
 * "accepted" and "recorded" stays one short transaction. See docs/architecture.md, "Messaging".
 */
export type DispatcherDeps = {
  database: Database;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
  whatsapp: WhatsAppSender;
  email: EmailSender | null;
  appointments: AppointmentMessagingPort;
};

export type DispatcherOptions = {
  batchSize?: number;
  concurrency?: number;
  leaseMs?: number;
  workerId?: string;
};

type Ready = { row: OutboxRow; prepared: Sendable };

/**
 * Hands claimed rows to the send lanes, preparing the next chunk when none is ready. Rows are
 * ordered by organisation, so that a chunk (one tenant transaction) holds one organisation's rows,
 * then oldest due first.
 */
function createFeed(
  deps: DispatcherDeps,
  owner: string,
  claimed: OutboxRow[],
  chunkSize: number,
  cache: RoundCache,
) {
  const rows = [...claimed].sort(
    (a, b) =>
      a.organizationId.localeCompare(b.organizationId) ||
      a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime(),
  );
  const ready: Ready[] = [];
  let cursor = 0;
  let preparing: Promise<void> | null = null;

  async function prepareChunk(): Promise<void> {
    const first = rows[cursor];
    if (!first) return;
    let end = cursor;
    while (
      end < rows.length &&
      end - cursor < chunkSize &&
      rows[end]?.organizationId === first.organizationId
    )
      end++;
    const chunk = rows.slice(cursor, end);
    cursor = end;
    try {
      ready.push(...(await prepareInOneTransaction(chunk)));
    } catch (error) {
      if (chunk.length === 1) {
        // It stays `sending`; its lease expires and another round retries it. Nothing is lost.
        deps.logger.error({ err: error, messageId: first.id }, 'preparing a message failed');
        return;
      }
      // One bad message (an unreadable payload, a failing lookup) must not hold back the others:
      // the chunk's transaction rolled back as a whole, so each message is prepared again alone.
      for (const row of chunk) {
        try {
          ready.push(...(await prepareInOneTransaction([row])));
        } catch (rowError) {
          deps.logger.error({ err: rowError, messageId: row.id }, 'preparing a message failed');
        }
      }
    }
  }

  function prepareInOneTransaction(chunk: OutboxRow[]): Promise<Ready[]> {
    const organizationId = chunk[0]?.organizationId ?? '';
    return withTenant(deps.database, organizationId, async (tx) => {
      const contacts = await getMessagingContacts(
        tx,
        deps.keyring,
        chunk.map((r) => r.clientId),
      );
      const out: Ready[] = [];
      for (const row of chunk) {
        const p = await prepareClaimed(deps, tx, row, owner, contacts.get(row.clientId) ?? null, cache);
        if (p.action === 'send') out.push({ row, prepared: p });
      }
      return out;
    });
  }

  return async function next(): Promise<Ready | undefined> {
    for (;;) {
      const item = ready.shift();
      if (item) return item;
      if (!preparing && cursor >= rows.length) return undefined;
      if (!preparing) {
        preparing = prepareChunk().finally(() => {
          preparing = null;
        });
      }
      await preparing;
    }
  };
}

async function sendAll(
  deps: DispatcherDeps,
  next: () => Promise<Ready | undefined>,
  recorder: Recorder,
  concurrency: number,
): Promise<void> {
  const lane = async () => {
    for (let item = await next(); item; item = await next()) {
      const { row, prepared } = item;
      try {
        const { providerMessageId } = await sendPrepared(deps, row, prepared);
        recorder.add({
          row,
          ok: true,
          accepted: {
            id: row.id,
            providerMessageId,
            sentAt: deps.clock.now(),
            consentEventId: prepared.consentEventId,
            consentVersion: prepared.consentVersion,
          },
        });
      } catch (error) {
        recorder.add({ row, ok: false, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}

export type Dispatcher = {
  workerId: string;
  /** Claims and processes one batch; returns how many messages it claimed. */
  runOnce(): Promise<number>;
};

export function createDispatcher(deps: DispatcherDeps, options: DispatcherOptions = {}): Dispatcher {
  const workerId = options.workerId ?? `w-${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 8;
  const leaseMs = options.leaseMs ?? 60_000;
  return {
    workerId,
    async runOnce() {
      // Cross-tenant by nature: the claim sees every organisation's due rows (reviewed withSystem use).
      const claimed = await withSystem(deps.database, (tx) =>
        claimDueMessages(tx, { now: deps.clock.now(), limit: batchSize, owner: workerId, leaseMs }),
      );
      if (claimed.length === 0) return 0;
      const cache: RoundCache = new Map();
      const recorder = createRecorder(deps, workerId);
      const next = createFeed(deps, workerId, claimed, concurrency, cache);
      await sendAll(deps, next, recorder, Math.min(concurrency, claimed.length));
      await recorder.flushed();
      return claimed.length;
    },
  };
}

/** Runs the dispatcher until stopped: back to back while there is work, polling when idle. */
export function startDispatcherLoop(
  dispatcher: Dispatcher,
  options: { idleMs?: number; logger: Logger },
): { stop(): Promise<void> } {
  let running = true;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (running) {
      let claimed = 0;
      try {
        claimed = await dispatcher.runOnce();
      } catch (error) {
        options.logger.error({ err: error }, 'outbox round failed');
      }
      if (claimed === 0 && running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.idleMs ?? 1_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    async stop() {
      running = false;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}
