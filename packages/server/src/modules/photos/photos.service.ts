import { randomUUID } from 'node:crypto';
import type {
  TClientPhotos,
  TPhoto,
  TPhotoArea,
  TPhotoDeleteReason,
  TPhotoImage,
  TPhotoMoment,
  TPhotoPose,
  TPhotoPublicity,
  TPhotoUploadInput,
  TPublicityPhoto,
} from '@clinia/contracts';
import sharp from 'sharp';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import type { Keyring } from '../../platform/crypto/keyring';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { getMessagingContact, type MessagingContact } from '../clients/clients.service';
import { type HeicDecoder, type ProcessedPhoto, processPhoto } from './image-processing';
import { createObjectKey, openObject, openObjectKey, type PhotoVariant, sealObject } from './photo-sealing';
import {
  photoClientNotFound,
  photoNotFound,
  photoObjectMissing,
  photoSessionNotFound,
  publicityConsentMissing,
  publicityNotActive,
} from './photos.errors';
import {
  countLivePhotosBy,
  findClientPhotos,
  findLivePhotoById,
  findMarkedPublicityPhotos,
  findSessionOwner,
  insertPhoto,
  type PhotoListRow,
  type PhotoRow,
  softDeletePhoto,
  updatePhotoPublicity,
} from './photos.queries';
import { type ObjectStorage, photoStorageFor } from './storage';

/**
 * Clinical photos: upload (decode, auto-rotate, strip metadata, thumbnail, seal, store), gallery per
 * client, audited views, soft delete, and publicity use gated by the client's CURRENT consent.
 *
 * Audit: views are recorded against the client (entity `client`), so they appear in the client's
 * "who accessed my data" report; writes are recorded against the photo (entity `photo`).
 * Publicity: the mark is stored, but whether it is in effect is decided at every read from the latest
 * consent event, so a withdrawal takes photos out of publicity use at once, with no job to run.
 */

export type PhotoDeps = ServiceDeps & { photoStorage?: ObjectStorage; decodeHeic?: HeicDecoder };

const storageOf = (deps: PhotoDeps) => deps.photoStorage ?? photoStorageFor(deps.config);

const PUBLICITY_PURPOSE = 'imagem_divulgacao' as const;

type ConsentStatus = TClientPhotos['publicityConsent'];

function publicityConsentOf(contact: MessagingContact): ConsentStatus {
  const consent = contact.consents[PUBLICITY_PURPOSE];
  if (!consent) return 'pendente';
  return consent.granted ? 'concedido' : 'revogado';
}

/** Publicity is usable only for an active, unblocked client whose latest publicity decision is a grant. */
const isPublicityAllowed = (contact: MessagingContact) =>
  contact.isActive && !contact.isBlocked && publicityConsentOf(contact) === 'concedido';

async function requireClient(deps: ServiceDeps, tx: Tx, clientId: string): Promise<MessagingContact> {
  const contact = await getMessagingContact(tx, deps.keyring, clientId);
  if (!contact?.isActive) throw photoClientNotFound();
  return contact;
}

function toPhoto(row: PhotoRow | PhotoListRow, publicityAllowed: boolean): TPhoto {
  const publicity: TPhotoPublicity = !row.isPublicity ? 'none' : publicityAllowed ? 'active' : 'suspended';
  return {
    id: row.id,
    clientId: row.clientId,
    sessionId: row.sessionId,
    appointmentId: row.appointmentId,
    area: row.area as TPhotoArea,
    pose: row.pose as TPhotoPose,
    moment: row.moment as TPhotoMoment,
    takenAt: row.takenAt.toISOString(),
    width: row.width,
    height: row.height,
    sourceFormat: row.sourceFormat as TPhoto['sourceFormat'],
    publicity,
    uploadedByName: 'uploadedByName' in row ? row.uploadedByName : null,
    createdAt: row.createdAt.toISOString(),
  };
}

const objectKeyOf = (organizationId: string, photoId: string, variant: PhotoVariant) =>
  `${organizationId}/${photoId}/${variant}`;

