import type { TAppointment } from '@clinia/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appointmentStatusHistory, appointments } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
import {
  appCode,
  cpfSequence,
  registerClientWithConsents,
  type TestDatabase,
  testDrivers,
  userMessage,
} from '../../testing';
import { trainingSettled } from '../prediction/prediction.service';
import { rescoreUpcoming } from './risk.service';
import { type AgendaFixture, createAgendaFixture } from './test-support';

/**
 * The no-show model wired into the agenda (issues 8 and 9), through createCaller: scores stored in
 * the booking transaction and shown on the agenda, the extra confirmation for high-risk treated
 * bookings, re-scoring on moves and daily, the no-show panel and the front desk's actions.
 */

const H = 3_600_000;
const D = 24 * H;
const nextCpf = cpfSequence(410_000_000);

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe.each(testDrivers())('no-show risk in the agenda on $name', (driver) => {
  let database: TestDatabase;
  let f: AgendaFixture;
  // Wednesday 2026-11-25, 09:00 in São Paulo.
  const NOW = '2026-11-25T12:00:00.000Z';
  const clock = fixedClock(NOW);
  let consented: string;

  beforeAll(async () => {
    database = await driver.open();
    f = await createAgendaFixture(database, clock, { clients: 80 });
    const manager = await f.as('manager');
    const policy = await manager.prediction.policy();
    await manager.prediction.savePolicy({ ...policy, holdoutPercent: 0 });
    consented = await registerClientWithConsents(
      (await f.as('reception')) as never,
      { fullName: 'Marina Teixeira', cpf: nextCpf(), mobile: '(11) 98765-2001' },
      ['lembretes_whatsapp'],
    );
  });
  afterAll(() => database.close());

  const client = (i: number) => f.clients[i] as string;
  const book = async (clientId: string, startsAt: string, who: 'drA' | 'drB' = 'drA') =>
    (
      await (
        await f.as('reception')
      ).agenda.book({
        clientId,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people[who].userId,
        startsAt,
      })
    ).appointment;
  const outbox = (appointmentId: string) =>
    database.query<{ kind: string; status: string; due_at: Date | string; source_event: string }>(
      sql`select kind, status, due_at, source_event from outbox_messages
          where appointment_id = ${appointmentId} order by due_at`,
    );
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => ({ code: 'ok', message: '' }),
      (e: unknown) => ({ code: appCode(e), message: userMessage(e) }),
    );
  const panelFor = async (date: string) => (await f.as('reception')).scheduling.noShowPanel({ date });
  const actionsOf = async (a: TAppointment, date: string) =>
    (await panelFor(date)).items.find((i) => i.appointment.id === a.id)?.actions ?? [];

  it('booking stores a score with pt-BR factors, and the day view returns it', async () => {
    // Friday 27 November, 10:00: two days ahead. No model yet: the documented base rates by lead time.
    const booked = await book(client(0), '2026-11-27T13:00:00.000Z');
    expect(booked.risk).toMatchObject({ band: 'medio', modelVersion: null });
    expect(booked.risk?.factors.map((x) => [x.text, x.direction])).toEqual([
      ['marcou com 2 dias de antecedência', 'lowers'],
    ]);
    const day = await (await f.as('reception')).agenda.day({ date: '2026-11-27' });
    expect(day.appointments.find((a) => a.id === booked.id)?.risk).toEqual(booked.risk);
    // A professional sees the badge on her own agenda too.
    const own = await (await f.as('drA')).agenda.day({ date: '2026-11-27' });
    expect(own.appointments.find((a) => a.id === booked.id)?.risk?.band).toBe('medio');
  });

  it('moving re-scores: the new time carries its own score, the moved original none', async () => {
    const reception = await f.as('reception');
    const [original] = (await reception.agenda.day({ date: '2026-11-27' })).appointments;
    const moved = await reception.agenda.move({
      appointmentId: original?.id ?? '',
      startsAt: '2027-01-11T13:00:00.000Z',
    });
    expect(moved.appointment.risk?.band).toBe('alto');
    expect(moved.appointment.risk?.score).toBeGreaterThan(original?.risk?.score ?? 1);
    expect(moved.appointment.risk?.factors[0]?.text).toBe('marcou com 47 dias de antecedência');
    const freed = await reception.agenda.day({ date: '2026-11-27', includeFreed: true });
    expect(freed.appointments.find((a) => a.id === original?.id)).toMatchObject({
      status: 'remarcado',
      risk: null,
    });
  });

  it('a high-risk treated booking queues the extra confirmation; a holdout one does not', async () => {
    const manager = await f.as('manager');
    const policy = await manager.prediction.policy();
    await manager.prediction.savePolicy({ ...policy, holdoutPercent: 50 });
    const seen: { treated?: TAppointment; holdout?: TAppointment } = {};
    // Weekdays from Monday 4 January 2027, 10:00: every booking is 40+ days ahead ('alto').
    for (let day = 0; day < 40 && !(seen.treated && seen.holdout); day++) {
      const start = new Date(Date.parse('2027-01-04T13:00:00.000Z') + day * D);
      if (start.getUTCDay() === 0 || start.getUTCDay() === 6) continue;
      const a = await book(consented, start.toISOString(), 'drB');
      expect(a.risk?.band).toBe('alto');
      const date = start.toISOString().slice(0, 10);
      const assignment = (await actionsOf(a, date))[0]?.assignment;
      if (assignment && !seen[assignment]) seen[assignment] = a;
    }
    await manager.prediction.savePolicy({ ...policy, holdoutPercent: 0 });
    const { treated, holdout } = seen as Required<typeof seen>;
    expect(treated && holdout).toBeTruthy();

    const extra = (rows: Awaited<ReturnType<typeof outbox>>, startsAt: string) =>
      rows.filter(
        (r) =>
          r.kind === 'pedido_confirmacao' && new Date(r.due_at).getTime() === Date.parse(startsAt) - 72 * H,
      );
    expect(extra(await outbox(treated.id), treated.startsAt).map((r) => r.status)).toEqual(['queued']);
    expect(extra(await outbox(holdout.id), holdout.startsAt)).toEqual([]);
    // The plan's own 48 h request and 24 h reminder go to both groups.
    expect((await outbox(holdout.id)).map((r) => r.kind)).toEqual([
      'pedido_confirmacao',
      'lembrete_consulta',
    ]);

    const treatedActions = await actionsOf(treated, treated.startsAt.slice(0, 10));
    expect(treatedActions.find((x) => x.action === 'confirmation_request')).toMatchObject({
      status: 'done',
      detail: 'Pedido extra de confirmação agendado pelo WhatsApp para 3 dias antes',
    });
    expect(treatedActions.find((x) => x.action === 'deposit_intent')?.status).toBe('planned');
    const holdoutActions = await actionsOf(holdout, holdout.startsAt.slice(0, 10));
    expect(new Set(holdoutActions.map((x) => x.status))).toEqual(new Set(['withheld']));

    // Acting on the plan: the deposit intent is recorded; a withheld action cannot be done.
    const reception = await f.as('reception');
    const deposit = treatedActions.find((x) => x.action === 'deposit_intent');
    const done = await reception.scheduling.noShowAct({ actionId: deposit?.id ?? '', decision: 'do' });
    expect(done.status).toBe('done');
    expect(done.detail).toMatch(/^Pedido de sinal registrado .* por .+ em 25\/11 às 09:00$/);
    const again = await failure(
      reception.scheduling.noShowAct({ actionId: deposit?.id ?? '', decision: 'do' }),
    );
    expect(again.message).toBe('Esta ação já foi registrada como feita ou dispensada.');
    const withheld = await failure(
      reception.scheduling.noShowAct({ actionId: holdoutActions[0]?.id ?? '', decision: 'do' }),
    );
    expect(withheld.message).toBe(
      'Este atendimento está no grupo de controle: a ação não é feita, para medir se as ações reduzem as faltas.',
    );
  });

  it('"do" on a confirmation request queues it now when the client consented, and refuses otherwise', async () => {
    const reception = await f.as('reception');
    // Tuesday 1 December, 10:00 (six days ahead, 'medio': one confirmation request planned).
    const withConsent = await book(consented, '2026-12-01T13:00:00.000Z', 'drB');
    const without = await book(client(1), '2026-12-01T13:00:00.000Z', 'drA');
    const [request] = await actionsOf(withConsent, '2026-12-01');
    expect(request).toMatchObject({ action: 'confirmation_request', status: 'planned' });
    const before = (await outbox(withConsent.id)).length;
    const done = await reception.scheduling.noShowAct({ actionId: request?.id ?? '', decision: 'do' });
    expect(done.status).toBe('done');
    expect(done.detail).toMatch(
      /^Pedido de confirmação colocado na fila do WhatsApp por .+ em 25\/11 às 09:00$/,
    );
    const rows = await outbox(withConsent.id);
    expect(rows).toHaveLength(before + 1);
    expect(rows.find((r) => r.source_event === 'noshow.action')).toMatchObject({
      kind: 'pedido_confirmacao',
      status: 'queued',
    });

    const [refused] = await actionsOf(without, '2026-12-01');
    const outcome = await failure(
      reception.scheduling.noShowAct({ actionId: refused?.id ?? '', decision: 'do' }),
    );
    expect(outcome.message).toBe('Cliente sem consentimento para receber mensagens de confirmação.');
    expect((await actionsOf(without, '2026-12-01'))[0]?.status).toBe('planned');
    expect((await outbox(without.id)).filter((r) => r.source_event === 'noshow.action')).toEqual([]);
    const dismissed = await reception.scheduling.noShowAct({
      actionId: refused?.id ?? '',
      decision: 'dismiss',
    });
    expect(dismissed).toMatchObject({ status: 'dismissed' });
    expect(dismissed.detail).toMatch(/^Dispensada por .+ em 25\/11 às 09:00$/);
  });

  it("the panel lists tomorrow's risky appointments, highest score first", async () => {
    // Booked on 1 October for Thursday 26 November (56 days ahead) …
    clock.set('2026-10-01T12:00:00.000Z');
    const early = await book(client(2), '2026-11-26T13:00:00.000Z');
    clock.set(NOW);
    // … and today, for tomorrow; one more that is then cancelled.
    const late = await book(client(3), '2026-11-26T17:00:00.000Z', 'drB');
    const cancelled = await book(client(4), '2026-11-26T17:00:00.000Z');
    const reception = await f.as('reception');
    await reception.agenda.cancel({ appointmentId: cancelled.id, by: 'cliente', reason: 'Viagem' });
    const panel = await reception.scheduling.noShowPanel();
    expect(panel).toMatchObject({
      date: '2026-11-26',
      clinicId: f.org.clinicId,
      timeZone: 'America/Sao_Paulo',
    });
    expect(panel.items.map((i) => [i.appointment.id, i.appointment.risk?.band])).toEqual([
      [early.id, 'alto'],
      [late.id, 'medio'],
    ]);
    expect(panel.items[0]?.actions.map((a) => a.action)).toEqual([
      'confirmation_request',
      'deposit_intent',
      'waitlist_suggestion',
    ]);
    expect(panel.items[1]?.actions.map((a) => a.action)).toEqual(['confirmation_request']);
  });

  it('roles without the permission are refused', async () => {
    const aesthetician = await f.as('aesthetician');
    expect((await failure(aesthetician.scheduling.noShowPanel())).code).toBe('FORBIDDEN');
    const [item] = (await panelFor('2026-11-26')).items;
    const act = aesthetician.scheduling.noShowAct({ actionId: item?.actions[0]?.id ?? '', decision: 'do' });
    expect((await failure(act)).code).toBe('FORBIDDEN');
  });

  it('trained on the agenda history: prior no-shows and a long lead score above a first-time booking this week', async () => {
    // The clinic's past (June–September): longer leads and earlier no-shows are missed more often.
    const r = rng(7);
    const noShows = new Map<string, number>();
    const visits = new Map<string, number>();
    const rows: (typeof appointments.$inferInsert)[] = [];
    const history: (typeof appointmentStatusHistory.$inferInsert)[] = [];
    for (let i = 0; i < 1300; i++) {
      const clientId = client(20 + (i % 60));
      const start = Date.parse('2026-06-01T11:00:00.000Z') + i * 2 * H;
      const lead = Math.floor(r() * 45);
      const prior = Math.min(2, noShows.get(clientId) ?? 0);
      const missed = r() < 1 / (1 + Math.exp(2.6 - 0.05 * lead - 1.4 * prior));
      const id = crypto.randomUUID();
      rows.push({
        id,
        organizationId: f.org.organizationId,
        clinicId: f.org.clinicId,
        clientId,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people.drA.userId,
        status: missed ? 'faltou' : 'concluido',
        startsAt: new Date(start),
        serviceEndsAt: new Date(start + 50 * 60_000),
        endsAt: new Date(start + H),
        createdAt: new Date(start - lead * D - 3 * H),
        updatedAt: new Date(start + H),
      });
      history.push({
        organizationId: f.org.organizationId,
        appointmentId: id,
        fromStatus: 'agendado',
        toStatus: missed ? 'faltou' : 'chegou',
        source: 'recepcao',
        changedAt: new Date(start + (missed ? 30 : -5) * 60_000),
      });
      if (missed) noShows.set(clientId, (noShows.get(clientId) ?? 0) + 1);
      else visits.set(clientId, (visits.get(clientId) ?? 0) + 1);
    }
    await database.db.insert(appointments).values(rows);
    await database.db.insert(appointmentStatusHistory).values(history);

    const manager = await f.as('manager');
    const run = await manager.prediction.startTraining();
    await trainingSettled(run.id);
    const [version] = await manager.prediction.modelVersions();
    expect(version).toMatchObject({ status: 'promoted', method: expect.not.stringMatching('base_rates') });
    expect(version?.nTrain).toBeGreaterThan(1000);

    // Unit totals are cached for ten minutes: a later booking sees the imported outcomes.
    clock.advance(15 * 60_000);
    const byNoShows = [...noShows.entries()].sort((a, b) => b[1] - a[1]);
    const frequentMisser = byNoShows[0]?.[0] as string;
    const firstTimer = client(5);
    const far = await book(frequentMisser, '2027-01-13T13:00:00.000Z');
    const soon = await book(firstTimer, '2026-11-27T13:00:00.000Z', 'drB');
    expect(far.risk?.modelVersion).toBe(version?.version);
    expect(far.risk?.score).toBeGreaterThan(soon.risk?.score ?? 1);
    expect(far.risk?.factors.length).toBeGreaterThan(0);
    // Same lead, same day: the client who always came scores below the one who missed.
    const reliable = [...visits.keys()].find((c) => !noShows.has(c)) as string;
    const sameLead = await book(reliable, '2027-01-13T13:00:00.000Z', 'drB');
    expect(far.risk?.score).toBeGreaterThan(sameLead.risk?.score ?? 1);

    // The daily refresh re-scores tomorrow's appointments with the new version.
    const panelBefore = await panelFor('2026-11-26');
    expect(panelBefore.items.every((i) => i.appointment.risk?.modelVersion === null)).toBe(true);
    // The next 48 hours hold tomorrow's two open appointments.
    const { scored } = await rescoreUpcoming({ database, clock });
    expect(scored).toBe(2);
    const day = await (await f.as('reception')).agenda.day({ date: '2026-11-26' });
    const open = day.appointments.filter((a) => a.status === 'agendado');
    expect(open.map((a) => a.risk?.modelVersion)).toEqual(open.map(() => version?.version));
  });
});
