import { describeDatabase, migrationStatus, runMigrations } from '@clinia/server';
import { openCliDatabase } from './cli-config';

// npm run db:migrate: applies pending migrations (for installs that set MIGRATE_ON_BOOT=false).
const { config, database } = await openCliDatabase();
try {
  const before = await migrationStatus(database);
  await runMigrations(database);
  const after = await migrationStatus(database);
  process.stdout.write(
    `${describeDatabase(config)}: ${before.pending.length} migração(ões) aplicada(s)` +
      `${before.pending.length ? ` (${before.pending.join(', ')})` : ''}; ${after.applied} no total.\n`,
  );
} finally {
  await database.close();
}
