import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../platform/authz/permissions';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { buildIcs } from './ics';
import * as errors from './scheduling.errors';
import { ensureSettingsRow, findAgenda, findClinicRow, findClinicStaff } from './scheduling.queries';
import { visibleProfessional } from './views.service';

/**
 * A private ICS feed per professional: /ics/<clinic>/<professional>/<token>.ics, where the token is an
 * HMAC of both ids under the clinic's secret (agenda_settings.ics_secret). Rotating the secret revokes
 * every feed link of the clinic.
 */

const DAY = 86_400_000;
const tokenFor = (secret: string, clinicId: string, professionalId: string) =>
  createHmac('sha256', secret).update(`ics:${clinicId}:${professionalId}`).digest('base64url').slice(0, 32);

export async function icsFeedPath(
  deps: ServiceDeps,
  actor: Actor,
  input: { professionalId?: string | undefined },
): Promise<{ path: string }> {
  const professionalId = visibleProfessional(actor, input.professionalId) ?? actor.userId;
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    if ((await findClinicStaff(tx, actor.clinicId, [professionalId])).length === 0)
      throw errors.notAProfessionalHere();
    const settings = await ensureSettingsRow(tx, actor.clinicId, actor.organizationId);
    return {
      path: `/ics/${actor.clinicId}/${professionalId}/${tokenFor(settings.icsSecret, actor.clinicId, professionalId)}.ics`,
    };
  });
}

/** The feed text, or null when the link is not valid (unknown clinic, wrong token). */
export async function icsFeedForToken(
  deps: Pick<ServiceDeps, 'database' | 'clock'>,
  input: { clinicId: string; professionalId: string; token: string },
): Promise<string | null> {
  const uuid = /^[0-9a-f-]{36}$/i;
  if (!uuid.test(input.clinicId) || !uuid.test(input.professionalId)) return null;
  const now = deps.clock.now();
  // System scope (reviewed): the token is all the calendar app has; it is checked before any read.
  return withSystem(deps.database, async (tx) => {
    const clinic = await findClinicRow(tx, input.clinicId);
    if (!clinic) return null;
    const settings = await ensureSettingsRow(tx, clinic.id, clinic.organizationId);
    const expected = Buffer.from(tokenFor(settings.icsSecret, clinic.id, input.professionalId));
    const given = Buffer.from(input.token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const rows = await findAgenda(tx, {
      clinicId: clinic.id,
      professionalId: input.professionalId,
      from: new Date(now.getTime() - 30 * DAY),
      to: new Date(now.getTime() + 180 * DAY),
      includeFreed: false,
    });
    return buildIcs({
      calendarName: `Agenda Clinia — ${clinic.name}`,
      now,
      events: rows.map((r) => ({
        uid: `${r.appointment.id}@clinia`,
        startsAt: r.appointment.startsAt,
        endsAt: r.appointment.serviceEndsAt,
        summary: r.treatmentName,
        location: [r.roomName, clinic.name].filter(Boolean).join(', '),
        status: r.appointment.status === 'reservado' ? 'TENTATIVE' : 'CONFIRMED',
      })),
    });
  });
}
