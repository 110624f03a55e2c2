import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { TCouncil, TLoginInput, TStaffRole } from '@clinia/contracts';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Tx } from '../../db/client';
import { auditOrigin, recordAudit } from '../../platform/audit/audit';
import { type Actor, allowedActions, hasRecentStepUp, requiresMfa } from '../../platform/authz/permissions';
import { AppError } from '../../platform/errors';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import type { Context, ServiceDeps } from '../../trpc/context';
import {
  invalidCredentials,
  invalidMfaCode,
  mfaRequired,
  stepUpRequired,
  tooManyAttempts,
} from './identity.errors';
import {
  clearThrottle,
  consumeRecoveryCode,
  countUnusedRecoveryCodes,
  findActiveLicenceCouncils,
  findMembershipsOfUser,
  findSessionByTokenHash,
  findThrottle,
  findUserByEmail,
  findUserById,
  findUserSessions,
  incrementMfaFailures,
  insertSession,
  replaceRecoveryCodes,
  revokeUserSessions,
  saveThrottle,
  updateSession,
  updateUser,
} from './identity.queries';
import { afterFailure, delayAfterFailures, isLocked } from './login-throttle';
import { dummyPasswordHash, hashPassword, passwordProblems, verifyPassword } from './password';
import { assertReauthNotLocked, clearReauthFailures, recordReauthFailure } from './reauth-lockout.service';

/**
 * Sign-in, sessions, MFA and step-up. Session tokens are 256-bit random values; only their SHA-256 is
 * stored. The CSRF token is derived from the session token (HMAC), so it needs no storage and dies
 * with the session. Lookups by token hash run in system scope (the tenant is not known yet); every
 * other write runs in the user's tenant.
 */

export const SESSION_COOKIE = 'clinia_session';
const MFA_FAILURE_LIMIT = 5;
const TOTP_PERIOD_S = 30;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');
export const tokenHash = (token: string) => sha256(`session:${token}`);
export const csrfTokenFor = (sessionToken: string) =>
  createHmac('sha256', sessionToken).update('clinia-csrf-v1').digest('base64url');
const recoveryCodeHash = (userId: string, code: string) =>
  sha256(`recovery:${userId}:${code.replace('-', '').toUpperCase()}`);
const throttleKey = (email: string) => sha256(`login:${email.trim().toLowerCase()}`);
const mfaAad = (userId: string) => `users.mfa_secret:${userId}`;

export type SignInStep = 'done' | 'mfa' | 'mfa_enrolment';
export type SignInResult = { token: string; csrfToken: string; next: SignInStep; maxAgeS: number };

async function rolesInClinic(tx: Tx, userId: string, clinicId?: string) {
  const memberships = await findMembershipsOfUser(tx, userId);
  const clinicIdChosen = clinicId ?? memberships[0]?.clinicId;
  return {
    memberships,
    clinicId: clinicIdChosen,
    roles: memberships.filter((m) => m.clinicId === clinicIdChosen).map((m) => m.role as TStaffRole),
  };
}

/** Creates a session for an authenticated user inside `tx` (tenant-scoped). */
async function openSession(
  deps: ServiceDeps,
  tx: Tx,
  user: { id: string; organizationId: string; mfaEnrolledAt: Date | null },
) {
  const now = deps.clock.now();
  const { clinicId, roles } = await rolesInClinic(tx, user.id);
  if (!clinicId)
    throw new AppError('NO_CLINIC', {
      kind: 'FORBIDDEN',
      userMessage: 'Seu usuário não está vinculado a nenhuma clínica. Fale com o gestor.',
    });
  const token = newToken();
  const origin = auditOrigin(deps);
  const session = await insertSession(tx, {
    organizationId: user.organizationId,
    userId: user.id,
    tokenHash: tokenHash(token),
    clinicId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + deps.config.session.absoluteTimeoutS * 1000),
    ip: origin.ip,
    userAgent: origin.userAgent?.slice(0, 512) ?? null,
  });
  const next: SignInStep = user.mfaEnrolledAt ? 'mfa' : requiresMfa(roles) ? 'mfa_enrolment' : 'done';
  return { token, session, next };
}

