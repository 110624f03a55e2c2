import {
  ZDashboardInput,
  ZDeliveryDashboard,
  ZMessageSummary,
  ZMessageTimeline,
  ZReminderPlan,
  ZSaveReminderPlanInput,
  ZSaveTemplateInput,
  ZTemplate,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import {
  appointmentTimeline,
  clientTimeline,
  deliveryDashboard,
  getReminderPlan,
  listOutbox,
  listTemplates,
  retryMessage,
  saveReminderPlan,
  saveTemplate,
} from './messaging.service';

export const messagingRouter = router({
  clientTimeline: actionProcedure('messaging.read')
    .input(
      z.object({
        clientId: z.string().uuid('Cliente inválido.'),
        limit: z.number().int().min(1).max(200).default(100),
      }),
    )
    .output(ZMessageTimeline)
    .query(({ ctx, input }) => clientTimeline(ctx, ctx.actor, input)),
  appointmentTimeline: actionProcedure('messaging.read')
    .input(z.object({ appointmentId: z.string().uuid('Agendamento inválido.') }))
    .output(ZMessageTimeline)
    .query(({ ctx, input }) => appointmentTimeline(ctx, ctx.actor, input)),
  templates: actionProcedure('messaging.read')
    .output(z.array(ZTemplate))
    .query(({ ctx }) => listTemplates(ctx, ctx.actor)),
  saveTemplate: actionProcedure('messaging.templates.manage')
    .input(ZSaveTemplateInput)
    .output(ZTemplate)
    .mutation(({ ctx, input }) => saveTemplate(ctx, ctx.actor, input)),
  dashboard: actionProcedure('messaging.dashboard')
    .input(ZDashboardInput)
    .output(ZDeliveryDashboard)
    .query(({ ctx, input }) => deliveryDashboard(ctx, ctx.actor, input)),
  outbox: actionProcedure('messaging.outbox.manage')
    .input(
      z.object({
        view: z.enum(['dead_letters', 'pending']).default('dead_letters'),
        limit: z.number().int().min(1).max(500).default(100),
      }),
    )
    .output(z.array(ZMessageSummary))
    .query(({ ctx, input }) => listOutbox(ctx, ctx.actor, input)),
  retry: actionProcedure('messaging.outbox.manage')
    .input(z.object({ id: z.string().uuid('Mensagem inválida.') }))
    .output(ZMessageSummary)
    .mutation(({ ctx, input }) => retryMessage(ctx, ctx.actor, input)),
  reminderPlan: actionProcedure('messaging.read')
    .input(z.object({ clinicId: z.string().uuid('Clínica inválida.') }))
    .output(ZReminderPlan)
    .query(({ ctx, input }) => getReminderPlan(ctx, ctx.actor, input)),
  saveReminderPlan: actionProcedure('messaging.plan.manage')
    .input(ZSaveReminderPlanInput)
    .output(ZReminderPlan)
    .mutation(({ ctx, input }) => saveReminderPlan(ctx, ctx.actor, input)),
});
