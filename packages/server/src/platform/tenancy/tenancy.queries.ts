import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';

/**
 * Scopes the rest of the transaction to one organisation: the setting feeds the row-level security
 * policies, and the role switch makes them apply (they never apply to superusers or table owners).
 */
export async function enterTenant(tx: Tx, organizationId: string): Promise<void> {
  await tx.execute(sql`select set_config('app.organization_id', ${organizationId}, true)`);
  await tx.execute(sql`set local role clinia_app`);
}
