import type { Database } from '../../db/client';
import type { appointmentStatusHistory, appointments } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { findActivePolicy } from '../organizations/organizations.service';
import {
  registerAppointmentHistorySource,
  startTraining,
  trainingSettled,
} from '../prediction/prediction.service';
import { nationalHolidayName } from './calendar';
import { addDays, instantAt, localDateOf, weekdayOf } from './clinic-time';
import {
  backdateForSeed,
  findAppointmentsCreatedSince,
  findLiveForSeed,
  findOpenAppointmentsBetween,
  insertHistoryForSeed,
} from './risk.queries';
import { rescoreOrganization, schedulingHistorySource } from './risk.service';
import {
  findActiveTreatmentsForSeed,
  findAgenda,
  findClientIdsForSeed,
  findClinicRow,
  findClinicTeamForSeed,
  findRooms,
} from './scheduling.queries';
import type { SeedRng } from './scheduling.seed';

/**
 * The demo clinic's attendance history for the no-show model (issue 8): about eight months of past
 * appointments, synthetic but plausible. Each client has a steady habit (most keep their
 * appointments, a few often miss them), long lead times are missed more often and a confirmation
 * helps, so earlier no-shows and long leads raise the rate the way they do in real clinics. The
 * agenda seed's own bookings (all made "now") are moved back to when they were plausibly booked
 * (their status history keeps its instants: append-only).
 * Then a first model version is trained on this history and the open agenda is scored.
 */

const H = 3_600_000;
const D = 24 * H;
const HISTORY_WEEKS = 36;
const ROLES = [
  'medico',
  'enfermeiro',
  'dentista',
  'biomedico',
  'farmaceutico',
  'fisioterapeuta',
  'esteticista',
];

/** Days between booking and appointment: many within two weeks, some a month or more ahead. */
function leadDays(rng: SeedRng): number {
  const roll = rng.next();
  if (roll < 0.22) return rng.int(0, 2);
  if (roll < 0.62) return rng.int(3, 14);
  if (roll < 0.88) return rng.int(15, 35);
  return rng.int(36, 70);
}

/**
 * A client's habit, as the log-odds of missing an appointment booked on the day and not confirmed.
 * `flakyShare`: the share of habitual no-shows (higher among the coming week's clients, so the demo
 * panel has risky appointments to show; their scores still come from the trained model).
 */
