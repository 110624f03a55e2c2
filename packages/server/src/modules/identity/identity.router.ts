import {
  ZChangePasswordInput,
  ZLoginInput,
  ZMe,
  ZMfaCode,
  ZMfaEnrolment,
  ZMySession,
  ZReauthenticateInput,
  ZRecoveryCodes,
  ZSignInResult,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, publicProcedure, router, signedInProcedure } from '../../trpc/init';
import {
  beginMfaEnrolment,
  changePassword,
  confirmMfaEnrolment,
  getMe,
  listMySessions,
  reauthenticate,
  revokeMySession,
  revokeUserSessionsAsAdmin,
  signIn,
  signOut,
  verifyMfa,
} from './identity.service';

export const authRouter = router({
  signIn: publicProcedure
    .input(ZLoginInput)
    .output(ZSignInResult)
    .mutation(async ({ ctx, input }) => {
      const result = await signIn(ctx, input);
      ctx.cookies.setSession(result.token, result.maxAgeS);
      return { next: result.next, csrfToken: result.csrfToken };
    }),
  me: signedInProcedure({ beforeMfa: true })
    .output(ZMe)
    .query(({ ctx }) => getMe(ctx, ctx.actor, ctx.sessionToken)),
  verifyMfa: signedInProcedure({ beforeMfa: true })
    .input(z.object({ code: ZMfaCode }))
    .output(z.object({ remainingRecoveryCodes: z.number().int() }))
    .mutation(({ ctx, input }) => verifyMfa(ctx, ctx.actor, input.code)),
  beginMfaEnrolment: signedInProcedure({ beforeMfa: true })
    .output(ZMfaEnrolment)
    .mutation(({ ctx }) => beginMfaEnrolment(ctx, ctx.actor)),
  confirmMfaEnrolment: signedInProcedure({ beforeMfa: true })
    .input(z.object({ code: ZMfaCode }))
    .output(ZRecoveryCodes)
    .mutation(({ ctx, input }) => confirmMfaEnrolment(ctx, ctx.actor, input.code)),
  reauthenticate: signedInProcedure()
    .input(ZReauthenticateInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await reauthenticate(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  changePassword: signedInProcedure({ beforeMfa: true })
    .input(ZChangePasswordInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await changePassword(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  signOut: signedInProcedure({ beforeMfa: true })
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      await signOut(ctx, ctx.actor);
      ctx.cookies.clearSession();
      return { ok: true as const };
    }),
  mySessions: signedInProcedure()
    .output(z.array(ZMySession))
    .query(({ ctx }) => listMySessions(ctx, ctx.actor)),
  revokeMySession: signedInProcedure()
    .input(z.object({ sessionId: z.string().uuid('Sessão inválida.') }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeMySession(ctx, ctx.actor, input.sessionId);
      return { ok: true as const };
    }),
  revokeUserSessions: actionProcedure('sessions.revoke_any')
    .input(z.object({ userId: z.string().uuid('Usuário inválido.') }))
    .output(z.object({ revoked: z.number().int() }))
    .mutation(({ ctx, input }) => revokeUserSessionsAsAdmin(ctx, ctx.actor, input.userId)),
});
