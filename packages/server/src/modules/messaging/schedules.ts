import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { getMessagingContact } from '../clients/clients.service';
import { getClinicForMessaging } from '../organizations/organizations.service';
import { findAppointmentMessages } from './messaging.queries';
import {
  chooseChannel,
  type EnqueueResult,
  enqueueForEvent,
  enqueueMessage,
  formatWhen,
  highRiskConfirmationKey,
  type MessageChannel,
  reminderPlanFor,
} from './outbox';

/**
 * The schedule functions scheduling (and the composition root) call inside their own transaction,
 * so a booking and its reminders commit or roll back together. Each is idempotent: calling it again
 * for the same facts enqueues nothing new. The plan comes from the clinic's reminder plan (default
 * 48 h and 24 h before; the earliest asks for confirmation), see `messaging.saveReminderPlan`.
 */
export type ScheduleDeps = { keyring: Keyring; now: Date };

export type AppointmentFacts = {
  organizationId: string;
  clinicId: string;
  clientId: string;
  appointmentId: string;
  startsAt: Date;
  /** What happened to the appointment. A move cancels the queued reminders of the old time. */
  change: 'booked' | 'rescheduled' | 'cancelled';
  /** From the no-show model: adds the plan's extra confirmation request. */
  highNoShowRisk?: boolean;
};

export async function scheduleRemindersInTx(
  tx: Tx,
  facts: AppointmentFacts,
  deps: ScheduleDeps,
): Promise<EnqueueResult> {
  if (facts.change === 'cancelled')
    return enqueueForEvent(tx, deps, {
      type: 'appointment.cancelled',
      organizationId: facts.organizationId,
      appointmentId: facts.appointmentId,
    });
  return enqueueForEvent(tx, deps, {
    type: facts.change === 'booked' ? 'appointment.booked' : 'appointment.rescheduled',
    organizationId: facts.organizationId,
    clinicId: facts.clinicId,
    clientId: facts.clientId,
    appointmentId: facts.appointmentId,
    startsAt: facts.startsAt,
    highNoShowRisk: facts.highNoShowRisk,
  });
}

export type SessionFacts = {
  organizationId: string;
  clinicId: string;
  clientId: string;
  appointmentId: string;
  endedAt: Date;
  /** Days until the follow-up the treatment calls for; null = none; undefined = the plan's default. */
  followUpInDays?: number | null;
};

/** Post-care instructions (plan: hours after the session) and the follow-up reminder (plan: days). */
export async function schedulePostCareInTx(
  tx: Tx,
  facts: SessionFacts,
  deps: ScheduleDeps,
): Promise<EnqueueResult> {
  return enqueueForEvent(tx, deps, { type: 'session.completed', ...facts });
}

/** A follow-up reminder on its own (e.g. a return visit the professional asked for), on a given day. */
export async function scheduleFollowUpInTx(
  tx: Tx,
  facts: {
    organizationId: string;
    clinicId: string;
    clientId: string;
    /** Stable per follow-up, so calling twice schedules one reminder. */
    followUpId: string;
    dueAt: Date;
  },
  deps: ScheduleDeps,
): Promise<boolean> {
  const clinic = await getClinicForMessaging(tx, facts.clinicId);
  const id = await enqueueMessage(tx, deps, {
    organizationId: facts.organizationId,
    clinicId: facts.clinicId,
    clientId: facts.clientId,
    kind: 'lembrete_retorno',
    purpose: 'care',
    dueAt: facts.dueAt,
    variables: [clinic?.name ?? ''],
    idempotencyKey: `retorno:${facts.followUpId}`,
    sourceEvent: 'follow_up',
  });
  return id !== null;
}

/**
 * The no-show model's extra confirmation request that a booking event with `highNoShowRisk` or a
 * later `appointment.risk_raised` queued (plan: `highRiskConfirmationHours` before the start, or the
 * re-score's instant when that had passed), or null when none was written (no such plan step, its
 * time had already passed at booking, or it was too close to the start at re-scoring). `queued:
 * false` means it was written as skipped (no consent or address on any channel).
 */
export async function highRiskConfirmationFor(
  tx: Tx,
  facts: { clinicId: string; appointmentId: string; startsAt: Date },
): Promise<{ hours: number; dueAt: Date; queued: boolean; channel: MessageChannel } | null> {
  const plan = await reminderPlanFor(tx, facts.clinicId);
  const hours = plan.highRiskConfirmationHours;
  if (!hours) return null;
  const key = highRiskConfirmationKey(facts.appointmentId, facts.startsAt, hours);
  const row = (await findAppointmentMessages(tx, facts.appointmentId)).find((m) => m.idempotencyKey === key);
  if (!row) return null;
  return {
    hours,
    dueAt: row.dueAt,
    queued: row.status !== 'skipped',
    channel: row.channel as MessageChannel,
  };
}

/**
 * A confirmation request sent now (a person decided it, e.g. from the no-show panel), on the first
 * channel the client's care consent allows. Nothing is written when no channel is allowed.
 * `requestKey` makes the same decision idempotent.
 */
export async function requestConfirmationNowInTx(
  tx: Tx,
  facts: {
    organizationId: string;
    clinicId: string;
    clientId: string;
    appointmentId: string;
    startsAt: Date;
    requestKey: string;
  },
  deps: ScheduleDeps,
): Promise<{ ok: true; channel: MessageChannel } | { ok: false; reason: string }> {
  const contact = await getMessagingContact(tx, deps.keyring, facts.clientId);
  const choice = chooseChannel(contact, 'care');
  if (!choice.ok) return { ok: false, reason: choice.reason };
  const clinic = await getClinicForMessaging(tx, facts.clinicId);
  await enqueueMessage(tx, deps, {
    organizationId: facts.organizationId,
    clinicId: facts.clinicId,
    clientId: facts.clientId,
    appointmentId: facts.appointmentId,
    kind: 'pedido_confirmacao',
    purpose: 'care',
    dueAt: deps.now,
    variables: [formatWhen(facts.startsAt, clinic?.timeZone ?? 'America/Sao_Paulo'), clinic?.name ?? ''],
    buttons: [`confirmar:${facts.appointmentId}`, `cancelar:${facts.appointmentId}`],
    startsAt: facts.startsAt,
    idempotencyKey: `${facts.appointmentId}:pedido_confirmacao:manual:${facts.requestKey}`,
    sourceEvent: 'noshow.action',
    channel: choice.channel,
  });
  return { ok: true, channel: choice.channel };
}
