import type { TAppointmentRisk, TAppointmentStatus, TRiskBand, TRiskFactor } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { enqueueForEvent, highRiskConfirmationFor } from '../messaging/messaging.service';
import {
  type AppointmentHistoryRecord,
  type AppointmentHistorySource,
  type AppointmentRiskScore,
  type BookingChannel,
  type OutcomeTotals,
  outcomeTotalsFrom,
  recordAppointmentOutcome,
  riskActionsFor,
  scoreAppointments,
  settleRiskAction,
  storedRiskBands,
} from '../prediction/prediction.service';
import {
  findHistoryRows,
  findOpenAppointmentsBetween,
  findOrganizationIds,
  findOutcomeLeadCounts,
  type HistoryRow,
  type OpenAppointmentRow,
} from './risk.queries';

/**
 * The agenda's side of no-show prediction (issue 8): appointments as history records for training
 * and scoring, scores refreshed in the transaction of every change that alters their inputs (booking,
 * move, confirmation), outcomes recorded on arrival, no-show and cancellation, and the daily refresh
 * of the next two days, which acts on appointments it moves into the high band as booking does.
 * Scoring a booking reads only that client's appointments plus the unit's outcome totals (one
 * aggregate, cached briefly), never the clinic's whole history.
 */

const CHANNELS: Record<string, BookingChannel> = {
  recepcao: 'reception',
  telefone: 'phone',
  whatsapp: 'whatsapp',
  online: 'online',
  lista_espera: 'other',
};

/**
 * One appointment as the model sees it, or null when it says nothing about the client's attendance:
 * a waitlist hold never booked, an original that was moved (its successor carries on, with its own
 * booking instant) and a cancellation by the clinic. Statuses map to what happened and when it became
 * known: chegou / em_atendimento / concluido = attended (from the first arrival), faltou = no_show,
 * a client's cancellation = cancelled or late_cancellation (inside the clinic's window); agendado and
 * confirmado stay scheduled, also in the past (nobody recorded the outcome, so it is not a label).
 */
export function toHistoryRecord(row: HistoryRow): AppointmentHistoryRecord | null {
  const status = row.status as TAppointmentStatus;
  let mapped: AppointmentHistoryRecord['status'];
  let outcomeAt: Date | null;
  switch (status) {
    case 'chegou':
    case 'em_atendimento':
    case 'concluido':
      mapped = 'attended';
      outcomeAt = row.attendedAt ?? row.updatedAt;
      break;
    case 'faltou':
      mapped = 'no_show';
      outcomeAt = row.noShowAt ?? row.updatedAt;
      break;
    case 'cancelado':
      if (row.cancelledBy === 'clinica') return null;
      mapped = row.cancelledLate ? 'late_cancellation' : 'cancelled';
      outcomeAt = row.cancelledAt ?? row.updatedAt;
      break;
    case 'agendado':
    case 'confirmado':
      mapped = 'scheduled';
      outcomeAt = null;
      break;
    default:
      return null;
  }
  return {
    appointmentId: row.id,
    clientId: row.clientId,
    clinicId: row.clinicId,
    bookedAt: row.createdAt,
    startsAt: row.startsAt,
    hasTimeOfDay: true,
    status: mapped,
    outcomeAt,
    treatmentCategory: row.category,
    priceCents: row.priceCents,
    channel: CHANNELS[row.bookedChannel] ?? 'other',
    confirmationRequestedAt: row.confirmationRequestedAt,
    confirmedAt: row.confirmedAt,
    reminderSentAt: row.reminderSentAt,
    clientBirthDate: row.birthDate,
  };
}

const records = (rows: HistoryRow[]) =>
  rows.map(toHistoryRecord).filter((r): r is AppointmentHistoryRecord => r !== null);

/** Training's history: the organisation's (or one unit's) appointments. Registered at boot. */
export const schedulingHistorySource: AppointmentHistorySource = async (tx, organizationId, clinicId) =>
  records(await findHistoryRows(tx, { organizationId, clinicId }));

/** Unit totals move slowly (hundreds of outcomes smooth them): recomputed at most this often. */
const TOTALS_TTL_MS = 10 * 60_000;
const totalsCache = new Map<string, { at: number; totals: ReturnType<typeof outcomeTotalsFrom> }>();

async function outcomeTotals(
  tx: Tx,
  organizationId: string,
  now: Date,
): Promise<{ clinics: ReadonlyMap<string, OutcomeTotals>; all: OutcomeTotals }> {
  const cached = totalsCache.get(organizationId);
  if (cached && Math.abs(now.getTime() - cached.at) < TOTALS_TTL_MS) return cached.totals;
  const totals = outcomeTotalsFrom(await findOutcomeLeadCounts(tx, organizationId));
  totalsCache.set(organizationId, { at: now.getTime(), totals });
  return totals;
}

