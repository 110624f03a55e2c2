/**
 * The CSRF token of the current session, kept in memory only: the session cookie is httpOnly, so the
 * page learns the token from sign-in results and from every `auth.me`, and sends it back on mutations.
 * A reload forgets it until the next `auth.me`, which every signed-in page awaits before rendering.
 */
let csrfToken: string | null = null;

export function getCsrfToken(): string | null {
  return csrfToken;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Takes the token from a procedure result that carries one (`auth.me`, sign-in results). */
export function rememberCsrfTokenFrom(data: unknown): void {
  if (typeof data === 'object' && data !== null && 'csrfToken' in data) {
    const { csrfToken: token } = data as { csrfToken: unknown };
    if (typeof token === 'string' && token.length > 0) {
      csrfToken = token;
    }
  }
}
