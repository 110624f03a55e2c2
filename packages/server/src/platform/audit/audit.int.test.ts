import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, testDrivers } from '../../testing';
import { PLATFORM_ORGANIZATION_ID, recordAudit, verifyAuditChain } from './audit';

const ORG_A = '11111111-1111-4111-8111-111111111111';
const ORG_B = '22222222-2222-4222-8222-222222222222';

describe.each(testDrivers())('audit trail on $name', (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  const record = (
    organizationId: string | null,
    action: string,
    extra: Partial<Parameters<typeof recordAudit>[1]> = {},
  ) =>
    database.db.transaction((tx) =>
      recordAudit(tx, {
        organizationId,
        action,
        entityType: 'client',
        entityId: 'c-1',
        actor: { userId: '33333333-3333-4333-8333-333333333333', role: 'recepcionista' },
        origin: { ip: '10.0.0.7', userAgent: 'Firefox', requestId: 'req-42' },
        ...extra,
      }),
    );

  it('chains events per organisation, starting from the genesis hash', async () => {
    const first = await record(ORG_A, 'client.create', { changedFields: ['phone', 'cpf'] });
    const second = await record(ORG_A, 'client.read');
    const other = await record(ORG_B, 'client.read');
    expect(first.seq).toBe(1);
    expect(first.prevHash).toBe('0'.repeat(64));
    expect(first.changedFields).toEqual(['cpf', 'phone']);
    expect(second.seq).toBe(2);
    expect(second.prevHash).toBe(first.hash);
    expect(other.seq).toBe(1);
    const report = await verifyAuditChain(database.db);
    expect(report.ok).toBe(true);
    expect(report.heads[ORG_A]).toEqual({ seq: 2, hash: second.hash });
  });

  it('commits or rolls back together with the action', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await recordAudit(tx, {
          organizationId: ORG_B,
          action: 'client.update',
          entityType: 'client',
          entityId: 'c-9',
        });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const rows = await database.query(sql`select 1 from audit_events where entity_id = 'c-9'`);
    expect(rows).toHaveLength(0);
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(database.exec(`update audit_events set action = 'client.delete'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(database.exec(`delete from audit_events`)).rejects.toThrow(/append-only/);
    await expect(database.exec(`truncate audit_events`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('refuses values where only field names belong', async () => {
    await expect(record(ORG_A, 'client.update', { changedFields: ['529.982.247-25'] })).rejects.toThrow();
  });

  it('keeps a gapless chain under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        record(PLATFORM_ORGANIZATION_ID, 'system.probe', { entityId: `p-${i}` }),
      ),
    );
    const rows = await database.query<{ seq: string }>(
      sql`select seq from audit_events where organization_id = ${PLATFORM_ORGANIZATION_ID} order by seq`,
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
  });

  it('detects a row altered by a superuser who bypassed the trigger', async () => {
    await record(ORG_A, 'client.read');
    await database.exec(`
      begin;
      set local session_replication_role = replica;
      update audit_events set actor_role = 'gestor' where organization_id = '${ORG_A}' and seq = 2;
      commit;`);
    const report = await verifyAuditChain(database.db);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({ organizationId: ORG_A, kind: 'content_mismatch', seq: 2 }),
    ]);
  });

  it('detects a deleted row and a rewritten link', async () => {
    for (let i = 0; i < 3; i++) await record(ORG_B, 'client.read');
    await database.exec(`
      begin;
      set local session_replication_role = replica;
      delete from audit_events where organization_id = '${ORG_B}' and seq = 2;
      commit;`);
    const report = await verifyAuditChain(database.db);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ organizationId: ORG_B, kind: 'missing_event', seq: 2 }),
    );
  });
});
