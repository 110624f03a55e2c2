import type { Database } from '../db/client';
import type { LicenceRegistry } from '../modules/staff/licence-registry';
import type { Actor } from '../platform/authz/permissions';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { Keyring } from '../platform/crypto/keyring';
import type { Logger } from '../platform/logger';
import type { RateLimiter } from '../platform/rate-limit';
import type { RealtimeHub } from '../platform/realtime/hub';

/** Everything a procedure (and the service it calls) may use. Built per request by apps/api. */
export type Context = {
  database: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  version: string;
  keyring: Keyring;
  loginLimiter: RateLimiter;
  /** The council registry for licence checks (CFM web service or its local fake). */
  licenceRegistry: LicenceRegistry;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  /** The signed-in user, resolved from the session cookie; null when signed out or expired. */
  actor: Actor | null;
  /** Why the presented session is not valid (for a precise pt-BR message), when one was presented. */
  sessionProblem: 'expired_idle' | 'expired_absolute' | 'revoked' | null;
  /** The raw session token from the cookie, for CSRF derivation; never logged. */
  sessionToken: string | null;
  /** Transport hooks for the session cookie, set by apps/api. */
  cookies: { setSession: (token: string, maxAgeS: number) => void; clearSession: () => void };
  /** The CSRF header of this request, checked on cookie-authenticated mutations. */
  csrfHeader: string | null;
  /** LISTEN/NOTIFY fan-out for live subscriptions; absent in contexts that serve none (jobs, CLI). */
  realtime?: RealtimeHub;
};

/** The subset services depend on, so they stay callable from jobs, scripts and tests. */
export type ServiceDeps = Pick<
  Context,
  'database' | 'logger' | 'clock' | 'config' | 'version' | 'keyring' | 'licenceRegistry'
> &
  Partial<Pick<Context, 'requestId' | 'ip' | 'userAgent'>>;
