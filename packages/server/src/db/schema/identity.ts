import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { clinics, organizations } from './organizations';

const citext = customType<{ data: string }>({ dataType: () => 'citext' });

/**
 * Staff identities, sessions and MFA. Secrets are never stored in the clear: passwords as argon2id
 * hashes, session and invitation tokens and recovery codes as SHA-256, TOTP secrets sealed by
 * platform/crypto.
 */
export const users = pgTable(
  'users',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    email: citext().notNull().unique(),
    fullName: text().notNull(),
    /** invited → active → deactivated */
    status: text().notNull().default('invited'),
    passwordHash: text(),
    passwordChangedAt: timestamp({ withTimezone: true }),
    mfaSecretSealed: text(),
    mfaEnrolledAt: timestamp({ withTimezone: true }),
    /** Secret shown during enrolment, until the first valid code confirms it. */
    mfaPendingSecretSealed: text(),
    /** Last TOTP time step accepted, so a code cannot be replayed. */
    mfaLastStep: bigint({ mode: 'number' }),
    deactivatedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('users_org_idx').on(t.organizationId)],
);

export const userInvitations = pgTable('user_invitations', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  organizationId: uuid()
    .notNull()
    .references(() => organizations.id),
  userId: uuid()
    .notNull()
    .references(() => users.id),
  tokenHash: text().notNull().unique(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  acceptedAt: timestamp({ withTimezone: true }),
  createdBy: uuid().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  'memberships',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('memberships_user_clinic_role_unique').on(t.userId, t.clinicId, t.role),
    index('memberships_user_idx').on(t.userId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    tokenHash: text().notNull().unique(),
    /** The clinic the session acts in (roles are per clinic). */
    clinicId: uuid()
      .notNull()
      .references(() => clinics.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull(),
    /** Absolute end of life, whatever the activity. */
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    mfaVerifiedAt: timestamp({ withTimezone: true }),
    reauthenticatedAt: timestamp({ withTimezone: true }),
    /** Wrong MFA codes on this session; the session is revoked at the limit. */
    mfaFailures: integer().notNull().default(0),
    ip: text(),
    userAgent: text(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedReason: text(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * Failed-login counters keyed by a hash of the submitted e-mail, whether or not an account exists, so
 * the delay and lockout reveal nothing about which e-mails are registered. Not tenant data.
 */
export const loginThrottle = pgTable('login_throttle', {
  keyHash: text().primaryKey(),
  failures: integer().notNull().default(0),
  lastFailureAt: timestamp({ withTimezone: true }),
  lockedUntil: timestamp({ withTimezone: true }),
});
