import {
  APPOINTMENT_STATUS_LABELS,
  APPOINTMENT_TRANSITIONS,
  EQUIPMENT_KIND_LABELS,
  LICENSED_ROLE_COUNCIL,
  ROOM_TYPE_LABELS,
  type TAppointment,
  type TAppointmentPurpose,
  type TAppointmentStatus,
  type TBookingChannel,
  type TEquipmentKind,
  type TStaffRole,
  type TWarning,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { auditActor, auditOrigin, recordAudit } from '../../platform/audit/audit';
import { type Actor, decide } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import type { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import {
  evaluateContraindications,
  findTreatmentRequirements,
  type TreatmentRequirements,
} from '../catalog/catalog.service';
import { readLatestIntakeInTx } from '../clients/clients.service';
import { enqueueForEvent, type MessagingEvent } from '../messaging/messaging.service';
import { findActivePolicy } from '../organizations/organizations.service';
import { loadCalendar } from './calendar';
import { type ClinicCtx, loadClinicCtx } from './clinic-context';
import { localDateOf } from './clinic-time';
import { retryOnDeadlock } from './deadlock';
import { contains, overlaps } from './intervals';
import { announceBookedInTx, recordOutcomeInTx, riskOf, scoreClientsInTx } from './risk.service';
import * as errors from './scheduling.errors';
import {
  type AppointmentRow,
  type EquipmentRow,
  findActiveLicenceCouncils,
  findAgenda,
  findAppointment,
  findBusy,
  findClientForBooking,
  findClinicStaff,
  findEquipment,
  findEquipmentByIds,
  findNeighbourSessions,
  findRoom,
  findRooms,
  insertAppointment,
  insertAppointmentEquipment,
  insertStatusHistory,
  lockAppointment,
  type RoomRow,
  updateAppointment,
} from './scheduling.queries';

/**
 * The agenda's booking core: rules (competence, licence, room type, devices, hours, closures, minimum
 * interval, contraindications), the insert that PostgreSQL's exclusion constraints guard (a lost race
 * becomes a pt-BR conflict naming what is taken), and the status lifecycle. Every write runs in one
 * transaction; the NOTIFY for live agendas is sent by a trigger in that same transaction (0017).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Who changes an appointment: a signed-in user, or the system (WhatsApp reply, job). */
export type ChangeMeta = {
  now: Date;
  actor: Actor | null;
  source: 'recepcao' | 'whatsapp' | 'sistema' | 'lista_espera';
  origin?: { ip?: string | null; userAgent?: string | null; requestId?: string | null };
  /** For outbox messages; without it no message is written (the change still happens). */
  keyring?: Keyring;
};

export const metaOf = (deps: ServiceDeps, actor: Actor): ChangeMeta => ({
  now: deps.clock.now(),
  actor,
  source: 'recepcao',
  origin: auditOrigin(deps),
  keyring: deps.keyring,
});

async function audit(
  tx: Tx,
  meta: ChangeMeta,
  organizationId: string,
  action: string,
  entityId: string,
  changedFields: string[],
) {
  await recordAudit(tx, {
    organizationId,
    action,
    entityType: 'appointment',
    entityId,
    changedFields,
    ...(meta.actor ? { actor: auditActor(meta.actor) } : {}),
    ...(meta.origin ? { origin: meta.origin } : {}),
    occurredAt: meta.now,
  });
}

export async function emit(tx: Tx, meta: ChangeMeta, event: MessagingEvent): Promise<void> {
  if (!meta.keyring) return;
  await enqueueForEvent(tx, { keyring: meta.keyring, now: meta.now }, event);
}

// ── Conflicts ────────────────────────────────────────────────────────────────────────────────────

type PgError = { code?: string; constraint?: string; message?: string };
function pgErrorOf(error: unknown): PgError | null {
  let current: unknown = error;
  for (let i = 0; i < 4 && current; i++) {
    const e = current as PgError & { cause?: unknown };
    if (e.code === '23P01') {
      const constraint = e.constraint ?? /exclusion constraint "([^"]+)"/.exec(e.message ?? '')?.[1];
      return { code: e.code, ...(constraint ? { constraint } : {}) };
    }
    current = e.cause;
  }
  return null;
}

