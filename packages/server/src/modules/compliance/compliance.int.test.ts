import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../platform/clock';
import {
  appCode,
  createTestOrganization,
  createTestStaff,
  insertTestClient,
  signInAs,
  TEST_STAFF,
  type TestDatabase,
  type TestOrg,
  type TestStaffMember,
  testContext,
  testDrivers,
  testKeyring,
  userMessage,
} from '../../testing';
import type { Context } from '../../trpc/context';

/** The compliance area reads the trail the services write, and checks its hash chain. */
describe.each(testDrivers())('audit trail reading on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let otherOrg: TestOrg;
  let base: Context;
  let clientId: string;
  let t = Date.parse('2026-11-25T12:00:00.000Z');
  const clock: Clock = { now: () => new Date(t), sleep: async () => {} };
  const users: Record<string, TestStaffMember> = {};
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    otherOrg = await createTestOrganization(database, 'Outra Rede');
    base = testContext(database, { clock, keyring: testKeyring() });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        reception: TEST_STAFF.reception,
        manager: TEST_STAFF.manager,
        dpo: { roles: ['encarregado_dados'], mfaEnrolled: true },
      }),
      await createTestStaff(database, otherOrg, { outsider: { ...TEST_STAFF.reception, org: otherOrg } }),
    );
    clientId = await insertTestClient(database, org, { fullName: 'Helena Prado', birthDate: '1990-03-02' });
  });
  afterAll(() => database.close());

  const as = (who: string) => signInAs(database, base, users[who]);

  it('shows the organisation’s events newest first, with who did what, and nothing of another network', async () => {
    const reception = await as('reception');
    await reception.clients.get({ clientId });
    t += 60_000;
    await (await as('outsider')).clients.search({ query: 'Helena' });
    const dpo = await as('dpo');
    const { events } = await dpo.compliance.trail({});
    const read = events.find((e) => e.action === 'client.read');
    expect(read).toMatchObject({
      actorUserId: users.reception?.userId,
      actorName: expect.any(String),
      entityType: 'client',
      entityId: clientId,
      outcome: 'success',
    });
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(events.some((e) => e.actorUserId === users.outsider?.userId)).toBe(false);
  });

  it('filters by area, person, record, outcome and period', async () => {
    const reception = await as('reception');
    await expect(reception.compliance.trail({})).rejects.toSatisfy((e) => appCode(e) === 'FORBIDDEN');
    const dpo = await as('dpo');

    const clientsArea = await dpo.compliance.trail({ group: 'clientes' });
    expect(clientsArea.events.length).toBeGreaterThan(0);
    expect(clientsArea.events.every((e) => e.action.startsWith('client.'))).toBe(true);

    const byReception = await dpo.compliance.trail({ actorUserId: users.reception?.userId });
    expect(byReception.events.length).toBeGreaterThan(0);
    expect(byReception.events.every((e) => e.actorUserId === users.reception?.userId)).toBe(true);

    const byRecord = await dpo.compliance.trail({ entityType: 'client', entityId: clientId });
    expect(byRecord.events.map((e) => e.action)).toContain('client.read');
    expect(byRecord.events.every((e) => e.entityId === clientId)).toBe(true);

    // The receptionist's attempt to open the trail is in it, as a denial.
    const denied = await dpo.compliance.trail({ outcome: 'denied' });
    expect(denied.events[0]).toMatchObject({
      action: 'authz.denied',
      entityId: 'audit.read',
      actorUserId: users.reception?.userId,
    });

    const before = await dpo.compliance.trail({ to: '2026-11-25T11:59:00.000Z' });
    expect(before.events).toEqual([]);
    const during = await dpo.compliance.trail({
      from: '2026-11-25T12:00:00.000Z',
      to: '2026-11-25T12:00:30.000Z',
    });
    expect(during.events.map((e) => e.action)).toContain('client.read');
    expect(during.events.every((e) => e.occurredAt <= '2026-11-25T12:00:30.000Z')).toBe(true);
  });

  it('pages without gaps or repeats, and records each reading of the trail', async () => {
    const dpo = await as('dpo');
    const all = await dpo.compliance.trail({ limit: 200 });
    const first = await dpo.compliance.trail({ limit: 3 });
    expect(first.events).toHaveLength(3);
    expect(first.nextCursor).toBe(first.events[2]?.seq);
    const second = await dpo.compliance.trail({ limit: 3, cursor: first.nextCursor ?? 0 });
    expect(second.events[0]?.seq).toBe((first.events[2]?.seq ?? 0) - 1);
    // Each call above read the trail and was recorded after reading: the newest event now is the
    // reading of `second`, made with the `limit` and `cursor` of a page (names only).
    const latest = await dpo.compliance.trail({ limit: 1 });
    expect(latest.events[0]).toMatchObject({ action: 'audit.trail.read', actorUserId: users.dpo?.userId });
    expect(latest.events[0]?.seq).toBe((all.events[0]?.seq ?? 0) + 3);
    const readings = await dpo.compliance.trail({ group: 'clinica', limit: 200 });
    expect(readings.events.filter((e) => e.action === 'audit.trail.read').length).toBeGreaterThanOrEqual(5);
  });

  it('refuses a period that ends before it starts, naming the field in pt-BR', async () => {
    const dpo = await as('dpo');
    const attempt = dpo.compliance.trail({
      from: '2026-11-26T00:00:00.000Z',
      to: '2026-11-25T00:00:00.000Z',
    });
    await expect(attempt).rejects.toSatisfy((e) => /^Período:/.test(userMessage(e) ?? ''));
  });

  it('confirms an intact chain and names the first altered event of a tampered one', async () => {
    const manager = await as('manager');
    const intact = await manager.compliance.verify();
    expect(intact.ok).toBe(true);
    expect(intact.problem).toBeNull();
    expect(intact.events).toBe(intact.head.seq);

    // A superuser who bypasses the append-only trigger rewrites who did something, first in another
    // network (not this network's chain), then in this one.
    const tamper = (organizationId: string) =>
      database.exec(`
        begin;
        set local session_replication_role = replica;
        update audit_events set actor_role = 'gestor'
         where organization_id = '${organizationId}' and seq = 1;
        commit;`);
    await tamper(otherOrg.organizationId);
    expect((await manager.compliance.verify()).ok).toBe(true);
    await tamper(org.organizationId);
    const tampered = await manager.compliance.verify();
    expect(tampered.ok).toBe(false);
    expect(tampered.problem).toEqual({
      seq: 1,
      description: 'conteúdo do evento 1 foi alterado depois de gravado',
    });
    const checks = await manager.compliance.trail({ group: 'clinica', limit: 200 });
    expect(checks.events.filter((e) => e.action === 'audit.verify').map((e) => e.outcome)).toEqual([
      'failure',
      'success',
      'success',
    ]);
    const [{ n } = { n: 0 }] = await database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where organization_id = ${org.organizationId} and action = 'audit.verify'`,
    );
    expect(n).toBe(3);
  });
});
