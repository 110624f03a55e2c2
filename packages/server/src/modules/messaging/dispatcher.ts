import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import type { Logger } from '../../platform/logger';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import { getMessagingContact } from '../clients/clients.service';
import { getClinicForMessaging } from '../organizations/organizations.service';
import {
  claimDueMessages,
  findLastInboundAt,
  findTemplate,
  type OutboxRow,
  updateClaimedMessage,
} from './messaging.queries';
import {
  CONSENT_FOR,
  enqueueMessage,
  type MessageChannel,
  type MessagePayload,
  payloadAad,
  reminderPlanFor,
} from './outbox';
import { type AppointmentMessagingPort, type EmailSender, ProviderError, type WhatsAppSender } from './ports';
import { isInsideServiceWindow, nextAllowedInstant, renderTemplate, retryDelayMs } from './rules';
import { DEFAULT_TEMPLATES, FREE_TEXT_KIND } from './templates';

/**
 * The outbox worker. Each round claims due rows under a lease (one short transaction), then per
 * message: re-checks consent, quiet hours, the appointment and the 24-hour window in the tenant's
 * transaction; calls the provider with the message's id as idempotency key, outside any transaction;
 * and records the provider id in a last transaction, fenced on the lease. A worker that dies between
 * the call and the record leaves the row `sending`; when the lease runs out another worker claims it
 * and repeats the call with the same key, which the provider deduplicates. See docs/architecture.md, "Messaging".
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

type Prepared =
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

async function prepare(deps: DispatcherDeps, tx: Tx, row: OutboxRow, owner: string): Promise<Prepared> {
  const now = deps.clock.now();
  const finish = async (status: string, reason: string, extra: Partial<OutboxRow> = {}) => {
    await updateClaimedMessage(tx, row.id, owner, { status, lastError: reason, updatedAt: now, ...extra });
    return { action: 'done' } as const;
  };
  const contact = await getMessagingContact(tx, deps.keyring, row.clientId);
  if (!contact?.isActive) return finish('skipped', 'cliente_inativo');
  if (contact.isBlocked) return finish('skipped', 'cliente_bloqueado');
  const channel = row.channel as MessageChannel;
  const consent = contact.consents[CONSENT_FOR[row.purpose as 'care' | 'marketing'][channel]];
  // Opt-out is effective at once: a withdrawal after enqueueing stops the send.
  if (!consent?.granted) return finish('skipped', 'consentimento_revogado');
  const to = channel === 'whatsapp' ? contact.mobileE164 : contact.email;
  if (!to) return finish('skipped', 'sem_contato');

  const clinic = await getClinicForMessaging(tx, row.clinicId);
  const plan = await reminderPlanFor(tx, row.clinicId);
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
  const stored = await findTemplate(tx, row.organizationId, row.kind, channel);
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

async function send(deps: DispatcherDeps, row: OutboxRow, p: Extract<Prepared, { action: 'send' }>) {
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

/** Handles one claimed message end to end. Returns the status it ended in. */
export async function processClaimed(deps: DispatcherDeps, row: OutboxRow, owner: string): Promise<string> {
  const prepared = await withTenant(deps.database, row.organizationId, (tx) => prepare(deps, tx, row, owner));
  if (prepared.action === 'done') return 'finished';
  try {
    const { providerMessageId } = await send(deps, row, prepared);
    const now = deps.clock.now();
    await withTenant(deps.database, row.organizationId, (tx) =>
      updateClaimedMessage(tx, row.id, owner, {
        status: 'accepted',
        providerMessageId,
        sentAt: now,
        consentEventId: prepared.consentEventId,
        consentVersion: prepared.consentVersion,
        lastError: null,
        updatedAt: now,
      }),
    );
    return 'accepted';
  } catch (error) {
    const providerError = error instanceof ProviderError ? error : new ProviderError('erro_interno', true);
    if (!(error instanceof ProviderError))
      deps.logger.error({ err: error, messageId: row.id }, 'message send failed');
    const now = deps.clock.now();
    const exhausted = row.attempts >= row.maxAttempts;
    const status = !providerError.retriable ? 'failed' : exhausted ? 'dead' : 'queued';
    await withTenant(deps.database, row.organizationId, async (tx) => {
      const updated = await updateClaimedMessage(tx, row.id, owner, {
        status,
        lastError: providerError.code,
        nextAttemptAt:
          status === 'queued' ? new Date(now.getTime() + retryDelayMs(row.attempts)) : row.nextAttemptAt,
        failedAt: status === 'queued' ? null : now,
        updatedAt: now,
      });
      if (updated && status === 'failed') await enqueueEmailFallback(deps, tx, row, now);
    });
    return status;
  }
}

/** A care message WhatsApp refused goes by e-mail, when the client opted in there too. */
export async function enqueueEmailFallback(
  deps: Pick<DispatcherDeps, 'keyring'>,
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

async function pool<T>(items: T[], concurrency: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  });
  await Promise.all(lanes);
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
      await pool(claimed, concurrency, async (row) => {
        try {
          await processClaimed(deps, row, workerId);
        } catch (error) {
          // The lease expires and another round retries it; nothing is lost.
          deps.logger.error({ err: error, messageId: row.id }, 'message processing failed');
        }
      });
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
