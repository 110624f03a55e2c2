import { createHash } from 'node:crypto';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import type { AppError } from '../../platform/errors';
import { withSystem } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { getClinicTimeZone } from '../organizations/organizations.service';
import { type ReauthPurpose, reauthLocked } from './identity.errors';
import { clearThrottle, findThrottle, lockThrottle, saveThrottle, updateSession } from './identity.queries';
import { afterFailure, isLocked } from './login-throttle';

/**
 * Lockout of the re-authentication asked inside a signed-in session (password and authenticator
 * code to sign a record or an addendum, or the step-up before a sensitive change such as roles or
 * the competence policy), so a stolen unlocked tablet cannot try codes without end. Both count
 * towards one lock per user: a guesser cannot switch from one to the other.
 * It is sign-in's rule and storage (login-throttle.ts, table login_throttle): the fifth wrong attempt
 * in a row, within 30 minutes, locks for 15 minutes; a success clears the count. The key is the user,
 * not the e-mail, so a new session does not lift the lock.
 *
 * Consistency with sign-in, decided here:
 * - the attempt that starts the lock also ends the session it came from, as five wrong codes at
 *   sign-in's MFA step end that session: whoever keeps guessing on a borrowed tablet loses the
 *   tablet's access to the records too, not only the signature;
 * - sign-in itself is NOT locked. Sign-in counts its own failures per e-mail; locking the account
 *   from inside a session would let anyone holding the tablet shut the professional out of her agenda.
 *   She signs in again (password and MFA, both throttled there) and can sign at the time given.
 *
 * The throttle rows hold only hashed keys and counters, not tenant data: system scope, as sign-in.
 * Each call opens its own short transaction, outside the signing one, because a refused signature
 * rolls that one back and the failure must still count.
 */

const reauthKey = (userId: string) => createHash('sha256').update(`reauth:${userId}`).digest('hex');

async function lockedError(
  tx: Tx,
  actor: Actor,
  lockedUntil: Date,
  isSessionEnded: boolean,
  purpose: ReauthPurpose,
) {
  const timeZone = await getClinicTimeZone(tx, actor.clinicId);
  const retryAt = new Intl.DateTimeFormat('pt-BR', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(lockedUntil);
  return reauthLocked(retryAt, isSessionEnded, purpose);
}

/** Throws REAUTH_LOCKED while the user's re-authentication is locked, before any credential is checked. */
export async function assertReauthNotLocked(
  deps: ServiceDeps,
  actor: Actor,
  purpose: ReauthPurpose = 'signing',
): Promise<void> {
  const now = deps.clock.now();
  const error = await withSystem(deps.database, async (tx) => {
    const state = await findThrottle(tx, reauthKey(actor.userId));
    return state?.lockedUntil && isLocked(state, now)
      ? lockedError(tx, actor, state.lockedUntil, false, purpose)
      : null;
  });
  if (error) throw error;
}

/**
 * Counts one wrong password or code. Returns the REAUTH_LOCKED error to give instead of the wrong-
 * credential one when this attempt starts the lock (the session is then ended and the lock audited),
 * otherwise null.
 */
export async function recordReauthFailure(
  deps: ServiceDeps,
  actor: Actor,
  purpose: ReauthPurpose = 'signing',
): Promise<AppError | null> {
  const now = deps.clock.now();
  return withSystem(deps.database, async (tx) => {
    const key = reauthKey(actor.userId);
    const state = afterFailure(await lockThrottle(tx, key), now);
    await saveThrottle(tx, key, state);
    if (!state.lockedUntil) return null;
    await updateSession(tx, actor.sessionId, { revokedAt: now, revokedReason: 'reauth_failures' });
    await recordActorAudit(tx, deps, actor, {
      action: 'auth.reauth.lock',
      entityType: 'user',
      entityId: actor.userId,
      changedFields: ['lockedUntil', 'sessionRevokedAt'],
      outcome: 'denied',
      occurredAt: now,
    });
    return lockedError(tx, actor, state.lockedUntil, true, purpose);
  });
}

/** A right password and code: the count starts again. */
export async function clearReauthFailures(deps: ServiceDeps, actor: Actor): Promise<void> {
  await withSystem(deps.database, (tx) => clearThrottle(tx, reauthKey(actor.userId)));
}