/** E-mail and password sign-in. The same answer, after the same kind of work, whether or not the e-mail exists. */
export async function signIn(
  deps: ServiceDeps & { loginLimiter: Context['loginLimiter'] },
  input: TLoginInput,
): Promise<SignInResult> {
  const now = deps.clock.now();
  const origin = auditOrigin(deps);
  if (!deps.loginLimiter.hit(origin.ip ?? 'unknown', now.getTime())) throw tooManyAttempts();
  const key = throttleKey(input.email);
  // System scope: the tenant is unknown until the user is found.
  const attempt = await withSystem(deps.database, async (tx) => {
    const throttle = await findThrottle(tx, key);
    const user = await findUserByEmail(tx, input.email);
    if (isLocked(throttle, now)) {
      await recordAudit(tx, {
        organizationId: user?.organizationId ?? null,
        action: 'auth.login',
        entityType: 'user',
        entityId: user?.id ?? null,
        outcome: 'denied',
        actor: { userId: user?.id ?? null },
        origin,
        occurredAt: now,
      });
      return { kind: 'locked' as const };
    }
    const isUsable = user?.status === 'active' && user.passwordHash;
    const isValid = isUsable
      ? await verifyPassword(user.passwordHash as string, input.password)
      : (await verifyPassword(await dummyPasswordHash(), input.password), false);
    if (!isValid || !user) {
      const state = afterFailure(throttle, now);
      await saveThrottle(tx, key, state);
      await recordAudit(tx, {
        organizationId: user?.organizationId ?? null,
        action: 'auth.login',
        entityType: 'user',
        entityId: user?.id ?? null,
        outcome: 'failure',
        actor: { userId: user?.id ?? null },
        origin,
        occurredAt: now,
      });
      return { kind: 'failed' as const, delayMs: delayAfterFailures(state.failures) };
    }
    await clearThrottle(tx, key);
    return { kind: 'ok' as const, user };
  });
  if (attempt.kind === 'locked') throw tooManyAttempts();
  if (attempt.kind === 'failed') {
    // The delay runs outside any transaction so it holds no connection or lock.
    await deps.clock.sleep(attempt.delayMs);
    throw invalidCredentials();
  }
  const { user } = attempt;
  const opened = await withTenant(deps.database, user.organizationId, async (tx) => {
    const result = await openSession(deps, tx, user);
    await recordAudit(tx, {
      organizationId: user.organizationId,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      actor: { userId: user.id, clinicId: result.session.clinicId },
      origin,
      occurredAt: now,
    });
    return result;
  });
  return {
    token: opened.token,
    csrfToken: csrfTokenFor(opened.token),
    next: opened.next,
    maxAgeS: deps.config.session.absoluteTimeoutS,
  };
}

export type ResolvedSession =
  | { actor: Actor; problem: null }
  | { actor: null; problem: 'expired_idle' | 'expired_absolute' | 'revoked' | null };

