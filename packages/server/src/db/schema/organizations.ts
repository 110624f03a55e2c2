import { sql } from 'drizzle-orm';
import { boolean, char, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Tenancy roots. An organisation is a clinic network; a clinic is one unit with its own CNPJ, address
 * and IANA time zone. Identity and access (issue 3) extends these with settings, opening hours and the
 * technical director.
 */
export const organizations = pgTable('organizations', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  name: text().notNull(),
  /** Created by the demo generator: the sign-in page may show the demo accounts. */
  isDemo: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type ClinicAddress = {
  street: string;
  number: string;
  complement?: string;
  district: string;
  city: string;
  uf: string;
  cep: string;
};

/** Opening hours per weekday (0 = Sunday … 6 = Saturday), wall-clock times in the clinic's zone. */
export type OpeningHours = { weekday: number; opens: string; closes: string }[];

export const clinics = pgTable('clinics', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  organizationId: uuid()
    .notNull()
    .references(() => organizations.id),
  name: text().notNull(),
  // CNPJ may be alphanumeric from July 2026 (IN RFB 2.229/2024): always text, never numeric.
  cnpj: char({ length: 14 }).notNull().unique(),
  timeZone: text().notNull(),
  address: jsonb().$type<ClinicAddress>().notNull(),
  openingHours: jsonb().$type<OpeningHours>().notNull().default([]),
  /** The physician responsible before the CRM (diretor técnico, Res. CFM 2.147/2016). */
  technicalDirectorUserId: uuid(),
  isActive: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
