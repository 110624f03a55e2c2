import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import {
  appCode,
  createTestOrganization,
  createTestStaff,
  signInAs,
  type TestDatabase,
  type TestOrg,
  type TestStaffMember,
  testContext,
  testDrivers,
  testKeyring,
} from '../../testing';
import type { Context } from '../../trpc/context';
import type { AppointmentHistoryRecord } from './history';
import * as q from './prediction.queries';
import {
  inHoldout,
  recordAppointmentOutcome,
  registerAppointmentHistorySource,
  retrainDueModels,
  scoreAppointments,
  trainingSettled,
} from './prediction.service';

const H = 3_600_000;
const D = 24 * H;

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/** A clinic's past: long lead times are missed more often. */
function pastAppointments(clinicId: string, until: number, n: number): AppointmentHistoryRecord[] {
  const r = rng(11);
  return Array.from({ length: n }, (_, i) => {
    const start = until - (n - i) * 1.2 * H;
    const lead = Math.floor(r() * 40);
    const noShow = r() < 1 / (1 + Math.exp(2.4 - 0.06 * lead));
    return {
      appointmentId: randomUUID(),
      clientId: `c${Math.floor(r() * 900)}`,
      clinicId,
      bookedAt: new Date(start - lead * D - 2 * H),
      startsAt: new Date(start),
      hasTimeOfDay: true,
      status: noShow ? 'no_show' : 'attended',
      outcomeAt: new Date(start + H),
      treatmentCategory: 'facial',
      priceCents: 25_000,
      channel: 'whatsapp',
      confirmationRequestedAt: null,
      confirmedAt: null,
      reminderSentAt: null,
      clientBirthDate: '1988-04-02',
    } satisfies AppointmentHistoryRecord;
  });
}