/** Seals and stores both objects of a processed photo; returns what the row needs. */
export async function storePhotoObjects(
  deps: { keyring: Keyring; storage: ObjectStorage },
  organizationId: string,
  photoId: string,
  processed: ProcessedPhoto,
): Promise<{ originalKey: string; thumbnailKey: string; objectKeySealed: string; storageKind: string }> {
  const { storage } = deps;
  const { key, sealed } = createObjectKey(deps.keyring, photoId);
  const originalKey = objectKeyOf(organizationId, photoId, 'original');
  const thumbnailKey = objectKeyOf(organizationId, photoId, 'thumbnail');
  await storage.put(originalKey, sealObject(key, processed.original, photoId, 'original'));
  await storage.put(thumbnailKey, sealObject(key, processed.thumbnail, photoId, 'thumbnail'));
  return { originalKey, thumbnailKey, objectKeySealed: sealed, storageKind: storage.kind };
}

const futureTakenAt = () =>
  new AppError('PHOTO_TAKEN_AT_FUTURE', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Data da foto: não pode estar no futuro.',
    details: { field: 'takenAt' },
  });

/** Inserts a processed, stored photo in the caller's transaction (also used by the demo seed). */
export async function insertPhotoInTx(
  tx: Tx,
  input: {
    id: string;
    organizationId: string;
    clinicId: string;
    clientId: string;
    sessionId: string | null;
    appointmentId: string | null;
    area: TPhotoArea;
    pose: TPhotoPose;
    moment: TPhotoMoment;
    takenAt: Date;
    processed: ProcessedPhoto;
    originalBytes: number;
    stored: Awaited<ReturnType<typeof storePhotoObjects>>;
    createdBy: string;
    now: Date;
  },
): Promise<PhotoRow> {
  return insertPhoto(tx, {
    id: input.id,
    organizationId: input.organizationId,
    clinicId: input.clinicId,
    clientId: input.clientId,
    sessionId: input.sessionId,
    appointmentId: input.appointmentId,
    area: input.area,
    pose: input.pose,
    moment: input.moment,
    takenAt: input.takenAt,
    sourceFormat: input.processed.sourceFormat,
    width: input.processed.width,
    height: input.processed.height,
    originalBytes: input.originalBytes,
    ...input.stored,
    createdBy: input.createdBy,
    createdAt: input.now,
    updatedAt: input.now,
  });
}

/** Uploads one photo of a client. The image work happens before the transaction opens. */
export async function uploadPhoto(deps: PhotoDeps, actor: Actor, input: TPhotoUploadInput): Promise<TPhoto> {
  const now = deps.clock.now();
  const takenAt = input.takenAt ? new Date(input.takenAt) : now;
  if (takenAt.getTime() > now.getTime() + 5 * 60_000) throw futureTakenAt();
  const bytes = Buffer.from(input.contentBase64, 'base64');
  const processed = await processPhoto(bytes, { decodeHeic: deps.decodeHeic });
  const photoId = randomUUID();
  const storage = storageOf(deps);
  try {
    return await withTenant(deps.database, actor.organizationId, async (tx) => {
      const contact = await requireClient(deps, tx, input.clientId);
      if (input.sessionId) {
        const owner = await findSessionOwner(tx, input.sessionId);
        if (owner?.organizationId !== actor.organizationId || owner.clientId !== input.clientId)
          throw photoSessionNotFound();
      }
      const stored = await storePhotoObjects(
        { keyring: deps.keyring, storage },
        actor.organizationId,
        photoId,
        processed,
      );
      const row = await insertPhotoInTx(tx, {
        id: photoId,
        organizationId: actor.organizationId,
        clinicId: actor.clinicId,
        clientId: input.clientId,
        sessionId: input.sessionId ?? null,
        appointmentId: input.appointmentId ?? null,
        area: input.area,
        pose: input.pose,
        moment: input.moment,
        takenAt,
        processed,
        originalBytes: bytes.length,
        stored,
        createdBy: actor.userId,
        now,
      });
      await recordActorAudit(tx, deps, actor, {
        action: 'photo.upload',
        entityType: 'photo',
        entityId: photoId,
        changedFields: ['clientId', 'area', 'pose', 'moment', 'takenAt', 'original', 'thumbnail'],
        occurredAt: now,
      });
      return toPhoto(row, isPublicityAllowed(contact));
    });
  } catch (error) {
    // The row did not commit: remove objects that may have been written (they are sealed anyway).
    await Promise.allSettled(
      (['original', 'thumbnail'] as const).map((v) =>
        storage.delete(objectKeyOf(actor.organizationId, photoId, v)),
      ),
    );
    throw error;
  }
}

