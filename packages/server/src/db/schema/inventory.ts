import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * Products with their ANVISA identity (REGULATION.md 4.1). `anvisa_number` holds digits only (13 or 9
 * for medicines and cosmetics, 11 for devices). `registry_check` records how the number was accepted:
 * `vigente` (found valid in the imported ANVISA registry) or `override` (registry not loaded; an admin
 * took responsibility, audited).
 */
export const products = pgTable(
  'products',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    name: text().notNull(),
    manufacturer: text().notNull(),
    /** medicamento | dispositivo_medico | cosmetico */
    anvisaCategory: text().notNull(),
    anvisaNumber: text().notNull(),
    /** I–IV for medical devices, null otherwise. */
    riskClass: text(),
    /** PRODUCT_UNITS: the unit stock and materials are counted in. */
    unit: text().notNull(),
    /** ambiente | refrigerado | congelado */
    storage: text().notNull().default('ambiente'),
    storageNotes: text().notNull().default(''),
    reorderPoint: numeric({ precision: 12, scale: 3, mode: 'number' }).notNull().default(0),
    isActive: boolean().notNull().default(true),
    /** vigente | override */
    registryCheck: text().notNull(),
    registryCheckedAt: timestamp({ withTimezone: true }).notNull(),
    /** Registration validity from the registry (null: VIGENTE without date, or override). */
    registryValidUntil: date(),
    overrideReason: text(),
    overrideBy: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('products_org_name_unique').on(t.organizationId, t.name),
    index('products_org_anvisa_idx').on(t.organizationId, t.anvisaNumber),
    check('products_reorder_non_negative', sql`${t.reorderPoint} >= 0`),
    check('products_registry_check', sql`${t.registryCheck} in ('vigente', 'override')`),
  ],
);
