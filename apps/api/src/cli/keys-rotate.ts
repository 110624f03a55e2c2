import { parseArgs } from 'node:util';
import { loadKeyring, parseMasterKey, rotateDataKeys, systemClock, withSystem } from '@clinia/server';
import cliProgress from 'cli-progress';
import { KEY_RELOAD_INTERVAL_MS } from '../boot';
import { resolveMasterKey } from '../master-key';
import { fail, openCliDatabase } from './cli-config';

/**
 * npm run keys:rotate [-- --wait-seconds N]
 * Creates a new data key and re-encrypts every sealed value with it, in batches, while Clinia keeps
 * serving. It first waits for running processes to load the new key (they reload every 30 s); use
 * --wait-seconds 0 only when no process is running.
 */
let waitSeconds = Math.ceil(KEY_RELOAD_INTERVAL_MS / 1000) + 5;
try {
  const { values } = parseArgs({ options: { 'wait-seconds': { type: 'string' } }, strict: true });
  if (values['wait-seconds'] !== undefined) {
    waitSeconds = Number(values['wait-seconds']);
    if (!Number.isInteger(waitSeconds) || waitSeconds < 0)
      fail('--wait-seconds: use um número inteiro de segundos.');
  }
} catch (error) {
  fail(`Argumento inválido: ${(error as Error).message}\nUso: npm run keys:rotate -- [--wait-seconds N]`);
}

const { config, database } = await openCliDatabase();
try {
  const master = parseMasterKey(config.masterKey.id, resolveMasterKey(config));
  await withSystem(database, (tx) => loadKeyring(tx, master));
  const bars = new cliProgress.MultiBar(
    { format: '  {column} |{bar}| {value}/{total}', hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
  const barFor = new Map<string, cliProgress.SingleBar>();
  const started = Date.now();
  const result = await rotateDataKeys(database, master, {
    clock: systemClock,
    waitMs: waitSeconds * 1000,
    onPhase: (phase) => process.stdout.write(`${phase}\n`),
    onProgress: ({ table, column, done, total }) => {
      const key = `${table}.${column}`.padEnd(40);
      let bar = barFor.get(key);
      // Later passes only report what is left (usually nothing): keep the first pass on screen.
      if (bar && total === 0) return;
      if (!bar) {
        bar = bars.create(Math.max(total, 1), 0, {
          column: total === 0 ? `${key.trimEnd()} (vazio)`.padEnd(40) : key,
        });
        barFor.set(key, bar);
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(total === 0 ? 1 : done);
    },
  });
  bars.stop();
  process.stdout.write(
    `Rotação concluída em ${((Date.now() - started) / 1000).toFixed(1)} s: chave ativa ${result.newKeyId}, ` +
      `${result.resealed} valor(es) recifrado(s) em ${result.passes} passada(s); chaves anteriores aposentadas.\n`,
  );
} finally {
  await database.close();
}
