import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../platform/authz/permissions';
import { fixedClock } from '../../platform/clock';
import {
  appCode,
  createTestOrganization,
  createTestSession,
  createTestUser,
  signedInContext,
  type TestDatabase,
  type TestOrg,
  testContext,
  testDrivers,
  testKeyring,
} from '../../testing';
import { createCaller } from '../../trpc/app-router';
import type { Context } from '../../trpc/context';
import { createCfmSoapRegistry } from './cfm-soap-registry';
import { DEMO_CFM_DOCTORS, type FakeCfmServer, startFakeCfmServer } from './fake-cfm-server';
import { recheckDueLicences } from './staff.service';

describe.each(testDrivers())('staff and licences on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  let cfm: FakeCfmServer;
  let base: Context;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  let adminUser: { userId: string };
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    cfm = await startFakeCfmServer({ key: 'test-key', doctors: DEMO_CFM_DOCTORS });
    base = testContext(database, {
      clock,
      keyring: testKeyring(),
      licenceRegistry: createCfmSoapRegistry({ url: cfm.url, key: 'test-key' }),
    });
    adminUser = await createTestUser(database, org, {
      roles: ['gestor'],
      clinicId: org.clinicId,
      mfaEnrolled: true,
    });
  });
  afterAll(async () => {
    await cfm.close();
    await database.close();
  });
  /** The manager, in a session opened at the test's current time (tests move the clock by days). */
  const admin = async (options: { reauthenticated?: boolean } = {}) => {
    const session = await createTestSession(database, org, adminUser, {
      now: clock.now(),
      mfaVerified: true,
      ...options,
    });
    return createCaller(await signedInContext(base, { token: session.token }));
  };

  it('invites a physician, who sets a password and is blocked from client data until the CFM confirms the licence', async () => {
    const invite = await (await admin()).staff.invite({
      fullName: 'Camila Prado Rezende',
      email: 'camila@teste.example',
      assignments: [{ clinicId: org.clinicId, role: 'medico' }],
      licence: { council: 'CRM', number: '9200001', uf: 'RJ', specialties: [], rqe: [] },
    });
    expect(invite.invitationPath).toMatch(/^\/convite\/[A-Za-z0-9_-]{43}$/);
    const token = invite.invitationPath.split('/').pop() ?? '';
    const publicCaller = createCaller(base);
    expect(await publicCaller.staff.invitation({ token })).toEqual({
      fullName: 'Camila Prado Rezende',
      email: 'camila@teste.example',
    });
    const weak = await publicCaller.staff
      .acceptInvitation({ token, password: 'camila-rezende-2026' })
      .catch((e: unknown) => e);
    expect(appCode(weak)).toBe('WEAK_PASSWORD');

    const jar = { token: null as string | null };
    const accepted = await createCaller({
      ...base,
      cookies: {
        setSession: (t) => {
          jar.token = t;
        },
        clearSession: () => {},
      },
    }).staff.acceptInvitation({
      token,
      password: 'plantão de sábado no Leblon',
    });
    expect(accepted.next).toBe('mfa_enrolment');
    expect(
      appCode(
        await publicCaller.staff
          .acceptInvitation({ token, password: 'plantão de sábado no Leblon' })
          .catch((e: unknown) => e),
      ),
    ).toBe('INVITATION_INVALID');

    // Enrolled and verified, but the licence is still "pendente": client data stays closed.
    await database.exec(
      `update users set mfa_enrolled_at = now() where email = 'camila@teste.example'; update sessions set mfa_verified_at = now() where revoked_at is null`,
    );
    const doctor = (await signedInContext(base, jar)).actor;
    expect(doctor && decide('clients.read', doctor, clock.now())).toEqual({
      allowed: false,
      reason: 'licence',
    });

    const staff = await (await admin()).staff.list();
    const licenceId = staff.find((s) => s.email === 'camila@teste.example')?.licences[0]?.id ?? '';
    const verified = await (await admin()).staff.verifyLicence({ licenceId });
    expect(verified).toMatchObject({
      status: 'ativa',
      situationLabel: 'Regular',
      verificationMethod: 'cfm_ws',
    });
    expect(verified.message).toBe('Licença verificada: situação Regular.');
    expect(cfm.requests.at(-1)).toMatchObject({ operation: 'Consultar', crm: '9200001', uf: 'RJ' });

    const after = (await signedInContext(base, jar)).actor;
    expect(after && decide('clients.read', after, clock.now())).toEqual({ allowed: true });
    const evidence = await database.query<{ raw: string }>(
      sql`select raw from licence_checks where licence_id = ${licenceId}`,
    );
    expect(evidence[0]?.raw).toContain('<situacao>A</situacao>');
  });

  it('marks a suspended physician irregular, keeps an active licence through a registry outage, and re-checks on schedule', async () => {
    const suspended = await createTestUser(database, org, { roles: ['medico'], clinicId: org.clinicId });
    const saved = await (await admin()).staff.saveLicence({
      userId: suspended.userId,
      licence: { council: 'CRM', number: '9100003', uf: 'SP', specialties: [], rqe: [] },
    });
    const result = await (await admin()).staff.verifyLicence({ licenceId: saved.id });
    expect(result).toMatchObject({ status: 'irregular' });
    expect(result.message).toContain('Licença irregular no conselho');

    // The registry goes down: a previously active licence stays active, the failed check is recorded.
    const active = (await (await admin()).staff.list()).find((s) => s.email === 'camila@teste.example')
      ?.licences[0];
    await cfm.close();
    const down = await (await admin()).staff.verifyLicence({ licenceId: active?.id ?? '' });
    expect(down.status).toBe('ativa');
    expect(down.message).toMatch(/^Não foi possível consultar o conselho agora/);
    cfm = await startFakeCfmServer({ key: 'test-key', doctors: DEMO_CFM_DOCTORS });
    base = { ...base, licenceRegistry: createCfmSoapRegistry({ url: cfm.url, key: 'test-key' }) };

    // The CFM suspends Dr. Camila; the scheduled re-check, a day later, closes her access.
    cfm.setDoctor({
      ...(DEMO_CFM_DOCTORS.find((d) => d.crm === '9200001') ?? DEMO_CFM_DOCTORS[0]!),
      situation: 'S',
    });
    clock.advance(25 * 3_600_000);
    const run = await recheckDueLicences(base);
    expect(run.checked).toBeGreaterThanOrEqual(2);
    const camila = (await (await admin()).staff.list()).find((s) => s.email === 'camila@teste.example')
      ?.licences[0];
    expect(camila).toMatchObject({ status: 'irregular', situationLabel: 'Suspenso total' });
  });

  it('records a manual verification for a council without an API', async () => {
    const nurse = await createTestUser(database, org, { roles: ['enfermeiro'], clinicId: org.clinicId });
    const saved = await (await admin()).staff.saveLicence({
      userId: nurse.userId,
      licence: { council: 'COREN', number: '412233', uf: 'SP', specialties: [], rqe: [] },
    });
    expect(saved.canCheckAutomatically).toBe(false);
    expect(
      appCode(await (await admin()).staff.verifyLicence({ licenceId: saved.id }).catch((e: unknown) => e)),
    ).toBe('NO_AUTOMATIC_CHECK');
    const manual = await (await admin()).staff.verifyLicenceManually({
      licenceId: saved.id,
      proof: 'Certidão de regularidade COREN-SP nº 8812, emitida em 20/11/2026',
      verifiedOn: '2026-11-25',
      isActive: true,
    });
    expect(manual).toMatchObject({ status: 'ativa', verificationMethod: 'manual' });
  });

  it('asks for step-up before changing roles and never removes the last manager', async () => {
    const receptionist = await createTestUser(database, org, {
      roles: ['recepcionista'],
      clinicId: org.clinicId,
    });
    const change = {
      userId: receptionist.userId,
      assignments: [{ clinicId: org.clinicId, role: 'esteticista' as const }],
    };
    expect(appCode(await (await admin()).staff.updateRoles(change).catch((e: unknown) => e))).toBe(
      'STEP_UP_REQUIRED',
    );
    await (await admin({ reauthenticated: true })).staff.updateRoles(change);
    const demote = await (await admin({ reauthenticated: true })).staff
      .updateRoles({
        userId: adminUser.userId,
        assignments: [{ clinicId: org.clinicId, role: 'recepcionista' }],
      })
      .catch((e: unknown) => e);
    expect(appCode(demote)).toBe('LAST_MANAGER');
    await (await admin()).staff.deactivate({ userId: receptionist.userId });
    const list = await (await admin()).staff.list();
    expect(list.find((s) => s.id === receptionist.userId)?.status).toBe('deactivated');
  });

  it('accepts only a physician with an active CRM as technical director', async () => {
    const settings = await (await admin()).organizations.clinicSettings({ clinicId: org.clinicId });
    const candidate = settings.technicalDirectorCandidates[0];
    const esthetician = (await (await admin()).staff.list()).find((s) =>
      s.assignments.some((a) => a.role === 'esteticista'),
    );
    const bad = await (await admin()).organizations
      .updateClinicSettings({
        clinicId: org.clinicId,
        name: settings.name,
        timeZone: 'America/Sao_Paulo',
        openingHours: [],
        technicalDirectorUserId: esthetician?.id ?? null,
      })
      .catch((e: unknown) => e);
    expect(appCode(bad)).toBe('INVALID_TECHNICAL_DIRECTOR');
    if (candidate) {
      await (await admin()).organizations.updateClinicSettings({
        clinicId: org.clinicId,
        name: settings.name,
        timeZone: 'America/Sao_Paulo',
        openingHours: [{ weekday: 1, opens: '08:00', closes: '19:00' }],
        technicalDirectorUserId: candidate.userId,
      });
    }
  });

  it('saves a new competence-policy version, audited, after step-up', async () => {
    const policy = await (await admin()).organizations.competencePolicy();
    expect(policy.version).toBe(1);
    const toxinForNurses = policy.rules.find(
      (r) => r.role === 'enfermeiro' && r.category === 'toxina_botulinica',
    );
    expect(toxinForNurses?.decision).toBe('requer_habilitacao');
    const rules = policy.rules.map((r) =>
      r === toxinForNurses
        ? {
            ...r,
            decision: 'proibido' as const,
            citation: 'Decisão da diretoria clínica após parecer jurídico.',
          }
        : r,
    );
    const withoutStepUp = await (await admin()).organizations
      .saveCompetencePolicy({ note: 'sem confirmação', rules })
      .catch((e: unknown) => e);
    expect(appCode(withoutStepUp)).toBe('STEP_UP_REQUIRED');
    const saved = await (await admin({ reauthenticated: true })).organizations.saveCompetencePolicy({
      note: 'Parecer jurídico de novembro/2026',
      rules,
    });
    expect(saved.version).toBe(2);
    const reloaded = await (await admin()).organizations.competencePolicy();
    expect(
      reloaded.rules.find((r) => r.role === 'enfermeiro' && r.category === 'toxina_botulinica')?.decision,
    ).toBe('proibido');
    expect(reloaded.history.map((h) => [h.version, h.isActive])).toEqual([
      [2, true],
      [1, false],
    ]);
    const audit = await database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'policy.competence.save'`,
    );
    expect(audit[0]?.n).toBe(1);
  });
});
