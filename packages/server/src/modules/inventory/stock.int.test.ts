import type { TReceiveLotInputRaw } from '@clinia/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, lots, stockMovements } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
import { isAppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import {
  appCode,
  createTestOrganization,
  createTestStaff,
  insertTestClient,
  insertTestProducts,
  signInAs,
  TEST_PRODUCTS,
  TEST_STAFF,
  type TestDatabase,
  type TestOrg,
  type TestStaffMember,
  testContext,
  testDrivers,
  userMessage,
} from '../../testing';
import type { Context } from '../../trpc/context';
import { emptyAgendaSource, inMemoryAgendaSource, registerBookedAgendaSource } from './ports';
import { drawStockInTx } from './stock.service';

describe.each(testDrivers())('lots and the stock ledger on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let other: TestOrg;
  let base: Context;
  const clock = fixedClock('2026-12-03T13:00:00.000Z');
  const users: Record<string, TestStaffMember> = {};
  let toxinId = '';
  let fillerId = '';
  let clientId = '';

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    other = await createTestOrganization(database, 'Outra Rede');
    base = testContext(database, { clock });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        ...TEST_STAFF,
        outsider: { org: other, roles: ['gestor'], mfaEnrolled: true },
      }),
    );
    ({ toxin: toxinId, filler: fillerId } = await insertTestProducts(database, org, clock.now(), {
      toxin: { ...TEST_PRODUCTS.toxin, reorderPoint: 100 },
      filler: TEST_PRODUCTS.filler,
    }));
    clientId = await insertTestClient(database, org, {
      fullName: 'Marina Teste Rastreio',
      birthDate: '1990-05-01',
    });
  });
  afterAll(() => database.close());

  const as = (who: string, options: { reauthenticated?: boolean } = {}) =>
    signInAs(database, base, users[who], options);

  const receipt = (overrides: Partial<TReceiveLotInputRaw> = {}): TReceiveLotInputRaw => ({
    productId: toxinId,
    lotNumber: 'TX-1001',
    expiryDate: '2027-06-30',
    supplier: 'Distribuidora Saúde Ltda.',
    invoiceNumber: '12345',
    receivedOn: '2026-12-03',
    storageLocation: 'Geladeira 1',
    quantity: 100,
    ...overrides,
  });

  const draw = (quantity: number, lotId?: string, productId = toxinId) =>
    withTenant(database, org.organizationId, (tx) =>
      drawStockInTx(tx, {
        organizationId: org.organizationId,
        clinicId: org.clinicId,
        productId,
        quantity,
        lotId,
        reference: { sessionId: null, clientId, professionalId: users.doctor?.userId ?? '' },
        occurredAt: clock.now(),
      }),
    );

  const usable = async (productId: string) => {
    const balances = await (await as('manager')).inventory.balances({ clinicId: org.clinicId });
    return balances.find((b) => b.productId === productId)?.usable;
  };

  it('receiving a lot raises the stock, through the ledger, audited', async () => {
    const reception = await as('reception');
    expect(await usable(toxinId)).toBe(0);
    const lot = await reception.inventory.receiveLot(receipt());
    expect(lot).toMatchObject({ lotNumber: 'TX-1001', onHand: 100, status: 'ativo', isUsable: true });
    expect(await usable(toxinId)).toBe(100);
    // Receiving more of the same lot adds to it; a different expiry for the same number is refused.
    await reception.inventory.receiveLot(receipt({ quantity: 50, invoiceNumber: '12399' }));
    expect(await usable(toxinId)).toBe(150);
    const mismatch = await reception.inventory
      .receiveLot(receipt({ expiryDate: '2027-07-31' }))
      .catch((e: unknown) => e);
    expect(appCode(mismatch)).toBe('LOT_EXPIRY_MISMATCH');
    expect(userMessage(mismatch)).toBe(
      'Validade: o lote TX-1001 já está cadastrado com validade 30/06/2027. Confira a embalagem.',
    );
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, lot.id));
    expect(audit.map((a) => a.action)).toEqual(['lot.create', 'stock.receipt', 'stock.receipt']);
  });

  it('the application cannot write a balance directly', async () => {
    const error = await withTenant(database, org.organizationId, (tx) =>
      tx.update(lots).set({ onHand: 999 }).where(eq(lots.productId, toxinId)),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await usable(toxinId)).toBe(150);
  });

  it('draws first-expiry-first-out, spanning two lots, each use tracing client and professional', async () => {
    const reception = await as('reception');
    await reception.inventory.receiveLot(
      receipt({ lotNumber: 'TX-0999', expiryDate: '2027-02-28', quantity: 20 }),
    );
    const suggestion = await reception.inventory.suggestLots({ productId: toxinId, quantity: 50 });
    expect(suggestion.suggestion.map((s) => [s.lotNumber, s.quantity])).toEqual([
      ['TX-0999', 20],
      ['TX-1001', 30],
    ]);
    const drawn = await draw(50);
    expect(drawn.map((d) => [d.lotNumber, d.quantity])).toEqual([
      ['TX-0999', 20],
      ['TX-1001', 30],
    ]);
    const uses = await database.db.select().from(stockMovements).where(eq(stockMovements.kind, 'use'));
    expect(uses.map((u) => [u.quantity, u.clientId, u.professionalId])).toEqual([
      [-20, clientId, users.doctor?.userId],
      [-30, clientId, users.doctor?.userId],
    ]);
    expect(await usable(toxinId)).toBe(120);
  });

  it('refuses more than the stock, an expired lot and a quarantined lot, naming the lot', async () => {
    const tooMuch = await draw(121).catch((e: unknown) => e);
    expect(isAppError(tooMuch) && tooMuch.userMessage).toBe(
      'Quantidade: há apenas 120 U de Toxina botulínica 100 U em lotes utilizáveis nesta clínica.',
    );
    const reception = await as('reception');
    const old = await reception.inventory.receiveLot(
      receipt({ lotNumber: 'TX-OLD', expiryDate: '2026-12-20', receivedOn: '2026-11-01', quantity: 10 }),
    );
    // The lot's last day is the clinic's: 22:00 in São Paulo on the 20th is already the 21st in UTC.
    const evening = await reception.inventory.receiveLot(
      receipt({ lotNumber: 'TX-EVE', expiryDate: '2026-12-20', receivedOn: '2026-11-01', quantity: 1 }),
    );
    clock.set('2026-12-21T01:00:00.000Z');
    expect((await draw(1, evening.id)).map((d) => d.lotNumber)).toEqual(['TX-EVE']);
    clock.set('2026-12-21T13:00:00.000Z');
    const expired = await draw(1, old.id).catch((e: unknown) => e);
    expect(isAppError(expired) && expired.userMessage).toBe(
      'Lote: o lote TX-OLD venceu em 20/12/2026 e não pode ser usado.',
    );
    clock.set('2026-12-03T13:00:00.000Z');
    const filler = await reception.inventory.receiveLot(
      receipt({ productId: fillerId, lotNumber: 'HA-77', expiryDate: '2028-01-31', quantity: 4 }),
    );
    const doctor = await as('doctor');
    const quarantined = await doctor.inventory.quarantineLot({
      lotId: filler.id,
      reason: 'Embalagem violada',
    });
    expect(quarantined.map((l) => l.status)).toEqual(['quarentena']);
    const blocked = await draw(1, filler.id, fillerId).catch((e: unknown) => e);
    expect(isAppError(blocked) && blocked.userMessage).toBe(
      'Lote: o lote HA-77 está em quarentena e não pode ser usado até ser liberado.',
    );
    const fefo = await draw(1, undefined, fillerId).catch((e: unknown) => e);
    expect(isAppError(fefo) && fefo.code).toBe('STOCK_INSUFFICIENT');
    // Releasing needs step-up; after it the lot is usable again.
    const noStepUp = await (await as('manager')).inventory
      .releaseLot({ lotId: filler.id, reason: 'Conferido com o fabricante' })
      .catch((e: unknown) => e);
    expect(appCode(noStepUp)).toBe('STEP_UP_REQUIRED');
    const manager = await as('manager', { reauthenticated: true });
    await manager.inventory.releaseLot({ lotId: filler.id, reason: 'Conferido com o fabricante' });
    expect((await draw(1, filler.id, fillerId)).map((d) => d.quantity)).toEqual([1]);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, filler.id));
    expect(audit.map((a) => a.action)).toEqual([
      'lot.create',
      'stock.receipt',
      'lot.quarantine',
      'lot.release',
      'stock.use',
    ]);
  });

  it('parallel withdrawals never leave a negative balance, and exactly the stock is drawn', async () => {
    const reception = await as('reception');
    const lot = await reception.inventory.receiveLot(
      receipt({ productId: fillerId, lotNumber: 'HA-RACE', expiryDate: '2028-03-31', quantity: 10 }),
    );
    const attempts = 24;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, i) => draw(1, i % 2 === 0 ? lot.id : undefined, fillerId)),
    );
    // The two other filler lots hold 3 usable units (HA-77 after one use) besides HA-RACE's 10.
    const successes = results.filter((r) => r.status === 'fulfilled').length;
    const failures = results.filter((r) => r.status === 'rejected');
    expect(successes).toBe(13);
    for (const failure of failures) {
      const code = isAppError(failure.reason) ? failure.reason.code : String(failure.reason);
      expect(['LOT_INSUFFICIENT', 'STOCK_INSUFFICIENT']).toContain(code);
    }
    const negative = await database.query<{ n: number }>(
      sql`select count(*)::int as n from lots where on_hand < 0`,
    );
    expect(negative[0]?.n).toBe(0);
    const ledger = await database.query<{ lot_id: string; total: number; on_hand: number }>(
      sql`select l.id as lot_id, l.on_hand::float8 as on_hand, coalesce(sum(m.quantity), 0)::float8 as total
          from lots l left join stock_movements m on m.lot_id = l.id group by l.id`,
    );
    for (const row of ledger) expect(row.on_hand).toBe(row.total);
    expect(await usable(fillerId)).toBe(0);
  });

  it('a quarantine racing with draws blocks every draw after it, without deadlock or negative stock', async () => {
    const reception = await as('reception');
    const lot = await reception.inventory.receiveLot(
      receipt({ productId: fillerId, lotNumber: 'HA-QRACE', expiryDate: '2028-05-31', quantity: 10 }),
    );
    const doctor = await as('doctor');
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 4 }, () => draw(1, lot.id, fillerId)),
      doctor.inventory.quarantineLot({ lotId: lot.id, reason: 'Alerta de tecnovigilância' }),
      ...Array.from({ length: 4 }, () => draw(1, lot.id, fillerId)),
    ]);
    const quarantine = outcomes[4];
    expect(quarantine?.status).toBe('fulfilled');
    const draws = outcomes.filter((_, i) => i !== 4);
    const drawn = draws.filter((r) => r.status === 'fulfilled').length;
    for (const r of draws) {
      if (r.status === 'rejected') expect(isAppError(r.reason) && r.reason.code).toBe('LOT_BLOCKED');
    }
    const [after] = await (await as('manager')).inventory
      .lots({ productId: fillerId, includeEmpty: true })
      .then((all) => all.filter((l) => l.id === lot.id));
    expect(after).toMatchObject({ status: 'quarentena', onHand: 10 - drawn });
    const late = await draw(1, lot.id, fillerId).catch((e: unknown) => e);
    expect(isAppError(late) && late.code).toBe('LOT_BLOCKED');
  });

  it('losses, adjustments and transfers are ledger movements; a transfer is two linked movements', async () => {
    const manager = await as('manager');
    const [lot] = (await manager.inventory.lots({ clinicId: org.clinicId, productId: toxinId })).filter(
      (l) => l.lotNumber === 'TX-1001',
    );
    if (!lot) throw new Error('no lot');
    const tooMuch = await manager.inventory
      .recordMovement({ kind: 'loss', lotId: lot.id, quantity: 1000, reason: 'Frasco quebrado' })
      .catch((e: unknown) => e);
    expect(appCode(tooMuch)).toBe('LOT_INSUFFICIENT');
    const afterLoss = await manager.inventory.recordMovement({
      kind: 'loss',
      lotId: lot.id,
      quantity: 5,
      reason: 'Frasco quebrado',
    });
    expect(afterLoss.onHand).toBe(lot.onHand - 5);
    const adjusted = await manager.inventory.recordMovement({
      kind: 'adjustment',
      lotId: lot.id,
      delta: 2,
      reason: 'Contagem de inventário',
    });
    expect(adjusted.onHand).toBe(lot.onHand - 3);
    const { from, to } = await manager.inventory.transfer({
      lotId: lot.id,
      toClinicId: org.otherClinicId,
      quantity: 20,
    });
    expect(from.onHand).toBe(lot.onHand - 23);
    expect(to).toMatchObject({
      clinicId: org.otherClinicId,
      lotNumber: 'TX-1001',
      onHand: 20,
      expiryDate: '2027-06-30',
    });
    const moves = await manager.inventory.lotMovements({ lotId: to.id });
    const outs = await manager.inventory.lotMovements({ lotId: lot.id });
    const transferId = moves[0]?.transferId;
    expect(transferId).toBeTruthy();
    expect(outs.find((m) => m.kind === 'transfer_out')?.transferId).toBe(transferId);
    const reception = await as('reception');
    const denied = await reception.inventory
      .recordMovement({ kind: 'loss', lotId: lot.id, quantity: 1, reason: 'Perda' })
      .catch((e: unknown) => e);
    expect(appCode(denied)).toBe('FORBIDDEN');
  });

  it('alerts: lots expiring soon, stock under the reorder point, and the booked agenda against stock', async () => {
    const manager = await as('manager');
    const treatment = await manager.catalog.create({
      name: 'Toxina botulínica — terço superior',
      category: 'injetavel',
      competenceCategory: 'toxina_botulinica',
      durationMin: 30,
      priceCents: 150_000,
      materials: [{ productId: toxinId, quantity: 50 }],
    });
    const day = 86_400_000;
    const now = clock.now().getTime();
    registerBookedAgendaSource(
      inMemoryAgendaSource([
        ...[1, 3, 13].map((d) => ({
          clinicId: org.clinicId,
          treatmentId: treatment.id,
          startsAt: new Date(now + d * day),
        })),
        { clinicId: org.clinicId, treatmentId: treatment.id, startsAt: new Date(now + 20 * day) },
        { clinicId: org.otherClinicId, treatmentId: treatment.id, startsAt: new Date(now + day) },
      ]),
    );
    try {
      const [lot] = (await manager.inventory.lots({ clinicId: org.clinicId, productId: toxinId })).filter(
        (l) => l.lotNumber === 'TX-1001',
      );
      await manager.inventory.recordMovement({
        kind: 'loss',
        lotId: lot?.id ?? '',
        quantity: 8,
        reason: 'Frasco quebrado',
      });
      const alerts = await manager.inventory.alerts({ horizonDays: 14 });
      expect(alerts.expiring.map((l) => [l.lotNumber, l.expiryBand, l.daysToExpiry])).toEqual([
        ['TX-OLD', 'ate_30', 17],
      ]);
      expect(alerts.belowReorder.map((b) => [b.productName, b.usable, b.reorderPoint])).toEqual([
        ['Toxina botulínica 100 U', 99, 100],
      ]);
      expect(alerts.forecast).toEqual([
        {
          productId: toxinId,
          productName: 'Toxina botulínica 100 U',
          unit: 'U',
          expected: 150,
          usable: 99,
          shortfall: 51,
        },
      ]);
    } finally {
      registerBookedAgendaSource(emptyAgendaSource);
    }
  });

  it('the traceability report lists who received a lot, in every clinic; CSV and PDF; audited per client', async () => {
    const doctor = await as('doctor');
    const [lot] = (await doctor.inventory.lots({ productId: toxinId })).filter(
      (l) => l.lotNumber === 'TX-1001' && l.clinicId === org.clinicId,
    );
    if (!lot) throw new Error('no lot');
    const report = await doctor.inventory.traceability({ lotId: lot.id });
    expect(report).toMatchObject({
      lotNumber: 'TX-1001',
      clientCount: 1,
      anvisaNumberFormatted: '1.2345.6789.012-3',
    });
    expect(report.lots.map((l) => l.clinicName).sort()).toEqual(['Rede Teste Centro', 'Rede Teste Norte']);
    expect(report.rows.map((r) => [r.clientName, r.quantity, r.unit])).toEqual([
      ['Marina Teste Rastreio', 30, 'U'],
    ]);
    const csv = await doctor.inventory.exportTraceability({ lotId: lot.id, format: 'csv' });
    const bytes = Buffer.from(csv.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Data e hora;Clínica;Lote;Cliente;Atendimento;Profissional;Quantidade;Unidade');
    expect(lines[1]).toContain(';Rede Teste Centro;TX-1001;Marina Teste Rastreio;;');
    expect(lines[1]?.endsWith(';30;U')).toBe(true);
    const pdf = await doctor.inventory.exportTraceability({ lotId: lot.id, format: 'pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const reads = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, clientId));
    expect(reads.map((a) => a.action)).toEqual([
      'client.traceability_read',
      'client.traceability_export',
      'client.traceability_export',
    ]);
    const reception = await as('reception');
    const denied = await reception.inventory.traceability({ lotId: lot.id }).catch((e: unknown) => e);
    expect(appCode(denied)).toBe('FORBIDDEN');
    // A recall blocks the lot in every clinic that holds it.
    const manager = await as('manager', { reauthenticated: true });
    const recalled = await manager.inventory.recallLot({ lotId: lot.id, reason: 'Alerta do fabricante' });
    expect(recalled.map((l) => l.status)).toEqual(['recolhido', 'recolhido']);
    const release = await manager.inventory
      .releaseLot({ lotId: lot.id, reason: 'Engano' })
      .catch((e: unknown) => e);
    expect(appCode(release)).toBe('LOT_RELEASE_RECALLED');
  });

  it('another organisation sees no lot and cannot touch one by id', async () => {
    const outsider = await as('outsider');
    expect(await outsider.inventory.lots({})).toEqual([]);
    const [lot] = await (await as('manager')).inventory.lots({});
    const error = await outsider.inventory
      .quarantineLot({ lotId: lot?.id ?? '', reason: 'Tentativa' })
      .catch((e: unknown) => e);
    expect(appCode(error)).toBe('LOT_NOT_FOUND');
  });
});
