import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { verifyPassword, verifyTotpInTx } from '../identity/identity.service';
import {
  assertReauthNotLocked,
  clearReauthFailures,
  recordReauthFailure,
} from '../identity/reauth-lockout.service';
import * as errors from './sessions.errors';
import { findPasswordHash } from './sessions.queries';

/**
 * Re-authentication at signing: the password, then (for a professional with MFA enrolled) a current
 * code of the authenticator. The code is checked only after the password is right, so a typo in the
 * password does not burn a valid code; its step is consumed in the signing transaction.
 */
export async function reauthenticateToSign(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  input: { password: string; code?: string | undefined },
): Promise<void> {
  const hash = await findPasswordHash(tx, actor.userId);
  if (!(hash && (await verifyPassword(hash, input.password)))) throw errors.passwordIncorrect();
  if (!actor.isMfaEnrolled) return;
  if (!input.code) throw errors.codeRequired();
  if (!(await verifyTotpInTx(deps, tx, actor.userId, input.code))) throw errors.codeIncorrect();
}

/** Records a refused signature in its own transaction (the signing one was rolled back). */
async function auditSignatureRefused(
  deps: ServiceDeps,
  actor: Actor,
  target: { sessionId: string; action: string },
  outcome: 'failure' | 'denied',
) {
  await withTenant(deps.database, actor.organizationId, (tx) =>
    recordActorAudit(tx, deps, actor, {
      occurredAt: deps.clock.now(),
      action: target.action,
      entityType: 'treatment_session',
      entityId: target.sessionId,
      outcome,
    }),
  );
}

/** Wrong guesses: counted towards the lockout. A missing code is a form left incomplete, not a guess. */
const COUNTED_REFUSALS: readonly string[] = [
  'SESSION_SIGN_PASSWORD_INCORRECT',
  'SESSION_SIGN_CODE_INCORRECT',
];

/**
 * Runs a signing use case (`sign` opens the signing transaction and calls `reauthenticateToSign`)
 * behind identity's re-authentication lockout: refused at once while locked, even with the right
 * password and code; each refusal audited against the session (`denied` while locked, `failure` for
 * wrong credentials); a wrong password or code counted, and the attempt that reaches the limit
 * answers with the lock and its end time; a signature that went through clears the count.
 */
export async function withSigningReauth<T>(
  deps: ServiceDeps,
  actor: Actor,
  target: { sessionId: string; action: 'session.sign' | 'session.addendum' },
  sign: () => Promise<T>,
): Promise<T> {
  let result: T;
  try {
    await assertReauthNotLocked(deps, actor);
    result = await sign();
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code === 'REAUTH_LOCKED') await auditSignatureRefused(deps, actor, target, 'denied');
    else if (errors.REAUTH_REFUSALS.includes(code)) {
      await auditSignatureRefused(deps, actor, target, 'failure');
      if (COUNTED_REFUSALS.includes(code)) throw (await recordReauthFailure(deps, actor)) ?? error;
    }
    throw error;
  }
  await clearReauthFailures(deps, actor);
  return result;
}