/** A device insert refused by the database, with the device it was for. */
class DeviceConflict extends Error {
  constructor(
    readonly device: EquipmentRow,
    override readonly cause: unknown,
  ) {
    super('device conflict');
  }
}

export const isExclusionViolation = (error: unknown) => pgErrorOf(error) !== null;

/** SQLSTATE 23P01 → the pt-BR conflict naming what is taken (from the constraint's name). */
export function conflictError(
  error: unknown,
  names: { roomName?: string | null; equipmentName?: string },
): AppError | null {
  const pg = pgErrorOf(error);
  if (!pg) return null;
  switch (pg.constraint) {
    case 'appointments_professional_no_overlap':
      return errors.professionalBusy();
    case 'appointments_room_no_overlap':
      return errors.roomBusy(names.roomName ?? '');
    case 'appointments_client_no_overlap':
      return errors.clientBusy();
    case 'appointment_equipment_no_overlap':
      return errors.equipmentBusy(names.equipmentName ?? '');
    default:
      return errors.professionalBusy();
  }
}

// ── Rules ────────────────────────────────────────────────────────────────────────────────────────

export const weekdayOf = (date: string) => new Date(`${date}T12:00:00Z`).getUTCDay();

/** Competence policy + active licence. Returns warnings (qualification to confirm) or throws. */
export async function checkCompetence(
  tx: Tx,
  ctx: ClinicCtx,
  professionalId: string,
  treatment: TreatmentRequirements,
): Promise<TWarning[]> {
  const staff = await findClinicStaff(tx, ctx.clinicId, [professionalId]);
  if (staff.length === 0) throw errors.notAProfessionalHere();
  const policy = await findActivePolicy(tx, ctx.organizationId);
  const councils = new Set((await findActiveLicenceCouncils(tx, [professionalId])).map((l) => l.council));
  let licenceMissing = false;
  let qualification = false;
  for (const { role } of staff) {
    const decision =
      policy?.rules.find((r) => r.role === role && r.category === treatment.competenceCategory)?.decision ??
      'proibido';
    if (decision === 'proibido') continue;
    const council = LICENSED_ROLE_COUNCIL[role as TStaffRole];
    if (council && !councils.has(council)) {
      licenceMissing = true;
      continue;
    }
    if (decision === 'permitido') return [];
    qualification = true;
  }
  if (qualification)
    return [
      {
        kind: 'competence',
        severity: 'warn',
        message: `A política de competências exige habilitação específica para "${treatment.name}": confirme o certificado da profissional.`,
      },
    ];
  if (licenceMissing) throw errors.licenceInactive();
  throw errors.notCompetent(treatment.name);
}

/** Working hours minus breaks, opening hours, closures, holidays and absences for [start, end). */
export async function checkHours(
  tx: Tx,
  ctx: ClinicCtx,
  professionalId: string,
  start: Date,
  end: Date,
): Promise<void> {
  const slot = { start: start.getTime(), end: end.getTime() };
  const calendar = await loadCalendar(tx, ctx, [professionalId], slot.start - DAY, slot.end + DAY);
  const reason = calendar.closed.get(localDateOf(slot.start, ctx.timeZone));
  if (reason) throw errors.clinicClosed(reason);
  if (!contains(calendar.clinicOpen, slot)) throw errors.outsideOpeningHours();
  if (overlaps(calendar.absences.get(professionalId) ?? [], slot)) throw errors.professionalAbsent();
  if (!contains(calendar.available.get(professionalId) ?? [], slot)) throw errors.outsideWorkingHours();
}

