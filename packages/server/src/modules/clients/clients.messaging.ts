import type { TConsentPurpose } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordAudit } from '../../platform/audit/audit';
import type { Keyring } from '../../platform/crypto/keyring';
import { clientAad } from './client-aad';
import {
  findClientsByIds,
  findConsentEventsForClients,
  findConsentEventsForExport,
  findCurrentConsentDocuments,
  insertConsentEvent,
} from './clients.queries';

/**
 * What the messaging module may know about a client: contact points (opened only to send), the
 * blind index of the mobile (to link replies), and the latest consent decision per purpose, with
 * the event id and document version that messaging records as the permission for each send.
 */
export type MessagingConsent = { eventId: string; version: number; granted: boolean };

export type MessagingContact = {
  clientId: string;
  isActive: boolean;
  isBlocked: boolean;
  firstName: string;
  mobileE164: string | null;
  mobileIndex: string | null;
  email: string | null;
  preferredChannel: string;
  consents: Partial<Record<TConsentPurpose, MessagingConsent>>;
};

export async function getMessagingContact(
  tx: Tx,
  keyring: Keyring,
  clientId: string,
): Promise<MessagingContact | null> {
  return (await getMessagingContacts(tx, keyring, [clientId])).get(clientId) ?? null;
}

/**
 * The same for several clients in two queries (the outbox dispatcher reads a batch at once, inside
 * the transaction that decides whether each message may go). Clients not found are absent.
 */
export async function getMessagingContacts(
  tx: Tx,
  keyring: Keyring,
  clientIds: string[],
): Promise<Map<string, MessagingContact>> {
  const ids = [...new Set(clientIds)];
  const contacts = new Map<string, MessagingContact>();
  if (ids.length === 0) return contacts;
  const rows = await findClientsByIds(tx, ids);
  const events = rows.length > 0 ? await findConsentEventsForClients(tx, ids) : [];
  for (const row of rows) {
    const name = (row.socialName ?? row.fullName).trim();
    contacts.set(row.id, {
      clientId: row.id,
      isActive: row.status === 'active',
      isBlocked: row.blockedAt !== null,
      firstName: name.split(/\s+/)[0] ?? name,
      mobileE164: row.mobileSealed ? keyring.open(row.mobileSealed, clientAad('mobile', row.id)) : null,
      mobileIndex: row.mobileIndex,
      email: row.emailSealed ? keyring.open(row.emailSealed, clientAad('email', row.id)) : null,
      preferredChannel: row.preferredChannel,
      consents: {},
    });
  }
  // Oldest first, so each purpose ends with the client's latest decision.
  for (const e of events) {
    const contact = contacts.get(e.event.clientId);
    if (!contact || e.event.procedureCategory !== null) continue;
    contact.consents[e.event.purpose as TConsentPurpose] = {
      eventId: e.event.id,
      version: e.documentVersion,
      granted: e.event.action === 'grant',
    };
  }
  return contacts;
}

/**
 * The client replied "PARAR" (or asked to stop on the channel): every purpose on that channel is
 * withdrawn at once. The inbound message id is the evidence. Returns the purposes withdrawn.
 */
export async function withdrawChannelConsentsByReply(
  tx: Tx,
  input: {
    organizationId: string;
    clientId: string;
    purposes: TConsentPurpose[];
    evidence: string;
    now: Date;
  },
): Promise<TConsentPurpose[]> {
  const docs = await findCurrentConsentDocuments(tx, input.organizationId);
  const events = await findConsentEventsForExport(tx, input.clientId);
  const withdrawn: TConsentPurpose[] = [];
  for (const purpose of input.purposes) {
    const last = [...events].reverse().find((e) => e.event.purpose === purpose);
    const doc = docs.find((d) => d.purpose === purpose && d.procedureCategory === null);
    if (last?.event.action !== 'grant' || !doc) continue;
    await insertConsentEvent(tx, {
      organizationId: input.organizationId,
      clientId: input.clientId,
      documentId: doc.id,
      purpose,
      action: 'withdraw',
      occurredAt: input.now,
      channel: 'resposta_whatsapp',
      collectedBy: null,
      signer: 'client',
      typedName: `Resposta ${input.evidence.slice(0, 120)}`,
      documentSha256: doc.bodySha256,
    });
    withdrawn.push(purpose);
  }
  if (withdrawn.length > 0) {
    await recordAudit(tx, {
      organizationId: input.organizationId,
      action: 'client.consent.withdraw',
      entityType: 'client',
      entityId: input.clientId,
      changedFields: withdrawn.map((p) => `consent.${p}`),
      occurredAt: input.now,
    });
  }
  return withdrawn;
}
