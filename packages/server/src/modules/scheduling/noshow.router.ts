import { ZNoShowActInput, ZNoShowPanel, ZNoShowPanelInput, ZRiskActionItem } from '@clinia/contracts';
import { actionProcedure, router } from '../../trpc/init';
import { noShowAct, noShowPanel } from './noshow.service';

/** Mounted as `scheduling` (contracts: scheduling.noShowPanel / scheduling.noShowAct). */
export const schedulingRouter = router({
  noShowPanel: actionProcedure('agenda.noshow.read')
    .input(ZNoShowPanelInput.default({}))
    .output(ZNoShowPanel)
    .query(({ ctx, input }) => noShowPanel(ctx, ctx.actor, input)),
  noShowAct: actionProcedure('agenda.book')
    .input(ZNoShowActInput)
    .output(ZRiskActionItem)
    .mutation(({ ctx, input }) => noShowAct(ctx, ctx.actor, input)),
});
