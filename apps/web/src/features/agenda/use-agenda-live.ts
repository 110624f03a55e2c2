import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback } from 'react';
import { useTRPC } from '../../trpc/trpc';

/**
 * Refetches every agenda query on screen (day, week, waitlist, an open appointment), the no-show
 * panel, which lists the same appointments with their risk, and the open appointment's messages (a
 * reply that confirms it also adds to them).
 */
export function useInvalidateAgenda() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.agenda.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.scheduling.pathKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.messaging.appointmentTimeline.pathKey() }),
      ]),
    [queryClient, trpc],
  );
}

/**
 * Live agenda: the server pushes only appointment ids (or `resync` after a reconnection); either way the
 * open views refetch through the normal procedures, so what is shown always passes the same checks.
 */
export function useAgendaLive(clinicId: string) {
  const trpc = useTRPC();
  const invalidate = useInvalidateAgenda();
  return useSubscription(
    trpc.realtime.agenda.subscriptionOptions(
      { clinicId },
      {
        enabled: clinicId.length > 0,
        onData: () => {
          void invalidate();
        },
      },
    ),
  );
}
