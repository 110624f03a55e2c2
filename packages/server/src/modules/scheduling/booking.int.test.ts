import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clients, treatments } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
import { appCode, type TestDatabase, testDrivers, userMessage } from '../../testing';
import { type AgendaFixture, createAgendaFixture } from './test-support';

/** Booking through the agenda router: rules, conflicts the database refuses, lifecycle. */
describe.each(testDrivers())('agenda booking on $name', (driver) => {
  let database: TestDatabase;
  let f: AgendaFixture;
  // Wednesday 2026-11-25 09:00 in São Paulo; bookings go to Monday 2026-11-30 and later.
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  const MONDAY_10H = '2026-11-30T13:00:00.000Z'; // 10:00 in São Paulo (UTC−3)
  beforeAll(async () => {
    database = await driver.open();
    f = await createAgendaFixture(database, clock);
  });
  afterAll(() => database.close());

  const fail = (p: Promise<unknown>) =>
    p.then(
      () => ({ code: 'ok', message: '' }),
      (e: unknown) => ({ code: appCode(e), message: userMessage(e) }),
    );

  it('50 concurrent bookings for one slot: exactly one succeeds, the others learn who is busy', async () => {
    const reception = await f.as('reception');
    const attempts = await Promise.all(
      f.clients.slice(0, 50).map((clientId) =>
        fail(
          reception.agenda.book({
            clientId,
            treatmentId: f.treatments.cleansing,
            professionalId: f.people.drA.userId,
            startsAt: '2026-12-01T14:00:00.000Z',
          }),
        ),
      ),
    );
    expect(attempts.filter((a) => a.code === 'ok')).toHaveLength(1);
    const refused = attempts.filter((a) => a.code !== 'ok');
    expect(new Set(refused.map((a) => a.code))).toEqual(new Set(['SLOT_TAKEN_PROFESSIONAL']));
    expect(refused[0]?.message).toBe('A profissional já tem um atendimento nesse horário.');
    const day = await reception.agenda.day({ date: '2026-12-01' });
    expect(day.appointments).toHaveLength(1);
  }, 180_000); // on a saturated 2-core CI machine the deadlock detector (1 s per round) and retries add up

  it('concurrent bookings that let the agenda choose the room both land, in different rooms', async () => {
    const reception = await f.as('reception');
    const [a, b] = await Promise.all(
      (['drA', 'drB'] as const).map((who, i) =>
        reception.agenda.book({
          clientId: f.clients[58 - i] as string,
          treatmentId: f.treatments.botox,
          professionalId: f.people[who].userId,
          startsAt: '2026-12-01T16:00:00.000Z',
        }),
      ),
    );
    expect([a?.appointment.roomName, b?.appointment.roomName].sort()).toEqual([
      'Consultório 1',
      'Consultório 2',
    ]);
    await Promise.all(
      [a, b].map((x) =>
        reception.agenda.cancel({ appointmentId: x?.appointment.id ?? '', by: 'clinica', reason: 'Teste' }),
      ),
    );
  });

  it('names each conflict: professional, room, client, shared device', async () => {
    const reception = await f.as('reception');
    const [c1, c2, c3, c4] = f.clients.slice(50, 54) as [string, string, string, string];
    const first = await reception.agenda.book({
      clientId: c1,
      treatmentId: f.treatments.botox,
      professionalId: f.people.drA.userId,
      roomId: f.rooms.c1,
      startsAt: MONDAY_10H,
    });
    expect(first.appointment).toMatchObject({ status: 'agendado', roomName: 'Consultório 1' });
    // 30 min + 10 min buffer: the room is blocked until 10:40.
    expect(first.appointment.endsAt).toBe('2026-11-30T13:40:00.000Z');
    expect(first.appointment.serviceEndsAt).toBe('2026-11-30T13:30:00.000Z');

    const room = await fail(
      reception.agenda.book({
        clientId: c2,
        treatmentId: f.treatments.botox,
        professionalId: f.people.drB.userId,
        roomId: f.rooms.c1,
        startsAt: '2026-11-30T13:30:00.000Z',
      }),
    );
    expect(room).toEqual({
      code: 'SLOT_TAKEN_ROOM',
      message: 'A sala Consultório 1 já está ocupada nesse horário.',
    });

    const client = await fail(
      reception.agenda.book({
        clientId: c1,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people.drB.userId,
        startsAt: '2026-11-30T13:15:00.000Z',
      }),
    );
    expect(client).toEqual({
      code: 'SLOT_TAKEN_CLIENT',
      message: 'A cliente já tem um horário marcado nesse período.',
    });

    const professional = await fail(
      reception.agenda.book({
        clientId: c2,
        treatmentId: f.treatments.botox,
        professionalId: f.people.drA.userId,
        roomId: f.rooms.c2,
        startsAt: '2026-11-30T13:20:00.000Z',
      }),
    );
    expect(professional.code).toBe('SLOT_TAKEN_PROFESSIONAL');

    // Without a room given, the free room of the right type is chosen.
    const auto = await reception.agenda.book({
      clientId: c2,
      treatmentId: f.treatments.botox,
      professionalId: f.people.drB.userId,
      startsAt: '2026-11-30T13:20:00.000Z',
    });
    expect(auto.appointment.roomName).toBe('Consultório 2');

    // One laser, two laser rooms: the second session at the same time has no device.
    const laser = await reception.agenda.book({
      clientId: c3,
      treatmentId: f.treatments.laser,
      professionalId: f.people.drA.userId,
      roomId: f.rooms.l1,
      startsAt: '2026-11-30T14:00:00.000Z',
    });
    expect(laser.appointment.equipmentIds).toEqual([f.laser]);
    const device = await fail(
      reception.agenda.book({
        clientId: c4,
        treatmentId: f.treatments.laser,
        professionalId: f.people.drB.userId,
        roomId: f.rooms.l2,
        equipmentIds: [f.laser],
        startsAt: '2026-11-30T14:10:00.000Z',
      }),
    );
    expect(device).toEqual({
      code: 'SLOT_TAKEN_EQUIPMENT',
      message: 'O equipamento Diodo Compartilhado já está em uso nesse horário.',
    });
    const noDevice = await fail(
      reception.agenda.book({
        clientId: c4,
        treatmentId: f.treatments.laser,
        professionalId: f.people.drB.userId,
        roomId: f.rooms.l2,
        startsAt: '2026-11-30T14:10:00.000Z',
      }),
    );
    expect(noDevice.code).toBe('NO_FREE_EQUIPMENT');

    // Cancelling frees the device (and the professional, room, client) at once.
    await reception.agenda.cancel({
      appointmentId: laser.appointment.id,
      by: 'clinica',
      reason: 'Equipamento em manutenção',
    });
    const after = await reception.agenda.book({
      clientId: c4,
      treatmentId: f.treatments.laser,
      professionalId: f.people.drB.userId,
      roomId: f.rooms.l2,
      startsAt: '2026-11-30T14:10:00.000Z',
    });
    expect(after.appointment.equipmentIds).toEqual([f.laser]);
  });

  it('refuses what the rules forbid, in pt-BR naming the field', async () => {
    const reception = await f.as('reception');
    const c = f.clients[55] as string;
    const base = { clientId: c, treatmentId: f.treatments.botox, professionalId: f.people.drA.userId };
    expect(
      await fail(
        reception.agenda.book({
          ...base,
          professionalId: f.people.aesthetician.userId,
          startsAt: MONDAY_10H,
        }),
      ),
    ).toEqual({
      code: 'PROFESSIONAL_NOT_COMPETENT',
      message: 'Profissional: a política de competências não permite que realize "Toxina botulínica".',
    });
    expect(
      (
        await fail(
          reception.agenda.book({
            ...base,
            professionalId: f.people.unlicensed.userId,
            startsAt: MONDAY_10H,
          }),
        )
      ).code,
    ).toBe('PROFESSIONAL_LICENCE_INACTIVE');
    // 12:30 local is the lunch break; 19:00 local is after working hours; Sunday the clinic is closed.
    expect((await fail(reception.agenda.book({ ...base, startsAt: '2026-11-30T15:30:00.000Z' }))).code).toBe(
      'OUTSIDE_WORKING_HOURS',
    );
    expect((await fail(reception.agenda.book({ ...base, startsAt: '2026-11-30T22:00:00.000Z' }))).code).toBe(
      'OUTSIDE_WORKING_HOURS',
    );
    expect((await fail(reception.agenda.book({ ...base, startsAt: '2026-11-29T13:00:00.000Z' }))).code).toBe(
      'OUTSIDE_OPENING_HOURS',
    );
    expect(
      (
        await fail(
          reception.agenda.book({ ...base, roomId: f.rooms.l1, startsAt: '2026-12-02T13:00:00.000Z' }),
        )
      ).code,
    ).toBe('ROOM_TYPE_MISMATCH');
    expect((await fail(reception.agenda.book({ ...base, startsAt: '2026-11-20T13:00:00.000Z' }))).code).toBe(
      'APPOINTMENT_IN_PAST',
    );
    const manager = await f.as('manager');
    await manager.agenda.addClosure({ date: '2026-12-03', reason: 'Dedetização' });
    expect(await fail(reception.agenda.book({ ...base, startsAt: '2026-12-03T13:00:00.000Z' }))).toEqual({
      code: 'CLINIC_CLOSED',
      message: 'Data: a clínica não abre nesse dia (Dedetização).',
    });
    await manager.agenda.addAbsence({
      professionalId: f.people.drA.userId,
      kind: 'ferias',
      startsAt: '2026-12-07T03:00:00.000Z',
      endsAt: '2026-12-12T03:00:00.000Z',
    });
    expect((await fail(reception.agenda.book({ ...base, startsAt: '2026-12-08T13:00:00.000Z' }))).code).toBe(
      'PROFESSIONAL_ABSENT',
    );
    // Minimum interval: botulinum toxin blocks a second session within 90 days.
    await reception.agenda.book({ ...base, startsAt: '2026-12-02T13:00:00.000Z' });
    expect(await fail(reception.agenda.book({ ...base, startsAt: '2026-12-16T13:00:00.000Z' }))).toEqual({
      code: 'MIN_INTERVAL_BLOCKED',
      message: 'Data: "Toxina botulínica" exige 90 dias entre as sessões da mesma cliente.',
    });
    // Laser warns: it must be acknowledged, then it books and says why.
    const laser = {
      clientId: c,
      treatmentId: f.treatments.laser,
      professionalId: f.people.aesthetician.userId,
    };
    await reception.agenda.book({
      ...laser,
      startsAt: '2026-12-14T13:00:00.000Z',
      acknowledgeWarnings: true,
    });
    const warned = await fail(reception.agenda.book({ ...laser, startsAt: '2026-12-21T13:00:00.000Z' }));
    expect(warned.code).toBe('WARNINGS_NOT_ACKNOWLEDGED');
    expect(warned.message).toContain('intervalo mínimo recomendado é de 30 dias');
    expect(warned.message).toContain('habilitação específica');
    const booked = await reception.agenda.book({
      ...laser,
      startsAt: '2026-12-21T13:00:00.000Z',
      acknowledgeWarnings: true,
    });
    expect(booked.warnings.map((w) => w.kind).sort()).toEqual(['competence', 'interval']);
  });

  it('shows contraindications from the client record without revealing health details to the front desk', async () => {
    const [minor] = await database.db
      .insert(clients)
      .values({
        organizationId: f.org.organizationId,
        fullName: 'Cliente Menor',
        birthDate: '2012-03-01',
        sex: 'F',
        preferredChannel: 'whatsapp',
      })
      .returning({ id: clients.id });
    const [peel] = await database.db
      .insert(treatments)
      .values({
        organizationId: f.org.organizationId,
        category: 'peeling',
        competenceCategory: 'limpeza_facial',
        name: 'Peeling de ácido retinoico',
        durationMin: 30,
        priceCents: 20_000,
        contraindications: { age: { min: 18, severity: 'hard' } },
      })
      .returning({ id: treatments.id });
    const reception = await f.as('reception');
    const { warnings } = await reception.agenda.book({
      clientId: minor?.id ?? '',
      treatmentId: peel?.id ?? '',
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-02T18:00:00.000Z',
    });
    expect(warnings).toEqual([
      {
        kind: 'contraindication',
        severity: 'hard',
        message:
          'A anamnese indica contraindicação para este tratamento: a profissional avaliará antes do procedimento.',
      },
    ]);
  });

  it('walks the lifecycle; refuses invalid transitions; moves keep history; late cancellations are flagged', async () => {
    const reception = await f.as('reception');
    const doctor = await f.as('drB');
    const c = f.clients[56] as string;
    const { appointment } = await reception.agenda.book({
      clientId: c,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-04T17:00:00.000Z',
    });
    expect(
      (await fail(reception.agenda.transition({ appointmentId: appointment.id, to: 'faltou' }))).code,
    ).toBe('NO_SHOW_TOO_EARLY');
    expect(await fail(doctor.agenda.transition({ appointmentId: appointment.id, to: 'concluido' }))).toEqual({
      code: 'INVALID_TRANSITION',
      message: 'Não é possível passar de "Agendado" para "Concluído".',
    });
    const stale = await fail(
      reception.agenda.transition({
        appointmentId: appointment.id,
        to: 'confirmado',
        version: appointment.version + 5,
      }),
    );
    expect(stale.code).toBe('APPOINTMENT_CHANGED');
    // Another physician neither sees nor changes it.
    const otherDoctor = await f.as('drA');
    expect(
      (await fail(otherDoctor.agenda.transition({ appointmentId: appointment.id, to: 'confirmado' }))).code,
    ).toBe('APPOINTMENT_NOT_FOUND');
    expect((await fail(otherDoctor.agenda.get({ id: appointment.id }))).code).toBe('APPOINTMENT_NOT_FOUND');
    await reception.agenda.transition({ appointmentId: appointment.id, to: 'confirmado' });
    // Dragging it onto a taken slot is refused, naming the conflict, and changes nothing.
    await reception.agenda.book({
      clientId: f.clients[59] as string,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-04T19:00:00.000Z',
    });
    expect(
      await fail(
        reception.agenda.move({ appointmentId: appointment.id, startsAt: '2026-12-04T19:30:00.000Z' }),
      ),
    ).toEqual({
      code: 'SLOT_TAKEN_PROFESSIONAL',
      message: 'A profissional já tem um atendimento nesse horário.',
    });
    expect((await reception.agenda.get({ id: appointment.id })).status).toBe('confirmado');
    // Moving it: the original becomes "remarcado" (kept), the new one counts the reschedule.
    const moved = await reception.agenda.move({
      appointmentId: appointment.id,
      startsAt: '2026-12-04T18:00:00.000Z',
    });
    expect(moved.appointment).toMatchObject({
      status: 'confirmado',
      rescheduledFrom: appointment.id,
      rescheduleCount: 1,
    });
    expect((await reception.agenda.get({ id: appointment.id })).status).toBe('remarcado');
    // The old slot is free again.
    await reception.agenda.book({
      clientId: f.clients[57] as string,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-04T17:00:00.000Z',
    });
    for (const to of ['chegou', 'em_atendimento', 'concluido'] as const) {
      clock.set('2026-12-04T18:05:00.000Z');
      await doctor.agenda.transition({ appointmentId: moved.appointment.id, to });
    }
    expect((await reception.agenda.get({ id: moved.appointment.id })).status).toBe('concluido');
    // Late cancellation by the client (less than 24 h before) is flagged; by the clinic it is not.
    clock.set('2026-12-07T12:00:00.000Z');
    const soon = await reception.agenda.book({
      clientId: c,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-08T11:00:00.000Z',
    });
    const cancelled = await reception.agenda.cancel({
      appointmentId: soon.appointment.id,
      by: 'cliente',
      reason: 'Imprevisto',
    });
    expect(cancelled).toMatchObject({ status: 'cancelado', cancelledBy: 'cliente', cancelledLate: true });
    expect(
      (await fail(reception.agenda.transition({ appointmentId: soon.appointment.id, to: 'chegou' }))).code,
    ).toBe('INVALID_TRANSITION');
    clock.set('2026-11-25T12:00:00.000Z');
  });

  it("keeps each organisation's agenda to itself", async () => {
    const other = await createAgendaFixture(database, clock, { clients: 1 });
    const outsider = await other.as('reception');
    const mine = await (await f.as('reception')).agenda.day({ date: '2026-11-30' });
    const target = mine.appointments[0];
    if (!target) throw new Error('no appointment');
    expect((await fail(outsider.agenda.get({ id: target.id }))).code).toBe('APPOINTMENT_NOT_FOUND');
    expect(
      (await fail(outsider.agenda.cancel({ appointmentId: target.id, by: 'clinica', reason: 'x' }))).code,
    ).toBe('APPOINTMENT_NOT_FOUND');
    expect((await fail(outsider.agenda.day({ date: '2026-11-30', clinicId: f.org.clinicId }))).code).toBe(
      'AGENDA_OTHER_CLINIC',
    );
    expect((await outsider.agenda.day({ date: '2026-11-30' })).appointments).toEqual([]);
    // Booking another organisation's professional or client is refused, whatever the ids.
    const cross = await fail(
      outsider.agenda.book({
        clientId: f.clients[0] as string,
        treatmentId: other.treatments.cleansing,
        professionalId: other.people.drA.userId,
        startsAt: '2026-12-11T13:00:00.000Z',
      }),
    );
    expect(cross.code).toBe('CLIENT_UNAVAILABLE');
  });

  it.runIf(driver.name === 'postgres')('notifies listeners with ids only, at commit', async () => {
    const listener = new pg.Client({ connectionString: database.url ?? '' });
    await listener.connect();
    const received: string[] = [];
    listener.on('notification', (n) => received.push(n.payload ?? ''));
    await listener.query('LISTEN clinia_agenda');
    const reception = await f.as('reception');
    const { appointment } = await reception.agenda.book({
      clientId: f.clients[58] as string,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drA.userId,
      startsAt: '2026-12-14T13:00:00.000Z',
    });
    await expect.poll(() => received.length).toBeGreaterThan(0);
    expect(JSON.parse(received[0] as string)).toEqual({
      organizationId: f.org.organizationId,
      clinicId: f.org.clinicId,
      appointmentId: appointment.id,
      kind: 'created',
    });
    await listener.end();
  });
});