async function pickRoom(
  tx: Tx,
  ctx: ClinicCtx,
  treatment: TreatmentRequirements,
  requested: string | null | undefined,
  preferred: string | null,
  start: Date,
  end: Date,
  avoid: ReadonlySet<string> = new Set(),
): Promise<RoomRow | null> {
  const required = treatment.requiredRoomType;
  if (requested) {
    const room = await findRoom(tx, requested);
    if (!room || room.clinicId !== ctx.clinicId || !room.isActive) throw errors.roomNotFound();
    if (required && room.roomType !== required)
      throw errors.roomTypeMismatch(room.name, ROOM_TYPE_LABELS[required]);
    return room;
  }
  if (!required) return null;
  const candidates = (await findRooms(tx, ctx.clinicId)).filter((r) => r.isActive && r.roomType === required);
  if (candidates.length === 0) throw errors.roomRequired(ROOM_TYPE_LABELS[required]);
  const busy = await findBusy(tx, { from: start, to: end, roomIds: candidates.map((r) => r.id) });
  const taken = new Set(busy.appointments.map((a) => a.roomId));
  const ordered = [...candidates].sort((a, b) => Number(b.id === preferred) - Number(a.id === preferred));
  const free = ordered.find((r) => !taken.has(r.id) && !avoid.has(r.id));
  if (!free) throw errors.noFreeRoom(ROOM_TYPE_LABELS[required]);
  return free;
}

async function pickEquipment(
  tx: Tx,
  ctx: ClinicCtx,
  treatment: TreatmentRequirements,
  requested: string[] | undefined,
  preferred: string[],
  start: Date,
  end: Date,
  avoid: ReadonlySet<string> = new Set(),
): Promise<EquipmentRow[]> {
  const kinds = treatment.requiredEquipmentKinds;
  if (requested && requested.length > 0) {
    const rows = await findEquipmentByIds(tx, requested);
    if (
      rows.length !== new Set(requested).size ||
      rows.some((r) => r.clinicId !== ctx.clinicId || !r.isActive)
    )
      throw errors.equipmentNotFound();
    for (const kind of kinds)
      if (!rows.some((r) => r.kind === kind)) throw errors.equipmentMismatch(EQUIPMENT_KIND_LABELS[kind]);
    return rows;
  }
  if (kinds.length === 0) return [];
  const all = (await findEquipment(tx, ctx.clinicId)).filter(
    (e) => e.isActive && kinds.includes(e.kind as TEquipmentKind),
  );
  const busy = await findBusy(tx, { from: start, to: end, equipmentIds: all.map((e) => e.id) });
  const taken = new Set(busy.devices.map((d) => d.equipmentId));
  return kinds.map((kind) => {
    const units = all
      .filter((e) => e.kind === kind)
      .sort((a, b) => Number(preferred.includes(b.id)) - Number(preferred.includes(a.id)));
    if (units.length === 0) throw errors.equipmentMismatch(EQUIPMENT_KIND_LABELS[kind]);
    const free = units.find((u) => !taken.has(u.id) && !avoid.has(u.id));
    if (!free) throw errors.noFreeEquipment(EQUIPMENT_KIND_LABELS[kind]);
    return free;
  });
}

async function checkInterval(
  tx: Tx,
  ctx: ClinicCtx,
  treatment: TreatmentRequirements,
  clientId: string,
  start: Date,
  excludeIds: string[],
): Promise<TWarning[]> {
  const days = treatment.minIntervalDays;
  if (days <= 0) return [];
  const { before, after } = await findNeighbourSessions(tx, {
    clientId,
    treatmentId: treatment.id,
    at: start,
    excludeIds,
  });
  const tooClose = [before, after].filter(
    (other): other is Date => other !== null && Math.abs(start.getTime() - other.getTime()) < days * DAY,
  );
  if (tooClose.length === 0) return [];
  const policy =
    ctx.settings.intervalPolicy === 'treatment' ? treatment.intervalPolicy : ctx.settings.intervalPolicy;
  if (policy === 'block') throw errors.intervalBlocked(days, treatment.name);
  const gap = Math.floor(Math.abs(start.getTime() - (tooClose[0] as Date).getTime()) / DAY);
  return [
    {
      kind: 'interval',
      severity: 'warn',
      message: `Há outra sessão de "${treatment.name}" a ${gap} dia(s) desta; o intervalo mínimo recomendado é de ${days} dias.`,
    },
  ];
}

