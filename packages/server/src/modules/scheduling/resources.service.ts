import type { TAgendaResources, TAgendaSettings, TEquipmentKind, TRoomType } from '@clinia/contracts';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import * as errors from './scheduling.errors';
import {
  deleteAbsence,
  deleteClosure,
  findAbsences,
  findBreaks,
  findClinicRow,
  findClinicStaff,
  findClosures,
  findEquipment,
  findRooms,
  findSettings,
  findWorkingHours,
  insertAbsence,
  insertClosure,
  insertEquipment,
  insertRoom,
  replaceWeeklyRules,
  updateEquipment,
  updateRoom,
  upsertSettings,
} from './scheduling.queries';
import { effectiveSettings } from './scheduling.service';

/** Agenda resources of the session's clinic: rooms, devices, working hours, breaks, absences, closures. */

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code === '23505' ||
  (error as { code?: string }).code === '23505';

const PROFESSIONAL_ROLES = new Set([
  'medico',
  'enfermeiro',
  'dentista',
  'biomedico',
  'farmaceutico',
  'fisioterapeuta',
  'esteticista',
]);

async function auditResource(
  deps: ServiceDeps,
  actor: Actor,
  tx: Parameters<typeof recordActorAudit>[0],
  action: string,
  entityType: string,
  entityId: string,
  changedFields: string[],
) {
  await recordActorAudit(tx, deps, actor, {
    action,
    entityType,
    entityId,
    changedFields,
    occurredAt: deps.clock.now(),
  });
}

export async function getResources(deps: ServiceDeps, actor: Actor): Promise<TAgendaResources> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const clinic = await findClinicRow(tx, actor.clinicId);
    if (!clinic) throw errors.clinicNotFound();
    const staff = await findClinicStaff(tx, actor.clinicId);
    const professionals = new Map<string, { id: string; fullName: string; roles: string[] }>();
    for (const s of staff) {
      if (!PROFESSIONAL_ROLES.has(s.role)) continue;
      const p = professionals.get(s.userId) ?? { id: s.userId, fullName: s.fullName, roles: [] };
      p.roles.push(s.role);
      professionals.set(s.userId, p);
    }
    const ids = [...professionals.keys()];
    const absences = await findAbsences(
      tx,
      ids,
      new Date(now.getTime() - 30 * 86_400_000),
      // Far future that PostgreSQL and PGlite both parse (8.64e15 ms serialises as +275760-…).
      new Date('9999-12-31T00:00:00Z'),
    );
    return {
      clinicId: clinic.id,
      timeZone: clinic.timeZone,
      settings: effectiveSettings(await findSettings(tx, clinic.id)),
      rooms: (await findRooms(tx, clinic.id)).map((r) => ({
        id: r.id,
        name: r.name,
        roomType: r.roomType as TRoomType,
        isActive: r.isActive,
      })),
      equipment: (await findEquipment(tx, clinic.id)).map((e) => ({
        id: e.id,
        name: e.name,
        kind: e.kind as TEquipmentKind,
        isActive: e.isActive,
      })),
      workingHours: (await findWorkingHours(tx, clinic.id)).map((h) => ({
        professionalId: h.professionalId,
        weekday: h.weekday,
        start: h.startTime,
        end: h.endTime,
      })),
      breaks: (await findBreaks(tx, clinic.id)).map((h) => ({
        professionalId: h.professionalId,
        weekday: h.weekday,
        start: h.startTime,
        end: h.endTime,
      })),
      absences: absences.map((a) => ({
        id: a.id,
        professionalId: a.professionalId,
        kind: a.kind as 'ferias' | 'ausencia' | 'curso',
        startsAt: a.startsAt.toISOString(),
        endsAt: a.endsAt.toISOString(),
      })),
      closures: (await findClosures(tx, clinic.id)).map((c) => ({
        id: c.id,
        date: c.date,
        reason: c.reason,
      })),
      professionals: [...professionals.values()],
    };
  });
}

export async function saveRoom(
  deps: ServiceDeps,
  actor: Actor,
  input: { id?: string | undefined; name: string; roomType: TRoomType; isActive: boolean },
): Promise<{ id: string }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const values = { name: input.name, roomType: input.roomType, isActive: input.isActive, updatedAt: now };
    const saved = await (input.id
      ? updateRoom(tx, input.id, values)
      : insertRoom(tx, {
          ...values,
          organizationId: actor.organizationId,
          clinicId: actor.clinicId,
          createdAt: now,
        })
    ).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw errors.resourceNameTaken('sala');
      throw error;
    });
    if (!saved || saved.clinicId !== actor.clinicId) throw errors.roomNotFound();
    await auditResource(deps, actor, tx, input.id ? 'room.update' : 'room.create', 'room', saved.id, [
      'name',
      'roomType',
      'isActive',
    ]);
    return { id: saved.id };
  });
}

