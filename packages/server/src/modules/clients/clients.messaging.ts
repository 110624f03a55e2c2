import type { TConsentPurpose } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordAudit } from '../../platform/audit/audit';
import type { Keyring } from '../../platform/crypto/keyring';
import { clientAad } from './client-aad';
import {
  findClientById,
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
  const row = await findClientById(tx, clientId);
  if (!row) return null;
  const events = await findConsentEventsForExport(tx, clientId);
  const consents: MessagingContact['consents'] = {};
  for (const e of events) {
    if (e.event.procedureCategory !== null) continue;
    consents[e.event.purpose as TConsentPurpose] = {
      eventId: e.event.id,
      version: e.documentVersion,
      granted: e.event.action === 'grant',
    };
  }
  const name = (row.socialName ?? row.fullName).trim();
  return {
    clientId,
    isActive: row.status === 'active',
    isBlocked: row.blockedAt !== null,
    firstName: name.split(/\s+/)[0] ?? name,
    mobileE164: row.mobileSealed ? keyring.open(row.mobileSealed, clientAad('mobile', clientId)) : null,
    mobileIndex: row.mobileIndex,
    email: row.emailSealed ? keyring.open(row.emailSealed, clientAad('email', clientId)) : null,
    preferredChannel: row.preferredChannel,
    consents,
  };
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