/** Contraindications from the latest intake: in full for those who may read it, generic otherwise. */
async function contraindicationWarnings(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  ctx: ClinicCtx,
  treatment: TreatmentRequirements,
  clientId: string,
  start: Date,
): Promise<TWarning[]> {
  if (Object.keys(treatment.contraindications).length === 0) return [];
  const { birthDate, intake } = await readLatestIntakeInTx(tx, deps, actor, clientId);
  const findings = evaluateContraindications({
    rules: treatment.contraindications,
    intake,
    birthDate,
    onDate: localDate(start, ctx.timeZone),
  });
  const mayRead = decide('clients.intake.read', actor, deps.clock.now()).allowed;
  if (mayRead)
    return findings.map((f) => ({
      kind: 'contraindication' as const,
      severity: f.severity,
      message: f.message,
    }));
  const met = findings.filter((f) => f.basis === 'met');
  if (met.length === 0) return [];
  return [
    {
      kind: 'contraindication',
      severity: met.some((f) => f.severity === 'hard') ? 'hard' : 'warn',
      message:
        'A anamnese indica contraindicação para este tratamento: a profissional avaliará antes do procedimento.',
    },
  ];
}

// ── Booking ──────────────────────────────────────────────────────────────────────────────────────

export type BookRequest = {
  clientId: string;
  treatmentId: string;
  professionalId: string;
  roomId?: string | null | undefined;
  equipmentIds?: string[] | undefined;
  startsAt: Date;
  channel: TBookingChannel;
  /** Default `sessao`; a moved appointment keeps its own. */
  purpose?: TAppointmentPurpose | undefined;
  notes: string;
  acknowledgeWarnings: boolean;
  status?: TAppointmentStatus;
  seriesId?: string | null;
  rescheduledFrom?: AppointmentRow | null;
  waitlistOfferId?: string | null;
  /** Devices to reuse when free (a moved appointment keeps its laser if it can). */
  preferredEquipmentIds?: string[];
  /** Skips "in the past" (demo seed, history import). */
  allowPast?: boolean;
  /** Skips hours/competence checks that a held waitlist slot already passed (the freed booking did). */
  skipRules?: boolean;
};

export type BookOutcome = { appointment: AppointmentRow; warnings: TWarning[] };

/**
 * Books one appointment inside `tx`. Application checks give precise messages for rule violations;
 * the exclusion constraints are the guarantee against overlaps (concurrent requests included).
 */