/** The client's gallery (metadata only; images are fetched one by one, each view audited). */
export async function listClientPhotos(
  deps: PhotoDeps,
  actor: Actor,
  clientId: string,
): Promise<TClientPhotos> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const contact = await requireClient(deps, tx, clientId);
    const rows = await findClientPhotos(tx, clientId);
    // The list itself is clinical data (areas, poses, dates): a read of the record, audited.
    await recordActorAudit(tx, deps, actor, {
      action: 'photo.list',
      entityType: 'client',
      entityId: clientId,
      changedFields: ['photos'],
      occurredAt: now,
    });
    const allowed = isPublicityAllowed(contact);
    return {
      photos: rows.map((row) => toPhoto(row, allowed)),
      publicityConsent: publicityConsentOf(contact),
    };
  });
}

async function requireLivePhoto(tx: Tx, photoId: string): Promise<PhotoRow> {
  const row = await findLivePhotoById(tx, photoId);
  if (!row) throw photoNotFound();
  return row;
}

async function readImage(deps: PhotoDeps, row: PhotoRow, variant: PhotoVariant): Promise<Buffer> {
  const blob = await storageOf(deps).get(variant === 'original' ? row.originalKey : row.thumbnailKey);
  if (!blob) throw photoObjectMissing();
  const key = openObjectKey(deps.keyring, row.objectKeySealed, row.id);
  return openObject(key, blob, row.id, variant);
}

async function imageOf(row: PhotoRow, variant: PhotoVariant, bytes: Buffer): Promise<TPhotoImage> {
  // Thumbnail dimensions are not stored; the JPEG header has them (no pixel decoding).
  const size = variant === 'thumbnail' ? await sharp(bytes).metadata() : row;
  return {
    photoId: row.id,
    mimeType: 'image/jpeg',
    base64: bytes.toString('base64'),
    width: size.width ?? row.width,
    height: size.height ?? row.height,
  };
}

/** Reads, opens and returns one image; the view is recorded on the client (see the header). */
async function serveImage(
  tx: Tx,
  deps: PhotoDeps,
  actor: Actor,
  view: { row: PhotoRow; variant: PhotoVariant; action: 'photo.view' | 'photo.publicity_view'; now: Date },
): Promise<TPhotoImage> {
  const { row, variant } = view;
  const bytes = await readImage(deps, row, variant);
  await recordActorAudit(tx, deps, actor, {
    action: view.action,
    entityType: 'client',
    entityId: row.clientId,
    changedFields: [variant === 'original' ? 'photo.original' : 'photo.thumbnail'],
    occurredAt: view.now,
  });
  return imageOf(row, variant, bytes);
}

/** One image (original or thumbnail) for the clinical record; every view is audited on the client. */
export async function getPhotoImage(
  deps: PhotoDeps,
  actor: Actor,
  input: { photoId: string; variant: PhotoVariant },
): Promise<TPhotoImage> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireLivePhoto(tx, input.photoId);
    return serveImage(tx, deps, actor, { row, variant: input.variant, action: 'photo.view', now });
  });
}

