import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import {
  findAllClientInbound,
  findAllClientMessages,
  updateInboundRow,
  updateOutboxMessage,
} from './messaging.queries';
import { type MessagePayload, payloadAad } from './outbox';

/**
 * Messaging's part of data-subject requests (LGPD Art. 18), in the caller's tenant transaction: the
 * messages and replies of a client, opened, for the access/portability package; and anonymisation,
 * which erases what identifies the person in messaging (first name and free text in sealed payloads,
 * reply texts, the recipient's blind index) and stops anything still queued.
 */
export type ClientMessagesExport = {
  messages: {
    id: string;
    kind: string;
    channel: string;
    purpose: string;
    status: string;
    dueAt: string;
    sentAt: string | null;
    deliveredAt: string | null;
    readAt: string | null;
    failedAt: string | null;
    consentEventId: string | null;
    consentVersion: number | null;
    variables: string[];
    text: string | null;
  }[];
  replies: {
    id: string;
    receivedAt: string;
    channel: string;
    intent: string;
    outcome: string;
    text: string | null;
  }[];
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function readClientMessagesForExport(
  keyring: Keyring,
  tx: Tx,
  clientId: string,
): Promise<ClientMessagesExport> {
  const rows = await findAllClientMessages(tx, clientId);
  const inbound = await findAllClientInbound(tx, clientId);
  return {
    messages: rows.map((row) => {
      const payload = JSON.parse(keyring.open(row.payloadSealed, payloadAad(row.id))) as MessagePayload;
      return {
        id: row.id,
        kind: row.kind,
        channel: row.channel,
        purpose: row.purpose,
        status: row.status,
        dueAt: row.dueAt.toISOString(),
        sentAt: iso(row.sentAt),
        deliveredAt: iso(row.deliveredAt),
        readAt: iso(row.readAt),
        failedAt: iso(row.failedAt),
        consentEventId: row.consentEventId,
        consentVersion: row.consentVersion,
        variables: payload.variables,
        text: payload.text ?? null,
      };
    }),
    replies: inbound.map((row) => ({
      id: row.id,
      receivedAt: row.receivedAt.toISOString(),
      channel: row.channel,
      intent: row.intent,
      outcome: row.outcome,
      text: row.bodySealed ? keyring.open(row.bodySealed, `inbound_messages.body:${row.id}`) : null,
    })),
  };
}

export async function anonymiseClientMessages(
  keyring: Keyring,
  tx: Tx,
  clientId: string,
  now: Date,
): Promise<{ messages: number; replies: number }> {
  const rows = await findAllClientMessages(tx, clientId);
  for (const row of rows) {
    const payload = JSON.parse(keyring.open(row.payloadSealed, payloadAad(row.id))) as MessagePayload;
    const scrubbed: MessagePayload = {
      ...payload,
      // {{1}} is always the first name; free text may carry anything the staff wrote.
      variables: payload.variables.map((v, i) => (i === 0 ? '' : v)),
      ...(payload.text !== undefined ? { text: '' } : {}),
    };
    const pending = row.status === 'queued' || row.status === 'sending';
    await updateOutboxMessage(tx, row.id, {
      payloadSealed: keyring.seal(JSON.stringify(scrubbed), payloadAad(row.id)),
      recipientIndex: null,
      ...(pending
        ? { status: 'skipped', lastError: 'cliente_anonimizado', leaseOwner: null, leaseExpiresAt: null }
        : {}),
      updatedAt: now,
    });
  }
  const inbound = await findAllClientInbound(tx, clientId);
  for (const reply of inbound) await updateInboundRow(tx, reply.id, { bodySealed: null });
  return { messages: rows.length, replies: inbound.length };
}
