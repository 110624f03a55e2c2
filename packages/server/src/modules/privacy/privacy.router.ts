import { REQUEST_KINDS } from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import { answerRequest, createRequest, exportClientData, listRequests, startReview } from './privacy.service';

const ZKind = z.enum(REQUEST_KINDS, { error: 'Tipo de solicitação inválido.' });

export const privacyRouter = router({
  createRequest: actionProcedure('privacy.requests.create')
    .input(
      z.object({
        clientId: z.string().uuid('Cliente inválido.'),
        kind: ZKind,
        requester: z.enum(['titular', 'representante_legal'], { error: 'Solicitante inválido.' }),
        representativeName: z.string().trim().min(3).max(160).optional(),
        identityVerification: z
          .string()
          .trim()
          .min(
            10,
            'Verificação de identidade: descreva como a identidade foi confirmada (ex.: documento com foto conferido no balcão).',
          )
          .max(500),
      }),
    )
    .output(z.object({ id: z.string().uuid(), dueAt: z.string() }))
    .mutation(({ ctx, input }) => createRequest(ctx, ctx.actor, input)),
  requests: actionProcedure('privacy.requests.manage')
    .input(z.object({ includeAnswered: z.boolean().default(false) }))
    .output(
      z.array(
        z.object({
          id: z.string().uuid(),
          clientId: z.string().uuid(),
          clientName: z.string(),
          kind: ZKind,
          requester: z.enum(['titular', 'representante_legal']),
          status: z.enum(['recebida', 'em_analise', 'respondida']),
          receivedAt: z.string(),
          dueAt: z.string(),
          daysLeft: z.number().int(),
          isOverdue: z.boolean(),
          answer: z.string().nullable(),
          legalBasis: z.string().nullable(),
          answeredAt: z.string().nullable(),
          packageSha256: z.string().nullable(),
        }),
      ),
    )
    .query(({ ctx, input }) => listRequests(ctx, ctx.actor, input)),
  startReview: actionProcedure('privacy.requests.manage')
    .input(z.object({ requestId: z.string().uuid('Solicitação inválida.') }))
    .output(z.object({ status: z.literal('em_analise') }))
    .mutation(({ ctx, input }) => startReview(ctx, ctx.actor, input)),
  answerRequest: actionProcedure('privacy.requests.manage')
    .input(z.object({ requestId: z.string().uuid(), answer: z.string().trim().max(4000).optional() }))
    .output(
      z.object({
        answer: z.string(),
        legalBasis: z.string().nullable(),
        packageSha256: z.string().nullable(),
      }),
    )
    .mutation(({ ctx, input }) => answerRequest(ctx, ctx.actor, input)),
  exportClientData: actionProcedure('privacy.export')
    .input(z.object({ clientId: z.string().uuid() }))
    .output(
      z.object({
        files: z.array(
          z.object({ name: z.string(), mediaType: z.string(), base64: z.string(), sha256: z.string() }),
        ),
        manifestSha256: z.string(),
      }),
    )
    .mutation(({ ctx, input }) => exportClientData(ctx, ctx.actor, input.clientId)),
});
