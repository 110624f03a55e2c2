import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { photos, treatmentSessions, users } from '../../db/schema';

export type PhotoRow = typeof photos.$inferSelect;
export type PhotoListRow = PhotoRow & { uploadedByName: string | null };

export async function insertPhoto(db: DbOrTx, row: typeof photos.$inferInsert): Promise<PhotoRow> {
  const [inserted] = await db.insert(photos).values(row).returning();
  if (!inserted) throw new Error('photo insert returned nothing');
  return inserted;
}

/** A photo that is not soft-deleted. */
export async function findLivePhotoById(db: DbOrTx, id: string): Promise<PhotoRow | undefined> {
  const [row] = await db
    .select()
    .from(photos)
    .where(and(eq(photos.id, id), isNull(photos.deletedAt)))
    .limit(1);
  return row;
}

export async function findClientPhotos(db: DbOrTx, clientId: string): Promise<PhotoListRow[]> {
  const rows = await db
    .select({ photo: photos, uploadedByName: users.fullName })
    .from(photos)
    .leftJoin(users, eq(users.id, photos.createdBy))
    .where(and(eq(photos.clientId, clientId), isNull(photos.deletedAt)))
    .orderBy(desc(photos.takenAt), desc(photos.createdAt));
  return rows.map((r) => ({ ...r.photo, uploadedByName: r.uploadedByName }));
}

/** Photos marked for publicity (consent is checked by the service, at read time). */
export async function findMarkedPublicityPhotos(db: DbOrTx, organizationId: string): Promise<PhotoRow[]> {
  return db
    .select()
    .from(photos)
    .where(
      and(eq(photos.organizationId, organizationId), eq(photos.isPublicity, true), isNull(photos.deletedAt)),
    )
    .orderBy(desc(photos.publicityMarkedAt));
}

export async function updatePhotoPublicity(
  db: DbOrTx,
  id: string,
  values: { isPublicity: boolean; markedAt: Date | null; markedBy: string | null; now: Date },
): Promise<void> {
  await db
    .update(photos)
    .set({
      isPublicity: values.isPublicity,
      publicityMarkedAt: values.markedAt,
      publicityMarkedBy: values.markedBy,
      updatedAt: values.now,
    })
    .where(eq(photos.id, id));
}

export async function softDeletePhoto(
  db: DbOrTx,
  id: string,
  values: { deletedBy: string; reason: string; now: Date },
): Promise<void> {
  await db
    .update(photos)
    .set({
      deletedAt: values.now,
      deletedBy: values.deletedBy,
      deleteReason: values.reason,
      isPublicity: false,
      updatedAt: values.now,
    })
    .where(eq(photos.id, id));
}

export async function countLivePhotosBy(
  db: DbOrTx,
  where: { sessionId: string } | { clientId: string },
): Promise<{ moment: string; n: number }[]> {
  return db
    .select({ moment: photos.moment, n: count() })
    .from(photos)
    .where(
      and(
        'sessionId' in where ? eq(photos.sessionId, where.sessionId) : eq(photos.clientId, where.clientId),
        isNull(photos.deletedAt),
      ),
    )
    .groupBy(photos.moment);
}

/**
 * The owner of a treatment session a photo is uploaded to (row-level security already hides another
 * organisation's sessions; the caller compares organisation and client anyway).
 */
export async function findSessionOwner(
  db: DbOrTx,
  sessionId: string,
): Promise<{ organizationId: string; clientId: string } | undefined> {
  const [row] = await db
    .select({ organizationId: treatmentSessions.organizationId, clientId: treatmentSessions.clientId })
    .from(treatmentSessions)
    .where(eq(treatmentSessions.id, sessionId))
    .limit(1);
  return row;
}
