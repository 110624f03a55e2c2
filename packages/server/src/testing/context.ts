import type { Database } from '../db/client';
import { type Clock, fixedClock } from '../platform/clock';
import { type Config, parseConfig } from '../platform/config';
import { createLogger } from '../platform/logger';
import type { Context } from '../trpc/context';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const result = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

/** A request context for createCaller, with a frozen clock and a silent logger. */
export function testContext(
  database: Database,
  overrides: Partial<Context> & { clock?: Clock } = {},
): Context {
  return {
    database,
    config: testConfig(),
    logger: createLogger({ level: 'silent' }),
    clock: fixedClock('2026-11-25T12:00:00.000Z'),
    version: 'test',
    requestId: 'test-request',
    ip: '127.0.0.1',
    userAgent: 'vitest',
    ...overrides,
  };
}
