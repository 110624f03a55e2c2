import {
  ZAddendumInput,
  ZChecklistInput,
  ZClientTimeline,
  ZSaveDraftInput,
  ZSignSessionInput,
  ZStartSessionInput,
  ZTreatmentSession,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import { addAddendum } from './addenda.service';
import {
  confirmChecklist,
  getSession,
  getSessionByAppointment,
  saveDraft,
  signSession,
  startSession,
} from './sessions.service';
import { clientTimeline } from './timeline.service';

export const sessionsRouter = router({
  get: actionProcedure('sessions.record.read')
    .input(z.object({ sessionId: z.string().uuid('Atendimento: identificador inválido.') }))
    .output(ZTreatmentSession)
    .query(({ ctx, input }) => getSession(ctx, ctx.actor, input)),
  byAppointment: actionProcedure('sessions.record.read')
    .input(z.object({ appointmentId: z.string().uuid('Agendamento: identificador inválido.') }))
    .output(ZTreatmentSession.nullable())
    .query(({ ctx, input }) => getSessionByAppointment(ctx, ctx.actor, input)),
  start: actionProcedure('sessions.record.write')
    .input(ZStartSessionInput)
    .output(ZTreatmentSession)
    .mutation(({ ctx, input }) => startSession(ctx, ctx.actor, input)),
  confirmChecklist: actionProcedure('sessions.record.write')
    .input(ZChecklistInput)
    .output(ZTreatmentSession)
    .mutation(({ ctx, input }) => confirmChecklist(ctx, ctx.actor, input)),
  saveDraft: actionProcedure('sessions.record.write')
    .input(ZSaveDraftInput)
    .output(ZTreatmentSession)
    .mutation(({ ctx, input }) => saveDraft(ctx, ctx.actor, input)),
  sign: actionProcedure('sessions.record.sign')
    .input(ZSignSessionInput)
    .output(ZTreatmentSession)
    .mutation(({ ctx, input }) => signSession(ctx, ctx.actor, input)),
  addAddendum: actionProcedure('sessions.record.sign')
    .input(ZAddendumInput)
    .output(ZTreatmentSession)
    .mutation(({ ctx, input }) => addAddendum(ctx, ctx.actor, input)),
  timeline: actionProcedure('sessions.timeline.read')
    .input(z.object({ clientId: z.string().uuid('Cliente: identificador inválido.') }))
    .output(ZClientTimeline)
    .query(({ ctx, input }) => clientTimeline(ctx, ctx.actor, input)),
});
