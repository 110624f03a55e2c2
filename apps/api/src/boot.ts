import fs from 'node:fs';
import path from 'node:path';
import {
  type AppointmentMessagingPort,
  appointmentPortFromReplies,
  bookedAgendaSourceFor,
  type Clock,
  type Config,
  createCfmSoapRegistry,
  createLogger,
  createMetrics,
  createRateLimiter,
  createRealtimeHub,
  type Database,
  DatabaseOpenError,
  DEFAULT_SEED_OPTIONS,
  DEMO_CFM_DOCTORS,
  describeConfigProblems,
  describeDatabase,
  expireWaitlistHolds,
  getAppointmentForReminder,
  isDatabaseEmpty,
  type Keyring,
  type LicenceRegistry,
  type Logger,
  loadKeyring,
  migrationStatus,
  openDatabase,
  parseConfig,
  parseMasterKey,
  photoStorageFor,
  recheckDueLicences,
  recordAudit,
  registerAppointmentHistorySource,
  registerBookedAgendaSource,
  reloadKeyring,
  repliesForMessaging,
  rescoreUpcoming,
  retrainDueModels,
  runMigrations,
  schedulingHistorySource,
  seedDemo,
  startFakeCfmServer,
  systemClock,
  withSystem,
} from '@clinia/server';
import { buildServer, type ClinicaServer } from './http/server';
import { MasterKeyError, resolveMasterKey } from './master-key';
import { createMessagingRuntime } from './messaging-runtime';
import { REPO_ROOT, VERSION } from './version';

/** How often a running process re-reads the data keys (a rotation waits a little longer than this). */
export const KEY_RELOAD_INTERVAL_MS = 30_000;

/** A start-up failure with a pt-BR message for the operator; printed without a stack trace. */
export class BootError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BootError';
  }
}

export type RunningClinia = {
  app: ClinicaServer;
  config: Config;
  database: Database;
  logger: Logger;
  /** The data keys this process seals with (operator tools and tests that write sealed rows). */
  keyring: Keyring;
  url: string;
  /** Stops accepting, finishes in-flight requests, closes the database. Idempotent. */
  stop: (reason: string) => Promise<void>;
};

