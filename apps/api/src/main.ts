import { readProcessEnv } from '@clinia/server';
import { BootError, startClinia } from './boot';

/**
 * The process entry point: start Clinia, stop cleanly on SIGTERM/SIGINT, and turn start-up failures
 * into one clear sentence instead of a stack trace.
 */
async function main(): Promise<void> {
  const env = readProcessEnv();
  let running: Awaited<ReturnType<typeof startClinia>>;
  try {
    running = await startClinia(env);
  } catch (error) {
    if (error instanceof BootError) {
      process.stderr.write(`\nClinia não pôde iniciar.\n${error.message}\n\n`);
      process.exit(1);
    }
    throw error;
  }
  const timeoutMs = running.config.shutdownTimeoutMs;
  let isStopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second signal (npm and tsx both relay Ctrl+C) must not cut an orderly shutdown short.
    if (isStopping) return;
    isStopping = true;
    const timer = setTimeout(() => {
      running.logger.error({ timeoutMs }, 'shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    running.stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // Printed only once the signal handlers are in place, so whoever waits for this line (a supervisor,
  // the boot test) can stop Clinia at once and get an orderly shutdown.
  process.stdout.write(
    `\nClinia em ${running.url} (banco: ${running.database.driver === 'pglite' ? 'embutido, PGlite' : 'PostgreSQL'})\n\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\nClinia encontrou um erro inesperado ao iniciar: ${(error as Error).message}\n`);
  process.exit(1);
});
