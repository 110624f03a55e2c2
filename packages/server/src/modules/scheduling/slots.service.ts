import type { TAppointmentPurpose, TEquipmentKind, TPeriodOfDay } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { findTreatmentRequirements } from '../catalog/catalog.service';
import { findSlots, type Slot } from './availability';
import { loadCalendar } from './calendar';
import type { Interval } from './intervals';
import * as errors from './scheduling.errors';
import {
  findBusy,
  findClinicStaff,
  findEquipment,
  findNeighbourSessions,
  findRooms,
} from './scheduling.queries';
import { type ClinicCtx, checkCompetence, loadClinicCtx } from './scheduling.service';

/**
 * Availability search: loads the horizon's resources and busy intervals in a handful of queries and
 * hands them to the pure sweep (availability.ts). The rules are the booking rules: competent
 * professionals with an active licence, rooms of the type, one free device of each kind, working and
 * opening hours, closures and holidays, the client's own agenda, and a blocking minimum interval.
 */

const DAY = 86_400_000;
const PROFESSIONAL_ROLES = [
  'medico',
  'enfermeiro',
  'dentista',
  'biomedico',
  'farmaceutico',
  'fisioterapeuta',
  'esteticista',
];

export type SlotView = {
  startsAt: string;
  endsAt: string;
  professionalId: string;
  professionalName: string;
  roomId: string | null;
  equipmentIds: string[];
};

export type SearchInput = {
  treatmentId: string;
  professionalId?: string | undefined;
  clientId?: string | undefined;
  periodOfDay?: TPeriodOfDay | undefined;
  fromMs: number;
  toMs: number;
  limit: number;
  /** Appointments to ignore as busy (the one being moved). */
  ignoreAppointmentIds?: string[];
  /** `revisao`: a review, which the minimum interval between applications does not hold back. */
  purpose?: TAppointmentPurpose;
};

