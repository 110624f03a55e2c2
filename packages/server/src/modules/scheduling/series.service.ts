import type { TAppointment, TBookingChannel, TWarning } from '@clinia/contracts';
import type { Actor } from '../../platform/authz/permissions';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { findTreatmentRequirements } from '../catalog/catalog.service';
import { loadCalendar } from './calendar';
import { cancelAndOfferInTx } from './changes.service';
import { localDateOf } from './clinic-time';
import { retryOnDeadlock } from './deadlock';
import { announceBookedInTx } from './risk.service';
import * as errors from './scheduling.errors';
import {
  type AppointmentRow,
  findSeries,
  findSeriesAppointments,
  findWorkingHours,
  insertSeries,
  lockAppointment,
  setSeriesStatus,
} from './scheduling.queries';
import { bookInTx, loadClinicCtx, metaOf, viewOf } from './scheduling.service';
import { planSeries } from './series';

/**
 * A course of sessions (e.g. 6 sessions every 15 days) booked as individual appointments linked to a
 * series. All or nothing: every occurrence is tried (each in a savepoint) and, if any conflicts, none
 * is kept and the user gets the list of occurrences that conflict and why. Closed dates (clinic
 * closures, national holidays, weekdays without working or opening hours) move to the next open day
 * (planSeries, rule keep-interval).
 */

const DAY = 86_400_000;

export async function bookSeries(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    clientId: string;
    treatmentId: string;
    professionalId: string;
    roomId?: string | null | undefined;
    firstStartsAt: string;
    count: number;
    everyDays: number;
    channel: TBookingChannel;
    acknowledgeWarnings: boolean;
  },
): Promise<{ seriesId: string; appointments: TAppointment[]; warnings: TWarning[] }> {
  const meta = metaOf(deps, actor);
  return retryOnDeadlock(() =>
    withTenant(deps.database, actor.organizationId, async (tx) => {
      const ctx = await loadClinicCtx(tx, actor.clinicId);
      const treatment = await findTreatmentRequirements(tx, input.treatmentId);
      if (!treatment?.isActive) throw errors.treatmentUnavailable();
      const firstMs = Date.parse(input.firstStartsAt);
      const horizonEnd = firstMs + (input.count * input.everyDays + 120) * DAY;
      const calendar = await loadCalendar(tx, ctx, [input.professionalId], firstMs - DAY, horizonEnd);
      const working = new Set(
        (await findWorkingHours(tx, ctx.clinicId, [input.professionalId])).map((h) => h.weekday),
      );
      const opening = new Set(ctx.openingHours.map((o) => o.weekday));
      const closedWeekdays = [0, 1, 2, 3, 4, 5, 6].filter(
        (d) => !working.has(d) || (ctx.openingHours.length > 0 && !opening.has(d)),
      );
      if (closedWeekdays.length === 7) throw errors.outsideWorkingHours();
      const plan = planSeries({
        firstStartMs: firstMs,
        count: input.count,
        everyDays: input.everyDays,
        timeZone: ctx.timeZone,
        closedDates: new Set(calendar.closed.keys()),
        closedWeekdays,
      });
      const series = await insertSeries(tx, {
        organizationId: ctx.organizationId,
        clinicId: ctx.clinicId,
        clientId: input.clientId,
        treatmentId: input.treatmentId,
        sessionCount: input.count,
        everyDays: input.everyDays,
        createdBy: actor.userId,
        createdAt: meta.now,
      });
      const booked: string[] = [];
      const bookedRows: AppointmentRow[] = [];
      const warnings: TWarning[] = [];
      const conflicts: { index: number; startsAt: string; reason: string }[] = [];
      for (const occurrence of plan) {
        try {
          // A savepoint per occurrence: a refused one (even by an exclusion constraint) leaves the
          // transaction usable, so every conflict is reported at once.
          const outcome = await tx.transaction((sp) =>
            bookInTx(sp, deps, meta, ctx, {
              clientId: input.clientId,
              treatmentId: input.treatmentId,
              professionalId: input.professionalId,
              roomId: input.roomId,
              startsAt: new Date(occurrence.startMs),
              channel: input.channel,
              notes: '',
              acknowledgeWarnings: input.acknowledgeWarnings,
              seriesId: series.id,
            }),
          );
          booked.push(outcome.appointment.id);
          bookedRows.push(outcome.appointment);
          for (const w of outcome.warnings)
            if (!warnings.some((x) => x.message === w.message)) warnings.push(w);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          conflicts.push({
            index: occurrence.index,
            startsAt: new Date(occurrence.startMs).toISOString(),
            reason: error.userMessage,
          });
        }
      }
      if (conflicts.length > 0) throw errors.seriesConflicts(conflicts);
      await announceBookedInTx(tx, meta, 'appointment.booked', bookedRows);
      const appointments: TAppointment[] = [];
      for (const id of booked) appointments.push(await viewOf(tx, id));
      return { seriesId: series.id, appointments, warnings };
    }),
  );
}

/** Cancels every live occurrence from `fromStartsAt` (default: now) on; earlier ones are kept. */
export async function cancelSeriesRest(
  deps: ServiceDeps,
  actor: Actor,
  input: { seriesId: string; by: 'cliente' | 'clinica'; reason: string; from?: string | undefined },
): Promise<{ cancelled: number }> {
  const meta = metaOf(deps, actor);
  const from = input.from ? Date.parse(input.from) : meta.now.getTime();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const series = await findSeries(tx, input.seriesId);
    if (!series) throw errors.seriesNotFound();
    let cancelled = 0;
    for (const a of await findSeriesAppointments(tx, series.id)) {
      if (a.startsAt.getTime() < from || !['agendado', 'confirmado'].includes(a.status)) continue;
      const row = await lockAppointment(tx, a.id);
      if (!row) continue;
      await cancelAndOfferInTx(tx, meta, row, { by: input.by, reason: input.reason });
      cancelled += 1;
    }
    const remaining = (await findSeriesAppointments(tx, series.id)).filter((a) =>
      ['agendado', 'confirmado', 'chegou', 'em_atendimento'].includes(a.status),
    );
    if (remaining.length === 0) await setSeriesStatus(tx, series.id, 'cancelada');
    return { cancelled };
  });
}

async function viewsOf(tx: Parameters<typeof viewOf>[0], ids: string[]): Promise<TAppointment[]> {
  const out: TAppointment[] = [];
  for (const id of ids) out.push(await viewOf(tx, id));
  return out;
}

export async function getSeries(deps: ServiceDeps, actor: Actor, seriesId: string) {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const series = await findSeries(tx, seriesId);
    if (!series) throw errors.seriesNotFound();
    const rows = await findSeriesAppointments(tx, series.id);
    const ctx = await loadClinicCtx(tx, series.clinicId);
    return {
      id: series.id,
      status: series.status as 'ativa' | 'cancelada',
      sessionCount: series.sessionCount,
      everyDays: series.everyDays,
      appointments: await viewsOf(
        tx,
        rows.map((r) => r.id),
      ),
      localDates: rows.map((r) => localDateOf(r.startsAt.getTime(), ctx.timeZone)),
    };
  });
}
