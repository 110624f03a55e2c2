import type { TAppointment } from '@clinia/contracts';
import { addDays, format } from 'date-fns';
import type { Actor } from '../../platform/authz/permissions';
import { zonedInstant } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import * as errors from './scheduling.errors';
import { findAgenda, findClinicRow } from './scheduling.queries';
import { toAppointment, weekdayOf } from './scheduling.service';

/** Day and week views: one indexed query (clinic, starts_at) over the clinic's local days. */

/** Staff who book for everyone; other roles (professionals) see only their own agenda. */
const SEES_WHOLE_AGENDA = new Set(['gestor', 'recepcionista']);

export function visibleProfessional(actor: Actor, requested: string | undefined): string | undefined {
  if (actor.roles.some((r) => SEES_WHOLE_AGENDA.has(r))) return requested;
  if (requested && requested !== actor.userId) throw errors.notYourAgenda();
  return actor.userId;
}

/** Local dates as plain calendar arithmetic (no zone involved: a date is a date). */
export function plusDays(date: string, days: number): string {
  return format(addDays(new Date(`${date}T12:00:00`), days), 'yyyy-MM-dd');
}

/** Monday of the week containing `date`. */
export function mondayOf(date: string): string {
  return plusDays(date, -((weekdayOf(date) + 6) % 7));
}

export async function agendaRange(
  deps: ServiceDeps,
  actor: Actor,
  input: {
    clinicId?: string | undefined;
    date: string;
    professionalId?: string | undefined;
    includeFreed: boolean;
  },
  span: 'day' | 'week',
): Promise<{
  clinicId: string;
  timeZone: string;
  from: string;
  to: string;
  days: string[];
  appointments: TAppointment[];
}> {
  const professionalId = visibleProfessional(actor, input.professionalId);
  // Roles are per clinic: the session's clinic is the only agenda this actor may read.
  if (input.clinicId && input.clinicId !== actor.clinicId) throw errors.otherClinic();
  const clinicId = actor.clinicId;
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const clinic = await findClinicRow(tx, clinicId);
    if (!clinic) throw errors.clinicNotFound();
    const first = span === 'day' ? input.date : mondayOf(input.date);
    const count = span === 'day' ? 1 : 7;
    const days = Array.from({ length: count }, (_, i) => plusDays(first, i));
    const from = zonedInstant(first, '00:00', clinic.timeZone);
    const to = zonedInstant(plusDays(first, count), '00:00', clinic.timeZone);
    const rows = await findAgenda(tx, {
      clinicId,
      from,
      to,
      includeFreed: input.includeFreed,
      ...(professionalId ? { professionalId } : {}),
    });
    return {
      clinicId,
      timeZone: clinic.timeZone,
      from: from.toISOString(),
      to: to.toISOString(),
      days,
      appointments: rows.map(toAppointment),
    };
  });
}
