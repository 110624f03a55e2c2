import {
  ZClientInput,
  ZClientSearchInput,
  ZConsentPurpose,
  ZIntakeData,
  ZProcedureCategory,
  ZRegisterClientInput,
  ZSignatureEvidence,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import {
  changeConsent,
  getAccessReport,
  getClient,
  getClientConsents,
  getIntakeHistory,
  listConsentDocuments,
  registerClient,
  revealClientField,
  saveIntake,
  searchClients,
  updateClient,
} from './clients.service';

const ZClientId = z.object({ clientId: z.string().uuid('Cliente inválido.') });
const ok = z.object({ ok: z.literal(true) });

export const clientsRouter = router({
  search: actionProcedure('clients.read')
    .input(ZClientSearchInput)
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string().uuid(),
            fullName: z.string(),
            socialName: z.string().nullable(),
            age: z.number().int(),
            cpfMasked: z.string(),
            mobileMasked: z.string(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => searchClients(ctx, ctx.actor, input)),
  get: actionProcedure('clients.read')
    .input(ZClientId)
    .output(
      z.object({
        id: z.string().uuid(),
        fullName: z.string(),
        socialName: z.string().nullable(),
        birthDate: z.string(),
        age: z.number().int(),
        sex: z.enum(['F', 'M', 'I']),
        gender: z.string().nullable(),
        preferredChannel: z.enum(['whatsapp', 'email', 'sms', 'telefone']),
        guardianClientId: z.string().uuid().nullable(),
        guardian: z.object({ id: z.string().uuid(), fullName: z.string() }).nullable(),
        cpfMasked: z.string(),
        mobileMasked: z.string(),
        emailMasked: z.string().nullable(),
        hasAddress: z.boolean(),
        hasEmergencyContact: z.boolean(),
        canReveal: z.boolean(),
        createdAt: z.string(),
      }),
    )
    .query(({ ctx, input }) => getClient(ctx, ctx.actor, input.clientId)),
  register: actionProcedure('clients.write')
    .input(ZRegisterClientInput)
    .output(z.object({ clientId: z.string().uuid(), possibleDuplicateIds: z.array(z.string().uuid()) }))
    .mutation(({ ctx, input }) => registerClient(ctx, ctx.actor, input)),
  update: actionProcedure('clients.write')
    .input(ZClientInput.extend({ clientId: z.string().uuid() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await updateClient(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  reveal: actionProcedure('clients.reveal')
    .input(ZClientId.extend({ field: z.enum(['cpf', 'mobile', 'email', 'address', 'emergencyContact']) }))
    .output(z.object({ value: z.string() }))
    .mutation(({ ctx, input }) => revealClientField(ctx, ctx.actor, input)),
  intakeHistory: actionProcedure('clients.intake.read')
    .input(ZClientId)
    .output(
      z.array(
        z.object({
          version: z.number().int(),
          recordedAt: z.string(),
          recordedByName: z.string().nullable(),
          data: ZIntakeData,
        }),
      ),
    )
    .query(({ ctx, input }) => getIntakeHistory(ctx, ctx.actor, input.clientId)),
  saveIntake: actionProcedure('clients.intake.write')
    .input(ZClientId.extend({ data: ZIntakeData }))
    .output(z.object({ version: z.number().int() }))
    .mutation(({ ctx, input }) => saveIntake(ctx, ctx.actor, input)),
  consentDocuments: actionProcedure('clients.read')
    .output(
      z.array(
        z.object({
          id: z.string().uuid(),
          purpose: ZConsentPurpose,
          procedureCategory: ZProcedureCategory.nullable(),
          version: z.number().int(),
          title: z.string(),
          body: z.string(),
          sha256: z.string(),
        }),
      ),
    )
    .query(({ ctx }) => listConsentDocuments(ctx, ctx.actor)),
  consents: actionProcedure('clients.read')
    .input(ZClientId)
    .output(
      z.object({
        states: z.array(
          z.object({
            purpose: ZConsentPurpose,
            procedureCategory: ZProcedureCategory.nullable(),
            documentId: z.string().uuid(),
            title: z.string(),
            currentVersion: z.number().int(),
            status: z.enum(['concedido', 'revogado', 'pendente']),
            since: z.string().nullable(),
            signedVersion: z.number().int().nullable(),
          }),
        ),
        events: z.array(
          z.object({
            id: z.string().uuid(),
            purpose: ZConsentPurpose,
            procedureCategory: ZProcedureCategory.nullable(),
            action: z.enum(['grant', 'withdraw']),
            occurredAt: z.string(),
            channel: z.string(),
            signer: z.string(),
            typedName: z.string(),
            hasDrawnSignature: z.boolean(),
            documentSha256: z.string(),
            documentVersion: z.number().int(),
            documentTitle: z.string(),
            collectedByName: z.string().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getClientConsents(ctx, ctx.actor, input.clientId)),
  changeConsent: actionProcedure('clients.consent.manage')
    .input(
      ZClientId.extend({
        documentId: z.string().uuid('Documento inválido.'),
        action: z.enum(['grant', 'withdraw']),
        evidence: ZSignatureEvidence,
      }),
    )
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await changeConsent(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  accessReport: actionProcedure('clients.access_report')
    .input(ZClientId)
    .output(
      z.array(
        z.object({
          occurredAt: z.string(),
          action: z.string(),
          fields: z.array(z.string()),
          actorName: z.string(),
          actorRole: z.string().nullable(),
          outcome: z.enum(['success', 'denied', 'failure']),
        }),
      ),
    )
    .query(({ ctx, input }) => getAccessReport(ctx, ctx.actor, input.clientId)),
});
