import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. Every key is documented in .env.example and the README.
 * parseConfig() never throws on bad input: it returns a list of pt-BR problems naming each key.
 */

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'use true ou false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ZEnv = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test'], { error: 'use development, production ou test' })
    .default('production'),
  HOST: z.string().min(1, 'não pode ser vazio').default('0.0.0.0'),
  PORT: z.coerce
    .number({ error: 'deve ser um número' })
    .int('deve ser um número inteiro')
    .min(0, 'deve estar entre 1 e 65535 (0 escolhe uma porta livre)')
    .max(65535, 'deve estar entre 1 e 65535 (0 escolhe uma porta livre)')
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'deve começar com postgres:// ou postgresql://')
    .optional(),
  DATA_DIR: z.string().min(1, 'não pode ser vazio').default('./.data'),
  DB_POOL_MAX: z.coerce
    .number({ error: 'deve ser um número' })
    .int()
    .min(1, 'deve ser ao menos 1')
    .max(200)
    .default(10),
  MIGRATE_ON_BOOT: booleanFromEnv.default(true),
  SEED_DEMO: z.enum(['auto', 'always', 'never'], { error: 'use auto, always ou never' }).default('auto'),
  DEMO_SEED: z.coerce.number({ error: 'deve ser um número' }).int().default(20261125),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'use fatal, error, warn, info, debug, trace ou silent',
    })
    .default('info'),
  LOG_PRETTY: booleanFromEnv.default(false),
  WEB_DIST_DIR: z.string().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: 'deve ser um número' }).int().min(0).default(10_000),
  TRUST_PROXY: booleanFromEnv.default(false),
});

/** Every configuration key, for documentation checks. */
export const CONFIG_KEYS: readonly string[] = Object.keys(ZEnv.shape);

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database: { driver: 'postgres'; url: string; poolMax: number } | { driver: 'pglite'; dataDir: string };
  migrateOnBoot: boolean;
  seedDemo: 'auto' | 'always' | 'never';
  demoSeed: number;
  log: { level: string; pretty: boolean };
  webDistDir: string | null;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
};

export type ConfigProblem = { key: string; message: string };

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/** Parses an environment-like record into the typed config. */
export function parseConfig(env: Record<string, string | undefined>, cwd = process.cwd()): ConfigResult {
  // Empty strings mean "not set": shells and .env files produce them for unset keys.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ZEnv.safeParse(cleaned);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        key: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      env: e.NODE_ENV,
      host: e.HOST,
      port: e.PORT,
      database: e.DATABASE_URL
        ? { driver: 'postgres', url: e.DATABASE_URL, poolMax: e.DB_POOL_MAX }
        : { driver: 'pglite', dataDir: path.resolve(cwd, e.DATA_DIR, 'pglite') },
      migrateOnBoot: e.MIGRATE_ON_BOOT,
      seedDemo: e.SEED_DEMO,
      demoSeed: e.DEMO_SEED,
      log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
      webDistDir: e.WEB_DIST_DIR ? path.resolve(cwd, e.WEB_DIST_DIR) : null,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      trustProxy: e.TRUST_PROXY,
    },
  };
}

/** Reads the process environment. The only function in the codebase allowed to. */
export function readProcessEnv(): Record<string, string | undefined> {
  return { ...process.env };
}

/** A human report of config problems, one line per key, in pt-BR. */
export function describeConfigProblems(problems: ConfigProblem[]): string {
  return [
    'Configuração inválida. Corrija as variáveis abaixo (veja .env.example):',
    ...problems.map((p) => `  - ${p.key}: ${p.message}`),
  ].join('\n');
}

/** A password-free description of where the database is, safe for logs. */
export function describeDatabase(config: Config): string {
  if (config.database.driver === 'pglite') return `PGlite em ${config.database.dataDir}`;
  try {
    const url = new URL(config.database.url);
    return `PostgreSQL em ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}
