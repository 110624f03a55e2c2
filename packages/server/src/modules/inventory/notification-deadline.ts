import type { TAdverseSeverity, TAnvisaCategory, TNotificationChannel } from '@clinia/contracts';
import { nthBusinessDay } from '../../platform/br-calendar';
import { endOfLocalDay } from '../../platform/clock';

/**
 * When and where an adverse event must be notified (REGULATION.md 4.3, RDC 36/2013):
 *  - a death: within 72 hours of the occurrence;
 *  - any other event: monthly, by the 15th business day of the month after the occurrence, in the
 *    clinic's time zone (the day ends at 23:59 local).
 * Channel: VigiMed for medicines (botulinum toxin), NOTIVISA for devices, cosmetics and events of the
 * service itself (tecnovigilância, technical complaints).
 * Business days: platform/br-calendar.ts.
 */

export const DEATH_DEADLINE_MS = 72 * 3_600_000;

export function notificationChannel(category: TAnvisaCategory | null): TNotificationChannel {
  return category === 'medicamento' ? 'vigimed' : 'notivisa';
}

export const isSeriousSeverity = (severity: TAdverseSeverity) => severity === 'grave' || severity === 'obito';

/** The instant an event's notification is due. `onsetLocalDate` is the onset's date in the clinic. */
export function notificationDueAt(input: {
  severity: TAdverseSeverity;
  onsetAt: Date;
  onsetLocalDate: string;
  timeZone: string;
}): Date {
  if (input.severity === 'obito') return new Date(input.onsetAt.getTime() + DEATH_DEADLINE_MS);
  const [y, m] = input.onsetLocalDate.split('-').map(Number) as [number, number];
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const due = nthBusinessDay(year, month, 15);
  return endOfLocalDay(due, input.timeZone);
}
