import {
  ZClinicSettingsInput,
  ZCompetenceDecision,
  ZOpeningHours,
  ZProcedureCategory,
  ZSavePolicyInput,
  ZStaffRole,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import {
  getClinicSettings,
  getCompetencePolicy,
  saveCompetencePolicy,
  updateClinicSettings,
} from './organizations.service';

export const organizationsRouter = router({
  clinicSettings: actionProcedure('clinic.read')
    .input(z.object({ clinicId: z.string().uuid() }))
    .output(
      z.object({
        id: z.string().uuid(),
        name: z.string(),
        cnpj: z.string(),
        timeZone: z.string(),
        address: z.object({
          street: z.string(),
          number: z.string(),
          complement: z.string().optional(),
          district: z.string(),
          city: z.string(),
          uf: z.string(),
          cep: z.string(),
        }),
        openingHours: ZOpeningHours,
        technicalDirectorUserId: z.string().uuid().nullable(),
        technicalDirectorCandidates: z.array(
          z.object({ userId: z.string().uuid(), fullName: z.string(), crm: z.string() }),
        ),
      }),
    )
    .query(({ ctx, input }) => getClinicSettings(ctx, ctx.actor, input.clinicId)),
  updateClinicSettings: actionProcedure('clinic.manage')
    .input(ZClinicSettingsInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await updateClinicSettings(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  competencePolicy: actionProcedure('policy.read')
    .output(
      z.object({
        version: z.number().int(),
        note: z.string(),
        rules: z.array(
          z.object({
            role: ZStaffRole,
            category: ZProcedureCategory,
            decision: ZCompetenceDecision,
            citation: z.string(),
          }),
        ),
        history: z.array(
          z.object({
            version: z.number().int(),
            note: z.string(),
            isActive: z.boolean(),
            createdAt: z.string(),
            createdByName: z.string().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => getCompetencePolicy(ctx, ctx.actor)),
  saveCompetencePolicy: actionProcedure('policy.manage')
    .input(ZSavePolicyInput)
    .output(z.object({ version: z.number().int() }))
    .mutation(({ ctx, input }) => saveCompetencePolicy(ctx, ctx.actor, input)),
});
