import type { TTreatmentInputRaw } from '@clinia/contracts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import {
  appCode,
  createTestOrganization,
  createTestStaff,
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
import { findTreatmentRequirements } from './catalog.service';

describe.each(testDrivers())('treatment catalog on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let other: TestOrg;
  let base: Context;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  const users: Record<string, TestStaffMember> = {};
  const productIds: Record<string, string> = {};
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    other = await createTestOrganization(database, 'Outra Rede');
    base = testContext(database, { clock, keyring: testKeyring() });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        ...TEST_STAFF,
        outsider: { org: other, roles: ['gestor'], mfaEnrolled: true },
      }),
    );
    Object.assign(
      productIds,
      await insertTestProducts(database, org, clock.now(), {
        toxin: TEST_PRODUCTS.toxin,
        serum: {
          name: 'Sérum calmante',
          manufacturer: 'Fabricante B',
          anvisaCategory: 'cosmetico',
          anvisaNumber: '2345678901',
          unit: 'mL',
        },
      }),
    );
  });
  afterAll(() => database.close());

  const as = (who: string) => signInAs(database, base, users[who]);

  const botox = (): TTreatmentInputRaw => ({
    name: 'Toxina botulínica — terço superior',
    category: 'injetavel',
    competenceCategory: 'toxina_botulinica',
    description: 'Rugas dinâmicas da testa, glabela e pés de galinha.',
    durationMin: 30,
    bufferMin: 10,
    priceCents: 150_000,
    usualSessions: 1,
    minIntervalDays: 90,
    intervalPolicy: 'block',
    requiredRoomType: 'consultorio',
    contraindications: {
      pregnancy: { severity: 'hard' },
      breastfeeding: { severity: 'hard' },
      age: { min: 18, severity: 'hard' },
    },
    materials: [{ productId: productIds.toxin ?? '', quantity: 50 }],
  });

  it('a manager creates a treatment with contraindications and materials; every role reads it', async () => {
    const manager = await as('manager');
    const created = await manager.catalog.create(botox());
    expect(created.materials).toEqual([
      { productId: productIds.toxin, productName: 'Toxina botulínica 100 U', unit: 'U', quantity: 50 },
    ]);
    expect(created.contraindications.age).toEqual({ min: 18, severity: 'hard' });
    const list = await (await as('reception')).catalog.list();
    expect(list.map((t) => t.name)).toContain('Toxina botulínica — terço superior');
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, created.id));
    expect(audit.map((a) => a.action)).toEqual(['treatment.create']);
  });

  it('refuses bad input naming the field and changes nothing', async () => {
    const manager = await as('manager');
    const before = (await manager.catalog.list()).length;
    const badAge = await manager.catalog
      .create({
        ...botox(),
        name: 'Outro',
        contraindications: { age: { min: 30, max: 20, severity: 'hard' } },
      })
      .catch((e: unknown) => e);
    expect(appCode(badAge)).toBe('BAD_REQUEST');
    expect(String((badAge as Error).message)).toContain('Idade: a mínima não pode ser maior que a máxima.');
    const duplicate = await manager.catalog.create(botox()).catch((e: unknown) => e);
    expect(appCode(duplicate)).toBe('TREATMENT_NAME_TAKEN');
    expect(userMessage(duplicate)).toBe('Nome: já existe um tratamento com este nome.');
    const cosmetic = await manager.catalog
      .create({
        ...botox(),
        name: 'Injetável com cosmético',
        materials: [{ productId: productIds.serum ?? '', quantity: 1 }],
      })
      .catch((e: unknown) => e);
    expect(appCode(cosmetic)).toBe('COSMETIC_IN_INJECTABLE');
    expect((await manager.catalog.list()).length).toBe(before);
  });

  it('updates, records the changed field names, and scheduling reads the requirements', async () => {
    const manager = await as('manager');
    const [treatment] = await manager.catalog.list();
    if (!treatment) throw new Error('no treatment');
    const updated = await manager.catalog.update({
      id: treatment.id,
      data: { ...botox(), durationMin: 45, materials: [{ productId: productIds.toxin ?? '', quantity: 64 }] },
    });
    expect(updated.durationMin).toBe(45);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, treatment.id));
    expect(audit.at(-1)?.changedFields.sort()).toEqual(['durationMin', 'materials']);
    const requirements = await withTenant(database, org.organizationId, (tx) =>
      findTreatmentRequirements(tx, treatment.id),
    );
    expect(requirements).toMatchObject({
      durationMin: 45,
      bufferMin: 10,
      minIntervalDays: 90,
      intervalPolicy: 'block',
      competenceCategory: 'toxina_botulinica',
      requiredRoomType: 'consultorio',
      materials: [{ productId: productIds.toxin, quantity: 64 }],
    });
  });

  it('checks a client against the treatment: pregnancy in the intake is a hard finding, audited as a health read', async () => {
    const reception = await as('reception');
    const notice = (await reception.clients.consentDocuments()).find(
      (d) => d.purpose === 'aviso_privacidade',
    );
    const { clientId } = await reception.clients.register({
      fullName: 'Joana Teste da Silva',
      cpf: '529.982.247-25',
      birthDate: '1992-04-12',
      sex: 'F',
      mobile: '(11) 98765-4321',
      preferredChannel: 'whatsapp',
      privacyNotice: {
        typedName: 'Joana Teste da Silva',
        signer: 'client',
        channel: 'presencial_tablet',
        documentId: notice?.id ?? '',
      },
    });
    const doctor = await as('doctor');
    const [treatment] = await doctor.catalog.list();
    if (!treatment) throw new Error('no treatment');
    const before = await doctor.catalog.checkContraindications({ treatmentId: treatment.id, clientId });
    expect(before.map((f) => [f.rule, f.severity, f.basis])).toEqual([
      ['pregnancy', 'warn', 'unknown'],
      ['breastfeeding', 'warn', 'unknown'],
    ]);
    await doctor.clients.saveIntake({ clientId, data: { fitzpatrick: 'III', pregnant: true } });
    const after = await doctor.catalog.checkContraindications({ treatmentId: treatment.id, clientId });
    expect(after).toEqual([
      { rule: 'pregnancy', severity: 'hard', basis: 'met', message: 'Gestação informada na anamnese.' },
    ]);
    const reads = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, clientId));
    expect(reads.filter((a) => a.action === 'client.intake.read').length).toBe(2);
    const denied = await reception.catalog
      .checkContraindications({ treatmentId: treatment.id, clientId })
      .catch((e: unknown) => e);
    expect(appCode(denied)).toBe('FORBIDDEN');
  });

  it('another organisation sees none of it, even by id', async () => {
    const outsider = await as('outsider');
    expect(await outsider.catalog.list()).toEqual([]);
    const [treatment] = await (await as('manager')).catalog.list();
    const error = await outsider.catalog.get({ id: treatment?.id ?? '' }).catch((e: unknown) => e);
    expect(appCode(error)).toBe('TREATMENT_NOT_FOUND');
    const reception = await as('reception');
    const denied = await reception.catalog.create(botox()).catch((e: unknown) => e);
    expect(appCode(denied)).toBe('FORBIDDEN');
  });
});