/** Scores (and stores, with planned actions) these appointments of these clients, as known at `now`. */
export async function scoreClientsInTx(
  tx: Tx,
  organizationId: string,
  clientIds: string[],
  appointmentIds: string[],
  now: Date,
): Promise<AppointmentRiskScore[]> {
  if (appointmentIds.length === 0) return [];
  const facts = records(await findHistoryRows(tx, { organizationId, clientIds: [...new Set(clientIds)] }));
  const known = new Set(facts.map((f) => f.appointmentId));
  const ids = appointmentIds.filter((id) => known.has(id));
  if (ids.length === 0) return [];
  return scoreAppointments(tx, organizationId, facts, {
    now,
    appointmentIds: ids,
    outcomeTotals: await outcomeTotals(tx, organizationId, now),
  });
}

/**
 * Whether the booking message must carry `highNoShowRisk` (issue 9): band 'alto' and the policy's
 * 'alto' actions include a confirmation request assigned to the treated group (holdout gets none).
 */
export function wantsExtraConfirmation(score: AppointmentRiskScore | undefined): boolean {
  return (
    score?.band === 'alto' &&
    score.actions.some((a) => a.action === 'confirmation_request' && a.assignment === 'treated')
  );
}

function hoursText(hours: number): string {
  if (hours % 24 === 0) return hours === 24 ? '1 dia' : `${hours / 24} dias`;
  return hours === 1 ? '1 hora' : `${hours} horas`;
}

/**
 * After the booking event was written with `highNoShowRisk` (or a re-score's `appointment.risk_raised`):
 * the extra confirmation request it queued settles the planned action ('done', pt-BR detail). When
 * none could be queued (its time had passed, or no channel is allowed) the action stays planned for
 * the front desk.
 */
export async function settleExtraConfirmationInTx(
  tx: Tx,
  facts: { organizationId: string; clinicId: string; appointmentId: string; startsAt: Date; now: Date },
): Promise<boolean> {
  const queued = await highRiskConfirmationFor(tx, facts);
  if (!queued?.queued) return false;
  const whatsapp = queued.channel === 'whatsapp';
  // At the plan's time before the start (booking, or a re-score well ahead), or now (a re-score inside it).
  const onTime = queued.dueAt.getTime() === facts.startsAt.getTime() - queued.hours * 3_600_000;
  const detail = onTime
    ? `Pedido extra de confirmação agendado ${whatsapp ? 'pelo WhatsApp' : 'por e-mail'} para ${hoursText(queued.hours)} antes`
    : `Risco subiu para alto na reavaliação: pedido extra de confirmação na fila ${whatsapp ? 'do WhatsApp' : 'do e-mail'}`;
  const settled = await settleRiskAction(
    tx,
    facts.organizationId,
    { appointmentId: facts.appointmentId, action: 'confirmation_request' },
    { status: 'done', detail, by: null, at: facts.now },
  );
  return settled !== null;
}

/** The outcome a status reaches, for the actions' treated-vs-holdout comparison. */
export async function recordOutcomeInTx(
  tx: Tx,
  row: { organizationId: string; id: string; cancelledLate?: boolean | null; cancelledBy?: string | null },
  to: TAppointmentStatus,
  at: Date,
): Promise<void> {
  const outcome =
    to === 'chegou' || to === 'concluido'
      ? 'attended'
      : to === 'faltou'
        ? 'no_show'
        : to === 'cancelado'
          ? row.cancelledLate
            ? 'late_cancellation'
            : 'cancelled'
          : null;
  if (outcome) await recordAppointmentOutcome(tx, row.organizationId, row.id, outcome, at);
}

/** How far ahead the daily refresh re-scores open appointments. */
export const RESCORE_AHEAD_MS = 2 * 86_400_000;

/**
 * Re-scores open appointments in the caller's transaction and acts on those it moves into the high
 * band as booking does: when the policy's 'alto' actions include the confirmation request, the
 * appointment is still unconfirmed, its request action is planned for the treated group (the stored
 * draw, made once per appointment and action and never redrawn; holdout ones are withheld) and no
 * extra request was queued for it yet (messaging's idempotency key), the request is queued through
 * messaging (consent and quiet hours apply) and the action settled. An appointment already high
 * before was handled by its booking (or left to the front desk), so repeated re-scores add nothing.
 * Without a keyring (seed) only the scores are stored.
 */
