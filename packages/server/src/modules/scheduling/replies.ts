import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { AppError } from '../../platform/errors';
import { lockAppointment } from './scheduling.queries';
import { type ChangeMeta, cancelInTx, transitionInTx } from './scheduling.service';
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

export async function confirmAppointmentFromReply(
  tx: Tx,
  input: ReplyInput,
  deps?: { keyring?: Keyring },
): Promise<ReplyOutcome> {
  const meta = metaFor(input, deps);
  const row = await lockAppointment(tx, input.appointmentId);
  if (!row || row.organizationId !== input.organizationId) return 'not_found';
  if (row.status === 'reservado') {
    if (!row.waitlistOfferId) return 'not_possible';
    try {
      await acceptOfferInTx(tx, meta, row.waitlistOfferId);
      return 'offer_accepted';
    } catch (error) {
      if (error instanceof AppError) return 'offer_expired';
      throw error;
    }
  }
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
  const row = await lockAppointment(tx, input.appointmentId);
  if (!row || row.organizationId !== input.organizationId) return 'not_found';
  if (row.status === 'reservado') {
    if (!row.waitlistOfferId) return 'not_possible';
    try {
      await releaseOfferInTx(tx, meta, row.waitlistOfferId, 'recusada');
      return 'offer_declined';
    } catch (error) {
      if (error instanceof AppError) return 'offer_expired';
      throw error;
    }
  }
  if (!['agendado', 'confirmado'].includes(row.status) || row.startsAt.getTime() <= meta.now.getTime())
    return 'not_possible';
  await cancelInTx(tx, meta, row, { by: 'cliente', reason: 'Cancelado pela cliente por mensagem' });
  return 'cancelled';
}
