import {
  ZAbsenceInput,
  ZAgendaRangeInput,
  ZAgendaResources,
  ZAgendaSettingsInput,
  ZAgendaView,
  ZAppointment,
  ZBookInput,
  ZBookResult,
  ZCancelInput,
  ZClosureInput,
  ZEquipmentInput,
  ZMoveInput,
  ZRoomInput,
  ZTransitionInput,
  ZWorkingHoursInput,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import {
  addAbsence,
  addClosure,
  getResources,
  removeAbsence,
  removeClosure,
  saveEquipment,
  saveRoom,
  setWorkingHours,
  updateSettings,
} from './resources.service';
import { book, cancel, getAppointment, move, transition } from './scheduling.service';
import { agendaRange } from './views.service';

const ZIdInput = (label: string) => z.object({ id: z.string().uuid(`${label} inválido(a).`) });

export const agendaRouter = router({
  resources: actionProcedure('agenda.read')
    .output(ZAgendaResources)
    .query(({ ctx }) => getResources(ctx, ctx.actor)),
  saveRoom: actionProcedure('agenda.resources.manage')
    .input(ZRoomInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => saveRoom(ctx, ctx.actor, input)),
  saveEquipment: actionProcedure('agenda.resources.manage')
    .input(ZEquipmentInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => saveEquipment(ctx, ctx.actor, input)),
  setWorkingHours: actionProcedure('agenda.resources.manage')
    .input(ZWorkingHoursInput)
    .mutation(({ ctx, input }) => setWorkingHours(ctx, ctx.actor, input)),
  addAbsence: actionProcedure('agenda.resources.manage')
    .input(ZAbsenceInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => addAbsence(ctx, ctx.actor, input)),
  removeAbsence: actionProcedure('agenda.resources.manage')
    .input(ZIdInput('Ausência'))
    .mutation(({ ctx, input }) => removeAbsence(ctx, ctx.actor, input.id)),
  addClosure: actionProcedure('agenda.resources.manage')
    .input(ZClosureInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => addClosure(ctx, ctx.actor, input)),
  removeClosure: actionProcedure('agenda.resources.manage')
    .input(ZIdInput('Fechamento'))
    .mutation(({ ctx, input }) => removeClosure(ctx, ctx.actor, input.id)),
  updateSettings: actionProcedure('agenda.resources.manage')
    .input(ZAgendaSettingsInput)
    .output(ZAgendaSettingsInput)
    .mutation(({ ctx, input }) => updateSettings(ctx, ctx.actor, input)),

  get: actionProcedure('agenda.read')
    .input(ZIdInput('Atendimento'))
    .output(ZAppointment)
    .query(({ ctx, input }) => getAppointment(ctx, ctx.actor, input.id)),
  day: actionProcedure('agenda.read')
    .input(ZAgendaRangeInput)
    .output(ZAgendaView)
    .query(({ ctx, input }) => agendaRange(ctx, ctx.actor, input, 'day')),
  week: actionProcedure('agenda.read')
    .input(ZAgendaRangeInput)
    .output(ZAgendaView)
    .query(({ ctx, input }) => agendaRange(ctx, ctx.actor, input, 'week')),

  book: actionProcedure('agenda.book')
    .input(ZBookInput)
    .output(ZBookResult)
    .mutation(({ ctx, input }) => book(ctx, ctx.actor, input)),
  move: actionProcedure('agenda.book')
    .input(ZMoveInput)
    .output(ZBookResult)
    .mutation(({ ctx, input }) => move(ctx, ctx.actor, input)),
  cancel: actionProcedure('agenda.book')
    .input(ZCancelInput)
    .output(ZAppointment)
    .mutation(({ ctx, input }) => cancel(ctx, ctx.actor, input)),
  transition: actionProcedure('agenda.status')
    .input(ZTransitionInput)
    .output(ZAppointment)
    .mutation(({ ctx, input }) => transition(ctx, ctx.actor, input)),
});
