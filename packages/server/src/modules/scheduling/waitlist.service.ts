import type { TPeriodOfDay, TWaitlistEntry } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { WaitlistWindow } from '../../db/schema';
import type { Actor } from '../../platform/authz/permissions';
import type { Clock } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import { AppError } from '../../platform/errors';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { localDateOf, periodOfDay, weekdayOf } from './clinic-time';
import { announceBookedInTx } from './risk.service';
import * as errors from './scheduling.errors';
import {
  type AppointmentRow,
  deleteAppointment,
  findClientForBooking,
  findExpiredOffers,
  findOfferedEntryIds,
  findOffersOfEntries,
  findWaitingEntries,
  findWaitlist,
  findWaitlistEntry,
  insertOffer,
  insertWaitlistEntry,
  lockAppointment,
  lockOffer,
  updateAppointment,
  updateOffer,
  updateWaitlistEntry,
  type WaitlistOfferRow,
} from './scheduling.queries';
import {
  bookInTx,
  type ChangeMeta,
  emit,
  loadClinicCtx,
  metaOf,
  transitionInTx,
  viewOf,
} from './scheduling.service';

/**
 * The waitlist. When a slot frees (a future appointment is cancelled), it is offered to the first
 * matching entry (same treatment, the professional if one was asked, a matching weekday/period window)
 * with a hold: a "reservado" appointment for that client, which the exclusion constraints treat like
 * any booking, so nobody else can take the slot meanwhile. Accepting turns the hold into "agendado"
 * (row lock: of two concurrent accepts one wins). Declining or expiry (expireWaitlistHolds, run by a
 * ticker) deletes the hold and offers the slot to the next entry.
 */

export type FreedSlot = {
  organizationId: string;
  clinicId: string;
  treatmentId: string;
  professionalId: string;
  roomId: string | null;
  equipmentIds: string[];
  startsAt: Date;
  sourceAppointmentId: string;
};

function windowMatches(windows: WaitlistWindow[], startsAt: Date, timeZone: string): boolean {
  if (windows.length === 0) return true;
  const weekday = weekdayOf(localDateOf(startsAt.getTime(), timeZone));
  const period = periodOfDay(startsAt.getTime(), timeZone);
  return windows.some(
    (w) =>
      (w.weekdays.length === 0 || w.weekdays.includes(weekday)) && (w.period === null || w.period === period),
  );
}

/** Offers a freed slot to the next matching entry; returns the offer, or null when nobody matches. */
export async function offerFreedSlot(
  tx: Tx,
  meta: ChangeMeta,
  slot: FreedSlot,
): Promise<WaitlistOfferRow | null> {
  if (slot.startsAt.getTime() <= meta.now.getTime()) return null;
  const ctx = await loadClinicCtx(tx, slot.clinicId);
  const already = await findOfferedEntryIds(tx, slot.sourceAppointmentId);
  const entries = await findWaitingEntries(tx, {
    clinicId: slot.clinicId,
    treatmentId: slot.treatmentId,
    excludeEntryIds: already,
  });
  for (const entry of entries) {
    if (entry.professionalId && entry.professionalId !== slot.professionalId) continue;
    if (entry.notBefore && entry.notBefore.getTime() > slot.startsAt.getTime()) continue;
    if (!windowMatches(entry.windows, slot.startsAt, ctx.timeZone)) continue;
    let hold: AppointmentRow;
    try {
      // A savepoint: this client may be busy then (exclusion constraint) or inside a blocked interval.
      hold = await tx.transaction(async (sp) => {
        const outcome = await bookInTx(sp, null, { ...meta, source: 'lista_espera' }, ctx, {
          clientId: entry.clientId,
          treatmentId: entry.treatmentId,
          professionalId: slot.professionalId,
          roomId: slot.roomId,
          equipmentIds: slot.equipmentIds,
          startsAt: slot.startsAt,
          channel: 'lista_espera',
          notes: '',
          acknowledgeWarnings: true,
          status: 'reservado',
          skipRules: true,
        });
        return outcome.appointment;
      });
    } catch (error) {
      if (error instanceof AppError) continue;
      throw error;
    }
    const offer = await insertOffer(tx, {
      organizationId: slot.organizationId,
      clinicId: slot.clinicId,
      entryId: entry.id,
      sourceAppointmentId: slot.sourceAppointmentId,
      appointmentId: hold.id,
      professionalId: slot.professionalId,
      roomId: slot.roomId,
      equipmentIds: slot.equipmentIds,
      startsAt: hold.startsAt,
      endsAt: hold.endsAt,
      expiresAt: new Date(meta.now.getTime() + ctx.settings.waitlistHoldMinutes * 60_000),
      createdAt: meta.now,
    });
    await updateAppointment(tx, hold.id, hold.version, { waitlistOfferId: offer.id, updatedAt: meta.now });
    await updateWaitlistEntry(tx, entry.id, { status: 'oferta_pendente', updatedAt: meta.now });
    await emit(tx, meta, {
      type: 'waitlist.offer',
      organizationId: slot.organizationId,
      clinicId: slot.clinicId,
      clientId: entry.clientId,
      appointmentId: hold.id,
      slotStartsAt: hold.startsAt,
    });
    return offer;
  }
  return null;
}

