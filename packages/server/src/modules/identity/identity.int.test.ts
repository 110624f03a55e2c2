import { sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import {
  appCode,
  createTestOrganization,
  createTestUser,
  signedInContext,
  TEST_PASSWORD,
  type TestCookieJar,
  type TestDatabase,
  type TestOrg,
  testContext,
  testDrivers,
  testKeyring,
  userMessage,
} from '../../testing';
import { createCaller } from '../../trpc/app-router';
import type { Context } from '../../trpc/context';

const totpAt = (secret: string, at: Date) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

describe.each(testDrivers())('identity on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  const keyring = testKeyring();
  let base: Context;
  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    base = testContext(database, { clock, keyring });
  });
  afterAll(() => database.close());

  const signIn = async (email: string, password = TEST_PASSWORD, jar: TestCookieJar = { token: null }) => {
    const result = await createCaller({
      ...base,
      cookies: {
        setSession: (t) => {
          jar.token = t;
        },
        clearSession: () => {
          jar.token = null;
        },
      },
    }).auth.signIn({ email, password });
    return { result, jar };
  };
  const as = async (jar: TestCookieJar) => createCaller(await signedInContext(base, jar));

  it('signs a receptionist in with a session cookie stored only as a hash', async () => {
    const user = await createTestUser(database, org, { roles: ['recepcionista'], clinicId: org.clinicId });
    const { result, jar } = await signIn(user.email);
    expect(result.next).toBe('done');
    expect(jar.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const me = await (await as(jar)).auth.me();
    expect(me).toMatchObject({ email: user.email, roles: ['recepcionista'], next: 'done' });
    // What the web may offer her: the agenda, not the team's administration.
    expect(me.allowedActions).toContain('agenda.read');
    expect(me.allowedActions).not.toContain('staff.manage');
    const raw = await database.query<{ token_hash: string }>(sql`select token_hash from sessions`);
    expect(raw.map((r) => r.token_hash)).not.toContain(jar.token);
  });

  it('answers a wrong password and an unknown e-mail identically, slows down, then locks both alike', async () => {
    const user = await createTestUser(database, org, { roles: ['recepcionista'], clinicId: org.clinicId });
    const outcomes = async (email: string) => {
      const seen: { code: string; message: string; delayMs: number }[] = [];
      for (let i = 0; i < 6; i++) {
        const before = clock.now().getTime();
        const error = await signIn(email, 'definitely wrong password').catch((e: unknown) => e);
        seen.push({
          code: appCode(error) ?? '',
          message: (error as Error).message,
          delayMs: clock.now().getTime() - before,
        });
      }
      return seen;
    };
    const existing = await outcomes(user.email);
    const unknown = await outcomes('ninguem@teste.example');
    expect(existing).toEqual(unknown);
    expect(existing.map((o) => o.code)).toEqual([
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'INVALID_CREDENTIALS',
      'TOO_MANY_ATTEMPTS',
    ]);
    expect(existing.map((o) => o.delayMs)).toEqual([500, 1000, 2000, 4000, 4000, 0]);
    // Locked even with the right password, until the lockout passes.
    expect(appCode(await signIn(user.email).catch((e: unknown) => e))).toBe('TOO_MANY_ATTEMPTS');
    clock.advance(16 * 60_000);
    expect((await signIn(user.email)).result.next).toBe('done');
    const failures = await database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'auth.login' and outcome <> 'success'`,
    );
    expect(failures[0]?.n).toBeGreaterThanOrEqual(12);
  });

  it('makes a manager enrol TOTP before anything else, then asks for a code at every sign-in', async () => {
    const manager = await createTestUser(database, org, { roles: ['gestor'], clinicId: org.clinicId });
    const first = await signIn(manager.email);
    expect(first.result.next).toBe('mfa_enrolment');
    const blocked = await (await as(first.jar)).staff.list().catch((e: unknown) => e);
    expect(appCode(blocked)).toBe('MFA_ENROLMENT_REQUIRED');

    const enrolment = await (await as(first.jar)).auth.beginMfaEnrolment();
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const raw = await database.query<{ sealed: string }>(
      sql`select mfa_pending_secret_sealed as sealed from users where email = ${manager.email}`,
    );
    expect(raw[0]?.sealed).not.toContain(enrolment.secret);
    const { recoveryCodes } = await (await as(first.jar)).auth.confirmMfaEnrolment({
      code: totpAt(enrolment.secret, clock.now()),
    });
    expect(recoveryCodes).toHaveLength(10);
    expect(await (await as(first.jar)).staff.list()).toEqual(expect.any(Array));

    clock.advance(60_000);
    const second = await signIn(manager.email);
    expect(second.result.next).toBe('mfa');
    expect(appCode(await (await as(second.jar)).staff.list().catch((e: unknown) => e))).toBe('MFA_REQUIRED');
    expect(
      appCode(await (await as(second.jar)).auth.verifyMfa({ code: '000000' }).catch((e: unknown) => e)),
    ).toBe('INVALID_MFA_CODE');
    const code = totpAt(enrolment.secret, clock.now());
    await (await as(second.jar)).auth.verifyMfa({ code });
    expect(await (await as(second.jar)).staff.list()).toEqual(expect.any(Array));

    // The same code cannot be replayed in another session.
    const third = await signIn(manager.email);
    expect(appCode(await (await as(third.jar)).auth.verifyMfa({ code }).catch((e: unknown) => e))).toBe(
      'INVALID_MFA_CODE',
    );
    // A recovery code works once.
    const recovery = recoveryCodes[0] ?? '';
    expect(await (await as(third.jar)).auth.verifyMfa({ code: recovery })).toEqual({
      remainingRecoveryCodes: 9,
    });
    const fourth = await signIn(manager.email);
    expect(
      appCode(await (await as(fourth.jar)).auth.verifyMfa({ code: recovery }).catch((e: unknown) => e)),
    ).toBe('INVALID_MFA_CODE');
  });

  it('never lets a password alone replace an enrolled second factor', async () => {
    const manager = await createTestUser(database, org, { roles: ['gestor'], clinicId: org.clinicId });
    const first = await signIn(manager.email);
    const enrolment = await (await as(first.jar)).auth.beginMfaEnrolment();
    await (await as(first.jar)).auth.confirmMfaEnrolment({ code: totpAt(enrolment.secret, clock.now()) });
    clock.advance(60_000);
    // Signed in with the password only: re-enrolling must be refused at both steps.
    const attacker = await signIn(manager.email);
    expect(attacker.result.next).toBe('mfa');
    expect(appCode(await (await as(attacker.jar)).auth.beginMfaEnrolment().catch((e: unknown) => e))).toBe(
      'MFA_REQUIRED',
    );
    expect(
      appCode(
        await (await as(attacker.jar)).auth.confirmMfaEnrolment({ code: '123456' }).catch((e: unknown) => e),
      ),
    ).toBe('MFA_REQUIRED');
    expect(appCode(await (await as(attacker.jar)).staff.list().catch((e: unknown) => e))).toBe(
      'MFA_REQUIRED',
    );
    // The owner, MFA-verified, must still re-authenticate before replacing the authenticator.
    await (await as(attacker.jar)).auth.verifyMfa({ code: totpAt(enrolment.secret, clock.now()) });
    expect(appCode(await (await as(attacker.jar)).auth.beginMfaEnrolment().catch((e: unknown) => e))).toBe(
      'STEP_UP_REQUIRED',
    );
  });

  it('does not consume the TOTP code when the step-up password is wrong', async () => {
    const manager = await createTestUser(database, org, { roles: ['gestor'], clinicId: org.clinicId });
    const session = await signIn(manager.email);
    const enrolment = await (await as(session.jar)).auth.beginMfaEnrolment();
    await (await as(session.jar)).auth.confirmMfaEnrolment({ code: totpAt(enrolment.secret, clock.now()) });
    clock.advance(30_000);
    const code = totpAt(enrolment.secret, clock.now());
    expect(
      appCode(
        await (await as(session.jar)).auth
          .reauthenticate({ password: 'senha errada demais', code })
          .catch((e: unknown) => e),
      ),
    ).toBe('REAUTH_FAILED');
    expect(await (await as(session.jar)).auth.reauthenticate({ password: TEST_PASSWORD, code })).toEqual({
      ok: true,
    });
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const user = await createTestUser(database, org, { roles: ['recepcionista'], clinicId: org.clinicId });
    const { jar } = await signIn(user.email);
    clock.advance(29 * 60_000);
    await (await as(jar)).auth.me();
    clock.advance(29 * 60_000);
    await (await as(jar)).auth.me(); // activity keeps it alive
    clock.advance(31 * 60_000);
    const idle = await (await as(jar)).auth.me().catch((e: unknown) => e);
    expect(userMessage(idle)).toBe('Sua sessão expirou por inatividade. Entre novamente.');

    const fresh = await signIn(user.email);
    let expiredAtStep: number | null = null;
    for (let i = 1; i <= 26 && expiredAtStep === null; i++) {
      clock.advance(29 * 60_000);
      const outcome = await (await as(fresh.jar)).auth.me().catch((e: unknown) => e);
      if (outcome instanceof Error) {
        expect(userMessage(outcome)).toBe('Sua sessão chegou ao tempo máximo. Entre novamente.');
        expiredAtStep = i;
      }
    }
    expect(expiredAtStep).toBe(25); // active every 29 min, yet 25 × 29 min passes the 12 h lifetime
  });

  it('changing the password ends the other sessions; the admin can end all of a user’s sessions', async () => {
    const user = await createTestUser(database, org, { roles: ['recepcionista'], clinicId: org.clinicId });
    const a = await signIn(user.email);
    const b = await signIn(user.email);
    expect(await (await as(a.jar)).auth.mySessions()).toHaveLength(2);
    const weak = await (await as(a.jar)).auth
      .changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'qwerty123456' })
      .catch((e: unknown) => e);
    expect(userMessage(weak)).toContain('muito comum');
    await (await as(a.jar)).auth.changePassword({
      currentPassword: TEST_PASSWORD,
      newPassword: 'um cafezinho bem forte às sete',
    });
    expect(appCode(await (await as(b.jar)).auth.me().catch((e: unknown) => e))).toBe('SESSION_REQUIRED');
    expect(await (await as(a.jar)).auth.mySessions()).toHaveLength(1);

    const admin = await createTestUser(database, org, {
      roles: ['gestor'],
      clinicId: org.clinicId,
      mfaEnrolled: true,
    });
    const adminSession = await signIn(admin.email);
    await database.exec(`update sessions set mfa_verified_at = now() where revoked_at is null`);
    expect(
      (await (await as(adminSession.jar)).auth.revokeUserSessions({ userId: user.userId })).revoked,
    ).toBe(1);
    expect(appCode(await (await as(a.jar)).auth.me().catch((e: unknown) => e))).toBe('SESSION_REQUIRED');
    const audit = await database.query<{ action: string }>(
      sql`select distinct action from audit_events where action like 'auth.%' order by action`,
    );
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'auth.login',
        'auth.mfa.enrol',
        'auth.mfa.verify',
        'auth.password.change',
        'auth.session.revoke_all',
        'auth.session.expire',
      ]),
    );
  });

  it('refuses mutations without the CSRF header derived from the session', async () => {
    const user = await createTestUser(database, org, { roles: ['recepcionista'], clinicId: org.clinicId });
    const { jar } = await signIn(user.email);
    const ctx = { ...(await signedInContext(base, jar)), csrfHeader: 'forged' };
    expect(
      appCode(
        await createCaller(ctx)
          .auth.signOut()
          .catch((e: unknown) => e),
      ),
    ).toBe('CSRF_REJECTED');
    expect(await createCaller(ctx).auth.me()).toMatchObject({ email: user.email });
  });
});
