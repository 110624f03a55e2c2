import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import { createDataKey, retireOtherDataKeys } from '../platform/crypto/data-keys';
import { type Keyring, loadKeyring, type MasterKey } from '../platform/crypto/keyring';
import { withSystem } from '../platform/tenancy/tenancy';
import {
  countNotSealedWith,
  findNotSealedWith,
  replaceSealedValue,
  type SealedColumnRef,
} from './key-rotation.queries';

/**
 * Data-key rotation while the application keeps serving:
 *  1. create a new data key (wrapped by the master key); running processes pick it up within
 *     KEY_RELOAD_INTERVAL and start sealing with it;
 *  2. wait that long, so no process meets a value sealed with a key it does not know yet;
 *  3. re-seal every value not under the new key, in small batches, with compare-and-set updates;
 *     passes repeat until none is left (values written meanwhile by slow processes are caught);
 *  4. retire the old keys: they stay to open any value restored from a backup, but never seal again.
 * Every sealed column is listed here with its associated-data rule; a test compares this registry
 * with every *_sealed column of the schema.
 */
export type SealedColumn = SealedColumnRef & { aad: (row: Record<string, string>) => string };

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: 'users', column: 'mfa_secret_sealed', extra: [], aad: (r) => `users.mfa_secret:${r.id}` },
  { table: 'users', column: 'mfa_pending_secret_sealed', extra: [], aad: (r) => `users.mfa_secret:${r.id}` },
  { table: 'clients', column: 'cpf_sealed', extra: [], aad: (r) => `clients.cpf:${r.id}` },
  // Adverse-event narratives (issue 5): their writer must seal under this same AAD.
  {
    table: 'adverse_events',
    column: 'details_sealed',
    extra: [],
    aad: (r) => `adverse_events.details:${r.id}`,
  },
  // Security-incident accounts (compliance): their writer must seal under this same AAD.
  {
    table: 'security_incidents',
    column: 'details_sealed',
    extra: [],
    aad: (r) => `security_incidents.details:${r.id}`,
  },
  {
    table: 'outbox_messages',
    column: 'payload_sealed',
    extra: [],
    aad: (r) => `outbox_messages.payload:${r.id}`,
  },
  {
    table: 'inbound_messages',
    column: 'body_sealed',
    extra: [],
    aad: (r) => `inbound_messages.body:${r.id}`,
  },
  { table: 'clients', column: 'mobile_sealed', extra: [], aad: (r) => `clients.mobile:${r.id}` },
  { table: 'clients', column: 'email_sealed', extra: [], aad: (r) => `clients.email:${r.id}` },
  { table: 'clients', column: 'address_sealed', extra: [], aad: (r) => `clients.address:${r.id}` },
  {
    table: 'clients',
    column: 'emergency_contact_sealed',
    extra: [],
    aad: (r) => `clients.emergency_contact:${r.id}`,
  },
  {
    table: 'client_intakes',
    column: 'data_sealed',
    extra: ['client_id', 'version'],
    aad: (r) => `client_intakes.data:${r.client_id}:${r.version}`,
  },
  // Photo objects use envelope encryption: rotation re-seals each photo's object key here; the
  // objects in storage stay as they are (sealed under that per-photo key). See photos/photo-sealing.ts.
  { table: 'photos', column: 'object_key_sealed', extra: [], aad: (r) => `photos.object_key:${r.id}` },
  // Treatment sessions (issue 7): the migration 0021 trigger lets the owner role re-seal these on a
  // signed record as long as nothing else changes.
  {
    table: 'treatment_sessions',
    column: 'clinical_sealed',
    extra: [],
    aad: (r) => `treatment_sessions.clinical:${r.id}`,
  },
  {
    table: 'treatment_sessions',
    column: 'override_sealed',
    extra: [],
    aad: (r) => `treatment_sessions.override:${r.id}`,
  },
  { table: 'session_addenda', column: 'text_sealed', extra: [], aad: (r) => `session_addenda.text:${r.id}` },
  {
    table: 'consent_events',
    column: 'drawn_signature_sealed',
    extra: [],
    aad: (r) => `consent_events.signature:${r.id}`,
  },
];

export type RotationProgress = { table: string; column: string; done: number; total: number };

export async function rotateDataKeys(
  database: Database,
  master: MasterKey,
  options: {
    clock: Clock;
    waitMs: number;
    batchSize?: number;
    onProgress?: (p: RotationProgress) => void;
    onPhase?: (phase: string) => void;
  },
): Promise<{ newKeyId: string; resealed: number; passes: number }> {
  const newKeyId = await withSystem(database, (tx) => createDataKey(tx, master));
  options.onPhase?.(
    `nova chave ${newKeyId} criada; aguardando ${Math.round(options.waitMs / 1000)} s para os processos carregarem`,
  );
  if (options.waitMs > 0) await options.clock.sleep(options.waitMs);
  const keyring: Keyring = await withSystem(database, (tx) => loadKeyring(tx, master));
  if (keyring.activeKeyId !== newKeyId)
    throw new Error('the new data key is not the active one; another rotation ran meanwhile?');
  const batchSize = options.batchSize ?? 500;
  let resealed = 0;
  let passes = 0;
  for (;;) {
    passes++;
    let remainingBefore = 0;
    for (const column of SEALED_COLUMNS) {
      const total = await withSystem(database, (tx) => countNotSealedWith(tx, column, newKeyId));
      remainingBefore += total;
      let done = 0;
      let afterId = '';
      options.onProgress?.({ table: column.table, column: column.column, done, total });
      for (;;) {
        const rows = await withSystem(database, (tx) =>
          findNotSealedWith(tx, column, newKeyId, afterId, batchSize),
        );
        if (rows.length === 0) break;
        // One short transaction per batch, so the application keeps its turn on the database.
        await withSystem(database, async (tx) => {
          for (const row of rows) {
            const sealed = row.sealed ?? '';
            const plaintext = keyring.open(sealed, column.aad(row));
            if (
              await replaceSealedValue(
                tx,
                column,
                row.id ?? '',
                sealed,
                keyring.seal(plaintext, column.aad(row)),
              )
            )
              resealed++;
          }
        });
        afterId = rows.at(-1)?.id ?? afterId;
        done += rows.length;
        options.onProgress?.({
          table: column.table,
          column: column.column,
          done: Math.min(done, total),
          total,
        });
      }
    }
    if (remainingBefore === 0 || passes >= 5) break;
  }
  await withSystem(database, (tx) => retireOtherDataKeys(tx, newKeyId, options.clock.now()));
  return { newKeyId, resealed, passes };
}