/** Soft delete: the photo leaves the gallery and publicity; the record keeps it (retention). */
export async function deletePhoto(
  deps: PhotoDeps,
  actor: Actor,
  input: { photoId: string; reason: TPhotoDeleteReason },
): Promise<void> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireLivePhoto(tx, input.photoId);
    await softDeletePhoto(tx, row.id, { deletedBy: actor.userId, reason: input.reason, now });
    await recordActorAudit(tx, deps, actor, {
      action: 'photo.delete',
      entityType: 'photo',
      entityId: row.id,
      changedFields: ['deletedAt', 'deleteReason', ...(row.isPublicity ? ['isPublicity'] : [])],
      occurredAt: now,
    });
  });
}

/** Marks or unmarks a photo for publicity. Marking needs the client's current publicity consent. */
export async function setPhotoPublicity(
  deps: PhotoDeps,
  actor: Actor,
  input: { photoId: string; isPublicity: boolean },
): Promise<TPhoto> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireLivePhoto(tx, input.photoId);
    const contact = await requireClient(deps, tx, row.clientId);
    const allowed = isPublicityAllowed(contact);
    if (input.isPublicity && !allowed) throw publicityConsentMissing();
    if (row.isPublicity !== input.isPublicity) {
      await updatePhotoPublicity(tx, row.id, {
        isPublicity: input.isPublicity,
        markedAt: input.isPublicity ? now : null,
        markedBy: input.isPublicity ? actor.userId : null,
        now,
      });
      await recordActorAudit(tx, deps, actor, {
        action: input.isPublicity ? 'photo.publicity_mark' : 'photo.publicity_unmark',
        entityType: 'photo',
        entityId: row.id,
        changedFields: ['isPublicity'],
        occurredAt: now,
      });
    }
    return toPhoto({ ...row, isPublicity: input.isPublicity }, allowed);
  });
}

/**
 * The clinic's publicity photos: marked AND the client's consent granted now (not blocked, not
 * anonymised). Nothing identifying leaves with them: no client id or name.
 */
export async function listPublicityPhotos(deps: PhotoDeps, actor: Actor): Promise<TPublicityPhoto[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await findMarkedPublicityPhotos(tx, actor.organizationId);
    const allowedByClient = new Map<string, boolean>();
    for (const clientId of new Set(rows.map((r) => r.clientId))) {
      const contact = await getMessagingContact(tx, deps.keyring, clientId);
      allowedByClient.set(clientId, Boolean(contact && isPublicityAllowed(contact)));
    }
    return rows
      .filter((r) => allowedByClient.get(r.clientId))
      .map((r) => ({
        id: r.id,
        area: r.area as TPhotoArea,
        pose: r.pose as TPhotoPose,
        moment: r.moment as TPhotoMoment,
        takenAt: r.takenAt.toISOString(),
        markedAt: (r.publicityMarkedAt ?? r.updatedAt).toISOString(),
      }));
  });
}

/** An image for publicity use: served only while the photo is marked and the consent is granted. */
export async function getPublicityImage(
  deps: PhotoDeps,
  actor: Actor,
  input: { photoId: string; variant: PhotoVariant },
): Promise<TPhotoImage> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await requireLivePhoto(tx, input.photoId);
    const contact = await getMessagingContact(tx, deps.keyring, row.clientId);
    if (!row.isPublicity || !contact || !isPublicityAllowed(contact)) throw publicityNotActive();
    return serveImage(tx, deps, actor, { row, variant: input.variant, action: 'photo.publicity_view', now });
  });
}

/**
 * Before/after photo counts of a treatment session, in the caller's transaction: for the sessions
 * module's pre-session checklist ("before photos taken") and its closing step.
 */
export async function countSessionPhotosInTx(
  tx: Tx,
  sessionId: string,
): Promise<Record<TPhotoMoment, number>> {
  const rows = await countLivePhotosBy(tx, { sessionId });
  return {
    antes: rows.find((r) => r.moment === 'antes')?.n ?? 0,
    depois: rows.find((r) => r.moment === 'depois')?.n ?? 0,
  };
}

/** Whether the client has clinical photos (part of the medical record, e.g. for LGPD retention answers). */
export async function clientHasPhotosInTx(tx: Tx, clientId: string): Promise<boolean> {
  return (await countLivePhotosBy(tx, { clientId })).some((r) => r.n > 0);
}
