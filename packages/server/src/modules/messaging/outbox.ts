import { randomUUID } from 'node:crypto';
import type { TConsentPurpose } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { getMessagingContact, type MessagingContact } from '../clients/clients.service';
import { getClinicForMessaging } from '../organizations/organizations.service';
import {
  cancelQueuedForAppointment,
  findReminderPlan,
  insertOutboxMessage,
  type ReminderPlanRow,
} from './messaging.queries';
import { nextAllowedInstant } from './rules';
import type { FREE_TEXT_KIND, TTemplateKey } from './templates';

/**
 * The transactional outbox. Every message is inserted in the transaction of the event that caused it
 * (the caller's `tx`): if the booking rolls back, so do its reminders. The idempotency key makes a
 * repeated event a no-op. Consent and quiet hours are applied here and again at send time.
 */

export type MessagePurpose = 'care' | 'marketing';
export type MessageChannel = 'whatsapp' | 'email';

export const CONSENT_FOR: Record<MessagePurpose, Record<MessageChannel, TConsentPurpose>> = {
  care: { whatsapp: 'lembretes_whatsapp', email: 'lembretes_email' },
  marketing: { whatsapp: 'marketing_whatsapp', email: 'marketing_email' },
};

export type MessagePayload = {
  variables: string[];
  /** Free-form text (texto_livre only). */
  text?: string;
  /** Quick-reply payloads for templates with buttons. */
  buttons?: string[];
  /** The appointment time the message was written for, to notice a reschedule. */
  startsAt?: string;
};

export const payloadAad = (id: string) => `outbox_messages.payload:${id}`;

export const DEFAULT_PLAN: Omit<ReminderPlanRow, 'clinicId' | 'organizationId' | 'updatedAt' | 'updatedBy'> =
  {
    reminderHours: [48, 24],
    highRiskConfirmationHours: 72,
    postCareDelayHours: 2,
    followUpDays: 30,
    waitlistHoldMinutes: 120,
    quietStart: '20:00',
    quietEnd: '08:00',
  };

export async function reminderPlanFor(tx: Tx, clinicId: string) {
  return (await findReminderPlan(tx, clinicId)) ?? DEFAULT_PLAN;
}

/** Which channel may carry a message of this purpose to this client, and which consent allows it. */
export function chooseChannel(
  contact: MessagingContact | null,
  purpose: MessagePurpose,
  only?: MessageChannel,
):
  | { ok: true; channel: MessageChannel; consentEventId: string; consentVersion: number }
  | { ok: false; channel: MessageChannel; reason: string } {
  const fallback: MessageChannel = only ?? (contact?.preferredChannel === 'email' ? 'email' : 'whatsapp');
  if (!contact?.isActive) return { ok: false, channel: fallback, reason: 'cliente_inativo' };
  if (contact.isBlocked) return { ok: false, channel: fallback, reason: 'cliente_bloqueado' };
  const order: MessageChannel[] = only
    ? [only]
    : contact.preferredChannel === 'email'
      ? ['email', 'whatsapp']
      : ['whatsapp', 'email'];
  for (const channel of order) {
    const consent = contact.consents[CONSENT_FOR[purpose][channel]];
    const hasAddress = channel === 'whatsapp' ? contact.mobileE164 !== null : contact.email !== null;
    if (consent?.granted && hasAddress)
      return { ok: true, channel, consentEventId: consent.eventId, consentVersion: consent.version };
  }
  return { ok: false, channel: fallback, reason: 'sem_consentimento' };
}

export type EnqueueInput = {
  organizationId: string;
  clinicId: string;
  clientId: string;
  appointmentId?: string | null;
  kind: TTemplateKey | typeof FREE_TEXT_KIND;
  purpose: MessagePurpose;
  dueAt: Date;
  /** Variables after the client's first name, which is always {{1}}. */
  variables: string[];
  text?: string;
  buttons?: string[];
  startsAt?: Date;
  idempotencyKey: string;
  sourceEvent: string;
  holdUntil?: Date | null;
  channel?: MessageChannel;
  fallbackOf?: string | null;
};

export type EnqueueDeps = { keyring: Keyring; now: Date };