/** Turns a session cookie into an Actor, enforcing idle and absolute timeouts. */
export async function resolveSession(deps: ServiceDeps, token: string | null): Promise<ResolvedSession> {
  if (!token || token.length > 128) return { actor: null, problem: null };
  const now = deps.clock.now();
  // System scope: the token hash is the only thing known about the caller.
  return withSystem(deps.database, async (tx) => {
    const row = await findSessionByTokenHash(tx, tokenHash(token));
    if (!row) return { actor: null, problem: null };
    const { session, user } = row;
    if (session.revokedAt || user.status !== 'active') return { actor: null, problem: 'revoked' };
    const idleMs = deps.config.session.idleTimeoutS * 1000;
    const expiry =
      now >= session.expiresAt
        ? 'expired_absolute'
        : now.getTime() - session.lastSeenAt.getTime() > idleMs
          ? 'expired_idle'
          : null;
    if (expiry) {
      await updateSession(tx, session.id, { revokedAt: now, revokedReason: expiry });
      await recordAudit(tx, {
        organizationId: session.organizationId,
        action: 'auth.session.expire',
        entityType: 'session',
        entityId: session.id,
        actor: { userId: user.id },
        occurredAt: now,
      });
      return { actor: null, problem: expiry };
    }
    // Write last-seen at most every tenth of the idle window, so busy screens do not write per request.
    if (now.getTime() - session.lastSeenAt.getTime() > Math.min(30_000, idleMs / 10)) {
      await updateSession(tx, session.id, { lastSeenAt: now });
    }
    const { roles } = await rolesInClinic(tx, user.id, session.clinicId);
    const licences = (await findActiveLicenceCouncils(tx, user.id)) as TCouncil[];
    return {
      actor: {
        userId: user.id,
        organizationId: user.organizationId,
        sessionId: session.id,
        clinicId: session.clinicId,
        roles,
        isMfaEnrolled: Boolean(user.mfaEnrolledAt),
        isMfaVerified: Boolean(session.mfaVerifiedAt),
        reauthenticatedAt: session.reauthenticatedAt,
        activeLicences: licences,
      },
      problem: null,
    };
  });
}

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Clinia',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** The TOTP step a code matches (±1 step for clock drift), or null. */
function matchTotp(secretBase32: string, code: string, now: Date): number | null {
  const delta = totpFor(secretBase32, 'x').validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / TOTP_PERIOD_S) + delta;
}

/** Checks a TOTP or recovery code for the user; consumes recovery codes and blocks TOTP replay. */
async function checkSecondFactor(
  deps: ServiceDeps,
  tx: Tx,
  userId: string,
  code: string,
): Promise<'totp' | 'recovery' | null> {
  if (/^\d{6}$/.test(code)) return (await verifyTotpInTx(deps, tx, userId, code)) ? 'totp' : null;
  const user = await findUserById(tx, userId);
  if (!user?.mfaSecretSealed) return null;
  const now = deps.clock.now();
  return (await consumeRecoveryCode(tx, userId, recoveryCodeHash(userId, code), now)) ? 'recovery' : null;
}

/**
 * Checks a current TOTP code of the user's enrolled authenticator inside `tx` (±1 step), and marks
 * its step used so the same code cannot be replayed. For re-authentication at signing, where only the
 * authenticator (not a recovery code) counts; the caller audits a refusal.
 */
export async function verifyTotpInTx(
  deps: ServiceDeps,
  tx: Tx,
  userId: string,
  code: string,
): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const user = await findUserById(tx, userId);
  if (!user?.mfaSecretSealed) return false;
  const secret = deps.keyring.open(user.mfaSecretSealed, mfaAad(userId));
  const step = matchTotp(secret, code, deps.clock.now());
  if (step === null || (user.mfaLastStep !== null && step <= user.mfaLastStep)) return false;
  await updateUser(tx, userId, { mfaLastStep: step });
  return true;
}

