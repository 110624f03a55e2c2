import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client';
import { csrfTokenFor, resolveSession } from '../modules/identity/identity.service';
import { registerAppointmentHistorySource } from '../modules/prediction/prediction.service';
import { schedulingHistorySource } from '../modules/scheduling/risk.service';
import type { LicenceRegistry } from '../modules/staff/licence-registry';
import { type Clock, fixedClock } from '../platform/clock';
import { type Config, parseConfig } from '../platform/config';
import { createKeyring, type Keyring, parseMasterKey } from '../platform/crypto/keyring';
import { createLogger } from '../platform/logger';
import { createRateLimiter } from '../platform/rate-limit';
import type { Context } from '../trpc/context';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const result = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/** A keyring with a random master key and one data key, for tests that do not exercise rotation. */
export function testKeyring(): Keyring {
  const master = parseMasterKey('mk-test', randomBytes(32).toString('base64'));
  return createKeyring(master, new Map([['dk-test', randomBytes(32)]]), 'dk-test');
}

/** A registry that supports no council: every licence is verified manually. */
export const manualOnlyRegistry: LicenceRegistry = {
  source: 'none',
  supports: () => false,
  check: async () => ({ outcome: 'error', reason: 'sem consulta automática', raw: null }),
};

export type TestCookieJar = { token: string | null };

/** A request context for createCaller, with a frozen clock, a silent logger and a cookie jar. */
export function testContext(
  database: Database,
  overrides: Partial<Context> & { jar?: TestCookieJar } = {},
): Context {
  const jar = overrides.jar ?? { token: null };
  // As at boot (apps/api/src/boot.ts): training in tests reads the agenda's real appointments.
  registerAppointmentHistorySource(schedulingHistorySource);
  return {
    database,
    config: testConfig(),
    logger: createLogger({ level: 'silent' }),
    clock: fixedClock('2026-11-25T12:00:00.000Z'),
    version: 'test',
    keyring: testKeyring(),
    loginLimiter: createRateLimiter({ limit: 1_000, windowMs: 60_000 }),
    licenceRegistry: manualOnlyRegistry,
    requestId: 'test-request',
    ip: '127.0.0.1',
    userAgent: 'vitest',
    actor: null,
    sessionProblem: null,
    sessionToken: null,
    csrfHeader: null,
    cookies: {
      setSession: (token) => {
        jar.token = token;
      },
      clearSession: () => {
        jar.token = null;
      },
    },
    ...overrides,
  };
}

/** The context of a request carrying the jar's session cookie and the matching CSRF header. */
export async function signedInContext(base: Context, jar: TestCookieJar, clock?: Clock): Promise<Context> {
  const ctx = { ...base, ...(clock ? { clock } : {}) };
  const resolved = await resolveSession(ctx, jar.token);
  return {
    ...ctx,
    actor: resolved.actor,
    sessionProblem: resolved.problem,
    sessionToken: jar.token,
    csrfHeader: jar.token ? csrfTokenFor(jar.token) : null,
  };
}
