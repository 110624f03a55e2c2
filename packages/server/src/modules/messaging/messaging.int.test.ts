import type { Server } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import {
  cpfSequence,
  createTestOrganization,
  createTestStaff,
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
import { enqueueForEvent, enqueueMessage } from './outbox';
import {
  enqueueRecallNotice,
  mapAppointmentsPort,
  registerClientWithConsents,
  startTestGraph,
  startTestWebhookReceiver,
  testDispatcherDeps,
} from './test-support';
import { handleWhatsAppWebhook } from './webhook';

const APP_SECRET = 'test-app-secret';
const nextCpf = cpfSequence(100_000_000);

describe.each(testDrivers())('messaging on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let graph: FakeGraphServer;
  let smtp: FakeSmtpServer;
  let receiver: Server;
  let deps: DispatcherDeps;
  let caller: ReturnType<typeof createCaller>;
  // Monday 7 December 2026, 09:00 in São Paulo.
  const clock = fixedClock('2026-12-07T12:00:00.000Z');
  const keyring = testKeyring();
  const port = mapAppointmentsPort();
  const webhookDeps = () => ({ ...deps, appSecret: APP_SECRET, appointments: port });

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    const { reception } = await createTestStaff(database, org, { reception: { roles: ['recepcionista'] } });
    caller = await signInAs(database, testContext(database, { clock, keyring }), reception);
    graph = await startTestGraph(clock, APP_SECRET);
    smtp = await startFakeSmtpServer();
    deps = testDispatcherDeps({
      database,
      keyring,
      clock,
      graph,
      email: createSmtpEmailSender({ url: smtp.url, from: 'Clínica <lembretes@clinica.example>' }),
      appointments: port,
    });
    receiver = await startTestWebhookReceiver(graph, webhookDeps);
  });
  afterAll(async () => {
    await graph.close();
    await smtp.close();
    await new Promise((r) => receiver.close(r));
    await database.close();
  });

  const book = (clientId: string, appointmentId: string, startsAt: Date, highNoShowRisk = false) => {
    port.appointments.set(appointmentId, {
      appointmentId,
      clinicId: org.clinicId,
      clientId,
      startsAt,
      status: 'agendado',
    });
    return withTenant(database, org.organizationId, (tx) =>
      enqueueForEvent(
        tx,
        { keyring, now: clock.now() },
        {
          type: 'appointment.booked',
          organizationId: org.organizationId,
          clinicId: org.clinicId,
          clientId,
          appointmentId,
          startsAt,
          highNoShowRisk,
        },
      ),
    );
  };
  const rows = (where: ReturnType<typeof sql>) =>
    database.query<{
      id: string;
      kind: string;
      channel: string;
      status: string;
      last_error: string | null;
      attempts: number;
      next_attempt_at: string;
      consent_version: number | null;
      consent_event_id: string | null;
      provider_message_id: string | null;
      delivered_at: string | null;
    }>(sql`select * from outbox_messages where ${where} order by due_at`);
  const drain = async () => {
    const dispatcher = createDispatcher(deps, { workerId: 'test' });
    while ((await dispatcher.runOnce()) > 0) {}
  };
  // Thursday 10 December 2026, 14:00 in São Paulo.
  const startsAt = new Date('2026-12-10T17:00:00.000Z');

  it('a booking made after the confirmation time still asks for confirmation, at the next reminder', async () => {
    // 30 h before Thursday 14:00: the 48 h request has passed, so the 24 h reminder asks instead.
    clock.set('2026-12-09T11:00:00.000Z');
    const clientId = await registerClientWithConsents(
      caller as never,
      { fullName: 'Vera Lúcia Prado', cpf: nextCpf(), mobile: '(11) 98765-0031' },
      ['lembretes_whatsapp'],
    );
    const appointmentId = crypto.randomUUID();
    expect((await book(clientId, appointmentId, startsAt)).enqueued).toBe(1);
    const scheduled = await rows(sql`appointment_id = ${appointmentId}`);
    expect(scheduled.map((r) => [r.kind, new Date(r.next_attempt_at).toISOString()])).toEqual([
      ['pedido_confirmacao', '2026-12-09T17:00:00.000Z'],
    ]);
  });

  it('booking schedules reminders in the caller transaction; a rollback or a repeat adds none', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await registerClientWithConsents(
      caller as never,
      { fullName: 'Ana Beatriz Lima', cpf: nextCpf(), mobile: '(11) 98765-0001' },
      ['lembretes_whatsapp'],
    );
    const appointmentId = crypto.randomUUID();
    expect((await book(clientId, appointmentId, startsAt, true)).enqueued).toBe(3);
    expect((await book(clientId, appointmentId, startsAt, true)).enqueued).toBe(0);
    const scheduled = await rows(sql`appointment_id = ${appointmentId}`);
    expect(scheduled.map((r) => [r.kind, r.channel, r.status])).toEqual([
      ['pedido_confirmacao', 'whatsapp', 'queued'],
      ['pedido_confirmacao', 'whatsapp', 'queued'],
      ['lembrete_consulta', 'whatsapp', 'queued'],
    ]);

    const other = crypto.randomUUID();
    await expect(
      withTenant(database, org.organizationId, async (tx) => {
        await enqueueForEvent(
          tx,
          { keyring, now: clock.now() },
          {
            type: 'appointment.booked',
            organizationId: org.organizationId,
            clinicId: org.clinicId,
            clientId,
            appointmentId: other,
            startsAt,
          },
        );
        throw new Error('booking failed');
      }),
    ).rejects.toThrow('booking failed');
    expect(await rows(sql`appointment_id = ${other}`)).toHaveLength(0);
  });

  it('sends a reminder at its due time in the Graph API template shape, recording the consent', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await registerClientWithConsents(
      caller as never,
      { fullName: 'Carla Souza', cpf: nextCpf(), mobile: '(11) 98765-0002' },
      ['lembretes_whatsapp'],
    );
    const appointmentId = crypto.randomUUID();
    await book(clientId, appointmentId, startsAt);
    const before = graph.deliveries.length;
    await drain();
    expect(graph.deliveries.length).toBe(before); // not due yet
    clock.set('2026-12-08T17:00:00.000Z'); // 48 h before
    await drain();
    const sent = graph.deliveries.filter((d) => d.to === '5511987650002');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      type: 'template',
      templateName: 'pedido_confirmacao',
      parameters: ['Carla', 'qui. 10/12 às 14:00', 'Rede Teste Centro'],
    });
    const [row] = await rows(sql`appointment_id = ${appointmentId} and status <> 'queued'`);
    expect(row).toMatchObject({
      status: 'accepted',
      consent_version: 1,
      provider_message_id: sent[0]?.wamid,
    });
    expect(row?.consent_event_id).toBeTruthy();

    // Callbacks out of order: read first, then delivered and sent arrive late and change nothing.
    const wamid = sent[0]?.wamid ?? '';
    expect(await graph.postStatus(wamid, 'read')).toBe(200);
    expect(await graph.postStatus(wamid, 'delivered')).toBe(200);
    expect(await graph.postStatus(wamid, 'sent')).toBe(200);
    expect(await graph.postStatus(wamid, 'read')).toBe(200);
    const [after] = await rows(sql`provider_message_id = ${wamid}`);
    expect(after?.status).toBe('read');
    expect(after?.delivered_at).not.toBeNull();
    const events = await database.query<{ n: number }>(
      sql`select count(*)::int as n from message_status_events where provider_message_id = ${wamid}`,
    );
    expect(events[0]?.n).toBe(3);

    // A forged webhook (wrong secret) is refused and changes nothing.
    const forged = await handleWhatsAppWebhook(
      webhookDeps(),
      Buffer.from(JSON.stringify({ object: 'whatsapp_business_account', entry: [] })),
      `sha256=${'0'.repeat(64)}`,
    );
    expect(forged.httpStatus).toBe(401);

    // A signed "Confirmar" reply confirms the appointment and thanks the client inside the window.
    expect(await graph.simulateInbound({ from: '5511987650002', text: 'Confirmar' })).toBe(200);
    expect(port.appointments.get(appointmentId)?.status).toBe('confirmado');
    await drain();
    expect(graph.deliveries.filter((d) => d.to === '5511987650002').map((d) => d.type)).toEqual([
      'template',
      'text',
    ]);
    // The next confirmation request is not sent: already confirmed. The plain reminder still goes.
    clock.set('2026-12-09T17:00:00.000Z');
    await drain();
    const kinds = await rows(sql`appointment_id = ${appointmentId}`);
    expect(kinds.map((r) => [r.kind, r.status])).toContainEqual(['lembrete_consulta', 'accepted']);
  });

  it('a client without WhatsApp opt-in receives nothing on WhatsApp (e-mail when opted in there)', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const emailOnly = await registerClientWithConsents(
      caller as never,
      { fullName: 'Daniela Rocha', cpf: nextCpf(), mobile: '(11) 98765-0003', email: 'daniela@example.com' },
      ['lembretes_email', 'marketing_whatsapp'],
    );
    const none = await registerClientWithConsents(
      caller as never,
      { fullName: 'Elisa Prado', cpf: nextCpf(), mobile: '(11) 98765-0004', email: 'elisa@example.com' },
      [],
    );
    await book(emailOnly, crypto.randomUUID(), startsAt);
    await book(none, crypto.randomUUID(), startsAt);
    clock.set('2026-12-09T17:00:00.000Z');
    await drain();
    expect(graph.deliveries.filter((d) => d.to === '5511987650003' || d.to === '5511987650004')).toHaveLength(
      0,
    );
    const mails = smtp.messages.filter((m) => m.to.includes('daniela@example.com'));
    expect(mails.length).toBe(2);
    expect(mails[0]?.subject).toContain('Rede Teste Centro');
    expect(smtp.messages.some((m) => m.to.includes('elisa@example.com'))).toBe(false);
    const skipped = await rows(sql`client_id = ${none}`);
    expect(skipped.every((r) => r.status === 'skipped' && r.last_error === 'sem_consentimento')).toBe(true);
  });

  it("a button naming someone else's appointment changes nothing", async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const [mine, theirs] = await Promise.all(
      [
        { fullName: 'Sônia Teixeira', cpf: nextCpf(), mobile: '(11) 98765-0041' },
        { fullName: 'Rita Amaral', cpf: nextCpf(), mobile: '(11) 98765-0042' },
      ].map((client) => registerClientWithConsents(caller as never, client, ['lembretes_whatsapp'])),
    );
    const myAppointment = crypto.randomUUID();
    const theirAppointment = crypto.randomUUID();
    await book(mine as string, myAppointment, startsAt);
    await book(theirs as string, theirAppointment, new Date('2026-12-10T18:00:00.000Z'));
    expect(
      await graph.simulateInbound({
        from: '5511987650041',
        text: 'Cancelar',
        buttonPayload: `cancelar:${theirAppointment}`,
      }),
    ).toBe(200);
    expect(port.appointments.get(theirAppointment)?.status).toBe('agendado');
    expect(port.appointments.get(myAppointment)?.status).toBe('agendado');
    const [reply] = await database.query<{ outcome: string }>(
      sql`select outcome from inbound_messages where appointment_id = ${theirAppointment}`,
    );
    expect(reply?.outcome).toBe('not_found');
  });

  it('"parar" withdraws WhatsApp consent at once and stops queued messages', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await registerClientWithConsents(
      caller as never,
      { fullName: 'Fernanda Alves', cpf: nextCpf(), mobile: '(11) 98765-0005' },
      ['lembretes_whatsapp', 'marketing_whatsapp'],
    );
    const appointmentId = crypto.randomUUID();
    await book(clientId, appointmentId, startsAt);
    // The first message goes out now (a recall notice), so the number has a conversation to reply in.
    await enqueueRecallNotice(database, { keyring, now: clock.now() }, org, clientId);
    await drain();
    clock.advance(60_000);
    expect(await graph.simulateInbound({ from: '5511987650005', text: 'PARAR' })).toBe(200);
    const consents = await caller.clients.consents({ clientId });
    const state = (p: string) => consents.states.find((s) => s.purpose === p)?.status;
    expect(state('lembretes_whatsapp')).toBe('revogado');
    expect(state('marketing_whatsapp')).toBe('revogado');
    clock.set('2026-12-09T17:00:00.000Z');
    await drain();
    expect(graph.deliveries.filter((d) => d.to === '5511987650005')).toHaveLength(1);
    const reminders = await rows(sql`appointment_id = ${appointmentId}`);
    expect(reminders.every((r) => r.status === 'skipped' && r.last_error === 'consentimento_revogado')).toBe(
      true,
    );
  });

  it('retries with backoff, fails permanently with an e-mail fallback, and refuses free text outside 24 h', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await registerClientWithConsents(
      caller as never,
      {
        fullName: 'Gabriela Nunes',
        cpf: nextCpf(),
        mobile: '(11) 98765-0006',
        email: 'gabriela@example.com',
      },
      ['lembretes_whatsapp', 'lembretes_email'],
    );
    const recall = () => enqueueRecallNotice(database, { keyring, now: clock.now() }, org, clientId);
    await recall();
    graph.failNext({ status: 500, code: 2 });
    await createDispatcher(deps).runOnce();
    const [retrying] = await rows(sql`client_id = ${clientId}`);
    expect(retrying).toMatchObject({ status: 'queued', attempts: 1, last_error: 'graph_2' });
    expect(new Date(retrying?.next_attempt_at ?? 0).toISOString()).toBe('2026-12-07T12:00:30.000Z');
    await drain();
    expect((await rows(sql`id = ${retrying?.id ?? ''}`))[0]?.status).toBe('queued'); // not before its time
    clock.advance(30_000);
    await drain();
    expect((await rows(sql`id = ${retrying?.id ?? ''}`))[0]?.status).toBe('accepted');

    await recall();
    graph.failNext({ status: 400, code: 131026 });
    await drain();
    const all = await rows(sql`client_id = ${clientId}`);
    expect(all.map((r) => [r.channel, r.status])).toEqual([
      ['whatsapp', 'accepted'],
      ['whatsapp', 'failed'],
      ['email', 'accepted'],
    ]);
    expect(smtp.messages.filter((m) => m.to.includes('gabriela@example.com'))).toHaveLength(1);

    const textId = await withTenant(database, org.organizationId, (tx) =>
      enqueueMessage(
        tx,
        { keyring, now: clock.now() },
        {
          organizationId: org.organizationId,
          clinicId: org.clinicId,
          clientId,
          kind: 'texto_livre',
          purpose: 'care',
          dueAt: clock.now(),
          variables: [],
          text: 'Oi! Tudo bem?',
          idempotencyKey: `free:${crypto.randomUUID()}`,
          sourceEvent: 'manual',
          channel: 'whatsapp',
        },
      ),
    );
    await drain();
    expect((await rows(sql`id = ${textId ?? ''}`))[0]).toMatchObject({
      status: 'failed',
      last_error: 'fora_da_janela_24h',
    });
  });

  it('defers messages that fall in quiet hours to the next morning in the clinic zone', async () => {
    clock.set('2026-12-08T01:30:00.000Z'); // 22:30 in São Paulo
    const clientId = await registerClientWithConsents(
      caller as never,
      { fullName: 'Helena Castro', cpf: nextCpf(), mobile: '(11) 98765-0007' },
      ['lembretes_whatsapp'],
    );
    await enqueueRecallNotice(database, { keyring, now: clock.now() }, org, clientId);
    const [row] = await rows(sql`client_id = ${clientId}`);
    expect(new Date(row?.next_attempt_at ?? 0).toISOString()).toBe('2026-12-08T11:00:00.000Z');
    await drain();
    expect(graph.deliveries.filter((d) => d.to === '5511987650007')).toHaveLength(0);
  });
});
