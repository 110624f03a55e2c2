import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients } from './clients';
import { users } from './identity';
import { clinics, organizations } from './organizations';
import { treatmentSessions } from './sessions';

/**
 * Clinical photos (part of the medical record, 20-year retention: rows are never deleted, only
 * soft-deleted, and the application role has no DELETE grant). The image bytes live in object storage
 * (modules/photos/storage.ts), sealed with a per-photo object key; that key is sealed by the keyring in
 * `object_key_sealed` (rotated by maintenance/key-rotation.ts). No pixel, EXIF or file name is stored
 * here.
 *
 * `session_id` references the treatment session (atendimento) the photo belongs to; ON DELETE RESTRICT,
 * because the photos of a session are part of its medical record (the upload refuses a session of
 * another client or organisation first, with a pt-BR message). `appointment_id` has no FK yet.
 */
export const photos = pgTable(
  'photos',
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
    sessionId: uuid().references(() => treatmentSessions.id, { onDelete: 'restrict' }),
    appointmentId: uuid(),
    /** PHOTO_AREAS */
    area: text().notNull(),
    /** PHOTO_POSES (one of PHOTO_POSES_BY_AREA[area]) */
    pose: text().notNull(),
    /** antes | depois */
    moment: text().notNull(),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    /** jpeg | png | heic: what was uploaded; the stored original is always JPEG. */
    sourceFormat: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    originalBytes: integer().notNull(),
    /** local | s3: the backend the objects were written to. */
    storageKind: text().notNull(),
    originalKey: text().notNull(),
    thumbnailKey: text().notNull(),
    objectKeySealed: text().notNull(),
    /** Marked for publicity use; only in effect while the client's publicity consent is granted. */
    isPublicity: boolean().notNull().default(false),
    publicityMarkedAt: timestamp({ withTimezone: true }),
    publicityMarkedBy: uuid().references(() => users.id),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
    deletedBy: uuid().references(() => users.id),
    /** PHOTO_DELETE_REASONS (a code, never free text). */
    deleteReason: text(),
  },
  (t) => [
    index('photos_client_idx').on(t.organizationId, t.clientId, t.takenAt),
    index('photos_session_idx').on(t.sessionId),
    index('photos_publicity_idx').on(t.organizationId, t.isPublicity),
    check('photos_moment_check', sql`${t.moment} in ('antes', 'depois')`),
    check('photos_deleted_reason_check', sql`(${t.deletedAt} is null) = (${t.deleteReason} is null)`),
  ],
);
