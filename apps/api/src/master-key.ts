import fs from 'node:fs';
import path from 'node:path';
import { type Config, generateMasterKeyBase64 } from '@clinia/server';

export class MasterKeyError extends Error {}

/**
 * The master key: from config; on the embedded database, created once beside the data (mode 0600)
 * when not configured. A PostgreSQL deployment must configure it: a key file on one API host would
 * not reach the others, and losing it loses every sealed value.
 */
export function resolveMasterKey(config: Config): string {
  if (config.masterKey.base64) return config.masterKey.base64;
  if (config.database.driver === 'postgres') {
    throw new MasterKeyError(
      'MASTER_KEY é obrigatória com DATABASE_URL. Gere uma com: openssl rand -base64 32',
    );
  }
  const file = path.join(config.dataDir, 'master.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, `${generateMasterKeyBase64()}\n`, { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}
