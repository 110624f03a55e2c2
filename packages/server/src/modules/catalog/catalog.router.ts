import {
  ZContraindicationSeverity,
  ZTreatment,
  ZTreatmentInput,
  ZUpdateTreatmentInput,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import {
  checkContraindications,
  createTreatment,
  getTreatment,
  listTreatments,
  updateTreatment,
} from './catalog.service';

export const catalogRouter = router({
  list: actionProcedure('catalog.read')
    .input(z.object({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false }))
    .output(z.array(ZTreatment))
    .query(({ ctx, input }) => listTreatments(ctx, ctx.actor, input)),
  get: actionProcedure('catalog.read')
    .input(z.object({ id: z.string().uuid('Tratamento inválido.') }))
    .output(ZTreatment)
    .query(({ ctx, input }) => getTreatment(ctx, ctx.actor, input.id)),
  create: actionProcedure('catalog.manage')
    .input(ZTreatmentInput)
    .output(ZTreatment)
    .mutation(({ ctx, input }) => createTreatment(ctx, ctx.actor, input)),
  checkContraindications: actionProcedure('clients.intake.read')
    .input(
      z.object({
        treatmentId: z.string().uuid('Tratamento inválido.'),
        clientId: z.string().uuid('Cliente inválido.'),
      }),
    )
    .output(
      z.array(
        z.object({
          rule: z.string(),
          severity: ZContraindicationSeverity,
          basis: z.enum(['met', 'unknown']),
          message: z.string(),
        }),
      ),
    )
    .query(({ ctx, input }) => checkContraindications(ctx, ctx.actor, input)),
  update: actionProcedure('catalog.manage')
    .input(ZUpdateTreatmentInput)
    .output(ZTreatment)
    .mutation(({ ctx, input }) => updateTreatment(ctx, ctx.actor, input)),
});
