import type { TContraindications } from '@clinia/contracts';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { products } from './inventory';
import { organizations } from './organizations';

/**
 * The treatment catalog of an organisation (shared by its clinics). Columns read by scheduling
 * (duration, buffer, interval, competence, room, equipment) are a contract: change them only with it.
 */
export const treatments = pgTable(
  'treatments',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    /** TREATMENT_CATEGORIES (display grouping). */
    category: text().notNull(),
    /** PROCEDURE_CATEGORIES: the competence-policy row that decides who may perform it. */
    competenceCategory: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(''),
    durationMin: integer().notNull(),
    /** Room/device preparation after the session, blocked on the agenda. */
    bufferMin: integer().notNull().default(0),
    priceCents: integer().notNull(),
    usualSessions: integer().notNull().default(1),
    minIntervalDays: integer().notNull().default(0),
    /** warn | block */
    intervalPolicy: text().notNull().default('warn'),
    preCare: text().notNull().default(''),
    postCare: text().notNull().default(''),
    /** ROOM_TYPES, or null when any room will do. */
    requiredRoomType: text(),
    /** EQUIPMENT_KINDS the session needs, one device of each. */
    requiredEquipmentKinds: text().array().notNull().default(sql`'{}'::text[]`),
    contraindications: jsonb().$type<TContraindications>().notNull().default({}),
    isActive: boolean().notNull().default(true),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('treatments_org_name_unique').on(t.organizationId, t.name),
    index('treatments_org_category_idx').on(t.organizationId, t.category, t.name),
    check('treatments_duration_positive', sql`${t.durationMin} > 0`),
    check('treatments_buffer_non_negative', sql`${t.bufferMin} >= 0`),
    check('treatments_price_non_negative', sql`${t.priceCents} >= 0`),
    check('treatments_interval_non_negative', sql`${t.minIntervalDays} >= 0`),
    check('treatments_interval_policy', sql`${t.intervalPolicy} in ('warn', 'block')`),
  ],
);

/** Bill of materials: what one session of a treatment usually consumes. */
export const treatmentMaterials = pgTable(
  'treatment_materials',
  {
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    treatmentId: uuid()
      .notNull()
      .references(() => treatments.id, { onDelete: 'cascade' }),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    quantity: numeric({ precision: 12, scale: 3, mode: 'number' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.treatmentId, t.productId] }),
    index('treatment_materials_product_idx').on(t.productId),
    check('treatment_materials_quantity_positive', sql`${t.quantity} > 0`),
  ],
);
