import { z } from 'zod';

/**
 * Live agenda events. Only ids travel: the open agenda refetches what it shows through the normal
 * procedures. `resync` means notifications may have been missed (the server reconnected to the
 * database): refetch everything on screen.
 */
export const AGENDA_CHANNEL = 'clinia_agenda';

/** The NOTIFY payload scheduling sends on AGENDA_CHANNEL. */
export const ZAgendaNotification = z.object({
  organizationId: z.uuid(),
  clinicId: z.uuid(),
  appointmentId: z.uuid(),
  kind: z.string().min(1).max(40),
});
export type TAgendaNotification = z.infer<typeof ZAgendaNotification>;

export const ZAgendaSubscriptionInput = z.object({
  clinicId: z.uuid({ error: 'Clínica inválida.' }),
});

export const ZAgendaEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('changed'), appointmentId: z.uuid(), kind: z.string() }),
  z.object({ type: z.literal('resync') }),
]);
export type TAgendaEvent = z.infer<typeof ZAgendaEvent>;
