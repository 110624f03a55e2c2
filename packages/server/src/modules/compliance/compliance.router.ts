import {
  ZAuditGroup,
  ZAuditOutcome,
  ZCloseIncidentInput,
  ZIncident,
  ZIncidentCommunicationInput,
  ZIncidentDetail,
  ZRecordIncidentInput,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import { readTrail, verifyTrail } from './compliance.service';
import {
  closeIncident,
  getIncident,
  listIncidents,
  recordCommunication,
  recordIncident,
} from './incidents.service';

const ZEvent = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorUserId: z.string().uuid().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  changedFields: z.array(z.string()),
  outcome: ZAuditOutcome,
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

const ZName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'Tipo de registro inválido.')
  .optional();

export const complianceRouter = router({
  trail: actionProcedure('audit.read')
    .input(
      z.object({
        from: z.string().datetime({ offset: true, message: 'Período: data inicial inválida.' }).optional(),
        to: z.string().datetime({ offset: true, message: 'Período: data final inválida.' }).optional(),
        actorUserId: z.string().uuid('Pessoa: escolha alguém da lista.').optional(),
        group: ZAuditGroup.optional(),
        outcome: ZAuditOutcome.optional(),
        entityType: ZName,
        entityId: z.string().trim().min(1).max(100, 'Registro: identificador longo demais.').optional(),
        cursor: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .output(z.object({ events: z.array(ZEvent), nextCursor: z.number().int().nullable() }))
    .query(({ ctx, input }) => readTrail(ctx, ctx.actor, input)),
  verify: actionProcedure('audit.read')
    .output(
      z.object({
        ok: z.boolean(),
        events: z.number().int(),
        problem: z.object({ seq: z.number().int(), description: z.string() }).nullable(),
        head: z.object({ seq: z.number().int(), hash: z.string() }),
        durationMs: z.number(),
      }),
    )
    .mutation(({ ctx }) => verifyTrail(ctx, ctx.actor)),
  incidents: actionProcedure('incidents.read')
    .output(z.array(ZIncident))
    .query(({ ctx }) => listIncidents(ctx, ctx.actor)),
  incident: actionProcedure('incidents.read')
    .input(z.object({ incidentId: z.string().uuid('Incidente inválido.') }))
    .output(ZIncidentDetail)
    .query(({ ctx, input }) => getIncident(ctx, ctx.actor, input.incidentId)),
  recordIncident: actionProcedure('incidents.manage')
    .input(ZRecordIncidentInput)
    .output(z.object({ id: z.string().uuid(), reportable: z.boolean(), dueAt: z.string().nullable() }))
    .mutation(({ ctx, input }) => recordIncident(ctx, ctx.actor, input)),
  recordCommunication: actionProcedure('incidents.manage')
    .input(ZIncidentCommunicationInput)
    .output(ZIncident)
    .mutation(({ ctx, input }) => recordCommunication(ctx, ctx.actor, input)),
  closeIncident: actionProcedure('incidents.manage')
    .input(ZCloseIncidentInput)
    .output(ZIncident)
    .mutation(({ ctx, input }) => closeIncident(ctx, ctx.actor, input)),
});
