import { ZCouncil, ZEmail, ZLicenceInput, ZNewPassword, ZSignInResult, ZStaffRole } from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, publicProcedure, router } from '../../trpc/init';
import {
  acceptInvitation,
  deactivateStaff,
  getInvitation,
  inviteStaff,
  listStaff,
  saveLicence,
  updateRoles,
  verifyLicence,
  verifyLicenceManually,
} from './staff.service';

const ZAssignment = z.object({ clinicId: z.string().uuid('Clínica inválida.'), role: ZStaffRole });
const ZLicenceView = z.object({
  id: z.string().uuid(),
  council: ZCouncil,
  number: z.string(),
  uf: z.string(),
  specialties: z.array(z.string()),
  rqe: z.array(z.string()),
  status: z.enum(['pendente', 'ativa', 'irregular', 'nao_encontrada', 'erro_verificacao']),
  situationLabel: z.string().nullable(),
  verificationMethod: z.enum(['cfm_ws', 'manual']).nullable(),
  lastCheckedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  canCheckAutomatically: z.boolean(),
});
const ZStaffMember = z.object({
  id: z.string().uuid(),
  fullName: z.string(),
  email: z.string(),
  status: z.enum(['invited', 'active', 'deactivated']),
  isMfaEnrolled: z.boolean(),
  assignments: z.array(z.object({ clinicId: z.string().uuid(), clinicName: z.string(), role: ZStaffRole })),
  licences: z.array(ZLicenceView),
});
const ZInvitationToken = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'Convite inválido.');
const ok = z.object({ ok: z.literal(true) });

export const staffRouter = router({
  list: actionProcedure('staff.read')
    .output(z.array(ZStaffMember))
    .query(({ ctx }) => listStaff(ctx, ctx.actor)),
  invite: actionProcedure('staff.manage')
    .input(
      z.object({
        fullName: z.string().trim().min(3, 'Nome: informe o nome completo.').max(160),
        email: ZEmail,
        assignments: z.array(ZAssignment).min(1, 'Funções: escolha ao menos uma função.').max(30),
        licence: ZLicenceInput.optional(),
      }),
    )
    .output(z.object({ userId: z.string().uuid(), invitationPath: z.string(), expiresAt: z.string() }))
    .mutation(({ ctx, input }) => inviteStaff(ctx, ctx.actor, input)),
  invitation: publicProcedure
    .input(z.object({ token: ZInvitationToken }))
    .output(z.object({ fullName: z.string(), email: z.string() }))
    .query(({ ctx, input }) => getInvitation(ctx, input.token)),
  acceptInvitation: publicProcedure
    .input(z.object({ token: ZInvitationToken, password: ZNewPassword }))
    .output(ZSignInResult)
    .mutation(async ({ ctx, input }) => {
      const result = await acceptInvitation(ctx, input);
      ctx.cookies.setSession(result.token, result.maxAgeS);
      return { next: result.next, csrfToken: result.csrfToken };
    }),
  updateRoles: actionProcedure('staff.roles.manage')
    .input(z.object({ userId: z.string().uuid(), assignments: z.array(ZAssignment).max(30) }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await updateRoles(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  deactivate: actionProcedure('staff.manage')
    .input(z.object({ userId: z.string().uuid() }))
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await deactivateStaff(ctx, ctx.actor, input.userId);
      return { ok: true as const };
    }),
  saveLicence: actionProcedure('staff.manage')
    .input(z.object({ userId: z.string().uuid(), licence: ZLicenceInput }))
    .output(ZLicenceView)
    .mutation(({ ctx, input }) => saveLicence(ctx, ctx.actor, input)),
  verifyLicence: actionProcedure('staff.licence.verify')
    .input(z.object({ licenceId: z.string().uuid() }))
    .output(ZLicenceView.extend({ message: z.string() }))
    .mutation(({ ctx, input }) => verifyLicence(ctx, ctx.actor, input.licenceId)),
  verifyLicenceManually: actionProcedure('staff.licence.verify')
    .input(
      z.object({
        licenceId: z.string().uuid(),
        proof: z
          .string()
          .trim()
          .min(10, 'Comprovante: descreva o documento (ex.: certidão de regularidade nº, emitida em).')
          .max(500),
        verifiedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Data da verificação inválida.'),
        isActive: z.boolean(),
      }),
    )
    .output(ZLicenceView)
    .mutation(({ ctx, input }) => verifyLicenceManually(ctx, ctx.actor, input)),
});
