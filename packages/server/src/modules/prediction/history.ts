/**
 * The appointment-history record the prediction model learns from and scores: the shape the product
 * stores for every appointment (whatever table it lives in) and the shape the public no-show CSV is
 * mapped to, so evaluation runs the product's own code.
 *
 * Every fact carries the instant it became known. `knownAt` projects a record onto what an observer
 * could see at a given instant; the feature builder only ever reads such projections, which is what
 * makes "information from the appointment itself or later ones" structurally unreachable.
 */

export const APPOINTMENT_STATUSES = [
  'scheduled',
  'attended',
  'no_show',
  'late_cancellation',
  'cancelled',
] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const BOOKING_CHANNELS = ['reception', 'phone', 'whatsapp', 'online', 'walk_in', 'other'] as const;
export type BookingChannel = (typeof BOOKING_CHANNELS)[number];

export type AppointmentHistoryRecord = {
  appointmentId: string;
  clientId: string;
  /** The unit where it happens; base rates are kept per unit. */
  clinicId: string;
  /** When the booking was made. */
  bookedAt: Date;
  startsAt: Date;
  /** Whether `startsAt` carries a time of day (the public data set gives dates only). */
  hasTimeOfDay: boolean;
  /** Final (or current) status. Only visible from `outcomeAt` on. */
  status: AppointmentStatus;
  /** When `status` became known (check-in, no-show mark, cancellation); null while scheduled. */
  outcomeAt: Date | null;
  treatmentCategory: string | null;
  priceCents: number | null;
  channel: BookingChannel | null;
  confirmationRequestedAt: Date | null;
  confirmedAt: Date | null;
  /** First reminder sent (WhatsApp, SMS, e-mail). */
  reminderSentAt: Date | null;
  /** yyyy-MM-dd, or null when unknown. */
  clientBirthDate: string | null;
};

/** A record as seen at an instant: later facts are hidden. */
export type KnownRecord = {
  appointmentId: string;
  clientId: string;
  clinicId: string;
  bookedAt: Date;
  startsAt: Date;
  hasTimeOfDay: boolean;
  /** `scheduled` until the outcome is known. */
  status: AppointmentStatus;
  outcomeAt: Date | null;
  treatmentCategory: string | null;
  priceCents: number | null;
  channel: BookingChannel | null;
  confirmationRequested: boolean;
  confirmed: boolean;
  reminderSent: boolean;
  clientBirthDate: string | null;
};

function seen(at: Date | null, instant: number): boolean {
  return at !== null && at.getTime() <= instant;
}

/**
 * What could be known about `record` at `instant`, or null when it had not been booked yet.
 * Static booking facts (times, category, price, channel, birth date) are known from booking on.
 */
export function knownAt(record: AppointmentHistoryRecord, instant: Date): KnownRecord | null {
  const t = instant.getTime();
  if (record.bookedAt.getTime() > t) return null;
  const outcomeKnown = seen(record.outcomeAt, t);
  return {
    appointmentId: record.appointmentId,
    clientId: record.clientId,
    clinicId: record.clinicId,
    bookedAt: record.bookedAt,
    startsAt: record.startsAt,
    hasTimeOfDay: record.hasTimeOfDay,
    status: outcomeKnown ? record.status : 'scheduled',
    outcomeAt: outcomeKnown ? record.outcomeAt : null,
    treatmentCategory: record.treatmentCategory,
    priceCents: record.priceCents,
    channel: record.channel,
    confirmationRequested: seen(record.confirmationRequestedAt, t),
    confirmed: seen(record.confirmedAt, t),
    reminderSent: seen(record.reminderSentAt, t),
    clientBirthDate: record.clientBirthDate,
  };
}

/** Outcomes the model learns to tell apart: it predicts a no-show among appointments that were kept or missed. */
export function isLabelled(record: AppointmentHistoryRecord): boolean {
  return record.status === 'attended' || record.status === 'no_show';
}

/** Hours before the start at which the operational score is taken (actions run on it). */
export const DEFAULT_PREDICTION_HORIZON_HOURS = 24;

/**
 * The instant a score is made for an appointment: `horizon` hours before the start, or at booking
 * when the booking is later than that. Training uses the same rule, so the model learns from what
 * was visible at the moment it will be asked.
 */
export function predictionInstant(
  record: Pick<AppointmentHistoryRecord, 'bookedAt' | 'startsAt'>,
  horizonHours = DEFAULT_PREDICTION_HORIZON_HOURS,
): Date {
  const horizon = record.startsAt.getTime() - horizonHours * 3_600_000;
  return new Date(Math.max(record.bookedAt.getTime(), horizon));
}
