/**
 * tRPC setup. Sections:
 *  1. Error shape: the one place where AppError becomes a transport error (toTransportCode), where
 *     zod issues become pt-BR field errors, and where unexpected errors are replaced by a generic
 *     message (the real one is logged by apps/api with the request id).
 *  2. Procedure builders. Every procedure declares its access in `meta`, read by the authorisation
 *     matrix test: `public`, `signed-in` (any signed-in user, own account), or an `action` of the
 *     permission matrix (platform/authz/permissions.ts). Authenticated mutations must carry the
 *     CSRF header derived from the session.
 * Edit with care: every procedure depends on this file.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { ptBR } from 'zod/v4/locales';
import { mfaRequired, sessionRequired, stepUpRequired } from '../modules/identity/identity.errors';
import { csrfTokenFor } from '../modules/identity/identity.service';
import { recordActorAudit } from '../platform/audit/audit';
import { type Action, type Actor, type Decision, decide, mfaDecision } from '../platform/authz/permissions';
import { constantTimeEqual } from '../platform/crypto/keyring';
import { AppError, GENERIC_INTERNAL_MESSAGE, toTransportCode } from '../platform/errors';
import { withTenant } from '../platform/tenancy/tenancy';
import type { Context } from './context';

export type ProcedureMeta =
  | { access: 'public' }
  | { access: 'signed-in'; beforeMfa: boolean }
  | { access: 'action'; action: Action };

z.config(ptBR());

export type FieldError = { field: string; message: string };

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(entrada)',
    message: issue.message,
  }));
}

// ─── 1. Error shape ────────────────────────────────────────────────────────────
const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    // Subscriptions over SSE: a ping comment every 15 s keeps proxies from closing an idle stream, and
    // the browser reconnects when it hears nothing for 40 s.
    sse: { ping: { enabled: true, intervalMs: 15_000 }, client: { reconnectAfterInactivityMs: 40_000 } },
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      if (cause instanceof AppError) {
        return {
          ...shape,
          message: cause.userMessage,
          data: {
            ...shape.data,
            stack: undefined,
            appCode: cause.code,
            userMessage: cause.userMessage,
            details: cause.details ?? null,
            fieldErrors: null,
          },
        };
      }
      if (error.code === 'BAD_REQUEST' && cause instanceof ZodError) {
        const fieldErrors = zodFieldErrors(cause);
        // Every schema message names its field in pt-BR ("Nome da sala: informe."); the technical path
        // stays in fieldErrors for forms, not in the sentence a receptionist reads.
        const userMessage = [...new Set(fieldErrors.map((f) => f.message))].join(' ');
        return {
          ...shape,
          message: userMessage,
          data: {
            ...shape.data,
            stack: undefined,
            appCode: 'VALIDATION_FAILED',
            userMessage,
            details: null,
            fieldErrors,
          },
        };
      }
      const isInternal = error.code === 'INTERNAL_SERVER_ERROR';
      const userMessage = isInternal ? GENERIC_INTERNAL_MESSAGE : error.message;
      return {
        ...shape,
        message: userMessage,
        data: {
          ...shape.data,
          stack: undefined,
          appCode: isInternal ? 'INTERNAL' : error.code,
          userMessage,
          details: null,
          fieldErrors: null,
        },
      };
    },
  });

/** Converts an AppError thrown by a service into the transport error its kind maps to. */
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const appError = result.error.cause;
    const mapped = new TRPCError({
      code: toTransportCode(appError),
      message: appError.code,
      cause: appError,
    });
    return { ...result, error: mapped };
  }
  return result;
});

// ─── 2. Procedure builders ─────────────────────────────────────────────────────
export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors).meta({ access: 'public' });

const DENIALS: Record<Exclude<Decision, { allowed: true }>['reason'], () => AppError> = {
  role: () => new AppError('FORBIDDEN'),
  mfa_required: mfaRequired,
  mfa_enrolment_required: () =>
    new AppError('MFA_ENROLMENT_REQUIRED', {
      kind: 'FORBIDDEN',
      userMessage: 'Configure a verificação em duas etapas antes de acessar dados de clientes.',
    }),
  licence: () =>
    new AppError('LICENCE_NOT_VERIFIED', {
      kind: 'FORBIDDEN',
      userMessage:
        'Sua licença profissional ainda não foi verificada como ativa. Peça ao gestor para verificá-la em Configurações › Equipe.',
    }),
  step_up: stepUpRequired,
};

const signedIn = t.procedure.use(appErrors).use(async ({ ctx, type, next }) => {
  if (!ctx.actor || !ctx.sessionToken) throw sessionRequired(ctx.sessionProblem);
  // Cookie-authenticated mutations must prove they come from our own page (SameSite is the first line).
  if (
    type === 'mutation' &&
    !(ctx.csrfHeader && constantTimeEqual(ctx.csrfHeader, csrfTokenFor(ctx.sessionToken)))
  ) {
    throw new AppError('CSRF_REJECTED', {
      kind: 'FORBIDDEN',
      userMessage: 'Recarregue a página e tente novamente.',
    });
  }
  return next({ ctx: { ...ctx, actor: ctx.actor as Actor, sessionToken: ctx.sessionToken } });
});

/** Any signed-in user acting on their own account. `beforeMfa` procedures are reachable mid sign-in. */
export function signedInProcedure(options: { beforeMfa?: boolean } = {}) {
  const beforeMfa = options.beforeMfa ?? false;
  return signedIn.meta({ access: 'signed-in', beforeMfa }).use(async ({ ctx, next }) => {
    if (!beforeMfa) {
      const decision = mfaDecision(ctx.actor);
      if (!decision.allowed) throw DENIALS[decision.reason]();
    }
    return next();
  });
}

/** A procedure guarded by one action of the permission matrix. */
export function actionProcedure(action: Action) {
  return signedIn.meta({ access: 'action', action }).use(async ({ ctx, next }) => {
    const decision = decide(action, ctx.actor, ctx.clock.now());
    if (!decision.allowed) {
      if (decision.reason === 'role' || decision.reason === 'licence') {
        await withTenant(ctx.database, ctx.actor.organizationId, (tx) =>
          recordActorAudit(tx, ctx, ctx.actor, {
            action: 'authz.denied',
            entityType: 'action',
            entityId: action,
            outcome: 'denied',
            occurredAt: ctx.clock.now(),
          }),
        );
      }
      throw DENIALS[decision.reason]();
    }
    return next();
  });
}