export async function rescoreInTx(
  tx: Tx,
  meta: { now: Date; keyring?: Keyring | undefined },
  organizationId: string,
  open: OpenAppointmentRow[],
): Promise<AppointmentRiskScore[]> {
  const ids = open.map((a) => a.id);
  const before = await storedRiskBands(tx, organizationId, ids);
  const scores = await scoreClientsInTx(
    tx,
    organizationId,
    open.map((a) => a.clientId),
    ids,
    meta.now,
  );
  const keyring = meta.keyring;
  if (!keyring) return scores;
  const raised = open.filter((a) => {
    const score = scores.find((s) => s.appointmentId === a.id);
    return (
      a.status === 'agendado' &&
      before.get(a.id) !== 'alto' &&
      score?.band === 'alto' &&
      score.actions.some((x) => x.action === 'confirmation_request')
    );
  });
  if (raised.length === 0) return scores;
  const actions = await riskActionsFor(
    tx,
    organizationId,
    raised.map((a) => a.id),
  );
  for (const a of raised) {
    const request = actions.find((x) => x.appointmentId === a.id && x.action === 'confirmation_request');
    if (request?.assignment !== 'treated' || request.status !== 'planned') continue;
    const facts = {
      organizationId: a.organizationId,
      clinicId: a.clinicId,
      clientId: a.clientId,
      appointmentId: a.id,
      startsAt: a.startsAt,
    };
    await enqueueForEvent(tx, { keyring, now: meta.now }, { type: 'appointment.risk_raised', ...facts });
    await settleExtraConfirmationInTx(tx, { ...facts, now: meta.now });
  }
  return scores;
}

/** Re-scores one organisation's open appointments starting within `aheadMs` of now. */
export async function rescoreOrganization(
  deps: Pick<ServiceDeps, 'database' | 'clock'> & Partial<Pick<ServiceDeps, 'keyring'>>,
  organizationId: string,
  aheadMs: number,
): Promise<number> {
  const now = deps.clock.now();
  return withTenant(deps.database, organizationId, async (tx) => {
    const open = await findOpenAppointmentsBetween(tx, {
      organizationId,
      from: now,
      to: new Date(now.getTime() + aheadMs),
    });
    const scores = await rescoreInTx(tx, { now, keyring: deps.keyring }, organizationId, open);
    return scores.length;
  });
}

/**
 * Daily refresh: every organisation's open appointments of the next two days are re-scored, so lead
 * time, reminders and confirmations since booking reach the score (and the no-show panel); those it
 * moves into the high band get the extra confirmation request (`rescoreInTx`).
 */
export async function rescoreUpcoming(
  deps: Pick<ServiceDeps, 'database' | 'clock'> & Partial<Pick<ServiceDeps, 'keyring'>>,
): Promise<{ scored: number }> {
  // Cross-tenant by nature: the list of organisations is no tenant's data.
  const organizationIds = await withSystem(deps.database, (tx) => findOrganizationIds(tx));
  let scored = 0;
  for (const organizationId of organizationIds)
    scored += await rescoreOrganization(deps, organizationId, RESCORE_AHEAD_MS);
  return { scored };
}

/**
 * Scores freshly booked (or moved, or accepted from the waitlist) appointments and writes their booking
 * messages, in the caller's transaction: a high-risk treated appointment's event carries
 * `highNoShowRisk`, so the reminder plan's extra confirmation request is queued, and its planned
 * action is settled. Without a keyring (seed, imports) only the scores are stored.
 */
export async function announceBookedInTx(
  tx: Tx,
  meta: { now: Date; keyring?: Keyring | undefined },
  type: 'appointment.booked' | 'appointment.rescheduled',
  rows: { id: string; organizationId: string; clinicId: string; clientId: string; startsAt: Date }[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const scores = await scoreClientsInTx(
    tx,
    first.organizationId,
    rows.map((r) => r.clientId),
    rows.map((r) => r.id),
    meta.now,
  );
  for (const row of rows) {
    const high = wantsExtraConfirmation(scores.find((s) => s.appointmentId === row.id));
    if (!meta.keyring) continue;
    await enqueueForEvent(
      tx,
      { keyring: meta.keyring, now: meta.now },
      {
        type,
        organizationId: row.organizationId,
        clinicId: row.clinicId,
        clientId: row.clientId,
        appointmentId: row.id,
        startsAt: row.startsAt,
        ...(high ? { highNoShowRisk: true } : {}),
      },
    );
    if (high)
      await settleExtraConfirmationInTx(tx, {
        organizationId: row.organizationId,
        clinicId: row.clinicId,
        appointmentId: row.id,
        startsAt: row.startsAt,
        now: meta.now,
      });
  }
}

/** Statuses whose stored score the agenda shows: the ones still waiting for the client. */
const SCORED_STATUSES = new Set(['agendado', 'confirmado']);

/** The agenda's risk badge from the joined score columns (null when unscored or no longer open). */
export function riskOf(
  status: string,
  columns: {
    riskScore: number | null;
    riskBand: string | null;
    riskFactors: unknown;
    riskComputedAt: Date | null;
    riskModelVersion: number | null;
  },
): TAppointmentRisk | null {
  if (!SCORED_STATUSES.has(status) || columns.riskScore === null || columns.riskComputedAt === null)
    return null;
  return {
    score: columns.riskScore,
    band: columns.riskBand as TRiskBand,
    factors: (columns.riskFactors ?? []) as TRiskFactor[],
    computedAt: new Date(columns.riskComputedAt).toISOString(),
    modelVersion: columns.riskModelVersion,
  };
}
