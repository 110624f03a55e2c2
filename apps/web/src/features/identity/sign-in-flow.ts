import type { TSignInStep } from '@clinia/contracts';

/** Where the sign-in screens live; everything else needs a session. */
export const SIGN_IN_PATH = '/entrar';
export const MFA_VERIFY_PATH = '/entrar/verificacao';
export const MFA_ENROLMENT_PATH = '/seguranca/verificacao-em-duas-etapas';

/** Router state carried through the sign-in screens. */
export type TAuthLocationState = {
  /** Why the user was sent to sign in (server's pt-BR message: inactivity, max time, revoked). */
  reason?: string;
  /** The app path the user was going to, restored after sign-in. */
  from?: string;
};

/** Pages that work without a session: a lost session there is expected, not a reason to redirect. */
export function isPublicPath(pathname: string): boolean {
  return pathname === SIGN_IN_PATH || pathname.startsWith('/convite/');
}

/** A same-origin app path to return to, or `/`: never another site, never a sign-in screen again. */
export function safeReturnPath(from: unknown): string {
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.includes('\\')) {
    return '/';
  }
  const pathname = from.split(/[?#]/)[0] ?? '/';
  if (
    pathname.startsWith(SIGN_IN_PATH) ||
    pathname === MFA_ENROLMENT_PATH ||
    pathname.startsWith('/convite/')
  ) {
    return '/';
  }
  return from;
}

/** The screen that follows a sign-in step. */
export function pathAfterSignIn(next: TSignInStep, from: unknown): string {
  if (next === 'mfa') {
    return MFA_VERIFY_PATH;
  }
  if (next === 'mfa_enrolment') {
    return MFA_ENROLMENT_PATH;
  }
  return safeReturnPath(from);
}

/** Reads the router state of a sign-in screen, tolerating anything (history state is untyped). */
export function authStateOf(state: unknown): TAuthLocationState {
  if (typeof state !== 'object' || state === null) {
    return {};
  }
  const { reason, from } = state as Record<string, unknown>;
  return {
    ...(typeof reason === 'string' && reason.length > 0 ? { reason } : {}),
    ...(typeof from === 'string' ? { from: safeReturnPath(from) } : {}),
  };
}

/** The path to come back to when leaving `location` for the sign-in screens. */
export function returnPathFrom(location: { pathname: string; search: string; state: unknown }): string {
  if (location.pathname.startsWith(SIGN_IN_PATH) || location.pathname === MFA_ENROLMENT_PATH) {
    return authStateOf(location.state).from ?? '/';
  }
  return safeReturnPath(`${location.pathname}${location.search}`);
}