/** The handler scheduling.service calls when a future appointment frees its slot. */
export async function onAppointmentFreed(
  tx: Tx,
  meta: ChangeMeta,
  freed: AppointmentRow,
  equipmentIds: string[],
): Promise<void> {
  await offerFreedSlot(tx, meta, {
    organizationId: freed.organizationId,
    clinicId: freed.clinicId,
    treatmentId: freed.treatmentId,
    professionalId: freed.professionalId,
    roomId: freed.roomId,
    equipmentIds,
    startsAt: freed.startsAt,
    sourceAppointmentId: freed.id,
  });
}

const slotOf = (offer: WaitlistOfferRow, treatmentId: string): FreedSlot => ({
  organizationId: offer.organizationId,
  clinicId: offer.clinicId,
  treatmentId,
  professionalId: offer.professionalId,
  roomId: offer.roomId,
  equipmentIds: offer.equipmentIds,
  startsAt: offer.startsAt,
  sourceAppointmentId: offer.sourceAppointmentId ?? offer.id,
});

export async function acceptOfferInTx(tx: Tx, meta: ChangeMeta, offerId: string): Promise<AppointmentRow> {
  const offer = await lockOffer(tx, offerId);
  if (offer?.status !== 'pendente' || offer.expiresAt.getTime() <= meta.now.getTime())
    throw errors.offerNotPending();
  const hold = offer.appointmentId ? await lockAppointment(tx, offer.appointmentId) : undefined;
  if (hold?.status !== 'reservado') throw errors.offerNotPending();
  const booked = await transitionInTx(tx, meta, hold, 'agendado');
  await updateOffer(tx, offer.id, { status: 'aceita', respondedAt: meta.now });
  await updateWaitlistEntry(tx, offer.entryId, {
    status: 'agendada',
    appointmentId: hold.id,
    updatedAt: meta.now,
  });
  await announceBookedInTx(tx, meta, 'appointment.booked', [booked]);
  return booked;
}

/** Declined or expired: the hold is released and the slot goes to the next entry. */
export async function releaseOfferInTx(
  tx: Tx,
  meta: ChangeMeta,
  offerId: string,
  outcome: 'recusada' | 'expirada',
): Promise<void> {
  const offer = await lockOffer(tx, offerId);
  if (offer?.status !== 'pendente') throw errors.offerNotPending();
  const hold = offer.appointmentId ? await lockAppointment(tx, offer.appointmentId) : undefined;
  const treatmentId = hold?.treatmentId;
  if (hold && hold.status === 'reservado') await deleteAppointment(tx, hold.id);
  await updateOffer(tx, offer.id, { status: outcome, respondedAt: meta.now, appointmentId: null });
  await updateWaitlistEntry(tx, offer.entryId, { status: 'aguardando', updatedAt: meta.now });
  if (treatmentId) await offerFreedSlot(tx, meta, slotOf(offer, treatmentId));
}

