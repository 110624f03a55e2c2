import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Data-encryption keys, each wrapped (AES-256-GCM) by the master key named in master_key_id. Values
 * sealed with a data key record its id, so keys rotate without downtime. Platform data, not tenant data.
 */
export const dataKeys = pgTable('data_keys', {
  id: text().primaryKey(),
  wrappedKey: text().notNull(),
  masterKeyId: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp({ withTimezone: true }),
});
