// Child process for the messaging crash test: an outbox worker sending to the fake Graph API until the
// queue is empty (exit 0), or until the test kills it with SIGKILL in the middle of a send.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { createDispatcher } from '../modules/messaging/dispatcher';
import { noAppointmentsPort } from '../modules/messaging/ports';
import { createWhatsAppCloudSender } from '../modules/messaging/whatsapp-cloud';
import { loadKeyring, parseMasterKey } from '../platform/crypto/keyring';
import { createLogger } from '../platform/logger';
import { withSystem } from '../platform/tenancy/tenancy';

const env = process.env;
const database = await openDatabase(
  env.DATABASE_URL
    ? { driver: 'postgres', url: env.DATABASE_URL, poolMax: 10 }
    : { driver: 'pglite', dataDir: env.DATA_DIR ?? '' },
);
const master = parseMasterKey('mk-crash', env.MASTER_KEY ?? '');
const keyring = await withSystem(database, (tx) => loadKeyring(tx, master));
// The test's "now" is a weekday noon in São Paulo (outside quiet hours), running at real speed.
const offsetMs = Number(env.CLOCK_OFFSET_MS ?? 0);
const clock = {
  now: () => new Date(Date.now() + offsetMs),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
const dispatcher = createDispatcher(
  {
    database,
    keyring,
    clock,
    logger: createLogger({ level: 'silent' }),
    whatsapp: createWhatsAppCloudSender({
      baseUrl: env.GRAPH_URL ?? '',
      apiVersion: 'v23.0',
      phoneNumberId: '1234567890',
      accessToken: 'tok',
    }),
    email: null,
    appointments: noAppointmentsPort,
  },
  { workerId: env.WORKER_ID, leaseMs: Number(env.LEASE_MS ?? 2_000), batchSize: 20, concurrency: 8 },
);
for (;;) {
  const claimed = await dispatcher.runOnce();
  process.stdout.write(`claimed ${claimed}\n`);
  if (claimed > 0) continue;
  const [left] = await database.query<{ n: number }>(
    sql`select count(*)::int as n from outbox_messages where status in ('queued', 'sending')`,
  );
  if (!left?.n) break;
  // In-flight rows of a dead worker: wait for their lease to run out.
  await clock.sleep(200);
}
await database.close();
process.stdout.write('idle\n');
