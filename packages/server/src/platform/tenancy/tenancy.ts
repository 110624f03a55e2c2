import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Tx } from '../../db/client';
import { enterTenant } from './tenancy.queries';

/**
 * A transaction opened inside another would deadlock PGlite (one connection) and, on PostgreSQL,
 * commit independently of its parent. Both are bugs, so nesting fails loudly on every driver.
 */
const insideTransaction = new AsyncLocalStorage<boolean>();

function assertNotNested(): void {
  if (insideTransaction.getStore())
    throw new Error('nested transaction: pass the open transaction down instead');
}

/**
 * Every use case that touches tenant data runs in withTenant(): one transaction, scoped to one
 * organisation by row-level security underneath the service's own filters.
 */
export async function withTenant<T>(
  database: Database,
  organizationId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  assertNotNested();
  return insideTransaction.run(true, () =>
    database.db.transaction(async (tx) => {
      await enterTenant(tx, organizationId);
      return fn(tx);
    }),
  );
}

/**
 * A transaction outside any tenant, as the database owner: only for what must find its tenant first
 * (login, session and invitation lookup by token hash), boot, and cross-tenant jobs. Keep these few
 * and reviewed; each call site says why.
 */
export async function withSystem<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  assertNotNested();
  return insideTransaction.run(true, () => database.db.transaction(fn));
}
