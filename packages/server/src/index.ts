export {
  type Database,
  DatabaseOpenError,
  type Db,
  type DbOrTx,
  openDatabase,
  ping,
  type Tx,
} from './db/client';
export { MIGRATIONS_FOLDER, type MigrationStatus, migrationStatus, runMigrations } from './db/migrator';
export {
  DEFAULT_SEED_OPTIONS,
  isDatabaseEmpty,
  SEED_STEPS,
  type SeedOptions,
  type SeedReport,
  seedDemo,
} from './demo/seed';
export * from './platform/audit/audit';
export * from './platform/clock';
export * from './platform/config';
export * from './platform/errors';
export { createLogger, type Logger, redactPersonalData } from './platform/logger';
export { createMetrics, type Metrics } from './platform/metrics';
export type { AppRouter } from './trpc/app-router';
export { appRouter, createCaller } from './trpc/app-router';
export type { Context, ServiceDeps } from './trpc/context';
export { zodFieldErrors } from './trpc/init';
