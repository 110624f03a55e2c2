import type { TEquipmentKind, TProcedureCategory, TRoomType, TTreatmentCategory } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { AppError } from '../../platform/errors';
import { findActivePolicy } from '../organizations/organizations.service';
import { nationalHolidayName } from './calendar';
import { loadClinicCtx } from './clinic-context';
import { addDays, instantAt, localDateOf, weekdayOf } from './clinic-time';
import {
  findActiveTreatmentsForSeed,
  findClientIdsForSeed,
  findClinicRow,
  findClinicTeamForSeed,
  insertEquipment,
  insertRoom,
  insertTreatmentsForSeed,
  replaceWeeklyRules,
  setClinicOpeningHours,
  updateAppointment,
} from './scheduling.queries';
import { bookInTx, type ChangeMeta, isExclusionViolation } from './scheduling.service';

/**
 * Demo agenda for the first clinic: rooms, a laser shared by two laser rooms, devices, working hours
 * for the demo professionals and a realistic week of appointments around "today" (done, no-shows and
 * cancellations in the past; checked-in and in-progress today; booked and confirmed ahead).
 */

const DEMO_ROOMS: { name: string; roomType: TRoomType }[] = [
  { name: 'Consultório 1', roomType: 'consultorio' },
  { name: 'Consultório 2', roomType: 'consultorio' },
  { name: 'Sala de Procedimentos', roomType: 'sala_procedimentos' },
  { name: 'Sala Laser A', roomType: 'sala_laser' },
  { name: 'Sala Laser B', roomType: 'sala_laser' },
  { name: 'Cabine Estética', roomType: 'cabine_estetica' },
];

const DEMO_EQUIPMENT: { name: string; kind: TEquipmentKind }[] = [
  { name: 'Laser de Diodo (compartilhado)', kind: 'laser_diodo' },
  { name: 'Luz Intensa Pulsada', kind: 'luz_intensa_pulsada' },
  { name: 'Radiofrequência Fracionada', kind: 'radiofrequencia' },
];

type DemoTreatment = {
  name: string;
  category: TTreatmentCategory;
  competenceCategory: TProcedureCategory;
  durationMin: number;
  bufferMin: number;
  priceCents: number;
  minIntervalDays: number;
  intervalPolicy: 'warn' | 'block';
  requiredRoomType: TRoomType | null;
  requiredEquipmentKinds: TEquipmentKind[];
};

/** Used only when the catalog has none of its own yet (the catalog's seed step may add more). */
const FALLBACK_TREATMENTS: DemoTreatment[] = [
  {
    name: 'Toxina botulínica — terço superior',
    category: 'injetavel',
    competenceCategory: 'toxina_botulinica',
    durationMin: 30,
    bufferMin: 10,
    priceCents: 150_000,
    minIntervalDays: 90,
    intervalPolicy: 'block',
    requiredRoomType: 'consultorio',
    requiredEquipmentKinds: [],
  },
  {
    name: 'Preenchimento labial com ácido hialurônico',
    category: 'injetavel',
    competenceCategory: 'preenchedor_acido_hialuronico',
    durationMin: 45,
    bufferMin: 15,
    priceCents: 220_000,
    minIntervalDays: 180,
    intervalPolicy: 'warn',
    requiredRoomType: 'consultorio',
    requiredEquipmentKinds: [],
  },
  {
    name: 'Depilação a laser — axilas',
    category: 'laser_luz',
    competenceCategory: 'laser_luz',
    durationMin: 30,
    bufferMin: 10,
    priceCents: 25_000,
    minIntervalDays: 30,
    intervalPolicy: 'warn',
    requiredRoomType: 'sala_laser',
    requiredEquipmentKinds: ['laser_diodo'],
  },
  {
    name: 'Luz intensa pulsada — manchas',
    category: 'laser_luz',
    competenceCategory: 'laser_luz',
    durationMin: 40,
    bufferMin: 10,
    priceCents: 45_000,
    minIntervalDays: 30,
    intervalPolicy: 'warn',
    requiredRoomType: 'sala_laser',
    requiredEquipmentKinds: ['luz_intensa_pulsada'],
  },
  {
    name: 'Limpeza de pele profunda',
    category: 'facial',
    competenceCategory: 'limpeza_facial',
    durationMin: 60,
    bufferMin: 10,
    priceCents: 22_000,
    minIntervalDays: 0,
    intervalPolicy: 'warn',
    requiredRoomType: 'cabine_estetica',
    requiredEquipmentKinds: [],
  },
  {
    name: 'Radiofrequência facial',
    category: 'facial',
    competenceCategory: 'corporal_aparelhos',
    durationMin: 40,
    bufferMin: 10,
    priceCents: 35_000,
    minIntervalDays: 7,
    intervalPolicy: 'warn',
    requiredRoomType: 'cabine_estetica',
    requiredEquipmentKinds: ['radiofrequencia'],
  },
  {
    name: 'Microagulhamento facial',
    category: 'microagulhamento',
    competenceCategory: 'microagulhamento',
    durationMin: 60,
    bufferMin: 15,
    priceCents: 60_000,
    minIntervalDays: 30,
    intervalPolicy: 'warn',
    requiredRoomType: 'sala_procedimentos',
    requiredEquipmentKinds: [],
  },
];

