import { normalizeBrazilianPhone } from '@clinia/contracts';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import type { Logger } from '../../platform/logger';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import { withdrawChannelConsentsByReply } from '../clients/clients.service';
import { enqueueEmailFallback } from './dispatch-record';
import {
  cancelQueuedForClientChannel,
  findLatestOutboundToRecipient,
  findOutboxByProviderId,
  insertInbound,
  insertStatusEvent,
  lockOutboxMessage,
  updateOutboxMessage,
} from './messaging.queries';
import { enqueueMessage } from './outbox';
import type { AppointmentMessagingPort } from './ports';
import { interpretReply, nextDeliveryStatus } from './rules';
import { isValidWebhookSignature } from './signature';
import { FREE_TEXT_KIND } from './templates';

/**
 * WhatsApp webhook (REGULATION.md 6.2). The signature is checked on the raw bytes before parsing.
 * Status callbacks move a message forward only; a callback for a message whose provider id is not
 * recorded yet (its worker is still committing) answers 503 so Meta delivers it again. Replies are
 * matched to the latest message sent to that number; "confirmar"/"cancelar" call the appointments
 * port, "parar" withdraws every WhatsApp consent at once.
 */
export type WebhookDeps = {
  database: Database;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
  appSecret: string;
  appointments: AppointmentMessagingPort;
};

type StatusEntry = {
  id?: string;
  status?: string;
  timestamp?: string;
  errors?: { code?: number }[];
};
type InboundEntry = {
  from?: string;
  id?: string;
  timestamp?: string;
  type?: string;
  text?: { body?: string };
  button?: { payload?: string; text?: string };
  interactive?: { button_reply?: { id?: string; title?: string } };
};

export type WebhookResult = { httpStatus: 200 | 400 | 401 | 503; statuses: number; replies: number };

/** Brazilian wa_ids of older mobiles may lack the ninth digit: 55 11 8765-4321 → +5511987654321. */
export function e164FromWaId(waId: string): string | null {
  const digits = waId.replace(/\D/g, '');
  const direct = normalizeBrazilianPhone(digits);
  if (direct?.kind === 'mobile') return direct.e164;
  if (digits.length === 12 && digits.startsWith('55') && /[6-9]/.test(digits[4] ?? ''))
    return normalizeBrazilianPhone(`${digits.slice(0, 4)}9${digits.slice(4)}`)?.e164 ?? null;
  return direct?.e164 ?? null;
}

export async function handleWhatsAppWebhook(
  deps: WebhookDeps,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<WebhookResult> {
  if (!isValidWebhookSignature(deps.appSecret, rawBody, signature))
    return { httpStatus: 401, statuses: 0, replies: 0 };
  let body: {
    object?: string;
    entry?: { changes?: { field?: string; value?: Record<string, unknown> }[] }[];
  };
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return { httpStatus: 400, statuses: 0, replies: 0 };
  }
  if (body.object !== 'whatsapp_business_account') return { httpStatus: 400, statuses: 0, replies: 0 };
  let retryLater = false;
  let statuses = 0;
  let replies = 0;
  for (const entry of body.entry ?? []) {
    for (const change of entry.changes ?? []) {
      if (change.field !== 'messages' || !change.value) continue;
      for (const status of (change.value.statuses as StatusEntry[] | undefined) ?? []) {
        const outcome = await applyStatus(deps, status);
        if (outcome === 'unknown') retryLater = true;
        else statuses += 1;
      }
      for (const message of (change.value.messages as InboundEntry[] | undefined) ?? []) {
        if (await handleInbound(deps, message)) replies += 1;
      }
    }
  }
  return { httpStatus: retryLater ? 503 : 200, statuses, replies };
}

async function applyStatus(
  deps: WebhookDeps,
  status: StatusEntry,
): Promise<'applied' | 'ignored' | 'unknown'> {
  if (!status.id || !status.status) return 'ignored';
  const providerId = status.id;
  // Find the tenant first (the reviewed exception), then work inside it.
  const owner = await withSystem(deps.database, (tx) => findOutboxByProviderId(tx, providerId));
  if (!owner) return 'unknown';
  const at = status.timestamp ? new Date(Number(status.timestamp) * 1000) : deps.clock.now();
  const incoming = status.status;
  await withTenant(deps.database, owner.organizationId, async (tx) => {
    const isNew = await insertStatusEvent(tx, {
      organizationId: owner.organizationId,
      messageId: owner.id,
      providerMessageId: providerId,
      status: incoming,
      occurredAt: at,
      errorCode: incoming === 'failed' ? String(status.errors?.[0]?.code ?? 'desconhecido') : null,
    });
    if (!isNew) return;
    const row = await lockOutboxMessage(tx, owner.id);
    if (!row) return;
    const next = nextDeliveryStatus(row.status, incoming);
    if (!next) return;
    const now = deps.clock.now();
    await updateOutboxMessage(tx, row.id, {
      status: next,
      ...(next === 'delivered' ? { deliveredAt: at } : {}),
      ...(next === 'read' ? { readAt: at, deliveredAt: row.deliveredAt ?? at } : {}),
      ...(next === 'failed'
        ? { failedAt: at, lastError: `graph_${status.errors?.[0]?.code ?? 'falha'}` }
        : {}),
      updatedAt: now,
    });
    if (next === 'failed') await enqueueEmailFallback(deps, tx, row, now);
  });
  return 'applied';
}

