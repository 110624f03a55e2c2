/**
 * What inventory needs from the agenda, as a port: how many sessions of each treatment are booked in a
 * clinic over a period. The scheduling module implements it over its appointments; inventory turns the
 * counts into expected consumption through each treatment's bill of materials.
 *
 * Called outside any transaction (an implementation opens its own, and transactions never nest).
 */
export type BookedTreatmentCount = { treatmentId: string; count: number };

export type BookedAgendaSource = {
  bookedTreatments: (clinicId: string, fromMs: number, toMs: number) => Promise<BookedTreatmentCount[]>;
};

/** No agenda yet: nothing booked. The default until scheduling registers its implementation. */
export const emptyAgendaSource: BookedAgendaSource = { bookedTreatments: async () => [] };

let registered: BookedAgendaSource = emptyAgendaSource;

/** Scheduling registers its implementation at boot; inventory's alerts read it through this. */
export function registerBookedAgendaSource(source: BookedAgendaSource): void {
  registered = source;
}

export function bookedAgendaSource(): BookedAgendaSource {
  return registered;
}

/** In-memory agenda for tests and demos: bookings as (clinic, treatment, instant). */
export function inMemoryAgendaSource(
  bookings: { clinicId: string; treatmentId: string; startsAt: Date }[],
): BookedAgendaSource {
  return {
    bookedTreatments: async (clinicId, fromMs, toMs) => {
      const counts = new Map<string, number>();
      for (const b of bookings) {
        const at = b.startsAt.getTime();
        if (b.clinicId !== clinicId || at < fromMs || at >= toMs) continue;
        counts.set(b.treatmentId, (counts.get(b.treatmentId) ?? 0) + 1);
      }
      return [...counts].map(([treatmentId, count]) => ({ treatmentId, count }));
    },
  };
}