/** Busy intervals grouped by resource id (rows whose key is null are ignored). */
function groupBusy(
  rows: { startsAt: Date; endsAt: Date; key: string | null }[],
  ids: string[],
): Map<string, Interval[]> {
  const out = new Map<string, Interval[]>(ids.map((id) => [id, []]));
  for (const r of rows)
    if (r.key) out.get(r.key)?.push({ start: r.startsAt.getTime(), end: r.endsAt.getTime() });
  for (const list of out.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return out;
}

export async function searchSlotsInTx(tx: Tx, ctx: ClinicCtx, input: SearchInput): Promise<SlotView[]> {
  const treatment = await findTreatmentRequirements(tx, input.treatmentId);
  if (!treatment?.isActive) throw errors.treatmentUnavailable();
  const staff = (await findClinicStaff(tx, ctx.clinicId)).filter((s) => PROFESSIONAL_ROLES.includes(s.role));
  const names = new Map(staff.map((s) => [s.userId, s.fullName]));
  let candidates = [...names.keys()];
  if (input.professionalId) candidates = candidates.filter((id) => id === input.professionalId);
  const competent: string[] = [];
  for (const id of candidates) {
    try {
      await checkCompetence(tx, ctx, id, treatment);
      competent.push(id);
    } catch {
      // Not competent or no active licence: never offered.
    }
  }
  if (competent.length === 0) return [];
  const rooms = treatment.requiredRoomType
    ? (await findRooms(tx, ctx.clinicId)).filter(
        (r) => r.isActive && r.roomType === treatment.requiredRoomType,
      )
    : [];
  const kinds = treatment.requiredEquipmentKinds;
  const devices = (await findEquipment(tx, ctx.clinicId)).filter(
    (e) => e.isActive && kinds.includes(e.kind as TEquipmentKind),
  );
  const calendar = await loadCalendar(tx, ctx, competent, input.fromMs, input.toMs + DAY);
  const busy = await findBusy(tx, {
    from: new Date(input.fromMs - DAY),
    to: new Date(input.toMs + DAY),
    professionalIds: competent,
    roomIds: rooms.map((r) => r.id),
    ...(input.clientId ? { clientId: input.clientId } : {}),
    equipmentIds: devices.map((d) => d.id),
  });
  const ignore = new Set(input.ignoreAppointmentIds ?? []);
  const live = busy.appointments.filter((a) => !ignore.has(a.id));
  const proBusy = groupBusy(
    live.map((a) => ({ ...a, key: a.professionalId })),
    competent,
  );
  const roomBusy = groupBusy(
    live.map((a) => ({ ...a, key: a.roomId })),
    rooms.map((r) => r.id),
  );
  const unitBusy = new Map<string, Interval[]>(devices.map((d) => [d.id, []]));
  for (const d of busy.devices)
    unitBusy.get(d.equipmentId)?.push({ start: d.startsAt.getTime(), end: d.endsAt.getTime() });
  const clientBusy = input.clientId
    ? live
        .filter((a) => a.clientId === input.clientId)
        .map((a) => ({ start: a.startsAt.getTime(), end: a.endsAt.getTime() }))
    : [];
  let notBeforeMs: number | undefined;
  const policy =
    ctx.settings.intervalPolicy === 'treatment' ? treatment.intervalPolicy : ctx.settings.intervalPolicy;
  if (input.clientId && treatment.minIntervalDays > 0 && policy === 'block' && input.purpose !== 'revisao') {
    const { before } = await findNeighbourSessions(tx, {
      clientId: input.clientId,
      treatmentId: treatment.id,
      at: new Date(input.fromMs),
      excludeIds: [...ignore],
    });
    if (before) notBeforeMs = before.getTime() + treatment.minIntervalDays * DAY;
  }
  const sortIntervals = (list: Interval[]) => [...list].sort((a, b) => a.start - b.start || a.end - b.end);
  const slots: Slot[] = findSlots({
    durationMin: treatment.durationMin,
    bufferMin: treatment.bufferMin,
    fromMs: input.fromMs,
    toMs: input.toMs,
    stepMin: ctx.settings.slotStepMinutes,
    timeZone: ctx.timeZone,
    limit: input.limit,
    ...(input.periodOfDay ? { periodOfDay: input.periodOfDay } : {}),
    ...(notBeforeMs !== undefined ? { notBeforeMs } : {}),
    clinicOpen: calendar.clinicOpen,
    professionals: competent.map((id) => ({
      id,
      available: calendar.available.get(id) ?? [],
      busy: sortIntervals(proBusy.get(id) ?? []),
    })),
    rooms: rooms.map((r) => ({ id: r.id, busy: sortIntervals(roomBusy.get(r.id) ?? []) })),
    roomRequired: treatment.requiredRoomType !== null,
    equipment: kinds.map((kind) => ({
      kind,
      units: devices
        .filter((d) => d.kind === kind)
        .map((d) => ({ id: d.id, busy: sortIntervals(unitBusy.get(d.id) ?? []) })),
    })),
    clientBusy: sortIntervals(clientBusy),
  });
  return slots.map((s) => ({
    startsAt: new Date(s.start).toISOString(),
    endsAt: new Date(s.end).toISOString(),
    professionalId: s.professionalId,
    professionalName: names.get(s.professionalId) ?? '',
    roomId: s.roomId,
    equipmentIds: s.equipmentIds,
  }));
}

export async function searchAvailability(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    treatmentId: string;
    professionalId?: string | undefined;
    clientId?: string | undefined;
    clinicId?: string | undefined;
    periodOfDay?: TPeriodOfDay | undefined;
    purpose?: TAppointmentPurpose | undefined;
    from?: string | undefined;
    horizonWeeks: number;
    limit: number;
  },
): Promise<SlotView[]> {
  const now = deps.clock.now().getTime();
  const fromMs = Math.max(now, input.from ? Date.parse(input.from) : now);
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const ctx = await loadClinicCtx(tx, input.clinicId ?? actor.clinicId);
    return searchSlotsInTx(tx, ctx, {
      treatmentId: input.treatmentId,
      professionalId: input.professionalId,
      clientId: input.clientId,
      periodOfDay: input.periodOfDay,
      ...(input.purpose ? { purpose: input.purpose } : {}),
      fromMs,
      toMs: fromMs + input.horizonWeeks * 7 * DAY,
      limit: input.limit,
    });
  });
}
