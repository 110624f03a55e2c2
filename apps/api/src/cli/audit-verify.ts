import { describeDatabase, verifyAuditChain } from '@clinia/server';
import { openCliDatabase } from './cli-config';

/**
 * npm run audit:verify: walks every organisation's hash chain and reports the first broken or missing
 * link of each. Exit code 0 when intact, 2 when tampering is detected. Prints each chain's head so an
 * operator can record it elsewhere (that is what detects removal of the newest events).
 */
const { config, database } = await openCliDatabase();
try {
  const started = Date.now();
  const report = await verifyAuditChain(database.db, {
    onProgress: (events) => process.stderr.write(`\rverificando… ${events.toLocaleString('pt-BR')} eventos`),
  });
  process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  process.stdout.write(`Trilha de auditoria em ${describeDatabase(config)}\n`);
  process.stdout.write(
    `${report.organizations} cadeia(s), ${report.events.toLocaleString('pt-BR')} evento(s) verificados em ${seconds} s\n`,
  );
  for (const [organizationId, head] of Object.entries(report.heads)) {
    process.stdout.write(`  cadeia ${organizationId}: último evento ${head.seq}, hash ${head.hash}\n`);
  }
  if (report.ok) {
    process.stdout.write('OK: nenhuma alteração ou lacuna encontrada.\n');
  } else {
    for (const problem of report.problems) {
      process.stdout.write(
        `FALHA na cadeia ${problem.organizationId}: ${problem.description}${problem.eventId ? ` (evento ${problem.eventId})` : ''}\n`,
      );
    }
    process.exitCode = 2;
  }
} finally {
  await database.close();
}
