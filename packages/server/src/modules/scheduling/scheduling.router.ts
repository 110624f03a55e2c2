import {
  ZAbsenceInput,
  ZAgendaRangeInput,
  ZAgendaResources,
  ZAgendaSettingsInput,
  ZAgendaView,
  ZAppointment,
  ZAvailabilityInput,
  ZBookInput,
  ZBookResult,
  ZBookSeriesInput,
  ZCancelInput,
  ZCancelSeriesInput,
  ZClosureInput,
  ZEquipmentInput,
  ZMoveInput,
  ZRoomInput,
  ZSeriesResult,
  ZSeriesView,
  ZSlot,
  ZTransitionInput,
  ZWaitlistAddInput,
  ZWaitlistEntry,
  ZWorkingHoursInput,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import { icsFeedPath } from './ics.service';
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
import { bookSeries, cancelSeriesRest, getSeries } from './series.service';
import { searchAvailability } from './slots.service';
import { agendaRange } from './views.service';
import {
  acceptOffer,
  addToWaitlist,
  declineOffer,
  listWaitlist,
  removeFromWaitlist,
} from './waitlist.service';

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

  availability: actionProcedure('agenda.read')
    .input(ZAvailabilityInput)
    .output(z.array(ZSlot))
    .query(({ ctx, input }) => searchAvailability(ctx, ctx.actor, input)),
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
  bookSeries: actionProcedure('agenda.book')
    .input(ZBookSeriesInput)
    .output(ZSeriesResult)
    .mutation(({ ctx, input }) => bookSeries(ctx, ctx.actor, input)),
  cancelSeries: actionProcedure('agenda.book')
    .input(ZCancelSeriesInput)
    .output(z.object({ cancelled: z.number() }))
    .mutation(({ ctx, input }) => cancelSeriesRest(ctx, ctx.actor, input)),
  series: actionProcedure('agenda.read')
    .input(ZIdInput('Série'))
    .output(ZSeriesView)
    .query(({ ctx, input }) => getSeries(ctx, ctx.actor, input.id)),
  waitlist: actionProcedure('agenda.read')
    .output(z.array(ZWaitlistEntry))
    .query(({ ctx }) => listWaitlist(ctx, ctx.actor)),
  waitlistAdd: actionProcedure('agenda.waitlist.manage')
    .input(ZWaitlistAddInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => addToWaitlist(ctx, ctx.actor, input)),
  waitlistRemove: actionProcedure('agenda.waitlist.manage')
    .input(ZIdInput('Entrada da lista de espera'))
    .mutation(({ ctx, input }) => removeFromWaitlist(ctx, ctx.actor, input.id)),
  acceptOffer: actionProcedure('agenda.waitlist.manage')
    .input(ZIdInput('Oferta'))
    .output(ZAppointment)
    .mutation(({ ctx, input }) => acceptOffer(ctx, ctx.actor, input.id)),
  declineOffer: actionProcedure('agenda.waitlist.manage')
    .input(ZIdInput('Oferta'))
    .mutation(({ ctx, input }) => declineOffer(ctx, ctx.actor, input.id)),
  icsLink: actionProcedure('agenda.read')
    .input(z.object({ professionalId: z.string().uuid('Profissional inválido(a).').optional() }).default({}))
    .output(z.object({ path: z.string() }))
    .query(({ ctx, input }) => icsFeedPath(ctx, ctx.actor, input)),
});
