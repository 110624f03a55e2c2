import { TRPCClientError } from '@trpc/client';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { appCodeOf, httpStatusOf, toFormErrors, toUserError } from './to-user-error';

const t = ((key: string) => `t:${key}`) as unknown as TFunction;

function serverError(data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message: 'x', code: -32600, data } });
}

describe('toUserError and codes', () => {
  it('shows the server message and exposes the app code and status', () => {
    const error = serverError({
      appCode: 'SESSION_REQUIRED',
      httpStatus: 401,
      userMessage: 'Entre para continuar.',
    });
    expect(toUserError(error, t)).toBe('Entre para continuar.');
    expect(appCodeOf(error)).toBe('SESSION_REQUIRED');
    expect(httpStatusOf(error)).toBe(401);
  });

  it('falls back to generic messages', () => {
    expect(toUserError(serverError({}), t)).toBe('t:errors.server');
    expect(toUserError(new Error('boom'), t)).toBe('t:errors.unexpected');
    expect(appCodeOf(new Error('boom'))).toBeNull();
  });
});

describe('toFormErrors', () => {
  it('places validation messages under known fields and keeps the rest for the form', () => {
    const error = serverError({
      appCode: 'VALIDATION_FAILED',
      userMessage: 'Dados inválidos: …',
      fieldErrors: [
        { field: 'email', message: 'E-mail inválido.' },
        { field: 'assignments.0.role', message: 'Função inválida.' },
      ],
    });
    expect(toFormErrors(error, t, ['email', 'fullName'] as const)).toEqual({
      fields: { email: 'E-mail inválido.' },
      form: 'Função inválida.',
    });
  });

  it('puts a domain error under the field it names', () => {
    const error = serverError({
      appCode: 'EMAIL_TAKEN',
      userMessage: 'E-mail: já existe um usuário com este e-mail.',
      details: { field: 'email' },
      fieldErrors: null,
    });
    expect(toFormErrors(error, t, ['email'] as const)).toEqual({
      fields: { email: 'E-mail: já existe um usuário com este e-mail.' },
      form: null,
    });
  });

  it('shows other errors for the whole form, and nothing without an error', () => {
    const error = serverError({ appCode: 'INVALID_CREDENTIALS', userMessage: 'E-mail ou senha incorretos.' });
    expect(toFormErrors(error, t, ['email'] as const)).toEqual({
      fields: {},
      form: 'E-mail ou senha incorretos.',
    });
    expect(toFormErrors(null, t, ['email'] as const)).toEqual({ fields: {}, form: null });
  });
});
