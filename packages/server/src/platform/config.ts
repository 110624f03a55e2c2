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
  DEMO_E2E_MANAGER: booleanFromEnv.default(false),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'use fatal, error, warn, info, debug, trace ou silent',
    })
    .default('info'),
  LOG_PRETTY: booleanFromEnv.default(false),
  WEB_DIST_DIR: z.string().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: 'deve ser um número' }).int().min(0).default(10_000),
  TRUST_PROXY: booleanFromEnv.default(false),
  MASTER_KEY: z
    .string()
    .refine(
      (v) => Buffer.from(v, 'base64').length === 32,
      'deve ter 32 bytes em base64 (gere com: openssl rand -base64 32)',
    )
    .optional(),
  MASTER_KEY_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'use letras minúsculas, dígitos e hífen')
    .default('mk1'),
  SESSION_IDLE_TIMEOUT_S: z.coerce
    .number({ error: 'deve ser um número' })
    .int()
    .min(10, 'mínimo de 10 segundos')
    .default(1800),
  SESSION_ABSOLUTE_TIMEOUT_S: z.coerce
    .number({ error: 'deve ser um número' })
    .int()
    .min(60, 'mínimo de 60 segundos')
    .default(43_200),
  LOGIN_ATTEMPTS_PER_IP: z.coerce
    .number({ error: 'deve ser um número' })
    .int()
    .min(5, 'mínimo de 5 tentativas')
    .default(30),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false'], { error: 'use auto, true ou false' }).default('auto'),
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  CFM_WS_URL: z.string().url('deve ser uma URL').optional(),
  CFM_WS_KEY: z.string().optional(),
  LICENCE_RECHECK_HOURS: z.coerce.number({ error: 'deve ser um número' }).min(1).default(24),
  WHATSAPP_APP_SECRET: z.string().min(8, 'mínimo de 8 caracteres').optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(8, 'mínimo de 8 caracteres').optional(),
  PHOTO_STORAGE: z.enum(['local', 's3'], { error: 'use local ou s3' }).default('local'),
  S3_ENDPOINT: z.string().url('deve ser uma URL').optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'use de 3 a 63 letras minúsculas, dígitos, ponto ou hífen')
    .optional(),
  S3_REGION: z.string().min(1, 'não pode ser vazio').default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  WHATSAPP_API_BASE_URL: z.string().url('deve ser uma URL').default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'use o formato v23.0')
    .default('v23.0'),
  WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'use só dígitos').optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().min(1).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'deve começar com smtp:// ou smtps://')
    .optional(),
  SMTP_FROM: z.string().min(3).optional(),
  OUTBOX_WORKER: booleanFromEnv.default(true),
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
  /** The demo seed adds a second manager for the end-to-end run (scripts/e2e.mjs), unlisted. */
  demoE2eManager: boolean;
  log: { level: string; pretty: boolean };
  webDistDir: string | null;
  shutdownTimeoutMs: number;
  trustProxy: boolean;
  /** Root data folder (embedded database, master key file when none is configured). */
  dataDir: string;
  masterKey: { id: string; base64: string | null };
  session: { idleTimeoutS: number; absoluteTimeoutS: number; cookieSecure: 'auto' | 'always' | 'never' };
  /** Sign-in attempts accepted from one IP address per five minutes. */
  loginAttemptsPerIp: number;
  tls: { certFile: string; keyFile: string } | null;
  /** The CFM web service; null runs the local fake registry (demo mode). */
  cfm: { url: string; key: string } | null;
  licenceRecheckHours: number;
  /** WhatsApp Cloud API webhook: App Secret (signature) and verify token (subscription handshake). */
  whatsappWebhook: { appSecret: string; verifyToken: string } | null;
  /** Where clinical photos are stored (always sealed before they leave the process). */
  photoStorage:
    | { driver: 'local'; dir: string }
    | {
        driver: 's3';
        endpoint: string;
        bucket: string;
        region: string;
        accessKeyId: string;
        secretAccessKey: string;
      };
  /** The WhatsApp Cloud API sender; null runs the local fake Graph API (demo mode). */
  whatsapp: { baseUrl: string; apiVersion: string; phoneNumberId: string; accessToken: string } | null;
  /** SMTP for e-mail messages; null runs a local fake SMTP server (demo mode). */
  smtp: { url: string; from: string } | null;
  /** Run the outbox worker in this process (turn off on API-only replicas). */
  outboxWorker: boolean;
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
  const problems: ConfigProblem[] = [];
  if (Boolean(e.TLS_CERT_FILE) !== Boolean(e.TLS_KEY_FILE)) {
    problems.push({
      key: e.TLS_CERT_FILE ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE',
      message: 'informe o certificado e a chave juntos',
    });
  }
  if (Boolean(e.CFM_WS_URL) !== Boolean(e.CFM_WS_KEY)) {
    problems.push({
      key: e.CFM_WS_URL ? 'CFM_WS_KEY' : 'CFM_WS_URL',
      message: 'informe a URL e a chave do serviço do CFM juntas',
    });
  }
  if (Boolean(e.WHATSAPP_APP_SECRET) !== Boolean(e.WHATSAPP_VERIFY_TOKEN)) {
    problems.push({
      key: e.WHATSAPP_APP_SECRET ? 'WHATSAPP_VERIFY_TOKEN' : 'WHATSAPP_APP_SECRET',
      message: 'informe o App Secret e o token de verificação do webhook juntos',
    });
  }
  if (Boolean(e.WHATSAPP_PHONE_NUMBER_ID) !== Boolean(e.WHATSAPP_ACCESS_TOKEN)) {
    problems.push({
      key: e.WHATSAPP_PHONE_NUMBER_ID ? 'WHATSAPP_ACCESS_TOKEN' : 'WHATSAPP_PHONE_NUMBER_ID',
      message: 'informe o número (phone number id) e o token de acesso juntos',
    });
  }
  if (e.WHATSAPP_PHONE_NUMBER_ID && !e.WHATSAPP_APP_SECRET) {
    problems.push({
      key: 'WHATSAPP_APP_SECRET',
      message: 'obrigatório com WHATSAPP_PHONE_NUMBER_ID: sem ele o webhook não confere as assinaturas',
    });
  }
  if (Boolean(e.SMTP_URL) !== Boolean(e.SMTP_FROM)) {
    problems.push({
      key: e.SMTP_URL ? 'SMTP_FROM' : 'SMTP_URL',
      message: 'informe o servidor e o remetente juntos',
    });
  }
  if (e.SESSION_ABSOLUTE_TIMEOUT_S < e.SESSION_IDLE_TIMEOUT_S) {
    problems.push({
      key: 'SESSION_ABSOLUTE_TIMEOUT_S',
      message: 'deve ser maior ou igual a SESSION_IDLE_TIMEOUT_S',
    });
  }
  if (e.PHOTO_STORAGE === 's3') {
    for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!e[key]) problems.push({ key, message: 'obrigatória quando PHOTO_STORAGE=s3' });
    }
  }
  if (problems.length > 0) return { ok: false, problems };
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
      demoE2eManager: e.DEMO_E2E_MANAGER,
      log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY },
      webDistDir: e.WEB_DIST_DIR ? path.resolve(cwd, e.WEB_DIST_DIR) : null,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      trustProxy: e.TRUST_PROXY,
      dataDir: path.resolve(cwd, e.DATA_DIR),
      masterKey: { id: e.MASTER_KEY_ID, base64: e.MASTER_KEY ?? null },
      loginAttemptsPerIp: e.LOGIN_ATTEMPTS_PER_IP,
      session: {
        idleTimeoutS: e.SESSION_IDLE_TIMEOUT_S,
        absoluteTimeoutS: e.SESSION_ABSOLUTE_TIMEOUT_S,
        cookieSecure: e.COOKIE_SECURE === 'true' ? 'always' : e.COOKIE_SECURE === 'false' ? 'never' : 'auto',
      },
      tls:
        e.TLS_CERT_FILE && e.TLS_KEY_FILE
          ? { certFile: path.resolve(cwd, e.TLS_CERT_FILE), keyFile: path.resolve(cwd, e.TLS_KEY_FILE) }
          : null,
      cfm: e.CFM_WS_URL && e.CFM_WS_KEY ? { url: e.CFM_WS_URL, key: e.CFM_WS_KEY } : null,
      licenceRecheckHours: e.LICENCE_RECHECK_HOURS,
      whatsappWebhook:
        e.WHATSAPP_APP_SECRET && e.WHATSAPP_VERIFY_TOKEN
          ? { appSecret: e.WHATSAPP_APP_SECRET, verifyToken: e.WHATSAPP_VERIFY_TOKEN }
          : null,
      photoStorage:
        e.PHOTO_STORAGE === 's3'
          ? {
              driver: 's3',
              endpoint: e.S3_ENDPOINT ?? '',
              bucket: e.S3_BUCKET ?? '',
              region: e.S3_REGION,
              accessKeyId: e.S3_ACCESS_KEY_ID ?? '',
              secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? '',
            }
          : { driver: 'local', dir: path.resolve(cwd, e.DATA_DIR, 'photos') },
      whatsapp:
        e.WHATSAPP_PHONE_NUMBER_ID && e.WHATSAPP_ACCESS_TOKEN
          ? {
              baseUrl: e.WHATSAPP_API_BASE_URL,
              apiVersion: e.WHATSAPP_API_VERSION,
              phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
              accessToken: e.WHATSAPP_ACCESS_TOKEN,
            }
          : null,
      smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM } : null,
      outboxWorker: e.OUTBOX_WORKER,
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