/** Parses config, opens and migrates the database, seeds a fresh embedded install, starts HTTP. */
export async function startClinia(
  env: Record<string, string | undefined>,
  options: {
    clock?: Clock;
    beforeListen?: (app: ClinicaServer) => void;
    /** Scheduling behind the messaging port; defaults to none until scheduling is wired. */
    appointments?: AppointmentMessagingPort;
  } = {},
): Promise<RunningClinia> {
  const parsed = parseConfig(env, REPO_ROOT);
  if (!parsed.ok) throw new BootError(describeConfigProblems(parsed.problems));
  const config = parsed.config;
  const clock = options.clock ?? systemClock;
  const logger = createLogger({ level: config.log.level, pretty: config.log.pretty });

  let database: Database;
  try {
    database = await openDatabase(
      config.database.driver === 'pglite'
        ? { driver: 'pglite', dataDir: config.database.dataDir }
        : {
            driver: 'postgres',
            url: config.database.url,
            poolMax: config.database.poolMax,
            onPoolError: (error) => logger.warn({ err: error }, 'idle database connection lost'),
          },
    );
  } catch (error) {
    if (error instanceof DatabaseOpenError) throw new BootError(error.userMessage, { cause: error });
    throw error;
  }

  try {
    if (config.migrateOnBoot) {
      try {
        await runMigrations(database);
      } catch (error) {
        throw new BootError(
          `Falha ao aplicar as migrações do banco (${describeDatabase(config)}): ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
    }
    const status = await migrationStatus(database);
    if (status.unknown > 0) {
      throw new BootError(
        `O banco (${describeDatabase(config)}) tem ${status.unknown} migração(ões) que esta versão do Clinia não conhece. ` +
          'Uma versão mais nova já rodou neste banco? Atualize o Clinia antes de iniciar.',
      );
    }
    if (status.pending.length > 0) {
      // Start anyway so operators can see /healthz; /readyz stays 503 and names what is missing.
      logger.error({ pending: status.pending }, 'pending migrations: run "npm run db:migrate"');
    }

    let master: ReturnType<typeof parseMasterKey>;
    try {
      master = parseMasterKey(config.masterKey.id, resolveMasterKey(config));
    } catch (error) {
      if (error instanceof MasterKeyError) throw new BootError(error.message);
      throw error;
    }
    let keyring: Keyring;
    try {
      // With migrations pending the key table may not exist: refuse to seal anything until /readyz is green.
      keyring =
        status.pending.length > 0
          ? unavailableKeyring
          : await withSystem(database, (tx) => loadKeyring(tx, master));
    } catch (error) {
      throw new BootError(
        `Chave mestra recusada: ${(error as Error).message}. Confira MASTER_KEY e MASTER_KEY_ID.`,
        { cause: error },
      );
    }

    const shouldSeed =
      status.pending.length === 0 &&
      (config.seedDemo === 'always' || (config.seedDemo === 'auto' && config.database.driver === 'pglite')) &&
      (await isDatabaseEmpty(database));
    if (shouldSeed) {
      const report = await seedDemo(
        database,
        { ...DEFAULT_SEED_OPTIONS, seed: config.demoSeed, e2eManager: config.demoE2eManager },
        // The first no-show model is trained right after start-up (timer below), not before readiness.
        { clock, keyring, photoStorage: photoStorageFor(config), trainNoShowModel: false },
      );
      logger.info({ seeded: report.steps.map((s) => `${s.name}: ${s.summary}`) }, 'demo clinic seeded');
    }

    // The CFM web service when configured; otherwise a local simulated registry, announced as such.
    const fakeCfm = config.cfm
      ? null
      : await startFakeCfmServer({ key: 'demo-key', doctors: DEMO_CFM_DOCTORS });
    const licenceRegistry: LicenceRegistry = createCfmSoapRegistry(
      config.cfm
        ? { url: config.cfm.url, key: config.cfm.key }
        : { url: fakeCfm?.url ?? '', key: 'demo-key' },
    );
    if (fakeCfm)
      logger.warn('CFM_WS_URL not set: licence checks use the local simulated CFM registry (demo mode)');

    const serviceDeps = { database, logger, clock, config, version: VERSION, keyring, licenceRegistry };
    // Another process may rotate the data keys (npm run keys:rotate): pick up new keys regularly.
    const keyReloadTimer = setInterval(() => {
      if (status.pending.length > 0) return;
      withSystem(database, (tx) => reloadKeyring(tx, master, keyring)).catch((error: unknown) =>
        logger.error({ err: error }, 'data key reload failed'),
      );
    }, KEY_RELOAD_INTERVAL_MS);
    keyReloadTimer.unref();
    const runRecheck = () =>
      recheckDueLicences(serviceDeps).then(
        (result) => result.checked > 0 && logger.info(result, 'licences re-checked'),
        (error: unknown) => logger.error({ err: error }, 'licence re-check failed'),
      );
    // Due licences are re-checked at start (fresh demo data gets verified) and then every hour.
    const recheckTimer = setInterval(() => void runRecheck(), 3_600_000);
    recheckTimer.unref();
    if (status.pending.length === 0) await runRecheck();
    // No-show models are retrained weekly per organisation (checked every six hours), and open
    // appointments of the next two days re-scored daily (lead time, reminders and confirmations since
    // booking change their inputs). Both run once shortly after start-up too: a fresh demo gets its
    // first model then (the fit holds the process for seconds, so readiness does not wait for it).
    const runRetrain = () =>
      retrainDueModels(serviceDeps).then(
        (result) => result.started > 0 && logger.info(result, 'no-show models retrained'),
        (error: unknown) => logger.error({ err: error }, 'no-show retraining failed'),
      );
    const runRescore = () =>
      rescoreUpcoming(serviceDeps).then(
        (result) => result.scored > 0 && logger.info(result, 'no-show scores refreshed'),
        (error: unknown) => logger.error({ err: error }, 'no-show re-scoring failed'),
      );
    const retrainTimer = setInterval(() => void runRetrain(), 6 * 3_600_000);
    retrainTimer.unref();
    const rescoreTimer = setInterval(() => void runRescore(), 24 * 3_600_000);
    rescoreTimer.unref();
    const firstNoShowRun = setTimeout(() => {
      if (status.pending.length === 0) void runRetrain().then(runRescore);
    }, 5_000);
    firstNoShowRun.unref();

    // Waitlist holds expire on time: a ticker releases them and offers the slot to the next client.
    const waitlistTimer = setInterval(() => {
      if (status.pending.length > 0) return;
      expireWaitlistHolds(serviceDeps).then(
        (result) => result.expired > 0 && logger.info(result, 'waitlist holds expired'),
        (error: unknown) => logger.error({ err: error }, 'waitlist expiry failed'),
      );
    }, 30_000);
    waitlistTimer.unref();

    const metrics = createMetrics({ dbStats: database.stats });
    const webDistDir =
      config.webDistDir ?? (config.env === 'production' ? path.join(REPO_ROOT, 'apps/web/dist') : null);
    const tls = config.tls ? readTls(config.tls) : null;
    const realtime = createRealtimeHub(database, { logger });
    // Inventory's stock forecast reads the booked agenda through its port.
    registerBookedAgendaSource(bookedAgendaSourceFor(database));
    // No-show training reads the agenda's appointments as history through prediction's port.
    registerAppointmentHistorySource(schedulingHistorySource);
    // Scheduling answers the outbox's re-checks and applies WhatsApp replies (confirm, cancel, accept or
    // decline a waitlist offer) inside messaging's transaction.
    const appointments =
      options.appointments ??
      appointmentPortFromReplies(repliesForMessaging({ keyring, clock }), getAppointmentForReminder);
    const messaging = await createMessagingRuntime({
      config,
      database,
      keyring,
      clock,
      logger,
      appointments,
      enabled: status.pending.length === 0,
    });
    const app = await buildServer({
      config,
      database,
      logger,
      clock,
      metrics,
      version: VERSION,
      webDistDir,
      keyring,
      licenceRegistry,
      loginLimiter: createRateLimiter({ limit: config.loginAttemptsPerIp, windowMs: 5 * 60_000 }),
      tls,
      realtime,
      appointments,
      whatsappWebhook: messaging.webhook,
    });
    options.beforeListen?.(app);
    try {
      await app.listen({ host: config.host, port: config.port });
    } catch (error) {
      await app.close().catch(() => {});
      await messaging.stop();
      const code = (error as { code?: string }).code;
      if (code === 'EADDRINUSE') {
        throw new BootError(
          `A porta ${config.port} já está em uso por outro programa. Encerre-o ou defina outra porta em PORT.`,
        );
      }
      if (code === 'EACCES')
        throw new BootError(
          `Sem permissão para usar a porta ${config.port}. Use uma porta acima de 1024 em PORT.`,
        );
      throw error;
    }

    if (status.pending.length === 0) {
      await database.db.transaction((tx) =>
        recordAudit(tx, {
          organizationId: null,
          action: 'system.start',
          entityType: 'system',
          entityId: VERSION,
          occurredAt: clock.now(),
        }),
      );
    }

    let stopping: Promise<void> | null = null;
    const stop = (reason: string) => {
      stopping ??= (async () => {
        logger.info({ reason }, 'shutting down: no new requests, finishing in-flight ones');
        clearInterval(recheckTimer);
        clearInterval(waitlistTimer);
        clearInterval(retrainTimer);
        clearInterval(rescoreTimer);
        clearTimeout(firstNoShowRun);
        clearInterval(keyReloadTimer);
        try {
          // The worker first: an in-flight send finishes and is recorded before the database closes.
          await messaging.stop();
          await app.close();
        } finally {
          await fakeCfm?.close().catch(() => {});
          await database.close();
          logger.info('stopped');
          logger.flush();
        }
      })();
      return stopping;
    };
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const url = `${tls ? 'https' : 'http'}://${host}:${(app.server.address() as { port: number }).port}`;
    messaging.start(url);
    logger.info({ url, database: database.driver, version: VERSION }, 'Clinia ready');
    return { app, config, database, logger, keyring, url, stop };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

function readTls(files: { certFile: string; keyFile: string }): { cert: Buffer; key: Buffer } {
  try {
    return { cert: fs.readFileSync(files.certFile), key: fs.readFileSync(files.keyFile) };
  } catch (error) {
    throw new BootError(
      `Não foi possível ler o certificado TLS: ${(error as NodeJS.ErrnoException).code ?? 'erro'} (TLS_CERT_FILE/TLS_KEY_FILE).`,
    );
  }
}

const unavailable = (): never => {
  throw new Error('encryption unavailable: migrations pending');
};
const unavailableKeyring: Keyring = {
  activeKeyId: '',
  replaceKeys: unavailable,
  seal: unavailable,
  open: unavailable,
  blindIndex: unavailable,
  keyIdOf: unavailable,
};