export async function bookInTx(
  tx: Tx,
  deps: ServiceDeps | null,
  meta: ChangeMeta,
  ctx: ClinicCtx,
  req: BookRequest,
): Promise<BookOutcome> {
  const treatment = await findTreatmentRequirements(tx, req.treatmentId);
  if (!treatment?.isActive) throw errors.treatmentUnavailable();
  const client = await findClientForBooking(tx, req.clientId);
  if (client?.status !== 'active' || client.blockedAt) throw errors.clientUnavailable();
  const start = req.startsAt;
  const serviceEnd = new Date(start.getTime() + treatment.durationMin * MINUTE);
  const end = new Date(serviceEnd.getTime() + treatment.bufferMin * MINUTE);
  if (!req.allowPast && start.getTime() < meta.now.getTime()) throw errors.inThePast();
  const warnings: TWarning[] = [];
  if (!req.skipRules) {
    warnings.push(...(await checkCompetence(tx, ctx, req.professionalId, treatment)));
    await checkHours(tx, ctx, req.professionalId, start, end);
  }
  const purpose =
    req.purpose ?? (req.rescheduledFrom?.purpose as TAppointmentPurpose | undefined) ?? 'sessao';
  const excludeIds = req.rescheduledFrom ? [req.rescheduledFrom.id] : [];
  // A review applies nothing: the minimum interval between applications does not hold it back.
  if (purpose === 'sessao')
    warnings.push(...(await checkInterval(tx, ctx, treatment, req.clientId, start, excludeIds)));
  const blocking = warnings.filter((w) => w.kind !== 'contraindication');
  if (blocking.length > 0 && !req.acknowledgeWarnings) throw errors.warningsNotAcknowledged(blocking);
  if (deps && meta.actor)
    warnings.push(
      ...(await contraindicationWarnings(tx, deps, meta.actor, ctx, treatment, req.clientId, start)),
    );
  const status = req.status ?? 'agendado';
  // Auto-chosen rooms and devices may lose a race to a concurrent booking that is not visible yet:
  // then the next free one is tried (a savepoint per attempt). Chosen by the user: the conflict stands.
  const avoidRooms = new Set<string>();
  const avoidDevices = new Set<string>();
  let appointment: AppointmentRow | null = null;
  for (let attempt = 0; appointment === null; attempt++) {
    const room = await pickRoom(
      tx,
      ctx,
      treatment,
      req.roomId,
      req.rescheduledFrom?.roomId ?? null,
      start,
      end,
      avoidRooms,
    );
    const devices = await pickEquipment(
      tx,
      ctx,
      treatment,
      req.equipmentIds,
      req.preferredEquipmentIds ?? [],
      start,
      end,
      avoidDevices,
    );
    try {
      appointment = await tx.transaction(async (sp) => {
        const row = await insertAppointment(sp, {
          organizationId: ctx.organizationId,
          clinicId: ctx.clinicId,
          clientId: req.clientId,
          treatmentId: req.treatmentId,
          professionalId: req.professionalId,
          roomId: room?.id ?? null,
          seriesId: req.seriesId ?? req.rescheduledFrom?.seriesId ?? null,
          status,
          startsAt: start,
          serviceEndsAt: serviceEnd,
          endsAt: end,
          bookedChannel: req.channel,
          purpose,
          notes: req.notes,
          rescheduledFrom: req.rescheduledFrom?.id ?? null,
          rescheduleCount: req.rescheduledFrom ? req.rescheduledFrom.rescheduleCount + 1 : 0,
          waitlistOfferId: req.waitlistOfferId ?? null,
          createdBy: meta.actor?.userId ?? null,
          createdAt: meta.now,
          updatedAt: meta.now,
        });
        for (const device of devices) {
          try {
            await insertAppointmentEquipment(sp, {
              organizationId: ctx.organizationId,
              appointmentId: row.id,
              equipmentId: device.id,
              startsAt: start,
              endsAt: end,
              status,
            });
          } catch (error) {
            throw new DeviceConflict(device, error);
          }
        }
        return row;
      });
    } catch (error) {
      const retry = attempt < 8;
      if (error instanceof DeviceConflict) {
        if (retry && !req.equipmentIds?.length && isExclusionViolation(error.cause)) {
          avoidDevices.add(error.device.id);
          continue;
        }
        throw conflictError(error.cause, { equipmentName: error.device.name }) ?? error.cause;
      }
      const mapped = conflictError(error, { roomName: room?.name ?? null });
      if (retry && room && !req.roomId && mapped?.code === 'SLOT_TAKEN_ROOM') {
        avoidRooms.add(room.id);
        continue;
      }
      throw mapped ?? error;
    }
  }
  await insertStatusHistory(tx, {
    organizationId: ctx.organizationId,
    appointmentId: appointment.id,
    fromStatus: null,
    toStatus: status,
    changedBy: meta.actor?.userId ?? null,
    source: meta.source,
    note: req.rescheduledFrom ? 'remarcado' : null,
    changedAt: meta.now,
  });
  return { appointment, warnings };
}

export async function book(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    clientId: string;
    treatmentId: string;
    professionalId: string;
    roomId?: string | null | undefined;
    equipmentIds?: string[] | undefined;
    startsAt: string;
    channel: TBookingChannel;
    purpose?: TAppointmentPurpose | undefined;
    notes: string;
    acknowledgeWarnings: boolean;
  },
): Promise<{ appointment: TAppointment; warnings: TWarning[] }> {
  const meta = metaOf(deps, actor);
  return retryOnDeadlock(() =>
    withTenant(deps.database, actor.organizationId, async (tx) => {
      const ctx = await loadClinicCtx(tx, actor.clinicId);
      const outcome = await bookInTx(tx, deps, meta, ctx, { ...input, startsAt: new Date(input.startsAt) });
      await audit(tx, meta, ctx.organizationId, 'appointment.book', outcome.appointment.id, [
        'clientId',
        'treatmentId',
        'professionalId',
        'roomId',
        'startsAt',
      ]);
      await announceBookedInTx(tx, meta, 'appointment.booked', [outcome.appointment]);
      return { appointment: await viewOf(tx, outcome.appointment.id), warnings: outcome.warnings };
    }),
  );
}

