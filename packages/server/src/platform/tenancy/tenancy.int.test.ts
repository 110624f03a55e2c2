import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestOrganization,
  createTestUser,
  type TestDatabase,
  type TestOrg,
  testDrivers,
} from '../../testing';
import { withTenant } from './tenancy';

describe.each(testDrivers())('tenant isolation on $name', (driver) => {
  let database: TestDatabase;
  let a: TestOrg;
  let b: TestOrg;
  beforeAll(async () => {
    database = await driver.open();
    a = await createTestOrganization(database, 'Rede A');
    b = await createTestOrganization(database, 'Rede B');
    await createTestUser(database, a, { roles: ['recepcionista'], clinicId: a.clinicId });
    await createTestUser(database, b, { roles: ['recepcionista'], clinicId: b.clinicId });
    await createTestUser(database, b, { roles: ['gestor'], clinicId: b.clinicId });
  });
  afterAll(() => database.close());

  it('a query with no filter at all, inside a tenant transaction, sees only that tenant', async () => {
    const rows = await withTenant(database, a.organizationId, (tx) =>
      tx.execute(
        sql`select organization_id from users union all select organization_id from clinics union all select id from organizations`,
      ),
    );
    const orgs = new Set(
      (rows as unknown as { rows: { organization_id: string }[] }).rows.map((r) => r.organization_id),
    );
    expect([...orgs]).toEqual([a.organizationId]);
    const countB = await withTenant(database, b.organizationId, (tx) =>
      tx.execute(sql`select count(*)::int as n from users`),
    );
    expect((countB as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(2);
  });

  /** The PostgreSQL error under Drizzle's "Failed query" wrapper. */
  const databaseMessage = (error: unknown) =>
    String((error as { cause?: { message?: string } }).cause?.message ?? error);

  it('refuses to write a row into another tenant', async () => {
    const error = await withTenant(database, a.organizationId, (tx) =>
      tx.execute(sql`insert into memberships (organization_id, clinic_id, user_id, role)
                     select ${b.organizationId}, ${b.clinicId}, id, 'gestor' from users limit 1`),
    ).catch((e: unknown) => e);
    expect(databaseMessage(error)).toMatch(/row-level security/);
  });

  it('cannot update or delete the audit trail even without the triggers, as the application role', async () => {
    const error = await withTenant(database, a.organizationId, (tx) =>
      tx.execute(sql`delete from audit_events`),
    ).catch((e: unknown) => e);
    expect(databaseMessage(error)).toMatch(/permission denied for table audit_events/);
  });

  it('every table that carries organization_id has row-level security and a policy', async () => {
    const rows = await database.query<{ table_name: string; rls: boolean; policies: number }>(sql`
      select c.table_name, t.relrowsecurity as rls,
             (select count(*)::int from pg_policies p where p.tablename = c.table_name) as policies
      from information_schema.columns c
      join pg_class t on t.relname = c.table_name and t.relkind = 'r'
      join pg_namespace n on n.oid = t.relnamespace and n.nspname = 'public'
      where c.table_schema = 'public' and c.column_name = 'organization_id'
      order by c.table_name`);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows)
      expect({ table: row.table_name, rls: row.rls, hasPolicy: row.policies > 0 }).toEqual({
        table: row.table_name,
        rls: true,
        hasPolicy: true,
      });
  });
});

describe('transaction nesting', () => {
  it('fails loudly instead of deadlocking when a transaction opens another', async () => {
    const [driver] = testDrivers();
    const database = await driver!.open();
    try {
      await expect(
        withTenant(database, '00000000-0000-4000-8000-000000000001', () =>
          withTenant(database, '00000000-0000-4000-8000-000000000001', async () => 1),
        ),
      ).rejects.toThrow('nested transaction');
    } finally {
      await database.close();
    }
  });
});
