import type { TAppointment, TWarning } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { retryOnDeadlock } from './deadlock';
import * as errors from './scheduling.errors';
import { type AppointmentRow, lockAppointment } from './scheduling.queries';
import {
  type BookOutcome,
  type ChangeMeta,
  cancelInTx,
  deviceIdsOf,
  metaOf,
  moveInTx,
  viewOf,
} from './scheduling.service';
import { onAppointmentFreed } from './waitlist.service';

/**
 * Changes that free a slot (cancel, move): the change itself (scheduling.service) and then the offer
 * of the freed future slot to the waitlist (waitlist.service), in the same transaction.
 */

export async function cancelAndOfferInTx(
  tx: Tx,
  meta: ChangeMeta,
  row: AppointmentRow,
  input: { by: 'cliente' | 'clinica'; reason: string; version?: number | undefined },
): Promise<AppointmentRow> {
  const updated = await cancelInTx(tx, meta, row, input);
  if (row.startsAt.getTime() > meta.now.getTime())
    await onAppointmentFreed(tx, meta, updated, await deviceIdsOf(tx, row.id));
  return updated;
}

export async function moveAndOfferInTx(
  tx: Tx,
  deps: ServiceDeps | null,
  meta: ChangeMeta,
  row: AppointmentRow,
  input: Parameters<typeof moveInTx>[4],
): Promise<BookOutcome> {
  const outcome = await moveInTx(tx, deps, meta, row, input);
  if (row.startsAt.getTime() > meta.now.getTime())
    await onAppointmentFreed(tx, meta, outcome.previous, outcome.previousDevices);
  return outcome;
}

export async function cancel(
  deps: ServiceDeps,
  actor: Actor,
  input: { appointmentId: string; by: 'cliente' | 'clinica'; reason: string; version?: number | undefined },
): Promise<TAppointment> {
  const meta = metaOf(deps, actor);
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await lockAppointment(tx, input.appointmentId);
    if (!row || row.status === 'reservado') throw errors.appointmentNotFound();
    const updated = await cancelAndOfferInTx(tx, meta, row, input);
    return viewOf(tx, updated.id);
  });
}

export async function move(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    appointmentId: string;
    startsAt: string;
    professionalId?: string | undefined;
    roomId?: string | null | undefined;
    version?: number | undefined;
    acknowledgeWarnings: boolean;
  },
): Promise<{ appointment: TAppointment; warnings: TWarning[] }> {
  const meta = metaOf(deps, actor);
  return retryOnDeadlock(() =>
    withTenant(deps.database, actor.organizationId, async (tx) => {
      const row = await lockAppointment(tx, input.appointmentId);
      if (!row || row.status === 'reservado') throw errors.appointmentNotFound();
      const outcome = await moveAndOfferInTx(tx, deps, meta, row, {
        ...input,
        startsAt: new Date(input.startsAt),
      });
      return { appointment: await viewOf(tx, outcome.appointment.id), warnings: outcome.warnings };
    }),
  );
}