/** Second step of sign-in: a TOTP or recovery code. Five wrong codes end the session. */
export async function verifyMfa(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
): Promise<{ remainingRecoveryCodes: number }> {
  const now = deps.clock.now();
  const result = await withTenant(deps.database, actor.organizationId, async (tx) => {
    const method = await checkSecondFactor(deps, tx, actor.userId, code);
    if (!method) {
      const failures = await incrementMfaFailures(tx, actor.sessionId);
      if (failures >= MFA_FAILURE_LIMIT)
        await updateSession(tx, actor.sessionId, { revokedAt: now, revokedReason: 'mfa_failures' });
      await recordAudit(tx, {
        organizationId: actor.organizationId,
        action: 'auth.mfa.verify',
        entityType: 'user',
        entityId: actor.userId,
        outcome: 'failure',
        actor: { userId: actor.userId, clinicId: actor.clinicId },
        origin: auditOrigin(deps),
        occurredAt: now,
      });
      return null;
    }
    await updateSession(tx, actor.sessionId, { mfaVerifiedAt: now, mfaFailures: 0 });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: method === 'totp' ? 'auth.mfa.verify' : 'auth.mfa.recovery_code',
      entityType: 'user',
      entityId: actor.userId,
      actor: { userId: actor.userId, clinicId: actor.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
    return { remainingRecoveryCodes: await countUnusedRecoveryCodes(tx, actor.userId) };
  });
  if (!result) throw invalidMfaCode();
  return result;
}

/** Starts TOTP enrolment: a new secret (kept sealed as pending until confirmed), its QR code and text form. */
/**
 * Enrolment replaces the second factor, so an enrolled user may only re-enrol from a session that
 * already passed MFA and re-authenticated moments ago; otherwise a password alone would be enough to
 * swap in a new authenticator and walk past MFA.
 */
function assertMayEnrol(deps: ServiceDeps, actor: Actor, user: { mfaEnrolledAt: Date | null }): void {
  if (!user.mfaEnrolledAt) return;
  if (!actor.isMfaVerified) throw mfaRequired();
  if (!hasRecentStepUp(actor, deps.clock.now())) throw stepUpRequired();
}

export async function beginMfaEnrolment(
  deps: ServiceDeps,
  actor: Actor,
): Promise<{ otpauthUri: string; qrDataUrl: string; secret: string }> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const user = await withTenant(deps.database, actor.organizationId, async (tx) => {
    const found = await findUserById(tx, actor.userId);
    if (!found) throw new AppError('NOT_FOUND');
    assertMayEnrol(deps, actor, found);
    await updateUser(tx, actor.userId, {
      mfaPendingSecretSealed: deps.keyring.seal(secret, mfaAad(actor.userId)),
    });
    return found;
  });
  const otpauthUri = totpFor(secret, user.email).toString();
  return { otpauthUri, qrDataUrl: await QRCode.toDataURL(otpauthUri, { margin: 1, width: 240 }), secret };
}

/** Confirms enrolment with a first code; returns 10 single-use recovery codes, shown once. */
export async function confirmMfaEnrolment(
  deps: ServiceDeps,
  actor: Actor,
  code: string,
): Promise<{ recoveryCodes: string[] }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUserById(tx, actor.userId);
    if (user) assertMayEnrol(deps, actor, user);
    if (!user?.mfaPendingSecretSealed) {
      throw new AppError('MFA_ENROLMENT_NOT_STARTED', {
        kind: 'INVALID_STATE',
        userMessage: 'Comece a configuração da verificação em duas etapas novamente.',
      });
    }
    const secret = deps.keyring.open(user.mfaPendingSecretSealed, mfaAad(actor.userId));
    const step = /^\d{6}$/.test(code) ? matchTotp(secret, code, now) : null;
    if (step === null) throw invalidMfaCode();
    const recoveryCodes = Array.from({ length: 10 }, () => {
      const raw = randomBytes(10).toString('base64url').replace(/[-_]/g, 'X').slice(0, 10).toUpperCase();
      return `${raw.slice(0, 5)}-${raw.slice(5)}`;
    });
    await updateUser(tx, actor.userId, {
      mfaSecretSealed: user.mfaPendingSecretSealed,
      mfaPendingSecretSealed: null,
      mfaEnrolledAt: now,
      mfaLastStep: step,
      updatedAt: now,
    });
    await replaceRecoveryCodes(
      tx,
      actor.organizationId,
      actor.userId,
      recoveryCodes.map((c) => recoveryCodeHash(actor.userId, c)),
    );
    await updateSession(tx, actor.sessionId, { mfaVerifiedAt: now, mfaFailures: 0 });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: 'auth.mfa.enrol',
      entityType: 'user',
      entityId: actor.userId,
      changedFields: ['mfaSecret', 'recoveryCodes'],
      actor: { userId: actor.userId, clinicId: actor.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
    return { recoveryCodes };
  });
}