export async function saveEquipment(
  deps: ServiceDeps,
  actor: Actor,
  input: { id?: string | undefined; name: string; kind: TEquipmentKind; isActive: boolean },
): Promise<{ id: string }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const values = { name: input.name, kind: input.kind, isActive: input.isActive, updatedAt: now };
    const saved = await (input.id
      ? updateEquipment(tx, input.id, values)
      : insertEquipment(tx, {
          ...values,
          organizationId: actor.organizationId,
          clinicId: actor.clinicId,
          createdAt: now,
        })
    ).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw errors.resourceNameTaken('equipamento');
      throw error;
    });
    if (!saved || saved.clinicId !== actor.clinicId) throw errors.equipmentNotFound();
    await auditResource(
      deps,
      actor,
      tx,
      input.id ? 'equipment.update' : 'equipment.create',
      'equipment',
      saved.id,
      ['name', 'kind', 'isActive'],
    );
    return { id: saved.id };
  });
}

export async function setWorkingHours(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    professionalId: string;
    hours: { weekday: number; start: string; end: string }[];
    breaks: { weekday: number; start: string; end: string }[];
  },
): Promise<void> {
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const staff = await findClinicStaff(tx, actor.clinicId, [input.professionalId]);
    if (!staff.some((s) => PROFESSIONAL_ROLES.has(s.role))) throw errors.notAProfessionalHere();
    await replaceWeeklyRules(tx, {
      organizationId: actor.organizationId,
      clinicId: actor.clinicId,
      ...input,
    });
    await auditResource(deps, actor, tx, 'working_hours.replace', 'user', input.professionalId, [
      'hours',
      'breaks',
    ]);
  });
}

export async function addAbsence(
  deps: ServiceDeps,
  actor: Actor,
  input: { professionalId: string; kind: 'ferias' | 'ausencia' | 'curso'; startsAt: string; endsAt: string },
): Promise<{ id: string }> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const staff = await findClinicStaff(tx, actor.clinicId, [input.professionalId]);
    if (!staff.some((s) => PROFESSIONAL_ROLES.has(s.role))) throw errors.notAProfessionalHere();
    const saved = await insertAbsence(tx, {
      organizationId: actor.organizationId,
      professionalId: input.professionalId,
      kind: input.kind,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      createdBy: actor.userId,
      createdAt: deps.clock.now(),
    });
    if (!saved) throw new Error('absence not saved');
    await auditResource(deps, actor, tx, 'absence.create', 'absence', saved.id, [
      'kind',
      'startsAt',
      'endsAt',
    ]);
    return { id: saved.id };
  });
}

export async function removeAbsence(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    if (!(await deleteAbsence(tx, id))) throw errors.appointmentNotFound();
    await auditResource(deps, actor, tx, 'absence.delete', 'absence', id, []);
  });
}

export async function addClosure(
  deps: ServiceDeps,
  actor: Actor,
  input: { date: string; reason: string },
): Promise<{ id: string }> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const saved = await insertClosure(tx, {
      organizationId: actor.organizationId,
      clinicId: actor.clinicId,
      date: input.date,
      reason: input.reason,
      createdAt: deps.clock.now(),
    });
    if (!saved) throw new Error('closure not saved');
    await auditResource(deps, actor, tx, 'closure.create', 'clinic_closure', saved.id, ['date', 'reason']);
    return { id: saved.id };
  });
}

export async function removeClosure(deps: ServiceDeps, actor: Actor, id: string): Promise<void> {
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    if (!(await deleteClosure(tx, id))) throw errors.clinicNotFound();
    await auditResource(deps, actor, tx, 'closure.delete', 'clinic_closure', id, []);
  });
}

export async function updateSettings(
  deps: ServiceDeps,
  actor: Actor,
  input: TAgendaSettings,
): Promise<TAgendaSettings> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const saved = await upsertSettings(tx, {
      clinicId: actor.clinicId,
      organizationId: actor.organizationId,
      ...input,
      updatedAt: deps.clock.now(),
    });
    await auditResource(
      deps,
      actor,
      tx,
      'agenda_settings.update',
      'clinic',
      actor.clinicId,
      Object.keys(input),
    );
    return effectiveSettings(saved);
  });
}
