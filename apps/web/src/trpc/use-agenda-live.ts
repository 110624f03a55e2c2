import type { TAgendaEvent } from '@clinia/contracts';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useRef } from 'react';
import { useTRPC } from './trpc';

/**
 * Live agenda of a clinic over SSE (`realtime.agenda`). Only ids arrive: `onChange` receives the
 * appointment id (or `null` on a resync, when notifications may have been missed) and refetches what
 * the screen shows, e.g. by invalidating the agenda queries. Returns the connection status so the
 * screen can say "ao vivo" or "reconectando".
 */
export function useAgendaLive(
  clinicId: string | null,
  onChange: (appointmentId: string | null, event: TAgendaEvent) => void,
) {
  const trpc = useTRPC();
  // The latest callback without resubscribing on every render.
  const callback = useRef(onChange);
  callback.current = onChange;
  const subscription = useSubscription(
    trpc.realtime.agenda.subscriptionOptions(
      { clinicId: clinicId ?? '' },
      {
        enabled: clinicId !== null,
        onData: (event) => callback.current(event.type === 'changed' ? event.appointmentId : null, event),
      },
    ),
  );
  return { status: subscription.status, error: subscription.error };
}
