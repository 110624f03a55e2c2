import { AppError } from '../../platform/errors';

/** Identity error codes. Messages never say whether an e-mail is registered. */
export const invalidCredentials = () =>
  new AppError('INVALID_CREDENTIALS', {
    kind: 'UNAUTHENTICATED',
    userMessage: 'E-mail ou senha incorretos.',
  });

export const tooManyAttempts = () =>
  new AppError('TOO_MANY_ATTEMPTS', {
    kind: 'RATE_LIMITED',
    userMessage: 'Muitas tentativas de acesso. Aguarde alguns minutos e tente novamente.',
  });

export const invalidMfaCode = () =>
  new AppError('INVALID_MFA_CODE', {
    kind: 'UNAUTHENTICATED',
    userMessage: 'Código inválido ou já utilizado. Confira o aplicativo e tente novamente.',
  });

export const sessionRequired = (reason: 'expired_idle' | 'expired_absolute' | 'revoked' | null) =>
  new AppError('SESSION_REQUIRED', {
    kind: 'UNAUTHENTICATED',
    userMessage:
      reason === 'expired_idle'
        ? 'Sua sessão expirou por inatividade. Entre novamente.'
        : reason === 'expired_absolute'
          ? 'Sua sessão chegou ao tempo máximo. Entre novamente.'
          : reason === 'revoked'
            ? 'Sua sessão foi encerrada. Entre novamente.'
            : 'Entre para continuar.',
  });

export const mfaRequired = () =>
  new AppError('MFA_REQUIRED', {
    kind: 'FORBIDDEN',
    userMessage: 'Confirme o código da verificação em duas etapas para continuar.',
  });

export const stepUpRequired = () =>
  new AppError('STEP_UP_REQUIRED', {
    kind: 'FORBIDDEN',
    userMessage: 'Por segurança, confirme sua senha e o código para esta ação.',
  });

/**
 * Re-authentication inside a session (password and code to sign) refused after too many wrong
 * attempts. `retryAt` is already in the clinic's local time ("14:35"); `isSessionEnded` on the attempt
 * that started the lock, which also ended the session.
 */
/** What the locked re-authentication was for: signing a record, or confirming a sensitive change. */
export type ReauthPurpose = 'signing' | 'step_up';

export const reauthLocked = (
  retryAt: string,
  isSessionEnded: boolean,
  purpose: ReauthPurpose = 'signing',
) => {
  const what = purpose === 'signing' ? 'a assinatura' : 'a confirmação de identidade';
  const retry = purpose === 'signing' ? 'tente assinar' : 'tente de novo';
  return new AppError('REAUTH_LOCKED', {
    kind: 'RATE_LIMITED',
    userMessage: isSessionEnded
      ? `Muitas tentativas de senha ou código. Por segurança, sua sessão foi encerrada e ${what} fica bloqueada; entre novamente e ${retry} às ${retryAt}.`
      : `Muitas tentativas de senha ou código. Por segurança, ${what} está bloqueada; tente novamente às ${retryAt}.`,
  });
};
