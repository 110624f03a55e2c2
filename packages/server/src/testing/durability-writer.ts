// Child process for the kill -9 durability test: commits rows one by one and reports each commit.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: durability-writer <dataDir>');
const database = await openDatabase({ driver: 'pglite', dataDir });
await database.exec('create table if not exists durability_probe (n int primary key)');
for (let n = 1; ; n++) {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`insert into durability_probe values (${n})`);
  });
  process.stdout.write(`${n}\n`);
}
