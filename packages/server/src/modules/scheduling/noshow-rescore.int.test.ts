import type { TAppointment } from '@clinia/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { cpfSequence, registerClientWithConsents, type TestDatabase, testDrivers } from '../../testing';
import { rescoreUpcoming } from './risk.service';
import { type AgendaFixture, createAgendaFixture } from './test-support';

/**
 * Issue 8, band changes after booking: when a later re-score (here the daily refresh, after the
 * manager lowered the thresholds) moves an open appointment into the high band, the policy's extra
 * confirmation request is queued as at booking, for the treated group only, once, and only on a
 * channel the client consented to. Through createCaller and the daily job's entry point.
 */

const H = 3_600_000;
const nextCpf = cpfSequence(420_000_000);

type OutboxRow = { kind: string; status: string; channel: string; source_event: string };

describe.each(testDrivers())('re-scoring into the high band on $name', (driver) => {
  let database: TestDatabase;
  let f: AgendaFixture;
  // Wednesday 2026-11-25, 09:00 in São Paulo; tomorrow's bookings are one day ahead (prior rate 19%).
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  let whatsappClient: string;
  let emailOnlyClient: string;
  // The thresholds at booking (19% is 'baixo') and after the manager's change (19% is 'alto').
  const LOW = { mediumFrom: 0.2, highFrom: 0.3 };
  const HIGH = { mediumFrom: 0.1, highFrom: 0.15 };

  beforeAll(async () => {
    database = await driver.open();
    f = await createAgendaFixture(database, clock, { clients: 4 });
    const reception = (await f.as('reception')) as never;
    whatsappClient = await registerClientWithConsents(
      reception,
      { fullName: 'Luana Ferraz', cpf: nextCpf(), mobile: '(11) 98765-3101' },
      ['lembretes_whatsapp'],
    );
    emailOnlyClient = await registerClientWithConsents(
      reception,
      {
        fullName: 'Sofia Brandão',
        cpf: nextCpf(),
        mobile: '(11) 98765-3102',
        email: 'sofia.brandao@exemplo.com.br',
      },
      ['lembretes_email'],
    );
  });
  afterAll(() => database.close());

  const setPolicy = async (thresholds: typeof LOW, holdoutPercent: number) => {
    const manager = await f.as('manager');
    const policy = await manager.prediction.policy();
    await manager.prediction.savePolicy({ ...policy, ...thresholds, holdoutPercent });
  };
  // Thursday 26 November at `hour`:00 in São Paulo.
  const book = async (clientId: string, hour: number, who: 'drA' | 'drB') =>
    (
      await (
        await f.as('reception')
      ).agenda.book({
        clientId,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people[who].userId,
        startsAt: new Date(Date.parse('2026-11-26T03:00:00.000Z') + hour * H).toISOString(),
      })
    ).appointment;
  const outbox = (appointmentId: string) =>
    database.query<OutboxRow>(
      sql`select kind, status, channel, source_event from outbox_messages
          where appointment_id = ${appointmentId} order by created_at, kind`,
    );
  const extraRequests = async (appointmentId: string) =>
    (await outbox(appointmentId)).filter((r) => r.source_event === 'appointment.risk_raised');
  const requestAction = async (a: TAppointment) => {
    const panel = await (await f.as('reception')).scheduling.noShowPanel({ date: '2026-11-26' });
    const item = panel.items.find((i) => i.appointment.id === a.id);
    return {
      band: item?.appointment.risk?.band,
      action: item?.actions.find((x) => x.action === 'confirmation_request'),
    };
  };
  const rescore = () => rescoreUpcoming({ database, clock, keyring: f.keyring });

  const seen: { treated?: TAppointment; holdout?: TAppointment } = {};
  const booked: TAppointment[] = [];

  it('a booking made low-risk and re-scored high gets one extra confirmation request if treated, none in the holdout', async () => {
    for (const hour of [8, 9, 10, 11, 13, 14, 15, 16, 17]) {
      if (seen.treated && seen.holdout) break;
      await setPolicy(LOW, 50);
      const a = await book(whatsappClient, hour, 'drA');
      expect(a.risk?.band).toBe('baixo');
      expect(await extraRequests(a.id)).toEqual([]);
      booked.push(a);
      // The manager lowers the thresholds; the daily refresh re-scores the next two days.
      await setPolicy(HIGH, 50);
      await rescore();
      const { band, action } = await requestAction(a);
      expect(band).toBe('alto');
      if (action && !seen[action.assignment]) seen[action.assignment] = a;
    }
    const { treated, holdout } = seen as Required<typeof seen>;
    expect(treated, 'a treated appointment').toBeDefined();
    expect(holdout, 'a holdout appointment').toBeDefined();

    expect(await extraRequests(treated.id)).toEqual([
      {
        kind: 'pedido_confirmacao',
        status: 'queued',
        channel: 'whatsapp',
        source_event: 'appointment.risk_raised',
      },
    ]);
    expect((await requestAction(treated)).action).toMatchObject({
      assignment: 'treated',
      status: 'done',
      detail: 'Risco subiu para alto na reavaliação: pedido extra de confirmação na fila do WhatsApp',
    });
    expect(await extraRequests(holdout.id)).toEqual([]);
    expect((await requestAction(holdout)).action).toMatchObject({
      assignment: 'holdout',
      status: 'withheld',
    });
  });

  it('re-scoring again (later, after a fall and a new rise, or with another holdout) queues nothing new and redraws nothing', async () => {
    const before = await Promise.all(booked.map((a) => outbox(a.id)));
    const actionsBefore = await Promise.all(booked.map(requestAction));
    // One request for each treated appointment of the first test, none for the holdout ones.
    expect(
      before.map((rows) => rows.filter((r) => r.source_event === 'appointment.risk_raised').length),
    ).toEqual(actionsBefore.map((x) => (x.action?.assignment === 'treated' ? 1 : 0)));
    clock.advance(H);
    await rescore();
    // Back to 'medio', then 'alto' again, now with no holdout at all.
    await setPolicy({ mediumFrom: 0.1, highFrom: 0.3 }, 50);
    await rescore();
    expect((await requestAction(booked[0] as TAppointment)).band).toBe('medio');
    await setPolicy(HIGH, 0);
    await rescore();
    await rescore();
    expect(await Promise.all(booked.map((a) => outbox(a.id)))).toEqual(before);
    expect(await Promise.all(booked.map(requestAction))).toEqual(actionsBefore);
  });

  it('the request goes only on a consented channel, and a confirmed appointment gets none', async () => {
    await setPolicy(LOW, 0);
    const emailOnly = await book(emailOnlyClient, 13, 'drB');
    const noConsent = await book(f.clients[0] as string, 14, 'drB');
    const confirmed = await book(whatsappClient, 15, 'drB');
    await (await f.as('reception')).agenda.transition({ appointmentId: confirmed.id, to: 'confirmado' });
    await setPolicy(HIGH, 0);
    await rescore();

    // E-mail consent only: the request goes by e-mail, nothing on WhatsApp.
    expect(await extraRequests(emailOnly.id)).toMatchObject([{ channel: 'email', status: 'queued' }]);
    expect(
      (await outbox(emailOnly.id)).filter((r) => r.channel === 'whatsapp' && r.status !== 'skipped'),
    ).toEqual([]);
    expect((await requestAction(emailOnly)).action?.detail).toBe(
      'Risco subiu para alto na reavaliação: pedido extra de confirmação na fila do e-mail',
    );
    // No consent at all: nothing is sent; the front desk still sees the request to make.
    expect((await outbox(noConsent.id)).filter((r) => r.status !== 'skipped')).toEqual([]);
    expect((await requestAction(noConsent)).action).toMatchObject({
      assignment: 'treated',
      status: 'planned',
    });
    // Already confirmed: no confirmation request.
    expect((await requestAction(confirmed)).band).toBe('alto');
    expect(await extraRequests(confirmed.id)).toEqual([]);
  });
});
