import { randomUUID } from 'node:crypto';
import type { TTreatmentSession } from '@clinia/contracts';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { contentHash } from './canonical';
import * as errors from './sessions.errors';
import { insertAddendum, lockSession } from './sessions.queries';
import { addendumAad, getSession, licenceSnapshot } from './sessions.service';
import { reauthenticateToSign, withSigningReauth } from './signing-reauth.service';

/** A signed correction of a signed record, by a professional with an active licence. */
export async function addAddendum(
  deps: ServiceDeps,
  actor: Actor,
  input: { sessionId: string; text: string; password: string; code?: string | undefined },
): Promise<TTreatmentSession> {
  const now = deps.clock.now();
  await withSigningReauth(deps, actor, { sessionId: input.sessionId, action: 'session.addendum' }, () =>
    withTenant(deps.database, actor.organizationId, async (tx) => {
      const row = await lockSession(tx, input.sessionId);
      if (!row || row.organizationId !== actor.organizationId) throw errors.sessionNotFound();
      if (row.status !== 'signed') throw errors.sessionNotSigned();
      await reauthenticateToSign(tx, deps, actor, input);
      const licence = await licenceSnapshot(tx, actor);
      const id = randomUUID();
      const snapshot = {
        council: licence.council,
        number: licence.number,
        uf: licence.uf,
        status: licence.status,
      };
      await insertAddendum(tx, {
        id,
        organizationId: row.organizationId,
        sessionId: row.id,
        textSealed: deps.keyring.seal(input.text, addendumAad(id)),
        signedAt: now,
        signedBy: actor.userId,
        contentHash: contentHash({
          addendum: id,
          session: row.id,
          sessionHash: row.contentHash,
          text: input.text,
          signedAt: now.toISOString(),
          signedBy: actor.userId,
          licence: snapshot,
        }),
        licenceCouncil: snapshot.council,
        licenceNumber: snapshot.number,
        licenceUf: snapshot.uf,
        licenceStatus: snapshot.status,
      });
      await recordActorAudit(tx, deps, actor, {
        action: 'session.addendum',
        entityType: 'treatment_session',
        entityId: row.id,
        occurredAt: now,
      });
    }),
  );
  return getSession(deps, actor, { sessionId: input.sessionId });
}
