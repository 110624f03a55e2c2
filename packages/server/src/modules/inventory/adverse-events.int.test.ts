import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adverseEvents, auditEvents } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
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
  testKeyring,
  userMessage,
} from '../../testing';
import type { Context } from '../../trpc/context';

describe.each(testDrivers())('adverse events on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let base: Context;
  const clock = fixedClock('2026-12-03T13:00:00.000Z');
  const users: Record<string, TestStaffMember> = {};
  let toxinId = '';
  let fillerId = '';
  let clientId = '';
  let fillerLotId = '';

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    base = testContext(database, { clock, keyring: testKeyring() });
    Object.assign(users, await createTestStaff(database, org, TEST_STAFF));
    ({ toxin: toxinId, filler: fillerId } = await insertTestProducts(
      database,
      org,
      clock.now(),
      TEST_PRODUCTS,
    ));
    clientId = await insertTestClient(database, org, {
      fullName: 'Maria da Silva Souza',
      birthDate: '1990-12-10',
    });
    const reception = await as('reception');
    const lot = await reception.inventory.receiveLot({
      productId: fillerId,
      lotNumber: 'HA-2026-11',
      expiryDate: '2028-01-31',
      supplier: 'Distribuidora',
      invoiceNumber: '555',
      receivedOn: '2026-11-20',
      quantity: 5,
    });
    fillerLotId = lot.id;
  });
  afterAll(() => database.close());

  const as = (who: string) => signInAs(database, base, users[who]);

  it('a doctor records a serious filler event: NOTIVISA, 15th business day of next month, sealed, audited', async () => {
    const doctor = await as('doctor');
    const event = await doctor.inventory.recordAdverseEvent({
      clientId,
      productId: fillerId,
      lotId: fillerLotId,
      severity: 'grave',
      onsetAt: '2026-12-02T18:00:00.000Z',
      description: 'Oclusão vascular no sulco nasogeniano esquerdo, tratada com hialuronidase.',
      followUp: 'Retorno em 24 horas.',
    });
    expect(event).toMatchObject({
      channel: 'notivisa',
      isSerious: true,
      isOverdue: false,
      lotNumber: 'HA-2026-11',
      productName: 'Ácido hialurônico 1 mL',
      // 15th business day of January 2027, end of day in São Paulo.
      dueAt: '2027-01-23T02:59:59.999Z',
    });
    const [row] = await database.db.select().from(adverseEvents).where(eq(adverseEvents.id, event.id));
    expect(row?.detailsSealed).not.toContain('Oclusão');
    const detail = await doctor.inventory.adverseEvent({ id: event.id });
    expect(detail.description).toBe(
      'Oclusão vascular no sulco nasogeniano esquerdo, tratada com hialuronidase.',
    );
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, event.id));
    expect(audit.map((a) => a.action)).toEqual(['adverse_event.create', 'adverse_event.read']);
  });

  it('overdue events are flagged until the notification is registered', async () => {
    const doctor = await as('doctor');
    clock.set('2027-01-25T12:00:00.000Z');
    const [open] = await doctor.inventory.adverseEvents();
    expect(open?.isOverdue).toBe(true);
    const notified = await doctor.inventory.markAdverseEventNotified({
      id: open?.id ?? '',
      protocol: 'NTV-2027-0001',
    });
    expect(notified).toMatchObject({ isOverdue: false, notificationProtocol: 'NTV-2027-0001' });
    const again = await doctor.inventory
      .markAdverseEventNotified({ id: open?.id ?? '', protocol: 'NTV-2027-0002' })
      .catch((e: unknown) => e);
    expect(appCode(again)).toBe('ADVERSE_EVENT_ALREADY_NOTIFIED');
    clock.set('2026-12-03T13:00:00.000Z');
  });

  it('a toxin event goes to VigiMed; an outcome of death moves the deadline to 72 hours', async () => {
    const doctor = await as('doctor');
    const event = await doctor.inventory.recordAdverseEvent({
      clientId,
      productId: toxinId,
      severity: 'moderado',
      onsetAt: '2026-12-03T12:00:00.000Z',
      description: 'Ptose palpebral à direita após aplicação na glabela.',
    });
    expect(event.channel).toBe('vigimed');
    expect(event.dueAt).toBe('2027-01-23T02:59:59.999Z');
    const followed = await doctor.inventory.followUpAdverseEvent({
      id: event.id,
      outcome: 'obito',
      outcomeNotes: 'Óbito por causa a esclarecer.',
      followUp: 'Notificar VigiMed.',
    });
    expect(followed).toMatchObject({ severity: 'obito', dueAt: '2026-12-06T13:00:00.000Z' });
    const report = await doctor.inventory.adverseEventReport({ id: event.id });
    expect(report).toMatchObject({
      channel: 'vigimed',
      patient: { initials: 'M.S.S.', ageYears: 35, sex: 'F' },
      product: { name: 'Toxina botulínica 100 U', anvisaNumberFormatted: '1.2345.6789.012-3' },
      lot: null,
      severity: 'obito',
      isSerious: true,
      description: 'Ptose palpebral à direita após aplicação na glabela.',
      outcome: 'obito',
      outcomeNotes: 'Óbito por causa a esclarecer.',
    });
  });

  it('refuses a lot of another product, a future onset, and death in only one of the fields', async () => {
    const doctor = await as('doctor');
    const wrongLot = await doctor.inventory
      .recordAdverseEvent({
        clientId,
        productId: toxinId,
        lotId: fillerLotId,
        severity: 'leve',
        onsetAt: '2026-12-03T10:00:00.000Z',
        description: 'Hematoma no local da aplicação.',
      })
      .catch((e: unknown) => e);
    expect(userMessage(wrongLot)).toBe(
      'Lote: o lote HA-2026-11 não é deste produto ou não está nesta clínica.',
    );
    const future = await doctor.inventory
      .recordAdverseEvent({
        clientId,
        severity: 'leve',
        onsetAt: '2026-12-04T10:00:00.000Z',
        description: 'Hematoma no local da aplicação.',
      })
      .catch((e: unknown) => e);
    expect(appCode(future)).toBe('ADVERSE_EVENT_ONSET_FUTURE');
    const death = await doctor.inventory
      .recordAdverseEvent({
        clientId,
        severity: 'obito',
        onsetAt: '2026-12-03T10:00:00.000Z',
        description: 'Descrição do evento ocorrido.',
      })
      .catch((e: unknown) => e);
    expect(appCode(death)).toBe('BAD_REQUEST');
  });

  it('the front desk sees no adverse event; the manager reads but does not record', async () => {
    const reception = await as('reception');
    expect(appCode(await reception.inventory.adverseEvents().catch((e: unknown) => e))).toBe('FORBIDDEN');
    const manager = await as('manager');
    expect((await manager.inventory.adverseEvents()).length).toBe(2);
    const denied = await manager.inventory
      .recordAdverseEvent({
        clientId,
        severity: 'leve',
        onsetAt: '2026-12-03T10:00:00.000Z',
        description: 'Hematoma no local da aplicação.',
      })
      .catch((e: unknown) => e);
    expect(appCode(denied)).toBe('FORBIDDEN');
  });
});