describe.each(testDrivers())('no-show prediction on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let other: TestOrg;
  let base: Context;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  const now = clock.now();
  const users: Record<string, TestStaffMember> = {};
  let history: AppointmentHistoryRecord[] = [];

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    other = await createTestOrganization(database, 'Outra Rede');
    base = testContext(database, { clock, keyring: testKeyring() });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        manager: { roles: ['gestor'], mfaEnrolled: true },
        reception: { roles: ['recepcionista'] },
        outsider: { org: other, roles: ['gestor'], mfaEnrolled: true },
      }),
    );
    history = pastAppointments(org.clinicId, now.getTime() - D, 2400);
    registerAppointmentHistorySource(async (_tx, organizationId) =>
      organizationId === org.organizationId ? history : [],
    );
  });
  afterAll(() => database.close());

  const as = (who: string) => signInAs(database, base, users[who], { now });

  const upcoming = (over: Partial<AppointmentHistoryRecord> = {}): AppointmentHistoryRecord => ({
    appointmentId: randomUUID(),
    clientId: 'new-client',
    clinicId: org.clinicId,
    bookedAt: new Date(now.getTime() - 43 * D),
    startsAt: new Date(now.getTime() + 2 * D),
    hasTimeOfDay: true,
    status: 'scheduled',
    outcomeAt: null,
    treatmentCategory: 'facial',
    priceCents: 25_000,
    channel: 'whatsapp',
    confirmationRequestedAt: null,
    confirmedAt: null,
    reminderSentAt: null,
    clientBirthDate: '1990-01-01',
    ...over,
  });

  it('before any training, scores use the documented base rates by lead time, with pt-BR factors', async () => {
    const far = upcoming();
    const sameDay = upcoming({
      bookedAt: new Date(now.getTime() - H),
      startsAt: new Date(now.getTime() + 3 * H),
    });
    const scores = await withTenant(database, org.organizationId, (tx) =>
      scoreAppointments(tx, org.organizationId, [far, sameDay], { now }),
    );
    const byId = new Map(scores.map((s) => [s.appointmentId, s]));
    expect(byId.get(far.appointmentId)).toMatchObject({ band: 'alto', modelVersionId: null });
    expect(byId.get(far.appointmentId)?.factors[0]?.text).toBe('marcou com 45 dias de antecedência');
    expect(byId.get(sameDay.appointmentId)).toMatchObject({ band: 'baixo' });
    const stored = await withTenant(database, org.organizationId, (tx) =>
      q.findRiskScores(tx, org.organizationId, [far.appointmentId]),
    );
    expect(stored[0]).toMatchObject({ band: 'alto', modelVersionId: null });
  });

  it('the manager trains in the background; the first version is promoted with holdout metrics', async () => {
    const manager = await as('manager');
    const run = await manager.prediction.startTraining();
    expect(run.state).toBe('queued');
    await trainingSettled(run.id);
    const [done] = await manager.prediction.trainingRuns();
    expect(done).toMatchObject({ id: run.id, state: 'succeeded', progress: 1, decision: 'first_version' });
    const [version] = await manager.prediction.modelVersions();
    expect(version).toMatchObject({ version: 1, status: 'promoted', method: 'gbt', featureSchemaVersion: 2 });
    expect(version?.holdout?.n).toBeGreaterThanOrEqual(200);
    expect(version?.holdout?.auc).toBeGreaterThan(0.6);
    expect(version?.calibration.length).toBe(10);
  }, 120_000);

  it('a retrained version is promoted only if not worse than the promoted one on the same holdout', async () => {
    const manager = await as('manager');
    const run = await manager.prediction.startTraining();
    await trainingSettled(run.id);
    const versions = await manager.prediction.modelVersions();
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    const [latest, first] = versions;
    expect(latest?.comparedWith?.version).toBe(1);
    expect(versions.filter((v) => v.status === 'promoted')).toHaveLength(1);
    // Same data, same code: the new version is exactly as good, so it replaces the old one.
    expect(latest?.status).toBe('promoted');
    expect(first?.status).toBe('retired');
    const scores = await withTenant(database, org.organizationId, (tx) =>
      scoreAppointments(tx, org.organizationId, [...history, upcoming()], { now }),
    );
    expect(scores).toHaveLength(1);
    expect(scores[0]?.modelVersionId).toBe(latest?.id);
  }, 120_000);

  it('policy: default, saved by the manager, refused to reception, validated in pt-BR', async () => {
    const manager = await as('manager');
    const reception = await as('reception');
    const policy = await reception.prediction.policy();
    expect(policy.holdoutPercent).toBe(10);
    const saved = await manager.prediction.savePolicy({ ...policy, holdoutPercent: 20 });
    expect(saved.holdoutPercent).toBe(20);
    expect((await reception.prediction.policy()).holdoutPercent).toBe(20);
    expect(appCode(await reception.prediction.savePolicy(policy).catch((e: unknown) => e))).toBe('FORBIDDEN');
    const invalid = await manager.prediction
      .savePolicy({ ...policy, mediumFrom: 0.4, highFrom: 0.2 })
      .catch((e: unknown) => e);
    expect(JSON.stringify((invalid as { cause?: unknown }).cause)).toContain(
      'Limite da faixa alta: deve ser maior que o da faixa média.',
    );
    // Out of range: the field is named in pt-BR, and the saved policy is unchanged.
    const outOfRange = await manager.prediction
      .savePolicy({ ...policy, mediumFrom: 0, highFrom: 0.3 })
      .catch((e: unknown) => e);
    expect(JSON.stringify((outOfRange as { cause?: unknown }).cause)).toContain(
      'Limite da faixa média: use um valor entre 1% e 99%.',
    );
    expect(await reception.prediction.policy()).toEqual(saved);
  });

  it('actions per band with a stable random holdout; the comparison counts outcomes by group', async () => {
    const manager = await as('manager');
    const policy = await manager.prediction.policy();
    await manager.prediction.savePolicy({
      ...policy,
      mediumFrom: 0.01,
      highFrom: 0.99,
      actions: { baixo: [], medio: ['confirmation_request'], alto: [] },
      holdoutPercent: 30,
    });
    const list = Array.from({ length: 60 }, () => upcoming());
    const first = await withTenant(database, org.organizationId, (tx) =>
      scoreAppointments(tx, org.organizationId, list, { now }),
    );
    const again = await withTenant(database, org.organizationId, (tx) =>
      scoreAppointments(tx, org.organizationId, list, { now }),
    );
    expect(again.map((s) => s.actions)).toEqual(first.map((s) => s.actions));
    const holdout = list.filter((a) => inHoldout(a.appointmentId, 30));
    expect(holdout.length).toBeGreaterThan(5);
    expect(holdout.length).toBeLessThan(35);
    await withTenant(database, org.organizationId, async (tx) => {
      for (const [i, a] of list.entries())
        await recordAppointmentOutcome(
          tx,
          org.organizationId,
          a.appointmentId,
          i % 4 === 0 ? 'no_show' : 'attended',
          now,
        );
    });
    const comparison = await manager.prediction.comparison();
    const row = comparison.find((r) => r.action === 'confirmation_request');
    expect(row?.holdout.appointments).toBe(holdout.length);
    expect((row?.treated.appointments ?? 0) + (row?.holdout.appointments ?? 0)).toBe(60);
    const noShows = list.filter((_, i) => i % 4 === 0).length;
    expect((row?.treated.noShows ?? 0) + (row?.holdout.noShows ?? 0)).toBe(noShows);
  });

  it('scheduled retraining: only organisations with history whose version is over a week old', async () => {
    const manager = await as('manager');
    const before = (await manager.prediction.modelVersions()).length;
    expect((await retrainDueModels(base)).started).toBe(0);
    const later = { ...base, clock: fixedClock(new Date(now.getTime() + 8 * D).toISOString()) };
    expect((await retrainDueModels(later)).started).toBe(1);
    const runs = await manager.prediction.trainingRuns();
    expect(runs[0]).toMatchObject({ trigger: 'scheduled', state: 'succeeded' });
    expect((await manager.prediction.modelVersions()).length).toBe(before + 1);
  }, 120_000);

  it('another organisation sees none of it', async () => {
    const outsider = await as('outsider');
    expect(await outsider.prediction.modelVersions()).toEqual([]);
    expect(await outsider.prediction.trainingRuns()).toEqual([]);
    expect(await outsider.prediction.comparison()).toEqual([]);
  });
});