/**
 * Expires pending offers whose hold has passed and offers each slot to the next entry. Cross-tenant
 * job (system scope, reviewed): run by the API's ticker; concurrent runs skip each other's rows.
 */
export async function expireWaitlistHolds(
  deps: { database: ServiceDeps['database']; clock: Clock; keyring?: Keyring },
  now: Date = deps.clock.now(),
): Promise<{ expired: number }> {
  return withSystem(deps.database, async (tx) => {
    const expired = await findExpiredOffers(tx, now, 100);
    const meta: ChangeMeta = {
      now,
      actor: null,
      source: 'sistema',
      ...(deps.keyring ? { keyring: deps.keyring } : {}),
    };
    for (const offer of expired) await releaseOfferInTx(tx, meta, offer.id, 'expirada');
    return { expired: expired.length };
  });
}

// ── Procedures ───────────────────────────────────────────────────────────────────────────────────

export async function addToWaitlist(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    clientId: string;
    treatmentId: string;
    professionalId?: string | undefined;
    windows: { weekdays: number[]; period: TPeriodOfDay | null }[];
    notBefore?: string | undefined;
  },
): Promise<{ id: string }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const client = await findClientForBooking(tx, input.clientId);
    if (client?.status !== 'active' || client.blockedAt) throw errors.clientUnavailable();
    const entry = await insertWaitlistEntry(tx, {
      organizationId: actor.organizationId,
      clinicId: actor.clinicId,
      clientId: input.clientId,
      treatmentId: input.treatmentId,
      professionalId: input.professionalId ?? null,
      windows: input.windows,
      notBefore: input.notBefore ? new Date(input.notBefore) : null,
      createdBy: actor.userId,
      // createdAt is left to the database (transaction start): it orders the queue, first come first
      // served, even under a frozen application clock.
      updatedAt: now,
    });
    return { id: entry.id };
  });
}

export async function listWaitlist(deps: ServiceDeps, actor: Actor): Promise<TWaitlistEntry[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await findWaitlist(tx, actor.clinicId);
    const offers = await findOffersOfEntries(
      tx,
      rows.map((r) => r.entry.id),
    );
    return rows.map(({ entry, clientName, treatmentName }) => {
      const offer = offers.find((o) => o.entryId === entry.id);
      return {
        id: entry.id,
        clientId: entry.clientId,
        clientName,
        treatmentId: entry.treatmentId,
        treatmentName,
        professionalId: entry.professionalId,
        windows: entry.windows,
        status: entry.status as TWaitlistEntry['status'],
        createdAt: entry.createdAt.toISOString(),
        offer: offer
          ? {
              id: offer.id,
              startsAt: offer.startsAt.toISOString(),
              endsAt: offer.endsAt.toISOString(),
              professionalId: offer.professionalId,
              expiresAt: offer.expiresAt.toISOString(),
              status: offer.status as 'pendente',
            }
          : null,
      };
    });
  });
}

export async function removeFromWaitlist(deps: ServiceDeps, actor: Actor, entryId: string): Promise<void> {
  const meta = metaOf(deps, actor);
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const entry = await findWaitlistEntry(tx, entryId);
    if (!entry) throw errors.waitlistEntryNotFound();
    for (const offer of await findOffersOfEntries(tx, [entryId]))
      await releaseOfferInTx(tx, meta, offer.id, 'recusada');
    await updateWaitlistEntry(tx, entryId, { status: 'removida', updatedAt: meta.now });
  });
}

export async function acceptOffer(deps: ServiceDeps, actor: Actor, offerId: string) {
  const meta = metaOf(deps, actor);
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const booked = await acceptOfferInTx(tx, meta, offerId);
    return viewOf(tx, booked.id);
  });
}

export async function declineOffer(deps: ServiceDeps, actor: Actor, offerId: string): Promise<void> {
  const meta = metaOf(deps, actor);
  await withTenant(deps.database, actor.organizationId, (tx) =>
    releaseOfferInTx(tx, meta, offerId, 'recusada'),
  );
}
