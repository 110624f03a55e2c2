import { AGENDA_CHANNEL, type TAgendaEvent, ZAgendaNotification } from '@clinia/contracts';
import type { Database } from '../../db/client';
import { channelSignals, type RealtimeHub } from '../../platform/realtime/hub';
import { withTenant } from '../../platform/tenancy/tenancy';
import { getClinicForMessaging } from '../organizations/organizations.service';
import { clinicNotFound, realtimeUnavailable } from './realtime.errors';

/**
 * The live agenda of one clinic. Tenant check twice: the clinic must be visible under the actor's
 * organisation (RLS) before anything streams, and every notification is dropped unless it names that
 * organisation and clinic, so a forged or misrouted NOTIFY cannot leak another tenant's ids.
 */
export async function* agendaEvents(
  deps: { database: Database; realtime?: RealtimeHub },
  actor: { organizationId: string },
  input: { clinicId: string },
  signal: AbortSignal | undefined,
): AsyncGenerator<TAgendaEvent, void, undefined> {
  const hub = deps.realtime;
  if (!hub || hub.closed) throw realtimeUnavailable();
  const clinic = await withTenant(deps.database, actor.organizationId, (tx) =>
    getClinicForMessaging(tx, input.clinicId),
  );
  if (!clinic) throw clinicNotFound();
  for await (const item of channelSignals(hub, AGENDA_CHANNEL, signal)) {
    if (item.type === 'resync') {
      yield { type: 'resync' };
      continue;
    }
    const parsed = parseJson(item.payload);
    const event = ZAgendaNotification.safeParse(parsed);
    if (!event.success) continue;
    if (event.data.organizationId !== actor.organizationId || event.data.clinicId !== input.clinicId)
      continue;
    yield { type: 'changed', appointmentId: event.data.appointmentId, kind: event.data.kind };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
