import type { TEquipmentKind, TProcedureCategory, TRoomType, TTreatmentCategory } from '@clinia/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { clients, clinics, memberships, treatments, users } from '../../db/schema';
import type { SeedStep } from '../../demo/seed';
import { AppError } from '../../platform/errors';
import { DEFAULT_COMPETENCE_RULES } from '../organizations/competence-defaults';
import { nationalHolidayName } from './calendar';
import { addDays, instantAt, localDateOf, weekdayOf } from './clinic-time';
import { insertEquipment, insertRoom, replaceWeeklyRules, updateAppointment } from './scheduling.queries';
import { bookInTx, type ChangeMeta, isExclusionViolation, loadClinicCtx } from './scheduling.service';

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
  const existing = await tx
    .select()
    .from(treatments)
    .where(and(eq(treatments.organizationId, organizationId), eq(treatments.isActive, true)));
  if (existing.length > 0) return existing;
  return tx
    .insert(treatments)
    .values(FALLBACK_TREATMENTS.map((t) => ({ ...t, organizationId, createdAt: now, updatedAt: now })))
    .returning();
}

export const agendaSeedStep: SeedStep = {
  name: 'agenda',
  run: async ({ database, rng, deps, state }) => {
    const clinicId = state.clinicIds[0];
    if (!clinicId) return 'sem clínica';
    const now = deps.clock.now();
    return database.db.transaction(async (tx) => {
      const organizationId = state.organizationId;
      const [clinic] = await tx.select().from(clinics).where(eq(clinics.id, clinicId));
      if (!clinic) return 'sem clínica';
      if (clinic.openingHours.length === 0)
        await tx
          .update(clinics)
          .set({
            openingHours: [
              ...WEEKDAYS.map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
              { weekday: 6, opens: '08:00', closes: '13:00' },
            ],
          })
          .where(eq(clinics.id, clinicId));
      for (const room of DEMO_ROOMS)
        await insertRoom(tx, { ...room, organizationId, clinicId, createdAt: now, updatedAt: now });
      for (const device of DEMO_EQUIPMENT)
        await insertEquipment(tx, { ...device, organizationId, clinicId, createdAt: now, updatedAt: now });
      const team = await tx
        .select({ userId: memberships.userId, role: memberships.role, fullName: users.fullName })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.clinicId, clinicId), inArray(memberships.role, PROFESSIONAL_ROLES)));
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
      const allowed = (role: string, category: string) =>
        DEFAULT_COMPETENCE_RULES.some(
          (r) => r.role === role && r.category === category && r.decision !== 'proibido',
        );
      const clientIds = (
        await tx
          .select({ id: clients.id })
          .from(clients)
          .where(eq(clients.organizationId, organizationId))
          .limit(400)
      ).map((c) => c.id);
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
    });
  },
};
