import type { Database, Tx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import type { Logger } from '../../platform/logger';
import { withTenant } from '../../platform/tenancy/tenancy';
import { getMessagingContact } from '../clients/clients.service';
import {
  type AcceptedRecord,
  type OutboxRow,
  recordAcceptedMessages,
  updateClaimedMessage,
} from './messaging.queries';
import { enqueueMessage, type MessagePayload, payloadAad } from './outbox';
import { ProviderError } from './ports';
import { retryDelayMs } from './rules';
import { FREE_TEXT_KIND } from './templates';

/**
 * The record half of a send: what the provider answered, written back fenced on the lease.
 *
 * Results are group-committed: the first answer starts a transaction at once, and the answers that
 * arrive while it runs go together in the next one. Under load a transaction records dozens of
 * messages; when idle it records one, as soon as it arrives. The window between "the provider
 * accepted" and "we recorded it" therefore stays one short transaction long, as with one transaction
 * per message. A crash inside that window leaves the row `sending` under an expiring lease, and the
 * next worker repeats the call with the same idempotency key (see dispatcher.ts).
 */
export type RecordDeps = {
  database: Database;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
};

export type SendOutcome =
  | { row: OutboxRow; ok: true; accepted: AcceptedRecord }
  | { row: OutboxRow; ok: false; error: unknown };

export type Recorder = {
  add(outcome: SendOutcome): void;
  /** Resolves once every outcome added so far is recorded (or its transaction failed and was logged). */
  flushed(): Promise<void>;
};

export function createRecorder(deps: RecordDeps, owner: string): Recorder {
  let pending: SendOutcome[] = [];
  let running: Promise<void> | null = null;

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      // Let the answers already on the wire be read first. PGlite runs a whole transaction without
      // returning to the event loop, so without this every flush would carry a single answer.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const outcomes = pending;
      pending = [];
      const byOrganization = new Map<string, SendOutcome[]>();
      for (const o of outcomes) {
        const list = byOrganization.get(o.row.organizationId) ?? [];
        list.push(o);
        byOrganization.set(o.row.organizationId, list);
      }
      for (const [organizationId, list] of byOrganization) {
        const record = (part: SendOutcome[]) =>
          withTenant(deps.database, organizationId, (tx) => recordOutcomes(deps, tx, owner, part));
        try {
          await record(list);
        } catch (error) {
          // Nothing of this group was recorded; one bad outcome must not hold back the others, so
          // each is recorded again alone. What still fails stays `sending`: its lease runs out and
          // another round repeats the call with the same key, which the provider deduplicates.
          if (list.length === 1) {
            deps.logger.error({ err: error, messageId: list[0]?.row.id }, 'recording a send result failed');
            continue;
          }
          for (const outcome of list) {
            await record([outcome]).catch((rowError: unknown) =>
              deps.logger.error(
                { err: rowError, messageId: outcome.row.id },
                'recording a send result failed',
              ),
            );
          }
        }
      }
    }
  }

  return {
    add(outcome) {
      pending.push(outcome);
      if (!running) {
        running = drain().finally(() => {
          running = null;
        });
      }
    },
    async flushed() {
      while (running) await running;
    },
  };
}

async function recordOutcomes(deps: RecordDeps, tx: Tx, owner: string, outcomes: SendOutcome[]) {
  const accepted: AcceptedRecord[] = [];
  for (const o of outcomes) if (o.ok) accepted.push(o.accepted);
  await recordAcceptedMessages(tx, owner, accepted);
  for (const o of outcomes) if (!o.ok) await recordFailure(deps, tx, owner, o.row, o.error);
}

/** Retriable errors go back to the queue with backoff until the attempts run out (dead letter). */
async function recordFailure(deps: RecordDeps, tx: Tx, owner: string, row: OutboxRow, error: unknown) {
  const providerError = error instanceof ProviderError ? error : new ProviderError('erro_interno', true);
  if (!(error instanceof ProviderError))
    deps.logger.error({ err: error, messageId: row.id }, 'message send failed');
  const now = deps.clock.now();
  const exhausted = row.attempts >= row.maxAttempts;
  const status = !providerError.retriable ? 'failed' : exhausted ? 'dead' : 'queued';
  const updated = await updateClaimedMessage(tx, row.id, owner, {
    status,
    lastError: providerError.code,
    nextAttemptAt:
      status === 'queued' ? new Date(now.getTime() + retryDelayMs(row.attempts)) : row.nextAttemptAt,
    failedAt: status === 'queued' ? null : now,
    updatedAt: now,
  });
  if (updated && status === 'failed') await enqueueEmailFallback(deps, tx, row, now);
}

/** A care message WhatsApp refused goes by e-mail, when the client opted in there too. */
export async function enqueueEmailFallback(
  deps: Pick<RecordDeps, 'keyring'>,
  tx: Tx,
  row: OutboxRow,
  now: Date,
): Promise<void> {
  if (row.channel !== 'whatsapp' || row.purpose !== 'care' || row.kind === FREE_TEXT_KIND) return;
  const payload = JSON.parse(deps.keyring.open(row.payloadSealed, payloadAad(row.id))) as MessagePayload;
  const contact = await getMessagingContact(tx, deps.keyring, row.clientId);
  if (!contact?.consents.lembretes_email?.granted || !contact.email) return;
  await enqueueMessage(
    tx,
    { keyring: deps.keyring, now },
    {
      organizationId: row.organizationId,
      clinicId: row.clinicId,
      clientId: row.clientId,
      appointmentId: row.appointmentId,
      kind: row.kind as never,
      purpose: 'care',
      dueAt: now,
      variables: payload.variables.slice(1),
      startsAt: payload.startsAt ? new Date(payload.startsAt) : undefined,
      idempotencyKey: `${row.idempotencyKey}:email`,
      sourceEvent: 'fallback',
      channel: 'email',
      holdUntil: row.holdUntil,
      fallbackOf: row.id,
    },
  );
}
