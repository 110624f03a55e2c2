import { statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  importAnvisaRegistry,
  latin1FileLines,
  RegistryFileError,
  runMigrations,
  systemClock,
} from '@clinia/server';
import cliProgress from 'cli-progress';
import { fail, openCliDatabase } from './cli-config';

/**
 * npm run anvisa:import -- <DADOS_ABERTOS_MEDICAMENTOS.csv | TA_PRODUTO_SAUDE_SITE.csv> [...]
 * Loads ANVISA open-data files (`;`, ISO-8859-1) into the local registry that product checks use.
 * Idempotent: importing the same file again inserts and updates nothing.
 */
const files = process.argv.slice(2).filter((a) => a !== '--');
if (files.length === 0) {
  fail(
    'Uso: npm run anvisa:import -- <arquivo.csv> [...]\nArquivos: DADOS_ABERTOS_MEDICAMENTOS.csv e TA_PRODUTO_SAUDE_SITE.csv (dados.anvisa.gov.br).',
  );
}
for (const file of files) {
  try {
    if (!statSync(file).isFile()) fail(`${file}: não é um arquivo.`);
  } catch {
    fail(`${file}: arquivo não encontrado.`);
  }
}

const { database } = await openCliDatabase();
const fmt = (n: number) => n.toLocaleString('pt-BR');
let failed = false;
try {
  await runMigrations(database);
  for (const file of files) {
    const size = statSync(file).size;
    const bar = new cliProgress.SingleBar(
      {
        format: `  ${basename(file)} [{bar}] {percentage}% | {rows} linhas`,
        stream: process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 5_000,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(size, 0, { rows: '0' });
    let rows = 0;
    try {
      const summary = await importAnvisaRegistry(database, {
        fileName: basename(file),
        lines: latin1FileLines(file, (bytes) => bar.update(bytes, { rows: fmt(rows) })),
        clock: systemClock,
        onProgress: (read) => {
          rows = read;
        },
      });
      bar.update(size, { rows: fmt(summary.read) });
      bar.stop();
      const kind = summary.kind === 'medicamento' ? 'medicamentos' : 'dispositivos médicos';
      process.stdout.write(
        `${basename(file)} (${kind}): ${fmt(summary.read)} lidas, ${fmt(summary.inserted)} inseridas, ${fmt(summary.updated)} atualizadas, ${fmt(summary.unchanged)} sem alteração, ${fmt(summary.rejected)} rejeitadas\n`,
      );
      for (const r of summary.rejections) {
        process.stdout.write(
          `  rejeitadas: ${fmt(r.count)} × ${r.reason} (linhas ${r.lines.join(', ')}${r.count > r.lines.length ? ', …' : ''})\n`,
        );
      }
    } catch (error) {
      bar.stop();
      if (error instanceof RegistryFileError) {
        process.stderr.write(`${basename(file)}: ${error.message}\n`);
        failed = true;
        continue;
      }
      throw error;
    }
  }
} finally {
  await database.close();
}
if (failed) process.exit(1);
