import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganization, type TestDatabase, testDrivers } from '../../testing';
import { DEMO_TEAM, E2E_MANAGER, seedDemoTeam } from './staff.seed';

/**
 * The demo team, and the second manager only the end-to-end run asks for (DEMO_E2E_MANAGER): a plain
 * demo has no such account, and the sign-in page's list (DEMO_TEAM) never shows it.
 */
describe.each(testDrivers())('demo team on $name', (driver) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await driver.open();
  });
  afterAll(() => database.close());

  const managersOf = (organizationId: string) =>
    database.query<{ email: string; clinics: number }>(sql`
      select u.email, count(distinct m.clinic_id)::int as clinics
        from users u join memberships m on m.user_id = u.id
       where u.organization_id = ${organizationId} and m.role = 'gestor'
       group by u.email order by u.email`);

  it('adds the unlisted end-to-end manager only when asked', async () => {
    expect(DEMO_TEAM.map((m) => m.email)).not.toContain(E2E_MANAGER.email);
    const plain = await createTestOrganization(database, 'Rede Demo');
    const now = new Date('2026-11-25T12:00:00.000Z');
    await database.db.transaction((tx) =>
      seedDemoTeam(tx, plain.organizationId, [plain.clinicId], now, 'plain'),
    );
    expect(await managersOf(plain.organizationId)).toEqual([
      { email: 'gestor+plain@clinica.example', clinics: 1 },
    ]);

    const e2e = await createTestOrganization(database, 'Rede E2E');
    const team = await database.db.transaction((tx) =>
      seedDemoTeam(tx, e2e.organizationId, [e2e.clinicId], now, 'e2e', { e2eManager: true }),
    );
    expect(team.users).toBe(DEMO_TEAM.length + 1);
    expect(await managersOf(e2e.organizationId)).toEqual([
      { email: 'gestao.e2e+e2e@clinica.example', clinics: 1 },
      { email: 'gestor+e2e@clinica.example', clinics: 1 },
    ]);
  });
});
