import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinics } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
import {
  appCode,
  TEST_PASSWORD,
  type TestDatabase,
  testContext,
  testDrivers,
  userMessage,
} from '../../testing';
import { createCaller } from '../../trpc/app-router';
import { createSessionFixture, type SessionFixture } from './test-support';

/**
 * The lockout of re-authentication at signing: a stolen unlocked tablet cannot try authenticator
 * codes without end. Five wrong passwords or codes in a row lock signing for 15 minutes.
 */
describe.each(testDrivers())('signing lockout on $name', (driver) => {
  let database: TestDatabase;
  let f: SessionFixture;
  let timeZone: string;
  const clock = fixedClock('2026-12-03T13:00:00.000Z');

  beforeAll(async () => {
    database = await driver.open();
    f = await createSessionFixture(database, clock);
    const [clinic] = await database.db
      .select({ timeZone: clinics.timeZone })
      .from(clinics)
      .where(eq(clinics.id, f.org.clinicId));
    timeZone = clinic?.timeZone ?? '';
  });
  afterAll(async () => {
    await f.cleanup();
    await database.close();
  });

  /** A draft of the physician ready to sign (checklist, before photo, notes). */
  async function draft(clientName: string) {
    const { doctor, started } = await f.startWithBeforePhoto(clientName);
    await doctor.sessions.saveDraft({
      sessionId: started.id,
      areas: ['glabela'],
      technique: 'agulha',
      points: [],
      complications: '',
      painScore: 1,
      notes: 'Procedimento sem intercorrências.',
      postCareGiven: 'Não deitar por 4 horas.',
    });
    return { doctor, sessionId: started.id };
  }

  type Caller = Awaited<ReturnType<SessionFixture['as']>>;
  const sign = (caller: Caller, sessionId: string, credentials: { password?: string; code?: string }) =>
    caller.sessions
      .sign({ sessionId, password: credentials.password ?? TEST_PASSWORD, code: credentials.code })
      .catch((e: unknown) => e);
  const status = async (sessionId: string) =>
    (await (await f.as('doctor')).sessions.get({ sessionId })).status;
  const audited = async (action: string, outcome: string, entityId: string) =>
    (
      await database.query<{ n: number }>(
        sql`select count(*)::int as n from audit_events
            where action = ${action} and outcome = ${outcome} and entity_id = ${entityId}`,
      )
    )[0]?.n;
  /** Sessions of the physician ended by the lockout (the callers here keep the actor they were built with). */
  const endedSessions = async () =>
    (
      await database.query<{ n: number }>(
        sql`select count(*)::int as n from sessions
            where user_id = ${f.people.doctor.userId} and revoked_reason = 'reauth_failures'`,
      )
    )[0]?.n;
  /** "14:35" in the clinic's zone, as the message gives it. */
  const clinicTime = (at: Date) =>
    new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit', timeZone }).format(at);

  it('refuses the right code after five wrong ones, from a new session too, and signs after the lock', async () => {
    const { doctor, sessionId } = await draft('Daniela Bloqueio');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const refused = await sign(doctor, sessionId, { code: f.wrongCode('doctor') });
      expect(appCode(refused)).toBe('SESSION_SIGN_CODE_INCORRECT');
    }
    const lockedUntil = new Date(clock.now().getTime() + 15 * 60_000);
    const fifth = await sign(doctor, sessionId, { code: f.wrongCode('doctor') });
    expect(appCode(fifth)).toBe('REAUTH_LOCKED');
    expect(userMessage(fifth)).toBe(
      `Muitas tentativas de senha ou código. Por segurança, sua sessão foi encerrada e a assinatura fica bloqueada; entre novamente e tente assinar às ${clinicTime(lockedUntil)}.`,
    );
    // The fifth wrong attempt ended the tablet's session, as five wrong codes at sign-in's MFA step do.
    expect(await endedSessions()).toBe(1);

    // Signed in again: the lock belongs to the user, so the right password and code are still refused.
    const again = await f.as('doctor');
    const refused = await sign(again, sessionId, { code: f.code('doctor') });
    expect(appCode(refused)).toBe('REAUTH_LOCKED');
    expect(userMessage(refused)).toBe(
      `Muitas tentativas de senha ou código. Por segurança, a assinatura está bloqueada; tente novamente às ${clinicTime(lockedUntil)}.`,
    );
    expect(await status(sessionId)).toBe('draft');
    // Every refusal is in the audit trail: five wrong codes, one refused while locked, and the lock.
    expect(await audited('session.sign', 'failure', sessionId)).toBe(5);
    expect(await audited('session.sign', 'denied', sessionId)).toBe(1);
    expect(await audited('auth.reauth.lock', 'denied', f.people.doctor.userId)).toBe(1);

    // Sign-in itself is not locked: the password still opens a session (next step: the MFA code).
    const signIn = await createCaller({
      ...testContext(database, { clock }),
      cookies: { setSession: () => {}, clearSession: () => {} },
    }).auth.signIn({ email: f.people.doctor.email, password: TEST_PASSWORD });
    expect(signIn.next).toBe('mfa');

    // After the 15 minutes the right code signs.
    clock.set(new Date(lockedUntil.getTime() + 1_000));
    const later = await f.as('doctor');
    const signed = await later.sessions.sign({ sessionId, password: TEST_PASSWORD, code: f.code('doctor') });
    expect(signed.status).toBe('signed');
  });

  it('counts wrong passwords too, starts again after a signature, and locks addenda as well', async () => {
    const first = await draft('Elisa Recomeço');
    const second = await draft('Fabiana Recomeço');
    // Four wrong (passwords and codes), then a signature: the count starts again.
    await sign(first.doctor, first.sessionId, { password: 'senha errada' });
    await sign(first.doctor, first.sessionId, { password: 'outra senha errada' });
    await sign(first.doctor, first.sessionId, { code: f.wrongCode('doctor') });
    await sign(first.doctor, first.sessionId, { code: f.wrongCode('doctor') });
    expect(
      (await sign(first.doctor, first.sessionId, { code: f.code('doctor') })) as { status: string },
    ).toEqual(expect.objectContaining({ status: 'signed' }));
    // A missing code is an unfinished form, not a guess: it does not count.
    expect(appCode(await sign(second.doctor, second.sessionId, {}))).toBe('SESSION_SIGN_CODE_REQUIRED');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const refused = await sign(second.doctor, second.sessionId, { password: 'senha errada' });
      expect(appCode(refused)).toBe('SESSION_SIGN_PASSWORD_INCORRECT');
    }
    // The fifth wrong one, at an addendum of the signed record, locks both.
    const addendum = await first.doctor.sessions
      .addAddendum({
        sessionId: first.sessionId,
        text: 'Correção: retorno antecipado combinado com a cliente.',
        password: TEST_PASSWORD,
        code: f.wrongCode('doctor'),
      })
      .catch((e: unknown) => e);
    expect(appCode(addendum)).toBe('REAUTH_LOCKED');
    expect(await endedSessions()).toBe(2);
    expect(appCode(await sign(await f.as('doctor'), second.sessionId, { code: f.code('doctor') }))).toBe(
      'REAUTH_LOCKED',
    );
    expect(await status(second.sessionId)).toBe('draft');
    clock.advance(16 * 60_000);
    const signed = await (await f.as('doctor')).sessions.sign({
      sessionId: second.sessionId,
      password: TEST_PASSWORD,
      code: f.code('doctor'),
    });
    expect(signed.status).toBe('signed');
  });

  it('shares the lock with the step-up before sensitive changes, which says what is locked', async () => {
    clock.advance(60 * 60_000);
    const { sessionId } = await draft('Gabriela Confirmação');
    const doctor = await f.as('doctor');
    const stepUp = (caller: Caller, code: string) =>
      caller.auth.reauthenticate({ password: TEST_PASSWORD, code }).catch((e: unknown) => e);
    for (let attempt = 1; attempt <= 3; attempt += 1)
      expect(appCode(await stepUp(doctor, f.wrongCode('doctor')))).toBe('REAUTH_FAILED');
    // A wrong code at signing counts towards the same lock: a guesser cannot switch between the two.
    expect(appCode(await sign(doctor, sessionId, { code: f.wrongCode('doctor') }))).toBe(
      'SESSION_SIGN_CODE_INCORRECT',
    );
    const lockedUntil = new Date(clock.now().getTime() + 15 * 60_000);
    const fifth = await stepUp(doctor, f.wrongCode('doctor'));
    expect(appCode(fifth)).toBe('REAUTH_LOCKED');
    expect(userMessage(fifth)).toBe(
      `Muitas tentativas de senha ou código. Por segurança, sua sessão foi encerrada e a confirmação de identidade fica bloqueada; entre novamente e tente de novo às ${clinicTime(lockedUntil)}.`,
    );
    const again = await f.as('doctor');
    const refused = await stepUp(again, f.code('doctor'));
    expect(appCode(refused)).toBe('REAUTH_LOCKED');
    expect(userMessage(refused)).toBe(
      `Muitas tentativas de senha ou código. Por segurança, a confirmação de identidade está bloqueada; tente novamente às ${clinicTime(lockedUntil)}.`,
    );
    expect(appCode(await sign(again, sessionId, { code: f.code('doctor') }))).toBe('REAUTH_LOCKED');
    clock.set(new Date(lockedUntil.getTime() + 1_000));
    expect(
      await (await f.as('doctor')).auth.reauthenticate({ password: TEST_PASSWORD, code: f.code('doctor') }),
    ).toEqual({ ok: true });
  });
});
