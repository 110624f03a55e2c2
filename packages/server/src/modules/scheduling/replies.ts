import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { AppError } from '../../platform/errors';
import { cancelAndOfferInTx } from './changes.service';
import { findAppointment, lockAppointment } from './scheduling.queries';
import { type ChangeMeta, transitionInTx } from './scheduling.service';
import { acceptOfferInTx, releaseOfferInTx } from './waitlist.service';

/**
 * Entry points for messaging (inbound WhatsApp replies), inside the caller's transaction. A reply to
 * a confirmation request confirms or cancels the appointment; a reply to a waitlist offer accepts
 * (books) or declines it. They never throw for a stale reply: the outcome says what happened.
 */

export type ReplyOutcome =
  | 'confirmed'
  | 'already_confirmed'
  | 'cancelled'
  | 'offer_accepted'
  | 'offer_declined'
  | 'offer_expired'
  | 'not_possible'
  | 'not_found';

type ReplyInput = { organizationId: string; appointmentId: string; now?: Date };

const metaFor = (input: ReplyInput, deps?: { keyring?: Keyring }): ChangeMeta => ({
  now: input.now ?? new Date(),
  actor: null,
  source: 'whatsapp',
  ...(deps?.keyring ? { keyring: deps.keyring } : {}),
});

/** The replied appointment, locked; undefined when it does not exist in the reply's organisation. */
async function lockRepliedAppointment(tx: Tx, input: ReplyInput) {
  const row = await lockAppointment(tx, input.appointmentId);
  return row?.organizationId === input.organizationId ? row : undefined;
}

/**
 * A reply to a waitlist hold settles its offer (accept or decline). An offer no longer open (the
 * waitlist service refuses with an AppError) reads as expired instead of failing the inbound message.
 */
async function settleOffer(
  offerId: string | null,
  settle: (offerId: string) => Promise<unknown>,
  outcome: 'offer_accepted' | 'offer_declined',
): Promise<ReplyOutcome> {
  if (!offerId) return 'not_possible';
  try {
    await settle(offerId);
    return outcome;
  } catch (error) {
    if (error instanceof AppError) return 'offer_expired';
    throw error;
  }
}

export async function confirmAppointmentFromReply(
  tx: Tx,
  input: ReplyInput,
  deps?: { keyring?: Keyring },
): Promise<ReplyOutcome> {
  const meta = metaFor(input, deps);
  const row = await lockRepliedAppointment(tx, input);
  if (!row) return 'not_found';
  if (row.status === 'reservado')
    return settleOffer(row.waitlistOfferId, (id) => acceptOfferInTx(tx, meta, id), 'offer_accepted');
  if (row.status === 'confirmado') return 'already_confirmed';
  if (row.status !== 'agendado' || row.startsAt.getTime() <= meta.now.getTime()) return 'not_possible';
  await transitionInTx(tx, meta, row, 'confirmado');
  return 'confirmed';
}

export async function cancelAppointmentFromReply(
  tx: Tx,
  input: ReplyInput,
  deps?: { keyring?: Keyring },
): Promise<ReplyOutcome> {
  const meta = metaFor(input, deps);
  const row = await lockRepliedAppointment(tx, input);
  if (!row) return 'not_found';
  if (row.status === 'reservado')
    return settleOffer(
      row.waitlistOfferId,
      (id) => releaseOfferInTx(tx, meta, id, 'recusada'),
      'offer_declined',
    );
  if (!['agendado', 'confirmado'].includes(row.status) || row.startsAt.getTime() <= meta.now.getTime())
    return 'not_possible';
  await cancelAndOfferInTx(tx, meta, row, { by: 'cliente', reason: 'Cancelado pela cliente por mensagem' });
  return 'cancelled';
}

/**
 * The reply functions in the shape messaging's port expects (AppointmentReplies in messaging/ports.ts):
 * outcomes collapsed to confirmed/cancelled, unchanged, not_found. Wired in apps/api/src/boot.ts.
 */
export function repliesForMessaging(deps: { keyring: Keyring; clock: { now: () => Date } }) {
  return {
    confirmAppointmentFromReply: async (
      tx: Tx,
      input: { organizationId: string; appointmentId: string },
    ): Promise<'confirmed' | 'unchanged' | 'not_found'> => {
      const outcome = await confirmAppointmentFromReply(tx, { ...input, now: deps.clock.now() }, deps);
      if (outcome === 'not_found') return 'not_found';
      return outcome === 'confirmed' || outcome === 'offer_accepted' ? 'confirmed' : 'unchanged';
    },
    cancelAppointmentFromReply: async (
      tx: Tx,
      input: { organizationId: string; appointmentId: string },
    ): Promise<'cancelled' | 'unchanged' | 'not_found'> => {
      const outcome = await cancelAppointmentFromReply(tx, { ...input, now: deps.clock.now() }, deps);
      if (outcome === 'not_found') return 'not_found';
      return outcome === 'cancelled' || outcome === 'offer_declined' ? 'cancelled' : 'unchanged';
    },
  };
}

/**
 * What the outbox dispatcher re-checks before sending an appointment message. A waitlist hold reads as
 * "agendado" (its offer may go out); a rescheduled original as "cancelado" (its reminders must not);
 * a client already in the clinic as "confirmado".
 */
export async function getAppointmentForReminder(
  tx: Tx,
  organizationId: string,
  appointmentId: string,
): Promise<{
  appointmentId: string;
  clinicId: string;
  clientId: string;
  startsAt: Date;
  status: 'agendado' | 'confirmado' | 'cancelado' | 'concluido' | 'faltou';
} | null> {
  const row = await findAppointment(tx, appointmentId);
  if (!row || row.organizationId !== organizationId) return null;
  const status =
    row.status === 'reservado'
      ? 'agendado'
      : row.status === 'remarcado'
        ? 'cancelado'
        : row.status === 'chegou' || row.status === 'em_atendimento'
          ? 'confirmado'
          : (row.status as 'agendado' | 'confirmado' | 'cancelado' | 'concluido' | 'faltou');
  return {
    appointmentId: row.id,
    clinicId: row.clinicId,
    clientId: row.clientId,
    startsAt: row.startsAt,
    status,
  };
}
