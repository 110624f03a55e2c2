import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  testKeyring,
} from '../../testing';
import type { Context } from '../../trpc/context';

describe.each(testDrivers())('clients on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let base: Context;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  const users: Record<string, TestStaffMember> = {};
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    base = testContext(database, { clock, keyring: testKeyring() });
    Object.assign(
      users,
      await createTestStaff(database, org, {
        reception: TEST_STAFF.reception,
        doctor: TEST_STAFF.doctor,
        unverifiedDoctor: { roles: ['medico'], mfaEnrolled: true },
        esthetician: { roles: ['esteticista'] },
        dpo: { roles: ['encarregado_dados'], mfaEnrolled: true },
      }),
    );
  });
  afterAll(() => database.close());

  const as = (who: string) => signInAs(database, base, users[who]);
  const noticeId = async () =>
    (await (await as('reception')).clients.consentDocuments()).find((d) => d.purpose === 'aviso_privacidade')
      ?.id ?? '';
  const evidence = {
    typedName: 'Maria Aparecida dos Santos',
    signer: 'client' as const,
    channel: 'presencial_tablet' as const,
  };
  const maria = {
    fullName: 'Maria Aparecida dos Santos',
    cpf: '529.982.247-25',
    birthDate: '1988-04-12',
    sex: 'F' as const,
    mobile: '(11) 98765-4321',
    email: 'maria.santos@example.com',
    address: {
      street: 'Rua Augusta',
      number: '1500',
      district: 'Consolação',
      city: 'São Paulo',
      uf: 'SP' as const,
      cep: '01304-001',
    },
    preferredChannel: 'whatsapp' as const,
  };

  it('registers a client with the privacy notice acknowledged, and refuses an invalid CPF naming the field', async () => {
    const reception = await as('reception');
    const bad = await reception.clients
      .register({
        ...maria,
        cpf: '529.982.247-24',
        privacyNotice: { ...evidence, documentId: await noticeId() },
      })
      .catch((e: unknown) => e);
    expect(appCode(bad)).toBe('BAD_REQUEST');
    expect(JSON.stringify((bad as { cause?: { issues?: unknown } }).cause?.issues)).toContain(
      'CPF inválido: confira os dígitos.',
    );
    const withoutNotice = await reception.clients
      .register({ ...maria, privacyNotice: { ...evidence, documentId: org.clinicId } })
      .catch((e: unknown) => e);
    expect(appCode(withoutNotice)).toBe('PRIVACY_NOTICE_REQUIRED');
    const { clientId, possibleDuplicateIds } = await reception.clients.register({
      ...maria,
      privacyNotice: { ...evidence, documentId: await noticeId() },
    });
    expect(possibleDuplicateIds).toEqual([]);
    const consents = await reception.clients.consents({ clientId });
    expect(consents.states.find((s) => s.purpose === 'aviso_privacidade')?.status).toBe('concedido');
    const again = await reception.clients
      .register({
        ...maria,
        fullName: 'Maria A. Santos',
        privacyNotice: { ...evidence, documentId: await noticeId() },
      })
      .catch((e: unknown) => e);
    expect(appCode(again)).toBe('CPF_TAKEN');
    const twin = await reception.clients.register({
      ...maria,
      cpf: '111.444.777-35',
      privacyNotice: { ...evidence, documentId: await noticeId() },
    });
    expect(twin.possibleDuplicateIds).toEqual([clientId]);
  });

  it('stores no plaintext CPF, phone, e-mail, address or intake in any table', async () => {
    const reception = await as('reception');
    const [found] = (await reception.clients.search({ query: '52998224725', limit: 5 })).items;
    await (await as('doctor')).clients.saveIntake({
      clientId: found?.id ?? '',
      data: {
        conditions: [],
        allergies: ['Lidocaína'],
        medications: [{ name: 'Isotretinoína 20 mg', kind: 'isotretinoina' }],
        pregnant: false,
        breastfeeding: false,
        keloidTendency: true,
        autoimmuneDisease: false,
        previousProcedures: [],
        fitzpatrick: 'III',
        goals: 'Suavizar o bigode chinês',
      },
    });
    const tables = ['clients', 'client_intakes', 'consent_events', 'client_duplicate_flags', 'audit_events'];
    const dump = (await Promise.all(tables.map((t) => database.query(sql.raw(`select * from ${t}`)))))
      .map((rows) => JSON.stringify(rows))
      .join('\n');
    for (const secret of [
      '52998224725',
      '529.982.247-25',
      '98765',
      '987654321',
      'maria.santos@example.com',
      'Augusta',
      '01304',
      'Lidocaína',
      'Isotretinoína',
      'bigode',
    ]) {
      expect(dump, secret).not.toContain(secret);
    }
  });

  it('finds clients by CPF, mobile or accent-free name words, masked, page by page', async () => {
    const reception = await as('reception');
    expect(
      (await reception.clients.search({ query: '529.982.247-25', limit: 10 })).items.map((i) => i.fullName),
    ).toEqual(['Maria Aparecida dos Santos']);
    expect((await reception.clients.search({ query: '+55 11 98765-4321', limit: 10 })).items).toHaveLength(2);
    const byName = await reception.clients.search({ query: 'aparecida SANTOS', limit: 10 });
    // Two clients share this name (the flagged twin); order between equal names follows their ids.
    expect(byName.items.map((i) => i.cpfMasked).sort()).toEqual(['***.444.777-**', '***.982.247-**']);
    expect(byName.items).toContainEqual(
      expect.objectContaining({ cpfMasked: '***.982.247-**', mobileMasked: '(11) *****-4321', age: 38 }),
    );
    for (const name of ['Conceição Ramos', 'Conceicao Lima', 'Beatriz Conceição']) {
      await reception.clients
        .register({
          ...maria,
          fullName: name,
          cpf:
            (
              {
                'Conceição Ramos': '390.533.447-05',
                'Conceicao Lima': '123.456.789-09',
                'Beatriz Conceição': '111.111.111-11',
              } as Record<string, string>
            )[name] ?? '',
          mobile: '(21) 99876-5432',
          privacyNotice: { ...evidence, documentId: await noticeId() },
        })
        .catch(() => null);
    }
    const first = await reception.clients.search({ query: 'conceicao', limit: 1 });
    const second = await reception.clients.search({
      query: 'conceicao',
      limit: 1,
      cursor: first.nextCursor ?? undefined,
    });
    expect([...first.items, ...second.items].map((i) => i.fullName)).toEqual([
      'Conceicao Lima',
      'Conceição Ramos',
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it('lists names that start with the search first, then other matches, paging through both without gaps', async () => {
    const reception = await as('reception');
    const people = {
      'Ana Marília Couto': '714.602.380-01',
      'Marília Dantas': '826.413.597-82',
      'Marília Bento': '935.172.648-73',
    };
    for (const [fullName, cpf] of Object.entries(people)) {
      await reception.clients.register({
        ...maria,
        fullName,
        cpf,
        mobile: '(31) 99876-0000',
        privacyNotice: { ...evidence, documentId: await noticeId() },
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const result = await reception.clients.search({
        query: 'marilia',
        limit: 1,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...result.items.map((i) => i.fullName));
      cursor = result.nextCursor ?? undefined;
      if (!cursor) break;
    }
    expect(seen).toEqual(['Marília Bento', 'Marília Dantas', 'Ana Marília Couto']);
    const twoWords = await reception.clients.search({ query: 'Marília D', limit: 10 });
    expect(twoWords.items.map((i) => i.fullName)).toEqual(['Marília Dantas']);
  });

  it('audits every read and reveal, shows full values only to roles allowed, and health data only to carers', async () => {
    const clientId =
      (await (await as('reception')).clients.search({ query: '52998224725', limit: 1 })).items[0]?.id ?? '';
    const profile = await (await as('reception')).clients.get({ clientId });
    expect(profile).toMatchObject({
      cpfMasked: '***.982.247-**',
      emailMasked: 'm***@example.com',
      canReveal: true,
    });
    expect(await (await as('reception')).clients.reveal({ clientId, field: 'cpf' })).toEqual({
      value: '529.982.247-25',
    });
    expect(
      appCode(
        await (await as('esthetician')).clients.reveal({ clientId, field: 'cpf' }).catch((e: unknown) => e),
      ),
    ).toBe('FORBIDDEN');
    expect((await (await as('esthetician')).clients.get({ clientId })).canReveal).toBe(false);
    expect(
      appCode(await (await as('reception')).clients.intakeHistory({ clientId }).catch((e: unknown) => e)),
    ).toBe('FORBIDDEN');
    expect(
      appCode(
        await (await as('unverifiedDoctor')).clients.search({ query: '', limit: 5 }).catch((e: unknown) => e),
      ),
    ).toBe('LICENCE_NOT_VERIFIED');
    const history = await (await as('doctor')).clients.intakeHistory({ clientId });
    expect(history.map((h) => [h.version, h.data.allergies])).toEqual([[1, ['Lidocaína']]]);

    const report = await (await as('dpo')).clients.accessReport({ clientId });
    const actions = report.map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'client.create',
        'client.read',
        'client.reveal',
        'client.intake.read',
        'client.intake.update',
        'client.consent.grant',
      ]),
    );
    expect(report.find((r) => r.action === 'client.reveal')).toMatchObject({
      fields: ['cpf'],
      actorRole: 'recepcionista',
    });
    expect(
      appCode(await (await as('reception')).clients.accessReport({ clientId }).catch((e: unknown) => e)),
    ).toBe('FORBIDDEN');
  });

  it('keeps every intake version and every consent event; withdrawal is a new event, the notice is not withdrawable', async () => {
    const doctor = await as('doctor');
    const clientId = (await doctor.clients.search({ query: '52998224725', limit: 1 })).items[0]?.id ?? '';
    const [latest] = await doctor.clients.intakeHistory({ clientId });
    await doctor.clients.saveIntake({
      clientId,
      data: { ...(latest?.data ?? ({} as never)), pregnant: true },
    });
    expect(
      (await doctor.clients.intakeHistory({ clientId })).map((h) => [h.version, h.data.pregnant]),
    ).toEqual([
      [2, true],
      [1, false],
    ]);

    const docs = await doctor.clients.consentDocuments();
    const marketing = docs.find((d) => d.purpose === 'marketing_whatsapp')?.id ?? '';
    await doctor.clients.changeConsent({ clientId, documentId: marketing, action: 'grant', evidence });
    clock.advance(60_000);
    await doctor.clients.changeConsent({ clientId, documentId: marketing, action: 'withdraw', evidence });
    const consents = await doctor.clients.consents({ clientId });
    expect(consents.states.find((s) => s.purpose === 'marketing_whatsapp')?.status).toBe('revogado');
    expect(consents.events.filter((e) => e.purpose === 'marketing_whatsapp').map((e) => e.action)).toEqual([
      'withdraw',
      'grant',
    ]);
    const notice = docs.find((d) => d.purpose === 'aviso_privacidade')?.id ?? '';
    expect(
      appCode(
        await doctor.clients
          .changeConsent({ clientId, documentId: notice, action: 'withdraw', evidence })
          .catch((e: unknown) => e),
      ),
    ).toBe('NOTICE_NOT_WITHDRAWABLE');
    await expect(database.exec(`update consent_events set action = 'grant'`)).rejects.toThrow(/append-only/);
  });

  it('requires a legal guardian for a minor', async () => {
    const reception = await as('reception');
    const minor = {
      ...maria,
      fullName: 'Laura Santos',
      cpf: '390.533.447-05',
      birthDate: '2012-03-01',
      privacyNotice: { ...evidence, signer: 'guardian' as const, documentId: await noticeId() },
    };
    expect(appCode(await reception.clients.register(minor).catch((e: unknown) => e))).toBe(
      'GUARDIAN_REQUIRED',
    );
    const guardianId = (await reception.clients.search({ query: '52998224725', limit: 1 })).items[0]?.id;
    const { clientId } = await reception.clients.register({
      ...minor,
      cpf: '987.654.321-00',
      guardianClientId: guardianId,
    });
    const profile = await reception.clients.get({ clientId });
    expect(profile.guardian).toEqual({ id: guardianId, fullName: 'Maria Aparecida dos Santos' });
    expect(profile.age).toBe(14);
    // A minor cannot be someone else's guardian.
    const other = await reception.clients
      .register({ ...minor, fullName: 'Pedro Santos', cpf: '111.444.777-35', guardianClientId: clientId })
      .catch((e: unknown) => e);
    expect(appCode(other)).toBe('GUARDIAN_INVALID');
  });
});
