import type { TProductInputRaw } from '@clinia/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anvisaRegistry, auditEvents } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
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
  userMessage,
} from '../../testing';
import type { Context } from '../../trpc/context';
import { importAnvisaRegistry, latin1FileLines } from './registry.service';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describe.each(testDrivers())('products and the ANVISA registry on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let base: Context;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  const users: Record<string, TestStaffMember> = {};
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    base = testContext(database, { clock });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        manager: TEST_STAFF.manager,
        pharmacist: { roles: ['farmaceutico'], mfaEnrolled: true, withActiveLicence: true },
      }),
    );
  });
  afterAll(() => database.close());

  const as = (who: string, options: { reauthenticated?: boolean } = {}) =>
    signInAs(database, base, users[who], options);
  const importFile = (name: string) =>
    importAnvisaRegistry(database, { fileName: name, lines: latin1FileLines(fixture(name)), clock });

  const toxin = (number: string): TProductInputRaw => ({
    name: `Toxina ${number}`,
    manufacturer: 'Laboratório Coração do Brasil',
    anvisaCategory: 'medicamento',
    anvisaNumber: number,
    unit: 'U',
    storage: 'refrigerado',
    reorderPoint: 200,
  });

  it('before the registry is loaded: refused, then accepted by a manager override after step-up, audited', async () => {
    const pharmacist = await as('pharmacist');
    const refused = await pharmacist.inventory.createProduct(toxin('1.9876.0001')).catch((e: unknown) => e);
    expect(appCode(refused)).toBe('ANVISA_REGISTRY_NOT_LOADED');
    const override = {
      registryOverride: { reason: 'Base ANVISA ainda não importada; conferido na embalagem.' },
    };
    const byPharmacist = await pharmacist.inventory
      .createProduct({ ...toxin('1.9876.0001'), ...override })
      .catch((e: unknown) => e);
    expect(appCode(byPharmacist)).toBe('ANVISA_OVERRIDE_FORBIDDEN');
    const noStepUp = await (await as('manager')).inventory
      .createProduct({ ...toxin('1.9876.0001'), ...override })
      .catch((e: unknown) => e);
    // The manager may override, after confirming password and code: the screen asks for them.
    expect(appCode(noStepUp)).toBe('STEP_UP_REQUIRED');
    const product = await (await as('manager', { reauthenticated: true })).inventory.createProduct({
      ...toxin('1.9876.0001'),
      ...override,
    });
    expect(product.registryCheck).toBe('override');
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, product.id));
    expect(audit.map((a) => a.action)).toEqual(['product.create', 'product.registry_override']);
    expect((await pharmacist.inventory.products()).map((p) => p.name)).toEqual(['Toxina 1.9876.0001']);
  });

  it('importing the test CSV twice gives the same registry', async () => {
    const first = await importFile('DADOS_ABERTOS_MEDICAMENTOS.sample.csv');
    expect(first).toMatchObject({
      kind: 'medicamento',
      read: 7,
      inserted: 5,
      updated: 0,
      unchanged: 0,
      rejected: 2,
    });
    const snapshot = async () =>
      database.db
        .select({ key: anvisaRegistry.registryKey, hash: anvisaRegistry.rowHash, id: anvisaRegistry.id })
        .from(anvisaRegistry)
        .orderBy(anvisaRegistry.registryKey);
    const before = await snapshot();
    const second = await importFile('DADOS_ABERTOS_MEDICAMENTOS.sample.csv');
    expect(second).toMatchObject({ read: 7, inserted: 0, updated: 0, unchanged: 5, rejected: 2 });
    expect(await snapshot()).toEqual(before);
    const state = await (await as('pharmacist')).inventory.registryState();
    expect(state.find((s) => s.kind === 'medicamento')).toMatchObject({
      isLoaded: true,
      rows: 5,
      isStale: false,
    });
    expect(state.find((s) => s.kind === 'dispositivo_medico')?.isLoaded).toBe(false);
  });

  it('with the registry loaded: made-up, cancelled and expired numbers are refused; a valid one is accepted', async () => {
    const pharmacist = await as('pharmacist');
    const count = async () =>
      (await database.db.execute(sql`select count(*)::int as n from products`)) as unknown as {
        rows: { n: number }[];
      };
    const before = (await count()).rows[0]?.n;
    const madeUp = await pharmacist.inventory
      .createProduct(toxin('1.1111.2222.333-4'))
      .catch((e: unknown) => e);
    expect(appCode(madeUp)).toBe('ANVISA_REGISTRATION_NOT_FOUND');
    expect(userMessage(madeUp)).toBe(
      'Registro ANVISA: o número 1.1111.2222.333-4 não consta na base da ANVISA importada em 25/11/2026. Confira o número na embalagem ou no rótulo.',
    );
    const cancelled = await pharmacist.inventory.createProduct(toxin('1.9876.0005')).catch((e: unknown) => e);
    expect(appCode(cancelled)).toBe('ANVISA_REGISTRATION_CANCELLED');
    const expired = await pharmacist.inventory.createProduct(toxin('1.5432.0004')).catch((e: unknown) => e);
    expect(userMessage(expired)).toBe('Registro ANVISA: o registro 1.5432.0004 venceu em 31/12/2020.');
    const badFormat = await pharmacist.inventory.createProduct(toxin('2.5432.0004')).catch((e: unknown) => e);
    expect(appCode(badFormat)).toBe('BAD_REQUEST');
    expect((await count()).rows[0]?.n).toBe(before);
    const accepted = await pharmacist.inventory.createProduct(toxin('1.9876.0002.001-7'));
    expect(accepted).toMatchObject({
      registryCheck: 'vigente',
      registryValidUntil: '2030-12-31',
      anvisaNumberFormatted: '1.9876.0002.001-7',
    });
    const overrideNow = await (await as('manager', { reauthenticated: true })).inventory
      .createProduct({
        ...toxin('1.1111.2222'),
        registryOverride: { reason: 'Tentativa de contornar a base.' },
      })
      .catch((e: unknown) => e);
    expect(appCode(overrideNow)).toBe('ANVISA_OVERRIDE_NOT_ALLOWED');
  });

  it('editing re-checks the registration: the overridden product must now match the registry', async () => {
    const pharmacist = await as('pharmacist');
    const [overridden] = (await pharmacist.inventory.products()).filter(
      (p) => p.registryCheck === 'override',
    );
    if (!overridden) throw new Error('no product');
    const updated = await pharmacist.inventory.updateProduct({
      id: overridden.id,
      data: { ...toxin('1.9876.0001'), name: overridden.name, reorderPoint: 300 },
    });
    expect(updated).toMatchObject({
      registryCheck: 'vigente',
      reorderPoint: 300,
      registryValidUntil: '2029-03-31',
    });
    await importFile('TA_PRODUTO_SAUDE_SITE.sample.csv');
    const filler = await pharmacist.inventory.createProduct({
      name: 'Preenchedor HA 1 mL',
      manufacturer: 'Derma Laboratories',
      anvisaCategory: 'dispositivo_medico',
      anvisaNumber: '80987650001',
      riskClass: 'IV',
      unit: 'seringa',
    });
    expect(filler.registryCheck).toBe('vigente');
    const oldCaha = await pharmacist.inventory
      .createProduct({
        name: 'CaHA antigo',
        manufacturer: 'Derma',
        anvisaCategory: 'dispositivo_medico',
        anvisaNumber: '80987650003',
        riskClass: 'IV',
        unit: 'seringa',
      })
      .catch((e: unknown) => e);
    expect(appCode(oldCaha)).toBe('ANVISA_REGISTRATION_EXPIRED');
  });
});
