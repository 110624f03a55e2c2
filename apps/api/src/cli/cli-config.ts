import {
  type Config,
  type Database,
  DatabaseOpenError,
  describeConfigProblems,
  openDatabase,
  parseConfig,
  readProcessEnv,
} from '@clinia/server';
import { REPO_ROOT } from '../version';

/** Shared start of every CLI: config from the environment, the database, clear failures. */
export async function openCliDatabase(): Promise<{ config: Config; database: Database }> {
  const parsed = parseConfig(readProcessEnv(), REPO_ROOT);
  if (!parsed.ok) fail(describeConfigProblems(parsed.problems));
  const config = parsed.config;
  try {
    const database = await openDatabase(
      config.database.driver === 'pglite'
        ? { driver: 'pglite', dataDir: config.database.dataDir }
        : { driver: 'postgres', url: config.database.url, poolMax: 4 },
    );
    return { config, database };
  } catch (error) {
    if (error instanceof DatabaseOpenError) fail(error.userMessage);
    throw error;
  }
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