function habit(rng: SeedRng, flakyShare: number): number {
  const roll = rng.next();
  if (roll < flakyShare) return -0.5;
  if (roll < flakyShare + 0.25) return -2;
  return -3;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

type Row = typeof appointments.$inferInsert;
type HistoryRow = typeof appointmentStatusHistory.$inferInsert;

export async function seedDemoNoShowHistory(
  database: Database,
  rng: SeedRng,
  input: { organizationId: string; clinicId: string; clock: Clock },
): Promise<string> {
  const { organizationId, clinicId } = input;
  const now = input.clock.now();
  const generated = await database.db.transaction(async (tx) => {
    const clinic = await findClinicRow(tx, clinicId);
    const team = await findClinicTeamForSeed(tx, clinicId, ROLES);
    const clientIds = await findClientIdsForSeed(tx, organizationId, 400);
    if (!clinic || team.length === 0 || clientIds.length === 0) return null;
    const zone = clinic.timeZone;
    const catalog = await findActiveTreatmentsForSeed(tx, organizationId);
    const policy = await findActivePolicy(tx, organizationId);
    const allowed = (role: string, category: string) =>
      policy?.rules.some((r) => r.role === role && r.category === category && r.decision !== 'proibido') ??
      false;
    const rooms = (await findRooms(tx, clinicId)).filter((r) => r.isActive);
    const comingWeek = new Set(
      (
        await findOpenAppointmentsBetween(tx, {
          organizationId,
          from: now,
          to: new Date(now.getTime() + 7 * D),
        })
      ).map((a) => a.clientId),
    );
    const habits = new Map(clientIds.map((id) => [id, habit(rng, comingWeek.has(id) ? 0.3 : 0.12)]));
    const missed = new Map<string, number>();

    const rows: Row[] = [];
    const history: HistoryRow[] = [];
    const today = localDateOf(now.getTime(), zone);
    const base = { organizationId, clinicId };
    let noShows = 0;
    // Sessions seeded by other steps already hold some past slots.
    const existing = await findLiveForSeed(
      tx,
      clinicId,
      new Date(now.getTime() - (HISTORY_WEEKS * 7 + 2) * D),
      new Date(now.getTime() - 3 * D),
    );
    // Up to five days before today: the agenda seed owns the last days and the week ahead.
    for (let offset = -HISTORY_WEEKS * 7; offset < -5; offset++) {
      const date = addDays(today, offset);
      const weekday = weekdayOf(date);
      if (weekday === 0 || weekday === 6 || nationalHolidayName(date)) continue;
      const dayStart = instantAt(date, '00:00', zone);
      const busy = existing
        .filter((e) => e.startsAt.getTime() >= dayStart && e.startsAt.getTime() < dayStart + D)
        .map((e) => ({
          clientId: e.clientId,
          professionalId: e.professionalId,
          roomId: e.roomId,
          from: e.startsAt.getTime(),
          to: e.endsAt.getTime(),
        }));
      for (const [i, member] of team.entries()) {
        const options = catalog.filter((t) => allowed(member.role, t.competenceCategory));
        if (options.length === 0) continue;
        const slots =
          i % 2 === 1 ? ['10:00', '11:30', '15:00', '16:30'] : ['08:00', '09:30', '14:00', '15:30'];
        for (const slot of slots) {
          if (!rng.chance(0.75)) continue;
          const treatment = rng.pick(options);
          const start = instantAt(date, slot, zone);
          const end = start + (treatment.durationMin + treatment.bufferMin) * 60_000;
          const clientId = rng.pick(clientIds);
          const room = treatment.requiredRoomType
            ? rooms.find(
                (r) =>
                  r.roomType === treatment.requiredRoomType &&
                  !busy.some((b) => b.roomId === r.id && b.from < end && start < b.to),
              )
            : undefined;
          if (treatment.requiredRoomType && !room) continue;
          const taken = (b: (typeof busy)[number]) =>
            (b.clientId === clientId || b.professionalId === member.userId) && b.from < end && start < b.to;
          if (busy.some(taken)) continue;
          busy.push({
            clientId,
            professionalId: member.userId,
            roomId: room?.id ?? null,
            from: start,
            to: end,
          });

          const lead = leadDays(rng);
          const bookedAt = start - lead * D - rng.int(1, 8) * H;
          const confirmed = lead >= 1 && rng.chance(0.55);
          const prior = Math.min(2, missed.get(clientId) ?? 0);
          const logit =
            (habits.get(clientId) ?? -2.5) +
            0.035 * Math.min(lead, 60) +
            0.45 * prior -
            (confirmed ? 0.9 : 0);
          const cancels = rng.chance(0.07 + (prior > 0 ? 0.05 : 0));
          const noShow = !cancels && rng.chance(sigmoid(logit));
          const id = crypto.randomUUID();
          const cancelledAt = new Date(start - rng.int(2, 96) * H);
          const late = cancels && start - cancelledAt.getTime() < 24 * H;
          rows.push({
            ...base,
            id,
            clientId,
            treatmentId: treatment.id,
            professionalId: member.userId,
            roomId: room?.id ?? null,
            status: cancels ? 'cancelado' : noShow ? 'faltou' : 'concluido',
            startsAt: new Date(start),
            serviceEndsAt: new Date(start + treatment.durationMin * 60_000),
            endsAt: new Date(end),
            bookedChannel: rng.pick(['recepcao', 'recepcao', 'telefone', 'whatsapp', 'whatsapp', 'online']),
            ...(cancels
              ? {
                  cancelledBy: 'cliente',
                  cancellationReason: 'Imprevisto pessoal',
                  cancelledLate: late,
                  cancelledAt: new Date(Math.max(cancelledAt.getTime(), bookedAt + H)),
                }
              : {}),
            createdAt: new Date(bookedAt),
            updatedAt: new Date(end),
          });
          const step = (from: string | null, to: string, at: number) =>
            history.push({
              organizationId,
              appointmentId: id,
              fromStatus: from,
              toStatus: to,
              source: 'recepcao',
              changedAt: new Date(at),
            });
          step(null, 'agendado', bookedAt);
          let current = 'agendado';
          if (confirmed) {
            step(current, 'confirmado', Math.max(bookedAt + H, start - rng.int(20, 48) * H));
            current = 'confirmado';
          }
          if (cancels) step(current, 'cancelado', Math.max(cancelledAt.getTime(), bookedAt + H));
          else if (noShow) step(current, 'faltou', start + 20 * 60_000);
          else {
            step(current, 'chegou', start - rng.int(0, 10) * 60_000);
            step('chegou', 'em_atendimento', start);
            step('em_atendimento', 'concluido', end);
          }
          if (noShow) {
            noShows += 1;
            missed.set(clientId, (missed.get(clientId) ?? 0) + 1);
          }
        }
      }
    }
    await insertHistoryForSeed(tx, rows, history);

    // The agenda seed booked its week "now": move each booking back by a plausible lead time.
    // (This step's own rows were booked weeks before they started, so they are not among them.)
    const booked = await findAppointmentsCreatedSince(tx, clinicId, new Date(now.getTime() - H));
    await backdateForSeed(
      tx,
      booked.map((a) => {
        const start = a.startsAt.getTime();
        const ahead = Math.max(0, Math.ceil((start - now.getTime()) / D));
        const createdAt = Math.min(
          now.getTime() - H,
          (a.cancelledAt?.getTime() ?? Number.POSITIVE_INFINITY) - H,
          start - (ahead + leadDays(rng)) * D - rng.int(1, 8) * H,
        );
        return { id: a.id, createdAt: new Date(createdAt) };
      }),
    );
    return { appointments: rows.length, noShows };
  });
  if (!generated) return 'sem equipe ou clientes';

  // As at boot: the first model version is trained on the agenda's own history (the seed runs before).
  registerAppointmentHistorySource(schedulingHistorySource);
  const deps = { database, clock: input.clock, logger: createLogger({ level: 'silent' }) };
  const run = await startTraining(deps, null, { organizationId, clinicId: null, trigger: 'manual' });
  await trainingSettled(run.id);
  await rescoreOrganization(deps, organizationId, 7 * D);
  const tomorrow = await database.db.transaction(async (tx) => {
    const zone = (await findClinicRow(tx, clinicId))?.timeZone ?? 'America/Sao_Paulo';
    const date = addDays(localDateOf(now.getTime(), zone), 1);
    const from = new Date(instantAt(date, '00:00', zone));
    return findAgenda(tx, { clinicId, from, to: new Date(from.getTime() + D), includeFreed: false });
  });
  const count = (band: string) => tomorrow.filter((r) => r.riskBand === band).length;
  const version = tomorrow.find((r) => r.riskModelVersion !== null)?.riskModelVersion;
  return `histórico de ${generated.appointments} atendimentos (${generated.noShows} faltas); ${
    version ? `modelo de faltas v${version} treinado` : 'sem modelo (taxas de base)'
  }; amanhã: ${count('alto')} de risco alto, ${count('medio')} de risco médio`;
}
