import { ZAgendaSubscriptionInput } from '@clinia/contracts';
import { actionProcedure, router } from '../../trpc/init';
import { agendaEvents } from './realtime.service';

/** Live updates over SSE (tRPC v11 subscriptions; the web client uses httpSubscriptionLink). */
export const realtimeRouter = router({
  agenda: actionProcedure('agenda.live')
    .input(ZAgendaSubscriptionInput)
    .subscription(({ ctx, input, signal }) => agendaEvents(ctx, ctx.actor, input, signal)),
});