// ── Views ────────────────────────────────────────────────────────────────────────────────────────

type AgendaRow = Awaited<ReturnType<typeof findAgenda>>[number];
export function toAppointment(row: AgendaRow): TAppointment {
  const a = row.appointment;
  return {
    id: a.id,
    clinicId: a.clinicId,
    clientId: a.clientId,
    clientName: row.clientName,
    treatmentId: a.treatmentId,
    treatmentName: row.treatmentName,
    professionalId: a.professionalId,
    professionalName: row.professionalName,
    roomId: a.roomId,
    roomName: row.roomName,
    equipmentIds: row.equipmentIds ?? [],
    seriesId: a.seriesId,
    status: a.status as TAppointmentStatus,
    startsAt: a.startsAt.toISOString(),
    serviceEndsAt: a.serviceEndsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    channel: a.bookedChannel as TBookingChannel,
    purpose: a.purpose as TAppointmentPurpose,
    notes: a.notes,
    cancelledBy: a.cancelledBy as 'cliente' | 'clinica' | null,
    cancellationReason: a.cancellationReason,
    cancelledLate: a.cancelledLate,
    rescheduledFrom: a.rescheduledFrom,
    rescheduleCount: a.rescheduleCount,
    version: a.version,
    risk: riskOf(a.status, row),
  };
}

export async function viewOf(tx: Tx, id: string): Promise<TAppointment> {
  const [row] = await findAgenda(tx, {
    clinicId: '',
    from: new Date(0),
    to: new Date(0),
    includeFreed: true,
    ids: [id],
  });
  if (!row) throw errors.appointmentNotFound();
  return toAppointment(row);
}

// ── Lifecycle ────────────────────────────────────────────────────────────────────────────────────

/** Changes the status of a locked appointment row (history, audit); throws on an invalid transition. */
export async function transitionInTx(
  tx: Tx,
  meta: ChangeMeta,
  row: AppointmentRow,
  to: TAppointmentStatus,
  extra: Partial<AppointmentRow> = {},
  expectedVersion?: number,
): Promise<AppointmentRow> {
  if (expectedVersion !== undefined && expectedVersion !== row.version) throw errors.staleVersion();
  const from = row.status as TAppointmentStatus;
  if (!APPOINTMENT_TRANSITIONS[from].includes(to))
    throw errors.invalidTransition(APPOINTMENT_STATUS_LABELS[from], APPOINTMENT_STATUS_LABELS[to]);
  if (to === 'faltou' && meta.now.getTime() < row.startsAt.getTime()) throw errors.noShowTooEarly();
  const updated = await updateAppointment(tx, row.id, row.version, {
    ...extra,
    status: to,
    updatedAt: meta.now,
  });
  if (!updated) throw errors.staleVersion();
  await insertStatusHistory(tx, {
    organizationId: row.organizationId,
    appointmentId: row.id,
    fromStatus: from,
    toStatus: to,
    changedBy: meta.actor?.userId ?? null,
    source: meta.source,
    note: extra.cancellationReason ?? null,
    changedAt: meta.now,
  });
  await audit(tx, meta, row.organizationId, `appointment.${to}`, row.id, ['status', ...Object.keys(extra)]);
  // A confirmation changes the score's inputs; arrival, no-show and cancellation are its outcomes.
  if (to === 'confirmado') await scoreClientsInTx(tx, row.organizationId, [row.clientId], [row.id], meta.now);
  else await recordOutcomeInTx(tx, updated, to, meta.now);
  return updated;
}

