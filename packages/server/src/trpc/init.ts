/**
 * tRPC setup. Sections:
 *  1. Error shape: the one place where AppError becomes a transport error (toTransportCode), where
 *     zod issues become pt-BR field errors, and where unexpected errors are replaced by a generic
 *     message (the real one is logged by apps/api with the request id).
 *  2. Procedure builders: publicProcedure today; authenticated and permission-checked builders are
 *     added by the identity module.
 * Edit with care: every procedure depends on this file.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError, z } from 'zod';
import { ptBR } from 'zod/v4/locales';
import { AppError, GENERIC_INTERNAL_MESSAGE, toTransportCode } from '../platform/errors';
import type { Context } from './context';

z.config(ptBR());

export type FieldError = { field: string; message: string };

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(entrada)',
    message: issue.message,
  }));
}

// ─── 1. Error shape ────────────────────────────────────────────────────────────
const t = initTRPC.context<Context>().create({
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
      const userMessage = `Dados inválidos: ${fieldErrors.map((f) => `${f.field}: ${f.message}`).join('; ')}`;
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
export const publicProcedure = t.procedure.use(appErrors);
