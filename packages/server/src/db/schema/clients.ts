import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * Clients (the clinic's patients). Sealed with platform/crypto (never stored in the clear): CPF,
 * phones, e-mail, address, emergency contact, the health intake and drawn signatures. The name stays
 * searchable (accent-insensitive prefix and trigram search); CPF and mobile are found through keyed
 * HMAC blind indexes. See docs/threat-model.md.
 */
export const clients = pgTable(
  'clients',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    fullName: text().notNull(),
    /** unaccent(lower(full_name)), maintained by a trigger, for prefix and trigram search. */
    nameSearch: text().notNull().default(''),
    socialName: text(),
    birthDate: date().notNull(),
    sex: text().notNull(),
    gender: text(),
    /** Null only after anonymisation. */
    cpfSealed: text(),
    cpfIndex: text(),
    mobileSealed: text(),
    mobileIndex: text(),
    emailSealed: text(),
    addressSealed: text(),
    emergencyContactSealed: text(),
    preferredChannel: text().notNull(),
    guardianClientId: uuid(),
    /** active | anonymised */
    status: text().notNull().default('active'),
    /** Blocked (LGPD Art. 18 IV): kept for the medical record only, no marketing or other use. */
    blockedAt: timestamp({ withTimezone: true }),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('clients_org_cpf_index_unique').on(t.organizationId, t.cpfIndex),
    index('clients_org_mobile_index_idx').on(t.organizationId, t.mobileIndex),
    index('clients_org_name_search_idx').on(t.organizationId, t.nameSearch, t.id),
  ],
);

/** Possible duplicates flagged at registration (same name, birth date and mobile), for review. */
export const clientDuplicateFlags = pgTable('client_duplicate_flags', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  organizationId: uuid()
    .notNull()
    .references(() => organizations.id),
  clientId: uuid()
    .notNull()
    .references(() => clients.id),
  possibleDuplicateOf: uuid()
    .notNull()
    .references(() => clients.id),
  reason: text().notNull(),
  resolvedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The health intake (anamnese): every update is a new sealed version; history is kept. */
export const clientIntakes = pgTable(
  'client_intakes',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    version: integer().notNull(),
    dataSealed: text().notNull(),
    recordedBy: uuid().notNull(),
    recordedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique('client_intakes_client_version_unique').on(t.clientId, t.version)],
);

/** Consent texts, one per purpose and version; the hash proves which text was signed. */
export const consentDocuments = pgTable(
  'consent_documents',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    purpose: text().notNull(),
    /** For the treatment consent term (TCLE): the procedure category it covers. */
    procedureCategory: text(),
    version: integer().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    bodySha256: text().notNull(),
    publishedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    unique('consent_documents_org_purpose_cat_version_unique').on(
      t.organizationId,
      t.purpose,
      t.procedureCategory,
      t.version,
    ),
  ],
);

/** Each grant or withdrawal, with the evidence of who, when, how and which text. Append-only. */
export const consentEvents = pgTable(
  'consent_events',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    documentId: uuid()
      .notNull()
      .references(() => consentDocuments.id),
    purpose: text().notNull(),
    procedureCategory: text(),
    /** grant | withdraw */
    action: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    channel: text().notNull(),
    collectedBy: uuid(),
    signer: text().notNull(),
    guardianClientId: uuid(),
    typedName: text().notNull(),
    drawnSignatureSealed: text(),
    documentSha256: text().notNull(),
    ip: text(),
    userAgent: text(),
  },
  (t) => [index('consent_events_client_idx').on(t.clientId, t.purpose, t.occurredAt)],
);

/** Data-subject requests (LGPD Art. 18), with the Art. 19 deadline and the recorded answer. */
export const dataSubjectRequests = pgTable(
  'data_subject_requests',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clientId: uuid()
      .notNull()
      .references(() => clients.id),
    kind: text().notNull(),
    /** titular | representante_legal */
    requester: text().notNull(),
    representativeName: text(),
    identityVerification: text().notNull(),
    verifiedBy: uuid().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    /** recebida | em_analise | respondida */
    status: text().notNull().default('recebida'),
    answer: text(),
    legalBasis: text(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: uuid(),
    packageSha256: text(),
  },
  (t) => [index('data_subject_requests_org_due_idx').on(t.organizationId, t.status, t.dueAt)],
);