export async function transition(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    appointmentId: string;
    to: 'confirmado' | 'chegou' | 'em_atendimento' | 'concluido' | 'faltou';
    version?: number | undefined;
  },
): Promise<TAppointment> {
  const meta = metaOf(deps, actor);
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await lockAppointment(tx, input.appointmentId);
    if (!row || row.status === 'reservado' || !seesAppointment(actor, row))
      throw errors.appointmentNotFound();
    const updated = await transitionInTx(tx, meta, row, input.to, {}, input.version);
    if (input.to === 'concluido')
      await emit(tx, meta, {
        type: 'session.completed',
        organizationId: row.organizationId,
        clinicId: row.clinicId,
        clientId: row.clientId,
        appointmentId: row.id,
        endedAt: meta.now,
      });
    return viewOf(tx, updated.id);
  });
}

export async function cancelInTx(
  tx: Tx,
  meta: ChangeMeta,
  row: AppointmentRow,
  input: { by: 'cliente' | 'clinica'; reason: string; version?: number | undefined },
): Promise<AppointmentRow> {
  const ctx = await loadClinicCtx(tx, row.clinicId);
  const late =
    input.by === 'cliente' &&
    row.startsAt.getTime() - meta.now.getTime() < ctx.settings.lateCancellationHours * 3_600_000;
  const updated = await transitionInTx(
    tx,
    meta,
    row,
    'cancelado',
    { cancelledBy: input.by, cancellationReason: input.reason, cancelledLate: late, cancelledAt: meta.now },
    input.version,
  );
  await emit(tx, meta, {
    type: 'appointment.cancelled',
    organizationId: row.organizationId,
    appointmentId: row.id,
  });
  return updated;
}

export async function deviceIdsOf(tx: Tx, appointmentId: string): Promise<string[]> {
  const [row] = await findAgenda(tx, {
    clinicId: '',
    from: new Date(0),
    to: new Date(0),
    includeFreed: true,
    ids: [appointmentId],
  });
  return row?.equipmentIds ?? [];
}

/** Moves an appointment: the old one becomes "remarcado" (kept, with history), a new one is booked. */
export async function moveInTx(
  tx: Tx,
  deps: ServiceDeps | null,
  meta: ChangeMeta,
  row: AppointmentRow,
  input: {
    startsAt: Date;
    professionalId?: string | undefined;
    roomId?: string | null | undefined;
    version?: number | undefined;
    acknowledgeWarnings: boolean;
  },
): Promise<BookOutcome & { previous: AppointmentRow; previousDevices: string[] }> {
  const ctx = await loadClinicCtx(tx, row.clinicId);
  const old = await transitionInTx(tx, meta, row, 'remarcado', {}, input.version);
  const previousDevices = await deviceIdsOf(tx, row.id);
  const outcome = await bookInTx(tx, deps, meta, ctx, {
    clientId: row.clientId,
    treatmentId: row.treatmentId,
    professionalId: input.professionalId ?? row.professionalId,
    roomId: input.roomId === undefined ? null : input.roomId,
    startsAt: input.startsAt,
    channel: row.bookedChannel as TBookingChannel,
    notes: row.notes,
    acknowledgeWarnings: input.acknowledgeWarnings,
    rescheduledFrom: { ...old, roomId: input.roomId === undefined ? row.roomId : (input.roomId ?? null) },
    status: row.status === 'confirmado' ? 'confirmado' : 'agendado',
    preferredEquipmentIds: previousDevices,
  });
  await emit(tx, meta, {
    type: 'appointment.cancelled',
    organizationId: row.organizationId,
    appointmentId: row.id,
  });
  await announceBookedInTx(tx, meta, 'appointment.rescheduled', [outcome.appointment]);
  return { ...outcome, previous: old, previousDevices };
}

/** Professionals see (and move through the lifecycle) their own appointments; the front desk and the manager every one. */
export function seesAppointment(actor: Actor, row: Pick<AppointmentRow, 'professionalId'>): boolean {
  return (
    actor.roles.some((r) => r === 'gestor' || r === 'recepcionista') || row.professionalId === actor.userId
  );
}

export async function getAppointment(deps: ServiceDeps, actor: Actor, id: string) {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await findAppointment(tx, id);
    if (!row || !seesAppointment(actor, row)) throw errors.appointmentNotFound();
    return viewOf(tx, id);
  });
}

export {
  type ClinicCtx,
  DEFAULT_SETTINGS,
  type EffectiveSettings,
  effectiveSettings,
  loadClinicCtx,
} from './clinic-context';
