import type { Server } from 'node:http';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinics, treatments } from '../../db/schema';
// The composition root's wiring (as apps/api/src/boot.ts does): scheduling's reply functions behind
// messaging's appointments port. Messaging code itself never imports scheduling.
import { appointmentPortFromReplies, getAppointmentForReminder, repliesForMessaging } from '../../index';
import { fixedClock } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { createRealtimeHub, type RealtimeHub } from '../../platform/realtime/hub';
import {
  cpfSequence,
  createTestOrganization,
  createTestStaff,
  registerClientWithConsents,
  signInAs,
  type TestDatabase,
  type TestOrg,
  testContext,
  testDrivers,
  testKeyring,
} from '../../testing';
import type { createCaller } from '../../trpc/app-router';
import { createDispatcher, type DispatcherDeps } from './dispatcher';
import { createSmtpEmailSender } from './email-smtp';
import type { FakeGraphServer } from './fake-graph-server';
import { type FakeSmtpServer, startFakeSmtpServer } from './fake-smtp-server';
import { startTestGraph, startTestWebhookReceiver, testDispatcherDeps } from './test-support';

/**
 * The whole reminder flow through the real agenda: booking queues the clinic's reminder plan in the
 * booking's transaction, the dispatcher sends the confirmation request at its due time to the fake
 * Graph API, a signed "Confirmar" reply confirms the appointment and the live agenda is notified.
 */
const APP_SECRET = 'flow-app-secret';
const nextCpf = cpfSequence(300_000_000);

