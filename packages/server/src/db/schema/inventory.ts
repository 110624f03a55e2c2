import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { users } from './identity';
import { clinics, organizations } from './organizations';

/**
 * Products with their ANVISA identity (REGULATION.md 4.1). `anvisa_number` holds digits only (13 or 9
 * for medicines and cosmetics, 11 for devices). `registry_check` records how the number was accepted:
 * `vigente` (found valid in the imported ANVISA registry) or `override` (registry not loaded; an admin
 * took responsibility, audited) or `nao_aplicavel` (cosmetics: ANVISA's cosmetics file is not imported).
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
    check('products_registry_check', sql`${t.registryCheck} in ('vigente', 'override', 'nao_aplicavel')`),
  ],
);

/**
 * The local copy of ANVISA's open data (REGULATION.md 4.5): registered medicines and medical devices.
 * Public data, shared by every tenant (no organisation column): the application role only reads it;
 * `npm run anvisa:import` writes it as the owner. `registry_key` is the 9-digit root for medicines and
 * the 11-digit NUMERO_REGISTRO_CADASTRO for devices. A device registration may appear once per
 * manufacturer, so the natural key includes the process number and the manufacturer.
 */
export const anvisaRegistry = pgTable(
  'anvisa_registry',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    /** medicamento | dispositivo_medico */
    kind: text().notNull(),
    registryKey: text().notNull(),
    processNumber: text().notNull().default(''),
    productName: text().notNull(),
    holderName: text().notNull().default(''),
    holderCnpj: text(),
    manufacturerName: text().notNull().default(''),
    manufacturerCountry: text(),
    /** Therapeutic class (medicines) or technical name (devices). */
    technicalName: text(),
    riskClass: text(),
    activeIngredient: text(),
    /** valido | cancelado */
    situation: text().notNull(),
    /** The source text of the situation/validity, for the registry screen. */
    situationLabel: text().notNull(),
    /** Null: VIGENTE without an end date. */
    validUntil: date(),
    rowHash: text().notNull(),
    importedAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('anvisa_registry_natural_key').on(t.kind, t.registryKey, t.processNumber, t.manufacturerName),
    index('anvisa_registry_lookup_idx').on(t.kind, t.registryKey),
  ],
);

/** One row per import run: the registry counts as loaded for a kind once a run of that kind finished. */
export const anvisaRegistryImports = pgTable('anvisa_registry_imports', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  kind: text().notNull(),
  fileName: text().notNull(),
  fileSha256: text().notNull(),
  rowsRead: integer().notNull(),
  rowsInserted: integer().notNull(),
  rowsUpdated: integer().notNull(),
  rowsUnchanged: integer().notNull(),
  rowsRejected: integer().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull(),
  finishedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * A lot of a product held by one clinic. `on_hand` is derived from the ledger: only the trigger on
 * stock_movements changes it (the application role cannot update it directly), and a CHECK keeps it
 * from going below zero, so concurrent withdrawals serialise on the lot row and the losing one fails.
 */
export const lots = pgTable(
  'lots',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    lotNumber: text().notNull(),
    expiryDate: date().notNull(),
    /** Unique device identification (RDC 591/2021), when the label carries it. */
    udi: text(),
    supplier: text().notNull(),
    invoiceNumber: text().notNull(),
    receivedOn: date().notNull(),
    storageLocation: text().notNull().default(''),
    /** ativo | quarentena | recolhido */
    status: text().notNull().default('ativo'),
    statusReason: text(),
    statusChangedAt: timestamp({ withTimezone: true }),
    statusChangedBy: uuid(),
    onHand: numeric({ precision: 12, scale: 3, mode: 'number' }).notNull().default(0),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('lots_clinic_product_number_unique').on(t.clinicId, t.productId, t.lotNumber),
    index('lots_org_product_expiry_idx').on(t.organizationId, t.productId, t.expiryDate),
    index('lots_org_number_idx').on(t.organizationId, t.lotNumber),
    check('lots_on_hand_non_negative', sql`${t.onHand} >= 0`),
    check('lots_status', sql`${t.status} in ('ativo', 'quarentena', 'recolhido')`),
  ],
);

/**
 * The stock ledger, append-only. `quantity` is signed: receipt and transfer_in add; use, loss,
 * transfer_out and return (to the supplier) subtract; adjustment either way. A use references the
 * client, professional, appointment/session and time: it is the traceability record of the lot.
 */
export const stockMovements = pgTable(
  'stock_movements',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    lotId: uuid()
      .notNull()
      .references(() => lots.id),
    productId: uuid()
      .notNull()
      .references(() => products.id),
    /** receipt | use | loss | adjustment | transfer_out | transfer_in | return */
    kind: text().notNull(),
    quantity: numeric({ precision: 12, scale: 3, mode: 'number' }).notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    recordedBy: uuid().notNull(),
    reason: text(),
    clientId: uuid().references(() => clients.id),
    professionalId: uuid().references(() => users.id),
    /** Agenda and clinical-session ids (issues 6 and 7); no foreign key until those tables exist. */
    appointmentId: uuid(),
    sessionId: uuid(),
    transferId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_movements_lot_idx').on(t.lotId, t.occurredAt),
    index('stock_movements_org_product_idx').on(t.organizationId, t.productId, t.occurredAt),
    index('stock_movements_client_idx').on(t.clientId),
    check('stock_movements_quantity_nonzero', sql`${t.quantity} <> 0`),
    check(
      'stock_movements_kind_sign',
      sql`(${t.kind} in ('receipt', 'transfer_in') and ${t.quantity} > 0)
        or (${t.kind} in ('use', 'loss', 'transfer_out', 'return') and ${t.quantity} < 0)
        or ${t.kind} = 'adjustment'`,
    ),
    check(
      'stock_movements_use_traced',
      sql`${t.kind} <> 'use' or (${t.clientId} is not null and ${t.professionalId} is not null)`,
    ),
  ],
);

/**
 * Adverse events (intercorrências) with the notification the law asks for (REGULATION.md 4.3). The
 * description, outcome notes and follow-up are health data: sealed like the intake.
 */
export const adverseEvents = pgTable(
  'adverse_events',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    productId: uuid().references(() => products.id),
    lotId: uuid().references(() => lots.id),
    sessionId: uuid(),
    professionalId: uuid().references(() => users.id),
    /** leve | moderado | grave | obito */
    severity: text().notNull(),
    onsetAt: timestamp({ withTimezone: true }).notNull(),
    /** em_acompanhamento | recuperado | recuperado_com_sequela | obito | desconhecido */
    outcome: text().notNull(),
    /** { description, outcomeNotes, followUp } sealed. */
    detailsSealed: text().notNull(),
    /** vigimed | notivisa */
    channel: text().notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    notifiedAt: timestamp({ withTimezone: true }),
    notificationProtocol: text(),
    recordedBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('adverse_events_org_due_idx').on(t.organizationId, t.notifiedAt, t.dueAt)],
);
