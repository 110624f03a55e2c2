import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import {
  appCode,
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
import type { FakeGraphServer } from './fake-graph-server';
import { scheduleFollowUpInTx, schedulePostCareInTx, scheduleRemindersInTx } from './messaging.service';
import {
  enqueueRecallNotice,
  mapAppointmentsPort,
  registerClientWithConsents,
  startTestGraph,
  testDispatcherDeps,
} from './test-support';

const expectAppError = async (promise: Promise<unknown>, code: string) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(appCode(error)).toBe(code);
};

const nextCpf = cpfSequence(300_000_000);

describe.each(testDrivers())('messaging admin and schedules on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let graph: FakeGraphServer;
  let deps: DispatcherDeps;
  let reception: ReturnType<typeof createCaller>;
  let manager: ReturnType<typeof createCaller>;
  const clock = fixedClock('2026-12-07T12:00:00.000Z');
  const keyring = testKeyring();
  const port = mapAppointmentsPort();

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    const ctx = testContext(database, { clock, keyring });
    const staff = await createTestStaff(database, org, {
      desk: { roles: ['recepcionista'] },
      boss: { roles: ['gestor'], mfaEnrolled: true },
    });
    reception = await signInAs(database, ctx, staff.desk);
    manager = await signInAs(database, ctx, staff.boss);
    graph = await startTestGraph(clock, 'x');
    deps = testDispatcherDeps({ database, keyring, clock, graph, email: null, appointments: port });
  });
  afterAll(async () => {
    await graph.close();
    await database.close();
  });

  const newClient = (name: string, mobile: string) =>
    registerClientWithConsents(reception as never, { fullName: name, cpf: nextCpf(), mobile }, [
      'lembretes_whatsapp',
    ]);
  const kinds = (appointmentId: string) =>
    database.query<{ kind: string; status: string; due_at: string }>(
      sql`select kind, status, due_at from outbox_messages where appointment_id = ${appointmentId} order by due_at`,
    );

  it('a message that exhausts its retries is dead, listed for managers only, and a retry delivers it', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await newClient('Paula Mendes', '(11) 97777-0001');
    await enqueueRecallNotice(database, { keyring, now: clock.now() }, org, clientId);
    const dispatcher = createDispatcher(deps);
    for (let attempt = 0; attempt < 6; attempt++) {
      graph.failNext({ status: 503, code: 2 });
      await dispatcher.runOnce();
      clock.advance(3_600_000);
    }
    const dead = await manager.messaging.outbox({ view: 'dead_letters' });
    expect(dead.map((m) => [m.kind, m.status, m.attempts, m.lastError])).toEqual([
      ['aviso_recolhimento', 'dead', 6, 'graph_2'],
    ]);
    await expectAppError(reception.messaging.outbox({ view: 'dead_letters' }), 'FORBIDDEN');
    const id = dead[0]?.id ?? '';
    await expectAppError(reception.messaging.retry({ id }), 'FORBIDDEN');

    const retried = await manager.messaging.retry({ id });
    expect(retried).toMatchObject({ status: 'queued', attempts: 0 });
    await expectAppError(manager.messaging.retry({ id }), 'MESSAGE_NOT_RETRIABLE');
    await dispatcher.runOnce();
    expect(graph.deliveries.filter((d) => d.to === '5511977770001')).toHaveLength(1);
    expect(await manager.messaging.outbox({ view: 'dead_letters' })).toEqual([]);
    const audit = await database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'message.retry' and entity_id = ${id}`,
    );
    expect(audit[0]?.n).toBe(1);

    // The client's timeline shows the message with its provider statuses.
    const timeline = await reception.messaging.clientTimeline({ clientId });
    expect(timeline.messages.map((m) => [m.kind, m.status])).toEqual([['aviso_recolhimento', 'accepted']]);
  });

  it('the clinic reminder plan drives scheduleRemindersInTx; a move replaces, a cancel stops them', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await newClient('Renata Campos', '(11) 97777-0002');
    const defaults = await reception.messaging.reminderPlan({ clinicId: org.clinicId });
    expect(defaults).toMatchObject({ reminderHours: [48, 24], isDefault: true });
    await expectAppError(
      reception.messaging.saveReminderPlan({ ...defaults, reminderHours: [72, 2] }),
      'FORBIDDEN',
    );
    const saved = await manager.messaging.saveReminderPlan({ ...defaults, reminderHours: [2, 72] });
    expect(saved).toMatchObject({ reminderHours: [72, 2], isDefault: false });

    const appointmentId = crypto.randomUUID();
    const startsAt = new Date('2026-12-11T17:00:00.000Z');
    port.appointments.set(appointmentId, {
      appointmentId,
      clinicId: org.clinicId,
      clientId,
      startsAt,
      status: 'agendado',
    });
    const facts = {
      organizationId: org.organizationId,
      clinicId: org.clinicId,
      clientId,
      appointmentId,
      startsAt,
      change: 'booked' as const,
    };
    const schedule = (f: Parameters<typeof scheduleRemindersInTx>[1]) =>
      withTenant(database, org.organizationId, (tx) =>
        scheduleRemindersInTx(tx, f, { keyring, now: clock.now() }),
      );
    expect((await schedule(facts)).enqueued).toBe(2);
    expect((await schedule(facts)).enqueued).toBe(0);
    expect((await kinds(appointmentId)).map((r) => [r.kind, new Date(r.due_at).toISOString()])).toEqual([
      ['pedido_confirmacao', '2026-12-08T17:00:00.000Z'],
      ['lembrete_consulta', '2026-12-11T15:00:00.000Z'],
    ]);

    const moved = new Date('2026-12-12T14:00:00.000Z');
    const appointment = port.appointments.get(appointmentId);
    if (appointment) appointment.startsAt = moved;
    const result = await schedule({ ...facts, startsAt: moved, change: 'rescheduled' });
    expect(result).toMatchObject({ enqueued: 2, cancelled: 2 });
    expect((await schedule({ ...facts, change: 'cancelled' })).cancelled).toBe(2);
    expect((await kinds(appointmentId)).every((r) => r.status === 'cancelled')).toBe(true);
  });

  it('post-care and follow-up are scheduled from a finished session, once', async () => {
    clock.set('2026-12-07T12:00:00.000Z');
    const clientId = await newClient('Sofia Barros', '(11) 97777-0003');
    const appointmentId = crypto.randomUUID();
    const endedAt = new Date('2026-12-07T14:00:00.000Z');
    const run = () =>
      withTenant(database, org.organizationId, async (tx) => {
        const a = await schedulePostCareInTx(
          tx,
          { organizationId: org.organizationId, clinicId: org.clinicId, clientId, appointmentId, endedAt },
          { keyring, now: clock.now() },
        );
        const b = await scheduleFollowUpInTx(
          tx,
          {
            organizationId: org.organizationId,
            clinicId: org.clinicId,
            clientId,
            followUpId: appointmentId,
            dueAt: new Date('2027-01-15T13:00:00.000Z'),
          },
          { keyring, now: clock.now() },
        );
        return [a.enqueued, b];
      });
    expect(await run()).toEqual([2, true]);
    expect(await run()).toEqual([0, false]);
    const rows = await database.query<{ kind: string; due_at: string }>(
      sql`select kind, due_at from outbox_messages where client_id = ${clientId} order by due_at`,
    );
    expect(rows.map((r) => [r.kind, new Date(r.due_at).toISOString()])).toEqual([
      ['orientacoes_pos_atendimento', '2026-12-07T16:00:00.000Z'],
      ['lembrete_retorno', '2027-01-06T14:00:00.000Z'],
      ['lembrete_retorno', '2027-01-15T13:00:00.000Z'],
    ]);
  });

  it('templates: defaults listed, a manager saves a text with valid variables, the dashboard counts', async () => {
    const templates = await reception.messaging.templates();
    expect(templates.filter((t) => t.key === 'pedido_confirmacao').map((t) => t.channel)).toEqual([
      'whatsapp',
      'email',
    ]);
    await expectAppError(
      manager.messaging.saveTemplate({
        key: 'lembrete_consulta',
        channel: 'email',
        subject: 'Lembrete {{3}}',
        body: 'Olá {{1}}, {{7}}',
      }),
      'TEMPLATE_VARIABLE_INVALID',
    );
    const saved = await manager.messaging.saveTemplate({
      key: 'lembrete_consulta',
      channel: 'email',
      subject: 'Seu horário em {{3}}',
      body: 'Oi, {{1}}! Até {{2}}.',
    });
    expect(saved).toMatchObject({ isDefault: false, version: 1, body: 'Oi, {{1}}! Até {{2}}.' });
    await expectAppError(
      reception.messaging.saveTemplate({
        key: 'lembrete_consulta',
        channel: 'email',
        subject: null,
        body: 'x',
      }),
      'FORBIDDEN',
    );

    const dashboard = await manager.messaging.dashboard({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-02-01T00:00:00.000Z',
    });
    expect(dashboard.totals.sent).toBeGreaterThanOrEqual(1);
    expect(dashboard.totals.skipped).toBeGreaterThanOrEqual(4);
    expect(dashboard.confirmation).toMatchObject({ requested: 0, rate: null });
  });
});