describe.each(testDrivers())('reminder flow through the agenda on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let graph: FakeGraphServer;
  let smtp: FakeSmtpServer;
  let receiver: Server;
  let hub: RealtimeHub;
  let deps: DispatcherDeps;
  let reception: ReturnType<typeof createCaller>;
  let manager: ReturnType<typeof createCaller>;
  let professionalId: string;
  let treatmentId: string;
  // Monday 7 December 2026, 09:00 in São Paulo.
  const clock = fixedClock('2026-12-07T12:00:00.000Z');
  const keyring = testKeyring();

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    await database.db
      .update(clinics)
      .set({
        timeZone: 'America/Sao_Paulo',
        openingHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
      })
      .where(eq(clinics.id, org.clinicId));
    const base = testContext(database, { clock, keyring });
    const licensed = { withActiveLicence: true, mfaEnrolled: true };
    const staff = await createTestStaff(database, org, {
      manager: { roles: ['gestor'], ...licensed },
      reception: { roles: ['recepcionista'], ...licensed },
      professional: { roles: ['medico'], ...licensed },
    });
    manager = await signInAs(database, base, staff.manager);
    reception = await signInAs(database, base, staff.reception);
    professionalId = staff.professional.userId;
    await manager.agenda.saveRoom({ name: 'Consultório 1', roomType: 'consultorio' });
    const weekdays = [1, 2, 3, 4, 5];
    await manager.agenda.setWorkingHours({
      professionalId,
      hours: weekdays.map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
      breaks: weekdays.map((weekday) => ({ weekday, start: '12:00', end: '13:00' })),
    });
    const [row] = await database.db
      .insert(treatments)
      .values({
        organizationId: org.organizationId,
        name: 'Limpeza de pele',
        category: 'facial',
        competenceCategory: 'limpeza_facial',
        durationMin: 50,
        bufferMin: 10,
        priceCents: 10_000,
      })
      .returning({ id: treatments.id });
    treatmentId = row?.id ?? '';

    graph = await startTestGraph(clock, APP_SECRET);
    smtp = await startFakeSmtpServer();
    deps = testDispatcherDeps({
      database,
      keyring,
      clock,
      graph,
      email: createSmtpEmailSender({ url: smtp.url, from: 'Clínica <lembretes@clinica.example>' }),
      appointments: appointmentPortFromReplies(
        repliesForMessaging({ keyring, clock }),
        getAppointmentForReminder,
      ),
    });
    // The webhook endpoint the fake Graph API posts signed replies to.
    receiver = await startTestWebhookReceiver(graph, () => ({ ...deps, appSecret: APP_SECRET }));
    hub = createRealtimeHub(database, { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await hub.close();
    await graph.close();
    await smtp.close();
    await new Promise((r) => receiver.close(r));
    await database.close();
  });

  const outbox = (appointmentId: string) =>
    database.query<{ kind: string; channel: string; status: string; last_error: string | null }>(
      sql`select kind, channel, status, last_error from outbox_messages
          where appointment_id = ${appointmentId} order by due_at`,
    );
  const book = async (clientId: string, startsAt: string) =>
    (await reception.agenda.book({ clientId, treatmentId, professionalId, startsAt })).appointment;

  it('booking queues the reminders; the confirmation request goes out when due and "Confirmar" confirms', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await registerClientWithConsents(
      reception as never,
      { fullName: 'Helena Martins', cpf: nextCpf(), mobile: '(11) 98765-1001' },
      ['lembretes_whatsapp'],
    );
    // Thursday 10 December 2026, 14:00 in São Paulo.
    const appointment = await book(clientId, '2026-12-10T17:00:00.000Z');
    expect(appointment.status).toBe('agendado');
    expect((await outbox(appointment.id)).map((r) => [r.kind, r.channel, r.status])).toEqual([
      ['pedido_confirmacao', 'whatsapp', 'queued'],
      ['lembrete_consulta', 'whatsapp', 'queued'],
    ]);

    const toClient = () => graph.deliveries.filter((d) => d.to === '5511987651001');
    await createDispatcher(deps, { workerId: 'flow' }).runOnce();
    expect(toClient()).toHaveLength(0); // not due yet
    clock.set('2026-12-08T17:00:00.000Z'); // 48 h before
    await createDispatcher(deps, { workerId: 'flow' }).runOnce();
    expect(toClient()).toHaveLength(1);
    expect(toClient()[0]).toMatchObject({
      type: 'template',
      templateName: 'pedido_confirmacao',
      parameters: ['Helena', 'qui. 10/12 às 14:00', 'Rede Teste Centro'],
    });

    const agenda: string[] = [];
    const stop = hub.subscribe('clinia_agenda', (payload) => agenda.push(payload));
    await hub.ready();
    clock.advance(60_000);
    expect(
      await graph.simulateInbound({
        from: '5511987651001',
        text: 'Confirmar',
        buttonPayload: `confirmar:${appointment.id}`,
      }),
    ).toBe(200);
    expect((await reception.agenda.get({ id: appointment.id })).status).toBe('confirmado');
    await expect
      .poll(() => agenda.map((p) => JSON.parse(p) as { appointmentId: string; kind: string }))
      .toContainEqual({
        organizationId: org.organizationId,
        clinicId: org.clinicId,
        appointmentId: appointment.id,
        kind: 'status',
      });
    stop();
    // The delivery dashboard counts the request and its confirmation.
    const dashboard = await manager.messaging.dashboard({
      from: '2026-12-07T00:00:00.000Z',
      to: '2026-12-12T00:00:00.000Z',
    });
    expect(dashboard.confirmation).toEqual({ requested: 1, confirmed: 1, rate: 1 });
  });

  it('a client without WhatsApp opt-in books and nothing is sent on WhatsApp', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await registerClientWithConsents(
      reception as never,
      { fullName: 'Isabela Costa', cpf: nextCpf(), mobile: '(11) 98765-1002' },
      [],
    );
    const appointment = await book(clientId, '2026-12-10T18:00:00.000Z');
    clock.set('2026-12-09T18:00:00.000Z'); // both reminders are due
    await createDispatcher(deps, { workerId: 'flow' }).runOnce();
    expect(graph.deliveries.filter((d) => d.to === '5511987651002')).toHaveLength(0);
    const rows = await outbox(appointment.id);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'skipped' && r.last_error === 'sem_consentimento')).toBe(true);
  });

  it('moving re-plans the reminders for the new time; cancelling withdraws the queued ones', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await registerClientWithConsents(
      reception as never,
      { fullName: 'Joana Ribeiro', cpf: nextCpf(), mobile: '(11) 98765-1003' },
      ['lembretes_whatsapp'],
    );
    const first = await book(clientId, '2026-12-10T14:00:00.000Z');
    // Friday 11 December 2026, 11:00 in São Paulo.
    const moved = (
      await reception.agenda.move({ appointmentId: first.id, startsAt: '2026-12-11T14:00:00.000Z' })
    ).appointment;
    expect((await outbox(first.id)).map((r) => [r.kind, r.status, r.last_error])).toEqual([
      ['pedido_confirmacao', 'cancelled', 'consulta_alterada'],
      ['lembrete_consulta', 'cancelled', 'consulta_alterada'],
    ]);
    expect((await outbox(moved.id)).map((r) => [r.kind, r.status])).toEqual([
      ['pedido_confirmacao', 'queued'],
      ['lembrete_consulta', 'queued'],
    ]);
    await reception.agenda.cancel({ appointmentId: moved.id, by: 'cliente', reason: 'Viagem' });
    expect((await outbox(moved.id)).every((r) => r.status === 'cancelled')).toBe(true);
    clock.set('2026-12-10T14:00:00.000Z'); // every reminder of both times is due
    await createDispatcher(deps, { workerId: 'flow' }).runOnce();
    expect(graph.deliveries.filter((d) => d.to === '5511987651003')).toHaveLength(0);
  });
});
