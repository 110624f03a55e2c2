import { parseArgs } from 'node:util';
import {
  DEFAULT_SEED_OPTIONS,
  isDatabaseEmpty,
  loadKeyring,
  migrationStatus,
  parseMasterKey,
  photoStorageFor,
  runMigrations,
  seedDemo,
  systemClock,
  withSystem,
} from '@clinia/server';
import { z } from 'zod';
import { resolveMasterKey } from '../master-key';
import { fail, openCliDatabase } from './cli-config';

/**
 * npm run seed -- [--clients N] [--clinics N] [--seed S] [--force]
 * Fills the configured database with a deterministic demo clinic network (the same seed always gives
 * the same data). Refuses a non-empty database unless --force (which adds another network).
 */
const ZSeedArgs = z.object({
  clients: z.coerce
    .number({ error: 'deve ser um número' })
    .int()
    .min(0, '--clients deve ser 0 ou mais')
    .max(5_000_000)
    .default(DEFAULT_SEED_OPTIONS.clients),
  clinics: z.coerce
    .number({ error: 'deve ser um número' })
    .int()
    .min(1, '--clinics deve ser ao menos 1')
    .max(500)
    .default(DEFAULT_SEED_OPTIONS.clinics),
  seed: z.coerce.number({ error: 'deve ser um número' }).int().default(DEFAULT_SEED_OPTIONS.seed),
  force: z.boolean().default(false),
});

let values: Record<string, unknown>;
try {
  ({ values } = parseArgs({
    options: {
      clients: { type: 'string' },
      clinics: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean' },
    },
    strict: true,
  }));
} catch (error) {
  fail(
    `Argumento inválido: ${(error as Error).message}\nUso: npm run seed -- [--clients N] [--clinics N] [--seed S] [--force]`,
  );
}
const args = ZSeedArgs.safeParse(values);
if (!args.success) fail(args.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));

const { config, database } = await openCliDatabase();
try {
  await runMigrations(database);
  if ((await migrationStatus(database)).pending.length) fail('Migrações pendentes; rode npm run db:migrate.');
  if (!args.data.force && !(await isDatabaseEmpty(database))) {
    fail('O banco já tem dados. Use --force para adicionar outra rede de demonstração.');
  }
  const keyring = await withSystem(database, (tx) =>
    loadKeyring(tx, parseMasterKey(config.masterKey.id, resolveMasterKey(config))),
  );
  const started = Date.now();
  const report = await seedDemo(database, args.data, {
    clock: systemClock,
    keyring,
    photoStorage: photoStorageFor(config),
    onProgress: (step, done, total) =>
      process.stdout.write(
        `\r  ${step}: ${done.toLocaleString('pt-BR')} de ${total.toLocaleString('pt-BR')}`,
      ),
    onStep: (name, summary) => process.stdout.write(`\r\x1b[K  ${name}: ${summary}\n`),
  });
  process.stdout.write(
    `Rede ${report.organizationId} criada em ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
  );
} finally {
  await database.close();
}