/** Writes one message to the outbox in `tx`. Returns its id, or null when the key was already used. */
export async function enqueueMessage(tx: Tx, deps: EnqueueDeps, input: EnqueueInput): Promise<string | null> {
  const contact = await getMessagingContact(tx, deps.keyring, input.clientId);
  const choice = chooseChannel(contact, input.purpose, input.channel);
  const clinic = await getClinicForMessaging(tx, input.clinicId);
  const plan = await reminderPlanFor(tx, input.clinicId);
  const id = randomUUID();
  const payload: MessagePayload = {
    variables: [contact?.firstName ?? '', ...input.variables],
    ...(input.text ? { text: input.text } : {}),
    ...(input.buttons ? { buttons: input.buttons } : {}),
    ...(input.startsAt ? { startsAt: input.startsAt.toISOString() } : {}),
  };
  const due = input.dueAt.getTime() < deps.now.getTime() ? deps.now : input.dueAt;
  const sendAt = nextAllowedInstant(due, plan, clinic?.timeZone ?? 'America/Sao_Paulo');
  return insertOutboxMessage(tx, {
    id,
    organizationId: input.organizationId,
    clinicId: input.clinicId,
    clientId: input.clientId,
    appointmentId: input.appointmentId ?? null,
    kind: input.kind,
    purpose: input.purpose,
    channel: choice.channel,
    status: choice.ok ? 'queued' : 'skipped',
    lastError: choice.ok ? null : choice.reason,
    idempotencyKey: input.idempotencyKey,
    dueAt: input.dueAt,
    nextAttemptAt: sendAt,
    payloadSealed: deps.keyring.seal(JSON.stringify(payload), payloadAad(id)),
    recipientIndex: choice.channel === 'whatsapp' ? (contact?.mobileIndex ?? null) : null,
    consentEventId: choice.ok ? choice.consentEventId : null,
    consentVersion: choice.ok ? choice.consentVersion : null,
    sourceEvent: input.sourceEvent,
    holdUntil: input.holdUntil ?? null,
    fallbackOf: input.fallbackOf ?? null,
    createdAt: deps.now,
    updatedAt: deps.now,
  });
}

