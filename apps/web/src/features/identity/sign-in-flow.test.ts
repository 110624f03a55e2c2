import { describe, expect, it } from 'vitest';
import { authStateOf, isPublicPath, pathAfterSignIn, returnPathFrom, safeReturnPath } from './sign-in-flow';

describe('safeReturnPath', () => {
  it('keeps app paths with their query', () => {
    expect(safeReturnPath('/configuracoes?aba=equipe')).toBe('/configuracoes?aba=equipe');
  });

  it('refuses other origins and odd values', () => {
    expect(safeReturnPath('https://example.com/')).toBe('/');
    expect(safeReturnPath('//example.com/x')).toBe('/');
    expect(safeReturnPath('/\\example.com')).toBe('/');
    expect(safeReturnPath(42)).toBe('/');
    expect(safeReturnPath(undefined)).toBe('/');
  });

  it('never returns to a sign-in screen', () => {
    expect(safeReturnPath('/entrar')).toBe('/');
    expect(safeReturnPath('/entrar/verificacao')).toBe('/');
    expect(safeReturnPath('/seguranca/verificacao-em-duas-etapas')).toBe('/');
    expect(safeReturnPath('/convite/abc')).toBe('/');
  });
});

describe('pathAfterSignIn', () => {
  it('follows the step the server asks for', () => {
    expect(pathAfterSignIn('mfa', '/conta')).toBe('/entrar/verificacao');
    expect(pathAfterSignIn('mfa_enrolment', '/conta')).toBe('/seguranca/verificacao-em-duas-etapas');
    expect(pathAfterSignIn('done', '/conta')).toBe('/conta');
    expect(pathAfterSignIn('done', undefined)).toBe('/');
  });
});

describe('returnPathFrom and authStateOf', () => {
  it('remembers an app page, or carries the original target through the sign-in screens', () => {
    expect(returnPathFrom({ pathname: '/agenda', search: '?d=1', state: null })).toBe('/agenda?d=1');
    expect(returnPathFrom({ pathname: '/entrar/verificacao', search: '', state: { from: '/conta' } })).toBe(
      '/conta',
    );
    expect(returnPathFrom({ pathname: '/entrar/verificacao', search: '', state: null })).toBe('/');
  });

  it('reads only well-formed state', () => {
    expect(authStateOf({ reason: 'Sessão expirada.', from: '//evil' })).toEqual({
      reason: 'Sessão expirada.',
      from: '/',
    });
    expect(authStateOf('x')).toEqual({});
  });

  it('knows the pages that need no session', () => {
    expect(isPublicPath('/entrar')).toBe(true);
    expect(isPublicPath('/convite/abc')).toBe(true);
    expect(isPublicPath('/entrar/verificacao')).toBe(false);
    expect(isPublicPath('/')).toBe(false);
  });
});
