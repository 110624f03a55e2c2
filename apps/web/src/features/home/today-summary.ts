import type { TAppointment, TAppointmentStatus } from '@clinia/contracts';

/**
 * How the home page groups a day's appointments; cancelled, rescheduled and waitlist holds are left out.
 * `overdue`: booked or confirmed, its time has come and no arrival was registered (arrived late, or a
 * no-show still to record).
 */
export type TTodayGroup = 'toConfirm' | 'confirmed' | 'overdue' | 'inClinic' | 'done' | 'noShow';

const GROUP_OF: Partial<Record<TAppointmentStatus, TTodayGroup>> = {
  agendado: 'toConfirm',
  confirmado: 'confirmed',
  chegou: 'inClinic',
  em_atendimento: 'inClinic',
  concluido: 'done',
  faltou: 'noShow',
};

/** Booked or confirmed: the client is still expected. */
function isExpected(a: TAppointment): boolean {
  return a.status === 'agendado' || a.status === 'confirmado';
}

export const TODAY_GROUPS: readonly TTodayGroup[] = [
  'toConfirm',
  'confirmed',
  'overdue',
  'inClinic',
  'done',
  'noShow',
];

export type TTodaySummary = {
  total: number;
  counts: Record<TTodayGroup, number>;
  /** Appointments still to come (not yet arrived), soonest first. */
  upcoming: TAppointment[];
};

/** The day at a glance: counts by group and the next appointments that start at or after `now`. */
export function summarizeToday(
  appointments: readonly TAppointment[],
  now: Date,
  upcomingLimit = 5,
): TTodaySummary {
  const counts: Record<TTodayGroup, number> = {
    toConfirm: 0,
    confirmed: 0,
    overdue: 0,
    inClinic: 0,
    done: 0,
    noShow: 0,
  };
  let total = 0;
  for (const a of appointments) {
    const status = GROUP_OF[a.status];
    if (!status) continue;
    const group = isExpected(a) && Date.parse(a.startsAt) < now.getTime() ? 'overdue' : status;
    counts[group] += 1;
    total += 1;
  }
  const upcoming = appointments
    .filter((a) => isExpected(a) && Date.parse(a.startsAt) >= now.getTime())
    .sort((x, y) => Date.parse(x.startsAt) - Date.parse(y.startsAt))
    .slice(0, upcomingLimit);
  return { total, counts, upcoming };
}
