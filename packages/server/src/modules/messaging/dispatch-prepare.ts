import type { Tx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import type { MessagingContact } from '../clients/clients.service';
import { getClinicForMessaging } from '../organizations/organizations.service';
import { findLastInboundAt, findTemplate, type OutboxRow, updateClaimedMessage } from './messaging.queries';
import { CONSENT_FOR, type MessageChannel, type MessagePayload, payloadAad, reminderPlanFor } from './outbox';
import { type AppointmentMessagingPort, type EmailSender, ProviderError, type WhatsAppSender } from './ports';
import { isInsideServiceWindow, nextAllowedInstant, renderTemplate } from './rules';
import { DEFAULT_TEMPLATES, FREE_TEXT_KIND } from './templates';

/**
 * The decision half of a send: may this claimed message go now, to whom, with what content, under
 * which consent. It runs inside the tenant's transaction that also read the client's contact and
 * consents for the whole chunk (see dispatcher.ts); a message that may not go is finished here, in
 * that transaction, fenced on the lease.
 */
export type PrepareDeps = {
  keyring: Keyring;
  clock: Clock;
  appointments: AppointmentMessagingPort;
};

export type Prepared =
  | { action: 'done' }
  | {
      action: 'send';
      channel: MessageChannel;
      to: string;
      consentEventId: string;
      consentVersion: number;
      whatsapp?:
        | { templateName: string; language: string; parameters: string[]; buttons: string[] }
        | { text: string };
      email?: { subject: string; text: string };
    };

const REMINDER_KINDS = new Set(['lembrete_consulta', 'pedido_confirmacao', 'oferta_vaga']);

/**
 * Lookups shared by the messages of one round (a clinic's name, zone and plan, an organisation's
 * template): the same for a whole batch, read once. Keys carry the clinic or organisation, and each
 * value was read inside that tenant's transaction; a round lasts seconds, so an edit applies from the
 * next round on. Per-client data (contact, consent, appointment) is never cached.
 */
export type RoundCache = Map<string, Promise<unknown>>;

function cached<T>(cache: RoundCache | undefined, key: string, load: () => Promise<T>): Promise<T> {
  if (!cache) return load();
  let hit = cache.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = load();
    cache.set(key, hit);
    // A failed lookup is not remembered.
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

export async function prepareClaimed(
  deps: PrepareDeps,
  tx: Tx,
  row: OutboxRow,
  owner: string,
  contact: MessagingContact | null,
  cache?: RoundCache,
): Promise<Prepared> {
  const now = deps.clock.now();
  const finish = async (status: string, reason: string, extra: Partial<OutboxRow> = {}) => {
    await updateClaimedMessage(tx, row.id, owner, { status, lastError: reason, updatedAt: now, ...extra });
    return { action: 'done' } as const;
  };
  if (!contact?.isActive) return finish('skipped', 'cliente_inativo');
  if (contact.isBlocked) return finish('skipped', 'cliente_bloqueado');
  const channel = row.channel as MessageChannel;
  const consent = contact.consents[CONSENT_FOR[row.purpose as 'care' | 'marketing'][channel]];
  // Opt-out is effective at once: a withdrawal after enqueueing stops the send.
  if (!consent?.granted) return finish('skipped', 'consentimento_revogado');
  const to = channel === 'whatsapp' ? contact.mobileE164 : contact.email;
  if (!to) return finish('skipped', 'sem_contato');

  const clinic = await cached(cache, `clinic:${row.clinicId}`, () => getClinicForMessaging(tx, row.clinicId));
  const plan = await cached(cache, `plan:${row.clinicId}`, () => reminderPlanFor(tx, row.clinicId));
  const allowedAt = nextAllowedInstant(now, plan, clinic?.timeZone ?? 'America/Sao_Paulo');
  if (allowedAt.getTime() > now.getTime()) {
    // Quiet hours (a retry or a late worker landed in them): wait, without spending an attempt.
    return finish('queued', 'horario_silencioso', { nextAttemptAt: allowedAt, attempts: row.attempts - 1 });
  }

  const payload = JSON.parse(deps.keyring.open(row.payloadSealed, payloadAad(row.id))) as MessagePayload;
  if (row.appointmentId && REMINDER_KINDS.has(row.kind)) {
    const appointment = await deps.appointments.getForReminder(tx, row.organizationId, row.appointmentId);
    if (!appointment) return finish('skipped', 'consulta_inexistente');
    if (['cancelado', 'concluido', 'faltou'].includes(appointment.status))
      return finish('skipped', 'consulta_cancelada');
    if (payload.startsAt && appointment.startsAt.toISOString() !== payload.startsAt)
      return finish('skipped', 'consulta_remarcada');
    if (row.kind === 'pedido_confirmacao' && appointment.status === 'confirmado')
      return finish('skipped', 'ja_confirmada');
  }
  if (row.holdUntil && row.holdUntil.getTime() <= now.getTime()) return finish('skipped', 'oferta_expirada');

  const base = {
    action: 'send' as const,
    channel,
    to,
    consentEventId: consent.eventId,
    consentVersion: consent.version,
  };
  if (row.kind === FREE_TEXT_KIND) {
    if (channel === 'whatsapp') {
      const lastInbound = await findLastInboundAt(tx, row.clientId);
      if (!isInsideServiceWindow(lastInbound, now))
        return finish('failed', 'fora_da_janela_24h', { failedAt: now });
      return { ...base, whatsapp: { text: payload.text ?? '' } };
    }
    return { ...base, email: { subject: clinic?.name ?? 'Mensagem da clínica', text: payload.text ?? '' } };
  }
  const stored = await cached(cache, `template:${row.organizationId}:${row.kind}:${channel}`, () =>
    findTemplate(tx, row.organizationId, row.kind, channel),
  );
  const fallback = DEFAULT_TEMPLATES.find((t) => t.key === row.kind);
  if (channel === 'whatsapp') {
    const templateName = stored?.providerTemplateName ?? fallback?.whatsapp.name;
    if (!templateName) return finish('failed', 'modelo_inexistente', { failedAt: now });
    return {
      ...base,
      whatsapp: {
        templateName,
        language: stored?.language ?? 'pt_BR',
        parameters: payload.variables,
        buttons: payload.buttons ?? [],
      },
    };
  }
  const subject = stored?.subject ?? fallback?.email.subject;
  const body = stored?.body ?? fallback?.email.body;
  if (!subject || !body) return finish('failed', 'modelo_inexistente', { failedAt: now });
  return {
    ...base,
    email: {
      subject: renderTemplate(subject, payload.variables),
      text: renderTemplate(body, payload.variables),
    },
  };
}

export type Sendable = Extract<Prepared, { action: 'send' }>;

/** The provider call, keyed by the row id: a repeat of it (after a crash) is deduplicated by the provider. */
export async function sendPrepared(
  deps: { whatsapp: WhatsAppSender; email: EmailSender | null },
  row: OutboxRow,
  p: Sendable,
): Promise<{ providerMessageId: string }> {
  if (p.whatsapp) {
    if ('text' in p.whatsapp)
      return deps.whatsapp.sendText({ to: p.to, body: p.whatsapp.text, idempotencyKey: row.id });
    return deps.whatsapp.sendTemplate({
      to: p.to,
      templateName: p.whatsapp.templateName,
      language: p.whatsapp.language,
      bodyParameters: p.whatsapp.parameters,
      buttonPayloads: p.whatsapp.buttons,
      idempotencyKey: row.id,
    });
  }
  if (!deps.email || !p.email) throw new ProviderError('email_not_configured', true);
  return deps.email.send({ to: p.to, subject: p.email.subject, text: p.email.text, idempotencyKey: row.id });
}
