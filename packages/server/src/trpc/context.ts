import type { Database } from '../db/client';
import type { Clock } from '../platform/clock';
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';

/** Everything a procedure (and the service it calls) may use. Built per request by apps/api. */
export type Context = {
  database: Database;
  config: Config;
  logger: Logger;
  clock: Clock;
  version: string;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
};

/** The subset services depend on, so they stay callable from jobs, scripts and tests. */
export type ServiceDeps = Pick<Context, 'database' | 'logger' | 'clock' | 'config' | 'version'> &
  Partial<Pick<Context, 'requestId' | 'ip' | 'userAgent'>>;