const PROFESSIONAL_ROLES = [
  'medico',
  'enfermeiro',
  'dentista',
  'biomedico',
  'farmaceutico',
  'fisioterapeuta',
  'esteticista',
];
const WEEKDAYS = [1, 2, 3, 4, 5];

async function ensureTreatments(tx: Tx, organizationId: string, now: Date) {
  const existing = await findActiveTreatmentsForSeed(tx, organizationId);
  if (existing.length > 0) return existing;
  return insertTreatmentsForSeed(
    tx,
    FALLBACK_TREATMENTS.map((t) => ({ ...t, organizationId, createdAt: now, updatedAt: now })),
  );
}

/** Deterministic randomness, as the demo generator provides it. */
export type SeedRng = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(items: readonly T[]) => T;
  chance: (p: number) => boolean;
};

/** Seeds the agenda of one clinic inside `tx`; returns the summary line of the demo report. */
export async function seedDemoAgenda(
  tx: Tx,
  rng: SeedRng,
  input: { organizationId: string; clinicId: string; now: Date },
): Promise<string> {
  const { organizationId, clinicId, now } = input;
  {
    const clinic = await findClinicRow(tx, clinicId);
    if (!clinic) return 'sem clínica';
    if (clinic.openingHours.length === 0)
      await setClinicOpeningHours(tx, clinicId, [
        ...WEEKDAYS.map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
        { weekday: 6, opens: '08:00', closes: '13:00' },
      ]);
    for (const room of DEMO_ROOMS)
      await insertRoom(tx, { ...room, organizationId, clinicId, createdAt: now, updatedAt: now });
    for (const device of DEMO_EQUIPMENT)
      await insertEquipment(tx, { ...device, organizationId, clinicId, createdAt: now, updatedAt: now });
    const team = await findClinicTeamForSeed(tx, clinicId, PROFESSIONAL_ROLES);
    for (const [i, member] of team.entries()) {
      // Alternate late and early shifts; everyone stops for lunch; some work Saturday mornings.
      const late = i % 2 === 1;
      await replaceWeeklyRules(tx, {
        organizationId,
        clinicId,
        professionalId: member.userId,
        hours: [
          ...WEEKDAYS.map((weekday) => ({
            weekday,
            start: late ? '10:00' : '08:00',
            end: late ? '19:00' : '17:00',
          })),
          ...(i % 3 === 0 ? [{ weekday: 6, start: '08:00', end: '12:00' }] : []),
        ],
        breaks: WEEKDAYS.map((weekday) => ({
          weekday,
          start: late ? '13:00' : '12:00',
          end: late ? '14:00' : '13:00',
        })),
      });
    }
    const catalog = await ensureTreatments(tx, organizationId, now);
    const policy = await findActivePolicy(tx, organizationId);
    const allowed = (role: string, category: string) =>
      policy?.rules.some((r) => r.role === role && r.category === category && r.decision !== 'proibido') ??
      false;
    const clientIds = await findClientIdsForSeed(tx, organizationId, 400);
    if (clientIds.length === 0 || team.length === 0)
      return `${DEMO_ROOMS.length} salas, ${DEMO_EQUIPMENT.length} equipamentos`;

    const ctx = await loadClinicCtx(tx, clinicId);
    const meta: ChangeMeta = { now, actor: null, source: 'sistema' };
    const today = localDateOf(now.getTime(), ctx.timeZone);
    let booked = 0;
    for (let offset = -4; offset <= 5; offset++) {
      const date = addDays(today, offset);
      const weekday = weekdayOf(date);
      if (weekday === 0 || nationalHolidayName(date)) continue;
      for (const [i, member] of team.entries()) {
        const options = catalog.filter((t) => allowed(member.role, t.competenceCategory));
        if (options.length === 0) continue;
        const late = i % 2 === 1;
        if (weekday === 6 && i % 3 !== 0) continue;
        const dayStart = weekday === 6 ? 8 * 60 : late ? 10 * 60 : 8 * 60;
        const dayEnd = weekday === 6 ? 12 * 60 : late ? 19 * 60 : 17 * 60;
        const lunch = late ? 13 * 60 : 12 * 60;
        let cursor = dayStart + rng.int(0, 2) * 15;
        while (cursor < dayEnd) {
          const treatment = rng.pick(options);
          const length = treatment.durationMin + treatment.bufferMin;
          const overlapsLunch = weekday !== 6 && cursor < lunch + 60 && cursor + length > lunch;
          if (overlapsLunch) {
            cursor = lunch + 60;
            continue;
          }
          if (cursor + length > dayEnd) break;
          if (rng.chance(0.75)) {
            const hh = String(Math.floor(cursor / 60)).padStart(2, '0');
            const mm = String(cursor % 60).padStart(2, '0');
            const startsAt = new Date(instantAt(date, `${hh}:${mm}`, ctx.timeZone));
            const past = startsAt.getTime() + length * 60_000 <= now.getTime();
            const running = !past && startsAt.getTime() <= now.getTime();
            const roll = rng.next();
            const status = past
              ? roll < 0.8
                ? 'concluido'
                : roll < 0.9
                  ? 'faltou'
                  : 'cancelado'
              : running
                ? 'em_atendimento'
                : roll < 0.45
                  ? 'confirmado'
                  : roll < 0.95
                    ? 'agendado'
                    : 'cancelado';
            try {
              const outcome = await tx.transaction((sp) =>
                bookInTx(sp, null, meta, ctx, {
                  clientId: rng.pick(clientIds),
                  treatmentId: treatment.id,
                  professionalId: member.userId,
                  startsAt,
                  channel: rng.pick(['recepcao', 'recepcao', 'telefone', 'whatsapp', 'online'] as const),
                  notes: '',
                  acknowledgeWarnings: true,
                  status,
                  allowPast: true,
                  skipRules: true,
                }),
              );
              if (status === 'cancelado') {
                const byClient = rng.chance(0.7);
                await updateAppointment(tx, outcome.appointment.id, outcome.appointment.version, {
                  cancelledBy: byClient ? 'cliente' : 'clinica',
                  cancellationReason: byClient ? 'Imprevisto pessoal' : 'Reorganização da agenda',
                  cancelledLate: byClient && rng.chance(0.3),
                  cancelledAt: new Date(startsAt.getTime() - rng.int(2, 72) * 3_600_000),
                });
              }
              booked += 1;
            } catch (error) {
              // A room, device or client already taken at that time, or a blocked interval: leave the gap.
              if (!isExclusionViolation(error) && !(error instanceof AppError)) throw error;
            }
          }
          cursor += length + rng.pick([0, 0, 15, 30]);
        }
      }
    }
    return `${DEMO_ROOMS.length} salas, ${DEMO_EQUIPMENT.length} equipamentos (laser compartilhado), expedientes de ${team.length} profissionais e ${booked} atendimentos na semana`;
  }
}
