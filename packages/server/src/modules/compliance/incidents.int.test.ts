import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Clock } from '../../platform/clock';
import {
  appCode,
  createTestOrganization,
  createTestStaff,
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

/** The LGPD incident register: deadlines in business days, communication, closing, nothing lost. */
describe.each(testDrivers())('security incidents on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let base: Context;
  // Friday 4 December 2026, 15:00 in São Paulo.
  let t = Date.parse('2026-12-04T18:00:00.000Z');
  const clock: Clock = { now: () => new Date(t), sleep: async () => {} };
  const users: Record<string, TestStaffMember> = {};
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    base = testContext(database, { clock, keyring: testKeyring() });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        reception: TEST_STAFF.reception,
        dpo: { roles: ['encarregado_dados'], mfaEnrolled: true },
      }),
    );
  });
  afterAll(() => database.close());

  const as = (who: string) => signInAs(database, base, users[who]);
  const leak = {
    knownAt: '2026-12-04T17:30:00.000Z',
    occurredAt: '2026-12-04T12:00:00.000Z',
    description: 'Planilha com anamneses de clientes enviada por engano a um fornecedor externo.',
    measures: 'Fornecedor confirmou a exclusão por escrito; acesso ao e-mail revisado.',
    dataCategories: ['identificacao', 'saude'] as ('identificacao' | 'saude')[],
    subjectsAffected: 42,
    significantImpact: true,
    criteria: ['dados_sensiveis'] as 'dados_sensiveis'[],
  };

  it('sets the ANPD deadline three business days after the clinic learned of a reportable incident', async () => {
    const dpo = await as('dpo');
    const created = await dpo.compliance.recordIncident(leak);
    expect(created.reportable).toBe(true);
    // Known on Friday: Monday, Tuesday, Wednesday → Wednesday 9 December, 23:59:59.999 in São Paulo.
    expect(created.dueAt).toBe('2026-12-10T02:59:59.999Z');
    const [listed] = await dpo.compliance.incidents();
    expect(listed).toMatchObject({
      id: created.id,
      status: 'aberto',
      isOverdue: false,
      subjectsAffected: 42,
    });
    const detail = await dpo.compliance.incident({ incidentId: created.id });
    expect(detail.description).toBe(leak.description);
    // The account is sealed: the database holds no readable copy of it.
    const [row] = await database.query<{ details_sealed: string }>(
      sql`select details_sealed from security_incidents where id = ${created.id}`,
    );
    expect(row?.details_sealed).not.toContain('Planilha');
  });

  it('registers a minor incident without a deadline, and refuses incomplete or impossible input in pt-BR', async () => {
    const dpo = await as('dpo');
    const minor = await dpo.compliance.recordIncident({
      ...leak,
      description: 'Ficha impressa esquecida no balcão por alguns minutos, recolhida pela equipe.',
      significantImpact: false,
      criteria: [],
      subjectsAffected: 1,
    });
    expect(minor).toMatchObject({ reportable: false, dueAt: null });

    const before = (await dpo.compliance.incidents()).length;
    const refused = async (input: Partial<typeof leak>, pattern: RegExp) => {
      const attempt = dpo.compliance.recordIncident({ ...leak, ...input } as typeof leak);
      await expect(attempt).rejects.toSatisfy((e) => pattern.test(userMessage(e) ?? String(e)));
    };
    await refused({ description: 'vazou' }, /Descrição/);
    await refused({ dataCategories: [] }, /Dados envolvidos/);
    await refused(
      { knownAt: '2026-12-05T12:00:00.000Z' },
      /^Ciência do incidente: a data não pode estar no futuro/,
    );
    await refused({ occurredAt: '2026-12-04T18:00:00.000Z' }, /^Ocorrência:/);
    expect((await dpo.compliance.incidents()).length).toBe(before);
  });

  it('becomes overdue after the deadline, and may only be closed once communicated', async () => {
    const dpo = await as('dpo');
    const [incident] = (await dpo.compliance.incidents()).filter((i) => i.reportable);
    const incidentId = incident?.id ?? '';
    t = Date.parse('2026-12-10T12:00:00.000Z');
    const late = await as('dpo');
    expect((await late.compliance.incidents()).find((i) => i.id === incidentId)?.isOverdue).toBe(true);
    const early = late.compliance.closeIncident({ incidentId, conclusion: 'Resolvido com o fornecedor.' });
    await expect(early).rejects.toSatisfy((e) => /antes de ser encerrado/.test(userMessage(e) ?? ''));

    const badDate = late.compliance.recordCommunication({
      incidentId,
      anpdCommunicatedAt: '2026-12-01T12:00:00.000Z',
      anpdProtocol: 'ANPD-2026-000123',
    });
    await expect(badDate).rejects.toSatisfy((e) => /^Comunicação à ANPD:/.test(userMessage(e) ?? ''));

    const communicated = await late.compliance.recordCommunication({
      incidentId,
      anpdCommunicatedAt: '2026-12-10T11:00:00.000Z',
      anpdProtocol: 'ANPD-2026-000123',
      subjectsCommunicatedAt: '2026-12-10T11:30:00.000Z',
    });
    // Supplement within 20 business days of Thursday 10 December (Christmas and New Year's Day skipped).
    expect(communicated).toMatchObject({
      status: 'comunicado',
      isOverdue: false,
      anpdProtocol: 'ANPD-2026-000123',
    });
    // Monday 11 January 2027, 23:59:59.999 in São Paulo.
    expect(communicated.supplementDueAt).toBe('2027-01-12T02:59:59.999Z');

    const closed = await late.compliance.closeIncident({
      incidentId,
      conclusion: 'Fornecedor excluiu a planilha.',
    });
    expect(closed.status).toBe('encerrado');
    expect((await late.compliance.incident({ incidentId })).conclusion).toBe(
      'Fornecedor excluiu a planilha.',
    );
    const again = late.compliance.closeIncident({ incidentId, conclusion: 'Fornecedor excluiu a planilha.' });
    await expect(again).rejects.toSatisfy((e) => appCode(e) === 'INVALID_STATE');
  });

  it('keeps the register from the front desk, and every step is in the trail', async () => {
    const reception = await as('reception');
    await expect(reception.compliance.incidents()).rejects.toSatisfy((e) => appCode(e) === 'FORBIDDEN');
    const dpo = await as('dpo');
    const { events } = await dpo.compliance.trail({ group: 'lgpd', limit: 200 });
    const actions = events.map((e) => e.action);
    for (const action of ['incident.create', 'incident.read', 'incident.communicate', 'incident.close'])
      expect(actions).toContain(action);
    // Five years at least: the application role cannot delete a row.
    await expect(
      database.exec(`
        begin;
        set local role clinia_app;
        select set_config('app.organization_id', '${org.organizationId}', true);
        delete from security_incidents;
        commit;`),
    ).rejects.toThrow(/permission denied/);
    await database.exec('rollback').catch(() => {});
  });
});