/** Step-up: password and second factor again, for sensitive actions in the next few minutes. */
export async function reauthenticate(
  deps: ServiceDeps,
  actor: Actor,
  input: { password: string; code?: string },
): Promise<void> {
  const now = deps.clock.now();
  // Wrong passwords and codes count towards the same lock as at signing (reauth-lockout.service.ts).
  await assertReauthNotLocked(deps, actor, 'step_up');
  const ok = await withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUserById(tx, actor.userId);
    const passwordOk = Boolean(
      user?.passwordHash && (await verifyPassword(user.passwordHash, input.password)),
    );
    // The code is checked (and consumed) only after the password is right, so a typo in the
    // password does not burn a valid TOTP code.
    const factorOk =
      passwordOk &&
      (!user?.mfaEnrolledAt ||
        (input.code ? Boolean(await checkSecondFactor(deps, tx, actor.userId, input.code)) : false));
    const success = passwordOk && factorOk;
    if (success) await updateSession(tx, actor.sessionId, { reauthenticatedAt: now });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: 'auth.reauthenticate',
      entityType: 'user',
      entityId: actor.userId,
      outcome: success ? 'success' : 'failure',
      actor: { userId: actor.userId, clinicId: actor.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
    return success;
  });
  if (!ok) {
    const locked = await recordReauthFailure(deps, actor, 'step_up');
    throw (
      locked ??
      new AppError('REAUTH_FAILED', {
        kind: 'UNAUTHENTICATED',
        userMessage: 'Senha ou código incorretos.',
      })
    );
  }
  await clearReauthFailures(deps, actor);
}

export async function changePassword(
  deps: ServiceDeps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUserById(tx, actor.userId);
    if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('WRONG_PASSWORD', {
        kind: 'VALIDATION_FAILED',
        userMessage: 'Senha atual incorreta.',
        details: { field: 'currentPassword' },
      });
    }
    const problems = passwordProblems(input.newPassword, { email: user.email, fullName: user.fullName });
    if (problems.length > 0) {
      throw new AppError('WEAK_PASSWORD', {
        kind: 'VALIDATION_FAILED',
        userMessage: `Nova senha: ${problems.join(' ')}`,
        details: { field: 'newPassword' },
      });
    }
    await updateUser(tx, actor.userId, {
      passwordHash: await hashPassword(input.newPassword),
      passwordChangedAt: now,
      updatedAt: now,
    });
    const revoked = await revokeUserSessions(tx, actor.userId, 'password_changed', now, actor.sessionId);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: 'auth.password.change',
      entityType: 'user',
      entityId: actor.userId,
      changedFields: ['passwordHash', ...(revoked ? ['sessions'] : [])],
      actor: { userId: actor.userId, clinicId: actor.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
  });
}

export async function signOut(deps: ServiceDeps, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    await updateSession(tx, actor.sessionId, { revokedAt: now, revokedReason: 'logout' });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: 'auth.logout',
      entityType: 'session',
      entityId: actor.sessionId,
      actor: { userId: actor.userId, clinicId: actor.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
  });
}

export async function listMySessions(deps: ServiceDeps, actor: Actor) {
  const rows = await withTenant(deps.database, actor.organizationId, (tx) =>
    findUserSessions(tx, actor.userId),
  );
  const now = deps.clock.now().getTime();
  const idleMs = deps.config.session.idleTimeoutS * 1000;
  return rows
    .filter((r) => r.expiresAt.getTime() > now && now - r.lastSeenAt.getTime() <= idleMs)
    .map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      ip: r.ip,
      device: describeUserAgent(r.userAgent),
      isCurrent: r.id === actor.sessionId,
    }));
}

export async function revokeMySession(deps: ServiceDeps, actor: Actor, sessionId: string): Promise<void> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const mine = (await findUserSessions(tx, actor.userId)).some((s) => s.id === sessionId);
    if (!mine) throw new AppError('NOT_FOUND', { userMessage: 'Sessão não encontrada.' });
    await updateSession(tx, sessionId, { revokedAt: now, revokedReason: 'revoked_by_user' });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: 'auth.session.revoke',
      entityType: 'session',
      entityId: sessionId,
      actor: { userId: actor.userId, clinicId: actor.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
  });
}

