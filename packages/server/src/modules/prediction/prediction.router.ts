import { ZActionComparisonRow, ZModelVersion, ZRiskActionPolicy, ZTrainingRun } from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import {
  getActionComparison,
  getRiskActionPolicy,
  listModelVersions,
  listTrainingRuns,
  saveRiskActionPolicy,
  startTraining,
} from './prediction.service';

export const predictionRouter = router({
  modelVersions: actionProcedure('prediction.read')
    .output(z.array(ZModelVersion))
    .query(({ ctx }) => listModelVersions(ctx, ctx.actor)),
  trainingRuns: actionProcedure('prediction.read')
    .output(z.array(ZTrainingRun))
    .query(({ ctx }) => listTrainingRuns(ctx, ctx.actor)),
  startTraining: actionProcedure('prediction.manage')
    .input(
      z
        .object({ clinicId: z.string().uuid('Unidade inválida.').nullable().default(null) })
        .default({ clinicId: null }),
    )
    .output(ZTrainingRun)
    .mutation(({ ctx, input }) =>
      startTraining(ctx, ctx.actor, {
        organizationId: ctx.actor.organizationId,
        clinicId: input.clinicId,
        trigger: 'manual',
      }),
    ),
  policy: actionProcedure('prediction.read')
    .output(ZRiskActionPolicy)
    .query(({ ctx }) => getRiskActionPolicy(ctx, ctx.actor)),
  savePolicy: actionProcedure('prediction.manage')
    .input(ZRiskActionPolicy)
    .output(ZRiskActionPolicy)
    .mutation(({ ctx, input }) => saveRiskActionPolicy(ctx, ctx.actor, input)),
  comparison: actionProcedure('prediction.read')
    .output(z.array(ZActionComparisonRow))
    .query(({ ctx }) => getActionComparison(ctx, ctx.actor)),
});
