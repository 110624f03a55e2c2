import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentEquipment, appointments, clients, equipment, rooms, treatments } from '../../db/schema';
import {
  createTestOrganization,
  createTestUser,
  type TestDatabase,
  type TestOrg,
  testDrivers,
} from '../../testing';
import { bookedAgendaSourceFor } from './booked-agenda.service';

/** The database itself refuses double booking, whatever the application does. */
describe.each(testDrivers())('scheduling exclusion constraints on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    const a = await createTestUser(database, org, { roles: ['medico'], clinicId: org.clinicId });
    const b = await createTestUser(database, org, { roles: ['medico'], clinicId: org.clinicId });
    ids.proA = a.userId;
    ids.proB = b.userId;
    const base = { organizationId: org.organizationId };
    const [c1, c2] = await database.db
      .insert(clients)
      .values([
        { ...base, fullName: 'Cliente Um', birthDate: '1990-01-01', sex: 'F', preferredChannel: 'whatsapp' },
        {
          ...base,
          fullName: 'Cliente Dois',
          birthDate: '1991-01-01',
          sex: 'F',
          preferredChannel: 'whatsapp',
        },
      ])
      .returning();
    ids.c1 = c1?.id ?? '';
    ids.c2 = c2?.id ?? '';
    const [t] = await database.db
      .insert(treatments)
      .values({
        ...base,
        category: 'laser',
        competenceCategory: 'laser_luz',
        name: 'Laser',
        durationMin: 30,
        priceCents: 1,
      })
      .returning();
    ids.t = t?.id ?? '';
    const [r1, r2] = await database.db
      .insert(rooms)
      .values([
        { ...base, clinicId: org.clinicId, name: 'Sala 1', roomType: 'sala_laser' },
        { ...base, clinicId: org.clinicId, name: 'Sala 2', roomType: 'sala_laser' },
      ])
      .returning();
    ids.r1 = r1?.id ?? '';
    ids.r2 = r2?.id ?? '';
    const [e] = await database.db
      .insert(equipment)
      .values({ ...base, clinicId: org.clinicId, name: 'Laser 1', kind: 'laser_diodo' })
      .returning();
    ids.e = e?.id ?? '';
  });
  afterAll(() => database.close());

  const insert = (over: Partial<typeof appointments.$inferInsert>) =>
    database.db
      .insert(appointments)
      .values({
        organizationId: org.organizationId,
        clinicId: org.clinicId,
        clientId: ids.c1 ?? '',
        treatmentId: ids.t ?? '',
        professionalId: ids.proA ?? '',
        roomId: ids.r1 ?? '',
        startsAt: new Date('2026-12-01T13:00:00Z'),
        serviceEndsAt: new Date('2026-12-01T13:30:00Z'),
        endsAt: new Date('2026-12-01T13:40:00Z'),
        ...over,
      })
      .returning()
      .then((rows) => rows[0]?.id ?? '');
  const sqlState = (e: unknown) =>
    (e as { cause?: { code?: string; constraint?: string } }).cause ??
    (e as { code?: string; constraint?: string });

  it('refuses overlaps of professional, room, client and device; cancelled ones free the slot', async () => {
    const first = await insert({});
    const clash = await insert({ clientId: ids.c2, roomId: ids.r2 }).catch((e: unknown) => sqlState(e));
    expect(clash).toMatchObject({ code: '23P01' });
    const roomClash = await insert({ clientId: ids.c2, professionalId: ids.proB }).catch((e: unknown) =>
      sqlState(e),
    );
    expect(roomClash).toMatchObject({ code: '23P01' });
    // Adjacent ranges do not overlap (half-open).
    const adjacent = await insert({
      startsAt: new Date('2026-12-01T13:40:00Z'),
      serviceEndsAt: new Date('2026-12-01T14:10:00Z'),
      endsAt: new Date('2026-12-01T14:10:00Z'),
    });
    expect(adjacent).not.toBe('');
    await database.db.insert(appointmentEquipment).values({
      organizationId: org.organizationId,
      appointmentId: first,
      equipmentId: ids.e ?? '',
      startsAt: new Date(0),
      endsAt: new Date(1),
      status: 'x',
    });
    const other = await insert({
      clientId: ids.c2,
      professionalId: ids.proB,
      roomId: ids.r2,
      startsAt: new Date('2026-12-01T13:20:00Z'),
      serviceEndsAt: new Date('2026-12-01T13:50:00Z'),
      endsAt: new Date('2026-12-01T13:50:00Z'),
    });
    const deviceClash = await database.db
      .insert(appointmentEquipment)
      .values({
        organizationId: org.organizationId,
        appointmentId: other,
        equipmentId: ids.e ?? '',
        startsAt: new Date(0),
        endsAt: new Date(1),
        status: 'x',
      })
      .catch((e: unknown) => sqlState(e));
    expect(deviceClash).toMatchObject({ code: '23P01' });
    // Cancelling the first frees the device (status copied by trigger).
    await database.db.execute(sql`update appointments set status = 'cancelado' where id = ${first}`);
    await database.db.insert(appointmentEquipment).values({
      organizationId: org.organizationId,
      appointmentId: other,
      equipmentId: ids.e ?? '',
      startsAt: new Date(0),
      endsAt: new Date(1),
      status: 'x',
    });
    const again = await insert({});
    expect(again).not.toBe('');
  });
  it('tells inventory how many sessions of each treatment are still expected in a period', async () => {
    const day = (h: number) => new Date(`2026-12-07T${String(h).padStart(2, '0')}:00:00Z`);
    const at = (h: number, status: string, clientId = ids.c1) =>
      insert({
        clientId,
        status,
        startsAt: day(h),
        serviceEndsAt: new Date(day(h).getTime() + 30 * 60_000),
        endsAt: new Date(day(h).getTime() + 40 * 60_000),
      });
    await at(10, 'agendado');
    await at(11, 'confirmado');
    await at(12, 'cancelado');
    await at(13, 'concluido');
    await at(14, 'faltou');
    const source = bookedAgendaSourceFor(database);
    const from = day(0).getTime();
    const to = day(23).getTime();
    expect(await source.bookedTreatments(org.clinicId, from, to)).toEqual([{ treatmentId: ids.t, count: 2 }]);
    // Outside the period, or another clinic: nothing.
    expect(await source.bookedTreatments(org.clinicId, to, to + 86_400_000)).toEqual([]);
    expect(await source.bookedTreatments(crypto.randomUUID(), from, to)).toEqual([]);
  });
});