async function handleInbound(deps: WebhookDeps, message: InboundEntry): Promise<boolean> {
  if (!message.from || !message.id) return false;
  const e164 = e164FromWaId(message.from);
  if (!e164) return false;
  const recipientIndex = deps.keyring.blindIndex(e164, 'mobile');
  const context = await withSystem(deps.database, (tx) => findLatestOutboundToRecipient(tx, recipientIndex));
  // A number we never wrote to: not a client reply we can attribute.
  if (!context) return false;
  const buttonPayload = message.button?.payload ?? message.interactive?.button_reply?.id ?? null;
  const text = message.text?.body ?? message.button?.text ?? message.interactive?.button_reply?.title ?? null;
  const intent = interpretReply({ buttonPayload, text });
  const payloadAppointment = buttonPayload?.split(':')[1] ?? null;
  const appointmentId = payloadAppointment ?? context.appointmentId;
  const receivedAt = message.timestamp ? new Date(Number(message.timestamp) * 1000) : deps.clock.now();
  const providerId = message.id;
  return withTenant(deps.database, context.organizationId, async (tx) => {
    const now = deps.clock.now();
    const inboundId = crypto.randomUUID();
    const source = { channel: 'whatsapp' as const, inboundMessageId: inboundId };
    let outcome = 'none';
    // A button names its appointment; it only counts when that appointment is this client's own.
    const ownAppointment =
      appointmentId !== null &&
      (appointmentId === context.appointmentId ||
        (await deps.appointments.getForReminder(tx, context.organizationId, appointmentId))?.clientId ===
          context.clientId);
    if ((intent === 'confirm' || intent === 'cancel') && appointmentId && !ownAppointment) {
      outcome = 'not_found';
    } else if (intent === 'confirm' && appointmentId) {
      if (context.holdUntil && context.holdUntil.getTime() < now.getTime()) outcome = 'offer_expired';
      else outcome = await deps.appointments.confirm(tx, context.organizationId, appointmentId, source);
    } else if (intent === 'cancel' && appointmentId) {
      outcome = await deps.appointments.cancel(tx, context.organizationId, appointmentId, source);
    } else if (intent === 'stop') {
      await withdrawChannelConsentsByReply(tx, {
        organizationId: context.organizationId,
        clientId: context.clientId,
        purposes: ['lembretes_whatsapp', 'marketing_whatsapp'],
        evidence: providerId,
        now,
      });
      await cancelQueuedForClientChannel(tx, context.clientId, 'whatsapp', now);
      outcome = 'opted_out';
    }
    const inserted = await insertInbound(tx, {
      id: inboundId,
      organizationId: context.organizationId,
      clientId: context.clientId,
      inReplyTo: context.id,
      appointmentId,
      providerMessageId: providerId,
      channel: 'whatsapp',
      intent,
      outcome,
      bodySealed: text ? deps.keyring.seal(text, `inbound_messages.body:${inboundId}`) : null,
      receivedAt,
    });
    if (!inserted) {
      // A redelivered webhook: undo anything this run did by failing the transaction.
      throw new DuplicateInbound();
    }
    const ack =
      outcome === 'confirmed'
        ? 'Obrigado! Seu horário está confirmado.'
        : outcome === 'cancelled'
          ? 'Seu horário foi cancelado. Se quiser remarcar, é só responder por aqui.'
          : outcome === 'offer_expired'
            ? 'Que pena, o prazo para ficar com este horário terminou. Avisaremos na próxima vaga.'
            : null;
    if (ack) {
      await enqueueMessage(
        tx,
        { keyring: deps.keyring, now },
        {
          organizationId: context.organizationId,
          clinicId: context.clinicId,
          clientId: context.clientId,
          appointmentId,
          kind: FREE_TEXT_KIND,
          purpose: 'care',
          dueAt: now,
          variables: [],
          text: ack,
          idempotencyKey: `ack:${providerId}`,
          sourceEvent: 'reply',
          channel: 'whatsapp',
        },
      );
    }
    return true;
  }).catch((error: unknown) => {
    if (error instanceof DuplicateInbound) return false;
    throw error;
  });
}

class DuplicateInbound extends Error {}
