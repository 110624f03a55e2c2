import {
  ADVERSE_OUTCOME_LABELS,
  ADVERSE_SEVERITY_LABELS,
  PHOTO_AREA_LABELS,
  PHOTO_POSE_LABELS,
  type TAdverseOutcome,
  type TAdverseSeverity,
  type TClientTimeline,
  type TPhotoArea,
  type TPhotoPose,
  type TTimelineEntry,
} from '@clinia/contracts';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import * as errors from './sessions.errors';

/** A calendar date (YYYY-MM-DD, e.g. a lot's expiry) as the pt-BR screen shows it: DD/MM/YYYY. */
const brDate = (isoDate: string) => isoDate.split('-').reverse().join('/');

import {
  findClientAdverseEvents,
  findClientPhotoMoments,
  findClientRow,
  findClientSessions,
  findClientUses,
} from './sessions.queries';

/**
 * Everything the client received, in order: sessions, products with lot, photos, adverse events;
 * plus the total of each product. Audited as a read of the client's clinical data.
 */
export async function clientTimeline(
  deps: ServiceDeps,
  actor: Actor,
  input: { clientId: string },
): Promise<TClientTimeline> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const client = await findClientRow(tx, input.clientId);
    if (!client) throw errors.sessionNotFound();
    const entries: TTimelineEntry[] = [];
    const base = { productName: null, lotNumber: null, quantity: null, unit: null };
    for (const s of await findClientSessions(tx, input.clientId)) {
      entries.push({
        ...base,
        kind: 'sessao',
        at: s.session.startedAt.toISOString(),
        sessionId: s.session.id,
        title: s.treatmentName,
        detail: `${s.session.status === 'signed' ? 'Assinado' : 'Em andamento'}${s.professionalName ? ` · ${s.professionalName}` : ''}`,
      });
    }
    const totals = new Map<string, { productId: string; productName: string; unit: string; total: number }>();
    for (const u of await findClientUses(tx, input.clientId)) {
      const quantity = -u.quantity;
      entries.push({
        kind: 'produto',
        at: u.occurredAt.toISOString(),
        sessionId: u.sessionId,
        title: u.productName,
        detail: `Lote ${u.lotNumber} (validade ${brDate(u.expiryDate)})`,
        productName: u.productName,
        lotNumber: u.lotNumber,
        quantity,
        unit: u.unit,
      });
      const t = totals.get(u.productId) ?? {
        productId: u.productId,
        productName: u.productName,
        unit: u.unit,
        total: 0,
      };
      t.total = Math.round((t.total + quantity) * 1000) / 1000;
      totals.set(u.productId, t);
    }
    for (const p of await findClientPhotoMoments(tx, input.clientId)) {
      entries.push({
        ...base,
        kind: 'foto',
        at: p.takenAt.toISOString(),
        sessionId: p.sessionId,
        title: p.moment === 'antes' ? 'Foto (antes)' : 'Foto (depois)',
        detail: `${PHOTO_AREA_LABELS[p.area as TPhotoArea] ?? p.area} · ${PHOTO_POSE_LABELS[p.pose as TPhotoPose] ?? p.pose}`,
      });
    }
    for (const e of await findClientAdverseEvents(tx, input.clientId)) {
      entries.push({
        ...base,
        kind: 'intercorrencia',
        at: e.onsetAt.toISOString(),
        sessionId: e.sessionId,
        title: 'Intercorrência',
        detail: `Gravidade: ${ADVERSE_SEVERITY_LABELS[e.severity as TAdverseSeverity] ?? e.severity} · desfecho: ${ADVERSE_OUTCOME_LABELS[e.outcome as TAdverseOutcome] ?? e.outcome}`,
        productName: e.productName,
        lotNumber: e.lotNumber,
      });
    }
    entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    await recordActorAudit(tx, deps, actor, {
      action: 'session.timeline.read',
      entityType: 'client',
      entityId: input.clientId,
      occurredAt: deps.clock.now(),
    });
    return { entries, totals: [...totals.values()] };
  });
}
