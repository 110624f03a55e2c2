import {
  PHOTO_AREAS,
  PHOTO_MAX_BYTES,
  PHOTO_POSES_BY_AREA,
  type TPhotoArea,
  type TPhotoMoment,
  type TPhotoPose,
} from '@clinia/contracts';

/** What the browser lets through before upload; the server checks the bytes again and decides. */
export type TPhotoFileProblem = 'fileRequired' | 'fileType' | 'fileSize';

const ACCEPTED_MIME = new Set(['image/jpeg', 'image/png', 'image/heic', 'image/heif']);
const ACCEPTED_EXTENSIONS = /\.(jpe?g|png|heic|heif)$/i;
/** The `accept` attribute: MIME types plus extensions, since some browsers report HEIC with no type. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif,.jpg,.jpeg,.png';

export function photoFileProblem(
  file: Pick<File, 'name' | 'type' | 'size'> | null,
): TPhotoFileProblem | null {
  if (!file) return 'fileRequired';
  if (!ACCEPTED_MIME.has(file.type.toLowerCase()) && !ACCEPTED_EXTENSIONS.test(file.name)) return 'fileType';
  if (file.size === 0) return 'fileRequired';
  if (file.size > PHOTO_MAX_BYTES) return 'fileSize';
  return null;
}

/** The file's content as base64 (without the data: prefix), as photos.upload expects it. */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/** The file's own date when it is plausible (not in the future); phones keep it on the file. */
export function takenAtFromFile(file: Pick<File, 'lastModified'>, now: Date): Date {
  return file.lastModified > 0 && file.lastModified <= now.getTime() ? new Date(file.lastModified) : now;
}

export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

type TPairable = { id: string; area: TPhotoArea; pose: TPhotoPose; moment: TPhotoMoment; takenAt: string };

/**
 * Area/pose combinations that have both a before and an after photo, each with its photos newest
 * first: what the comparison screen offers.
 */
export function comparablePairs<T extends TPairable>(
  photos: readonly T[],
): { area: TPhotoArea; pose: TPhotoPose; before: T[]; after: T[] }[] {
  const groups = new Map<string, { area: TPhotoArea; pose: TPhotoPose; before: T[]; after: T[] }>();
  for (const photo of photos) {
    const key = `${photo.area}/${photo.pose}`;
    const group = groups.get(key) ?? { area: photo.area, pose: photo.pose, before: [], after: [] };
    (photo.moment === 'antes' ? group.before : group.after).push(photo);
    groups.set(key, group);
  }
  const newestFirst = (a: T, b: T) => b.takenAt.localeCompare(a.takenAt);
  // Areas in catalogue order, poses in the standard walk-around order (frontal first).
  const rank = (g: { area: TPhotoArea; pose: TPhotoPose }) =>
    PHOTO_AREAS.indexOf(g.area) * 100 + PHOTO_POSES_BY_AREA[g.area].indexOf(g.pose);
  return [...groups.values()]
    .filter((g) => g.before.length > 0 && g.after.length > 0)
    .sort((a, b) => rank(a) - rank(b))
    .map((g) => ({ ...g, before: g.before.sort(newestFirst), after: g.after.sort(newestFirst) }));
}