/** An admin ends every session of another user (lost device, dismissal). */
export async function revokeUserSessionsAsAdmin(
  deps: ServiceDeps,
  actor: Actor,
  userId: string,
): Promise<{ revoked: number }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', { userMessage: 'Usuário não encontrado.' });
    const revoked = await revokeUserSessions(tx, userId, 'revoked_by_admin', now);
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      action: 'auth.session.revoke_all',
      entityType: 'user',
      entityId: userId,
      actor: { userId: actor.userId, clinicId: actor.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
    return { revoked };
  });
}

/** The signed-in user's own view: who, where, what is still required. */
export async function getMe(deps: ServiceDeps, actor: Actor, sessionToken: string) {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUserById(tx, actor.userId);
    if (!user) throw new AppError('NOT_FOUND');
    const { memberships } = await rolesInClinic(tx, actor.userId, actor.clinicId);
    const clinicsById = new Map<
      string,
      { id: string; name: string; timeZone: string; roles: TStaffRole[] }
    >();
    for (const m of memberships) {
      const entry = clinicsById.get(m.clinicId) ?? {
        id: m.clinicId,
        name: m.clinicName,
        timeZone: m.timeZone,
        roles: [],
      };
      entry.roles.push(m.role as TStaffRole);
      clinicsById.set(m.clinicId, entry);
    }
    const mfaRequired = requiresMfa(actor.roles);
    return {
      userId: user.id,
      fullName: user.fullName,
      email: user.email,
      clinicId: actor.clinicId,
      roles: actor.roles,
      clinics: [...clinicsById.values()],
      isMfaEnrolled: actor.isMfaEnrolled,
      isMfaVerified: actor.isMfaVerified,
      next: (actor.isMfaEnrolled && !actor.isMfaVerified
        ? 'mfa'
        : !actor.isMfaEnrolled && mfaRequired
          ? 'mfa_enrolment'
          : 'done') as SignInStep,
      activeLicences: actor.activeLicences,
      allowedActions: allowedActions(actor, deps.clock.now()),
      csrfToken: csrfTokenFor(sessionToken),
      idleTimeoutS: deps.config.session.idleTimeoutS,
    };
  });
}

function describeUserAgent(ua: string | null): string {
  if (!ua) return 'Dispositivo desconhecido';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Chrome\//.test(ua)
      ? 'Chrome'
      : /Firefox\//.test(ua)
        ? 'Firefox'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Navegador';
  const os = /iPad/.test(ua)
    ? 'iPad'
    : /iPhone/.test(ua)
      ? 'iPhone'
      : /Android/.test(ua)
        ? 'Android'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X/.test(ua)
            ? 'macOS'
            : /Linux/.test(ua)
              ? 'Linux'
              : 'sistema desconhecido';
  return `${browser} em ${os}`;
}

/** Signs a user in right after they proved who they are another way (accepting an invitation). */
export async function createSessionForUser(
  deps: ServiceDeps,
  organizationId: string,
  userId: string,
): Promise<SignInResult> {
  const now = deps.clock.now();
  const opened = await withTenant(deps.database, organizationId, async (tx) => {
    const user = await findUserById(tx, userId);
    if (user?.status !== 'active') throw new AppError('INVALID_STATE');
    const result = await openSession(deps, tx, user);
    await recordAudit(tx, {
      organizationId,
      action: 'auth.login',
      entityType: 'user',
      entityId: userId,
      actor: { userId, clinicId: result.session.clinicId },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
    return result;
  });
  return {
    token: opened.token,
    csrfToken: csrfTokenFor(opened.token),
    next: opened.next,
    maxAgeS: deps.config.session.absoluteTimeoutS,
  };
}

export { revokeUserSessions as revokeAllSessionsOfUser } from './identity.queries';
export { hashPassword, passwordProblems, verifyPassword } from './password';
