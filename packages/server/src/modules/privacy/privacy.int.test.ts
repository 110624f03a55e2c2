import type { Bundle, Patient } from '@medplum/fhirtypes';
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
import { CPF_SYSTEM } from './fhir-export';

describe.each(testDrivers())('data-subject requests on $name', (driver) => {
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
        dpo: { roles: ['encarregado_dados'], mfaEnrolled: true },
      }),
    );
  });
  afterAll(() => database.close());

  const as = (who: string, options: { reauthenticated?: boolean } = {}) =>
    signInAs(database, base, users[who], options);
  const register = async (fullName: string, cpf: string, mobile: string) => {
    const reception = await as('reception');
    const docs = await reception.clients.consentDocuments();
    const notice = docs.find((d) => d.purpose === 'aviso_privacidade')?.id ?? '';
    const { clientId } = await reception.clients.register({
      fullName,
      cpf,
      birthDate: '1988-04-12',
      sex: 'F',
      mobile,
      email: `${fullName.split(' ')[0]?.toLowerCase()}@example.com`,
      address: {
        street: 'Rua das Flores',
        number: '12',
        district: 'Centro',
        city: 'Curitiba',
        uf: 'PR',
        cep: '80010-000',
      },
      preferredChannel: 'whatsapp',
      privacyNotice: {
        documentId: notice,
        typedName: fullName,
        signer: 'client',
        channel: 'presencial_tablet',
      },
    });
    const marketing = docs.find((d) => d.purpose === 'marketing_whatsapp')?.id ?? '';
    await reception.clients.changeConsent({
      clientId,
      documentId: marketing,
      action: 'grant',
      evidence: { typedName: fullName, signer: 'client', channel: 'presencial_tablet' },
    });
    return clientId;
  };

  it('tracks the 15-day deadline and flags overdue requests in the DPO queue', async () => {
    const clientId = await register('Renata Oliveira Prado', '390.533.447-05', '(41) 99876-1234');
    const created = await (await as('reception')).privacy.createRequest({
      clientId,
      kind: 'acesso',
      requester: 'titular',
      identityVerification: 'RG conferido no balcão pela recepção',
    });
    expect(created.dueAt).toBe('2026-12-10T12:00:00.000Z');
    clock.advance(16 * 86_400_000);
    const queue = await (await as('dpo')).privacy.requests({ includeAnswered: false });
    expect(queue.find((r) => r.id === created.id)).toMatchObject({
      isOverdue: true,
      daysLeft: -1,
      status: 'recebida',
    });
    expect(
      appCode(
        await (await as('reception')).privacy.requests({ includeAnswered: false }).catch((e: unknown) => e),
      ),
    ).toBe('FORBIDDEN');
  });

  it('moves a request from received to in review, once, and keeps the deadline', async () => {
    const clientId = await register('Sonia Moraes Lopes', '529.982.247-25', '(41) 99876-4321');
    const created = await (await as('reception')).privacy.createRequest({
      clientId,
      kind: 'correcao',
      requester: 'titular',
      identityVerification: 'CNH conferida no balcão pela recepção',
    });
    const dpo = await as('dpo');
    expect(await dpo.privacy.startReview({ requestId: created.id })).toEqual({ status: 'em_analise' });
    const row = (await dpo.privacy.requests({ includeAnswered: false })).find((r) => r.id === created.id);
    expect(row).toMatchObject({ status: 'em_analise', dueAt: created.dueAt });
    expect(appCode(await dpo.privacy.startReview({ requestId: created.id }).catch((e: unknown) => e))).toBe(
      'NOT_RECEIVED',
    );
    expect(
      appCode(
        await (await as('reception')).privacy.startReview({ requestId: created.id }).catch((e: unknown) => e),
      ),
    ).toBe('FORBIDDEN');
  });

  it('exports JSON, a well-formed FHIR R4 Bundle and a PDF, each with its checksum, after step-up', async () => {
    const clientId =
      (await (await as('reception')).clients.search({ query: '39053344705', limit: 1 })).items[0]?.id ?? '';
    expect(
      appCode(await (await as('dpo')).privacy.exportClientData({ clientId }).catch((e: unknown) => e)),
    ).toBe('STEP_UP_REQUIRED');
    const pkg = await (await as('dpo', { reauthenticated: true })).privacy.exportClientData({ clientId });
    expect(pkg.files.map((f) => [f.name, f.mediaType])).toEqual([
      ['dados.json', 'application/json'],
      ['dados.fhir.json', 'application/fhir+json'],
      ['relatorio.pdf', 'application/pdf'],
    ]);
    for (const file of pkg.files) {
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(Buffer.from(file.base64, 'base64')).digest('hex')).toBe(file.sha256);
    }
    const bundle = JSON.parse(Buffer.from(pkg.files[1]?.base64 ?? '', 'base64').toString('utf8')) as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    const patient = bundle.entry?.find((e) => e.resource?.resourceType === 'Patient')?.resource as Patient;
    expect(patient).toMatchObject({
      gender: 'female',
      birthDate: '1988-04-12',
      identifier: [{ system: CPF_SYSTEM, value: '39053344705' }],
    });
    expect(patient.telecom).toContainEqual({ system: 'phone', use: 'mobile', value: '+5541998761234' });
    // Every reference inside the bundle resolves to an entry of the bundle.
    const urls = new Set(bundle.entry?.map((e) => e.fullUrl));
    const references = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
    expect(references.length).toBeGreaterThan(0);
    for (const ref of references) expect(urls.has(ref.slice(13, -1))).toBe(true);
    expect(bundle.entry?.filter((e) => e.resource?.resourceType === 'Consent')).toHaveLength(2);
    const pdf = Buffer.from(pkg.files[2]?.base64 ?? '', 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers a deletion request for a client with a medical record by blocking it and citing the retention law', async () => {
    const clientId =
      (await (await as('reception')).clients.search({ query: '39053344705', limit: 1 })).items[0]?.id ?? '';
    await (await as('doctor')).clients.saveIntake({
      clientId,
      data: {
        conditions: [],
        allergies: [],
        medications: [],
        pregnant: false,
        breastfeeding: false,
        keloidTendency: false,
        autoimmuneDisease: false,
        previousProcedures: [],
        fitzpatrick: 'II',
        goals: '',
      },
    });
    const request = await (await as('reception')).privacy.createRequest({
      clientId,
      kind: 'eliminacao',
      requester: 'titular',
      identityVerification: 'RG conferido no balcão pela recepção',
    });
    const answer = await (await as('dpo')).privacy.answerRequest({ requestId: request.id });
    expect(answer.legalBasis).toContain('Lei 13.787/2018');
    expect(answer.answer).toContain('deve ser guardado por 20 anos');
    const consents = await (await as('reception')).clients.consents({ clientId });
    expect(consents.states.find((s) => s.purpose === 'marketing_whatsapp')?.status).toBe('revogado');
    expect((await (await as('doctor')).clients.intakeHistory({ clientId })).length).toBe(1);
    const [row] = await database.query<{ blocked: boolean }>(
      sql`select blocked_at is not null as blocked from clients where id = ${clientId}`,
    );
    expect(row?.blocked).toBe(true);
  });

  it('anonymises a client without medical record so that nothing left can re-identify them', async () => {
    const clientId = await register('Joana Ferreira Lima', '123.456.789-09', '(41) 99123-4567');
    const request = await (await as('reception')).privacy.createRequest({
      clientId,
      kind: 'eliminacao',
      requester: 'titular',
      identityVerification: 'CNH conferida no balcão pela recepção',
    });
    const answer = await (await as('dpo')).privacy.answerRequest({ requestId: request.id });
    expect(answer.answer).toContain('anonimizados de forma irreversível');

    const dump = JSON.stringify(
      await Promise.all(
        ['clients', 'consent_events', 'client_duplicate_flags', 'data_subject_requests', 'audit_events'].map(
          (t) =>
            database.query(
              sql.raw(
                `select * from ${t} where ${t === 'audit_events' ? 'entity_id' : t === 'clients' ? 'id' : 'client_id'}::text = '${clientId}'`,
              ),
            ),
        ),
      ),
    );
    for (const identifying of [
      'Joana',
      'Ferreira',
      '12345678909',
      '99123',
      'joana@example.com',
      'Rua das Flores',
      '1988-04-12',
    ]) {
      expect(dump, identifying).not.toContain(identifying);
    }
    const [row] = await database.query<Record<string, unknown>>(
      sql`select full_name, birth_date::text as birth_date, cpf_sealed, cpf_index, mobile_sealed, mobile_index, email_sealed, address_sealed, status from clients where id = ${clientId}`,
    );
    expect(row).toEqual({
      full_name: 'Cliente anonimizado',
      birth_date: '1980-01-01',
      cpf_sealed: null,
      cpf_index: null,
      mobile_sealed: null,
      mobile_index: null,
      email_sealed: null,
      address_sealed: null,
      status: 'anonymised',
    });
    // The blind indexes are gone too: searching by the old CPF or phone finds nobody.
    const reception = await as('reception');
    expect((await reception.clients.search({ query: '123.456.789-09', limit: 5 })).items).toEqual([]);
    expect((await reception.clients.search({ query: '(41) 99123-4567', limit: 5 })).items).toEqual([]);
    expect((await reception.clients.search({ query: 'joana', limit: 5 })).items).toEqual([]);
  });
});
