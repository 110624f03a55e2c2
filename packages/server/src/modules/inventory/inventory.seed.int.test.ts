import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lots, treatments } from '../../db/schema';
import { seedDemo } from '../../demo/seed';
import { fixedClock } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import { type TestDatabase, testDrivers, testKeyring } from '../../testing';
import { testContext } from '../../testing/context';
import { stockAlerts } from './alerts.service';
import { getTraceability } from './traceability.service';

describe.each(testDrivers())('demo catalog and stock on $name', (driver) => {
  let database: TestDatabase;
  let organizationId = '';
  let clinicId = '';
  const clock = fixedClock('2026-12-03T12:00:00.000Z');
  beforeAll(async () => {
    database = await driver.open();
    const report = await seedDemo(
      database,
      { seed: 11, clinics: 2, clients: 30 },
      { clock, keyring: testKeyring() },
    );
    organizationId = report.organizationId;
    clinicId = report.clinicIds[0] ?? '';
    expect(report.steps.map((s) => s.name)).toContain('inventory');
  });
  afterAll(() => database.close());

  const actor = (roles: ('gestor' | 'medico')[] = ['gestor']) => ({
    userId: '00000000-0000-0000-0000-000000000001',
    organizationId,
    sessionId: '00000000-0000-0000-0000-000000000002',
    clinicId,
    roles,
    isMfaEnrolled: true,
    isMfaVerified: true,
    reauthenticatedAt: null,
    activeLicences: [],
  });

  it('seeds about 25 treatments with materials, lots per clinic, one expiring and one quarantined', async () => {
    const rows = await database.db
      .select()
      .from(treatments)
      .where(eq(treatments.organizationId, organizationId));
    expect(rows.length).toBeGreaterThanOrEqual(25);
    const quarantined = await database.db
      .select()
      .from(lots)
      .where(and(eq(lots.organizationId, organizationId), eq(lots.status, 'quarentena')));
    expect(quarantined.map((l) => [l.lotNumber, l.onHand])).toEqual([['HAL2511Q', 6]]);
    const alerts = await stockAlerts(testContext(database, { clock }), actor(), { horizonDays: 14 });
    expect(alerts.expiring.map((l) => [l.lotNumber, l.expiryBand])).toContainEqual(['TXA2409B', 'ate_30']);
  });

  it('the quarantined lot traces back to the demo clients who received it', async () => {
    const [lot] = await database.db.select().from(lots).where(eq(lots.lotNumber, 'HAL2511Q'));
    const report = await getTraceability(testContext(database, { clock }), actor(['medico']), lot?.id ?? '');
    expect(report.clientCount).toBe(6);
    expect(new Set(report.rows.map((r) => r.professionalName)).size).toBeGreaterThan(0);
    expect(report.rows.every((r) => r.clientName.length > 3)).toBe(true);
    const sum = await withTenant(database, organizationId, async (tx) =>
      tx.select().from(lots).where(eq(lots.clinicId, clinicId)),
    );
    expect(sum.every((l) => l.onHand >= 0)).toBe(true);
  });
});