/** "qui., 10/12 às 14:30" in the clinic's zone. */
export function formatWhen(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('pt-BR', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')}/${get('month')} às ${get('hour')}:${get('minute')}`;
}

/** The events scheduling, clinical, waitlist and inventory raise; each is handled in the caller's tx. */
export type MessagingEvent =
  | {
      type: 'appointment.booked' | 'appointment.rescheduled';
      organizationId: string;
      clinicId: string;
      clientId: string;
      appointmentId: string;
      startsAt: Date;
      /** From the no-show model: adds the plan's extra confirmation request. */
      highNoShowRisk?: boolean;
    }
  | {
      /**
       * A later re-score moved an open appointment into a band whose policy asks for the extra
       * confirmation request: only that request is added (the booking's own reminders stay as they are).
       */
      type: 'appointment.risk_raised';
      organizationId: string;
      clinicId: string;
      clientId: string;
      appointmentId: string;
      startsAt: Date;
    }
  | { type: 'appointment.cancelled'; organizationId: string; appointmentId: string }
  | {
      type: 'session.completed';
      organizationId: string;
      clinicId: string;
      clientId: string;
      appointmentId: string;
      endedAt: Date;
      /** Days until the follow-up the treatment calls for; null = none; undefined = the plan's default. */
      followUpInDays?: number | null;
    }
  | {
      type: 'waitlist.offer';
      organizationId: string;
      clinicId: string;
      clientId: string;
      /** The tentative appointment holding the slot; a "confirm" reply confirms it. */
      appointmentId: string;
      slotStartsAt: Date;
    }
  | { type: 'recall.notice'; organizationId: string; clinicId: string; clientId: string; recallId: string };

export type EnqueueResult = { enqueued: number; cancelled: number; holdUntil: Date | null };

/**
 * The idempotency key of an appointment's extra confirmation request (the no-show model's): one per
 * appointment and start time, whether booking or a later re-score queued it.
 */
export const highRiskConfirmationKey = (appointmentId: string, startsAt: Date, hours: number) =>
  `${appointmentId}:${startsAt.toISOString()}:pedido_confirmacao:${hours}h`;

/**
 * A re-score's extra confirmation request is not queued when it could only go out later than this
 * before the start (quiet hours included): too late to answer, and to offer the slot to someone else.
 */
export const RISK_RAISED_MIN_NOTICE_MS = 3 * 3_600_000;

/**
 * The one entry point other modules call, inside their own transaction, for every event that sends
 * messages. Repeating an event enqueues nothing new (idempotency keys).
 */
export async function enqueueForEvent(
  tx: Tx,
  deps: EnqueueDeps,
  event: MessagingEvent,
): Promise<EnqueueResult> {
  const result: EnqueueResult = { enqueued: 0, cancelled: 0, holdUntil: null };
  const add = async (input: EnqueueInput) => {
    if (await enqueueMessage(tx, deps, input)) result.enqueued += 1;
  };
  if (event.type === 'appointment.cancelled') {
    result.cancelled = await cancelQueuedForAppointment(tx, event.appointmentId, deps.now);
    return result;
  }
  const clinic = await getClinicForMessaging(tx, event.clinicId);
  const zone = clinic?.timeZone ?? 'America/Sao_Paulo';
  const clinicName = clinic?.name ?? '';
  const plan = await reminderPlanFor(tx, event.clinicId);
  const base = { organizationId: event.organizationId, clinicId: event.clinicId, clientId: event.clientId };

  if (event.type === 'appointment.risk_raised') {
    const hours = plan.highRiskConfirmationHours;
    if (!hours) return result;
    // At the plan's time before the start, or now when that has passed (the daily re-score looks two
    // days ahead, inside the usual 72 h); consent and quiet hours apply as to every message.
    const dueAt = new Date(Math.max(event.startsAt.getTime() - hours * 3_600_000, deps.now.getTime()));
    const sendAt = nextAllowedInstant(dueAt, plan, zone);
    if (sendAt.getTime() > event.startsAt.getTime() - RISK_RAISED_MIN_NOTICE_MS) return result;
    await add({
      ...base,
      appointmentId: event.appointmentId,
      kind: 'pedido_confirmacao',
      purpose: 'care',
      dueAt,
      variables: [formatWhen(event.startsAt, zone), clinicName],
      buttons: [`confirmar:${event.appointmentId}`, `cancelar:${event.appointmentId}`],
      startsAt: event.startsAt,
      idempotencyKey: highRiskConfirmationKey(event.appointmentId, event.startsAt, hours),
      sourceEvent: event.type,
    });
    return result;
  }
  if (event.type === 'appointment.booked' || event.type === 'appointment.rescheduled') {
    if (event.type === 'appointment.rescheduled')
      result.cancelled = await cancelQueuedForAppointment(tx, event.appointmentId, deps.now);
    const when = formatWhen(event.startsAt, zone);
    const stamp = event.startsAt.toISOString();
    // A reminder whose time has passed at booking is not sent late; of those still ahead, the
    // earliest asks for confirmation and the later ones remind. So a booking made 30 h ahead under a
    // 48 h + 24 h plan still gets its confirmation request, at 24 h.
    const dueAtFor = (h: number) => new Date(event.startsAt.getTime() - h * 3_600_000);
    const ahead = (h: number) => dueAtFor(h).getTime() >= deps.now.getTime();
    const hours = [...plan.reminderHours].sort((a, b) => b - a).filter(ahead);
    const schedule: { hours: number; kind: TTemplateKey }[] = hours.map((h, i) => ({
      hours: h,
      kind: i === 0 ? 'pedido_confirmacao' : 'lembrete_consulta',
    }));
    if (event.highNoShowRisk && plan.highRiskConfirmationHours && ahead(plan.highRiskConfirmationHours))
      schedule.push({ hours: plan.highRiskConfirmationHours, kind: 'pedido_confirmacao' });
    for (const item of schedule) {
      const dueAt = dueAtFor(item.hours);
      await add({
        ...base,
        appointmentId: event.appointmentId,
        kind: item.kind,
        purpose: 'care',
        dueAt,
        variables: [when, clinicName],
        buttons:
          item.kind === 'pedido_confirmacao'
            ? [`confirmar:${event.appointmentId}`, `cancelar:${event.appointmentId}`]
            : undefined,
        startsAt: event.startsAt,
        // For the extra request this is highRiskConfirmationKey: a later re-score cannot add a second.
        idempotencyKey: `${event.appointmentId}:${stamp}:${item.kind}:${item.hours}h`,
        sourceEvent: event.type,
      });
    }
    return result;
  }
  if (event.type === 'session.completed') {
    await add({
      ...base,
      appointmentId: event.appointmentId,
      kind: 'orientacoes_pos_atendimento',
      purpose: 'care',
      dueAt: new Date(event.endedAt.getTime() + plan.postCareDelayHours * 3_600_000),
      variables: [clinicName],
      idempotencyKey: `${event.appointmentId}:pos_atendimento`,
      sourceEvent: event.type,
    });
    const days = event.followUpInDays === undefined ? plan.followUpDays : event.followUpInDays;
    if (days !== null && days > 0) {
      await add({
        ...base,
        kind: 'lembrete_retorno',
        purpose: 'care',
        dueAt: new Date(event.endedAt.getTime() + days * 86_400_000),
        variables: [clinicName],
        idempotencyKey: `${event.appointmentId}:retorno`,
        sourceEvent: event.type,
      });
    }
    return result;
  }
  if (event.type === 'waitlist.offer') {
    const holdUntil = new Date(deps.now.getTime() + plan.waitlistHoldMinutes * 60_000);
    result.holdUntil = holdUntil;
    await add({
      ...base,
      appointmentId: event.appointmentId,
      kind: 'oferta_vaga',
      purpose: 'care',
      // An offer cannot wait for the morning: the hold would run out first. Quiet hours still apply.
      dueAt: deps.now,
      variables: [formatWhen(event.slotStartsAt, zone), clinicName, formatWhen(holdUntil, zone)],
      buttons: [`confirmar:${event.appointmentId}`],
      startsAt: event.slotStartsAt,
      idempotencyKey: `${event.appointmentId}:oferta_vaga`,
      sourceEvent: event.type,
      holdUntil,
    });
    return result;
  }
  if (event.type !== 'recall.notice') return result;
  await add({
    ...base,
    kind: 'aviso_recolhimento',
    purpose: 'care',
    dueAt: deps.now,
    variables: [clinicName],
    idempotencyKey: `recall:${event.recallId}`,
    sourceEvent: event.type,
  });
  return result;
}
