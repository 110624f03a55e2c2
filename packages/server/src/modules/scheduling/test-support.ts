import { eq } from 'drizzle-orm';
import { clients, clinics, treatments } from '../../db/schema';
import type { Clock } from '../../platform/clock';
import {
  createTestOrganization,
  enrolledStaffMaker,
  signInAs,
  type TestDatabase,
  type TestOrg,
  testContext,
  testKeyring,
} from '../../testing';

/**
 * A clinic ready for booking tests: opening hours Mon–Sat 08:00–20:00, two consultation rooms, two
 * laser rooms sharing ONE laser, a manager, a receptionist, two physicians, an aesthetician, a
 * physician without an active licence, clients and three treatments.
 */
export type AgendaFixture = Awaited<ReturnType<typeof createAgendaFixture>>;

export async function createAgendaFixture(
  database: TestDatabase,
  clock: Clock,
  options: { timeZone?: string; clients?: number } = {},
) {
  const org: TestOrg = await createTestOrganization(database);
  const timeZone = options.timeZone ?? 'America/Sao_Paulo';
  await database.db
    .update(clinics)
    .set({
      timeZone,
      openingHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
    })
    .where(eq(clinics.id, org.clinicId));
  const keyring = testKeyring();
  const base = testContext(database, { clock, keyring });
  const user = enrolledStaffMaker(database, org);
  const people = {
    manager: await user(['gestor']),
    reception: await user(['recepcionista']),
    drA: await user(['medico']),
    drB: await user(['medico']),
    aesthetician: await user(['esteticista']),
    unlicensed: await user(['medico'], false),
  };
  const as = (who: keyof typeof people) => signInAs(database, base, people[who]);
  const manager = await as('manager');
  const room = async (name: string, roomType: 'consultorio' | 'sala_laser') =>
    (await manager.agenda.saveRoom({ name, roomType })).id;
  const rooms = {
    c1: await room('Consultório 1', 'consultorio'),
    c2: await room('Consultório 2', 'consultorio'),
    l1: await room('Laser 1', 'sala_laser'),
    l2: await room('Laser 2', 'sala_laser'),
  };
  const laser = (await manager.agenda.saveEquipment({ name: 'Diodo Compartilhado', kind: 'laser_diodo' })).id;
  const weekdays = [1, 2, 3, 4, 5];
  for (const who of ['drA', 'drB', 'aesthetician', 'unlicensed'] as const) {
    await manager.agenda.setWorkingHours({
      professionalId: people[who].userId,
      hours: weekdays.map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
      breaks: weekdays.map((weekday) => ({ weekday, start: '12:00', end: '13:00' })),
    });
  }
  const orgBase = { organizationId: org.organizationId };
  const clientRows = await database.db
    .insert(clients)
    .values(
      Array.from({ length: options.clients ?? 60 }, (_, i) => ({
        ...orgBase,
        fullName: `Cliente ${i + 1}`,
        birthDate: '1990-05-10',
        sex: 'F',
        preferredChannel: 'whatsapp',
      })),
    )
    .returning({ id: clients.id });
  const treatment = async (values: Partial<typeof treatments.$inferInsert> & { name: string }) => {
    const [row] = await database.db
      .insert(treatments)
      .values({
        ...orgBase,
        category: 'facial',
        competenceCategory: 'limpeza_facial',
        durationMin: 30,
        bufferMin: 0,
        priceCents: 10_000,
        ...values,
      })
      .returning({ id: treatments.id });
    return row?.id ?? '';
  };
  const treatmentIds = {
    cleansing: await treatment({ name: 'Limpeza de pele', durationMin: 50, bufferMin: 10 }),
    botox: await treatment({
      name: 'Toxina botulínica',
      category: 'injetavel',
      competenceCategory: 'toxina_botulinica',
      durationMin: 30,
      bufferMin: 10,
      minIntervalDays: 90,
      intervalPolicy: 'block',
      requiredRoomType: 'consultorio',
    }),
    laser: await treatment({
      name: 'Depilação a laser',
      category: 'laser_luz',
      competenceCategory: 'laser_luz',
      durationMin: 40,
      bufferMin: 5,
      minIntervalDays: 30,
      intervalPolicy: 'warn',
      requiredRoomType: 'sala_laser',
      requiredEquipmentKinds: ['laser_diodo'],
    }),
  };
  return {
    org,
    people,
    as,
    rooms,
    laser,
    clients: clientRows.map((c) => c.id),
    treatments: treatmentIds,
    timeZone,
    /** The callers' keyring, for jobs a test runs outside a request (the daily re-score). */
    keyring,
  };
}
