import { randomUUID } from 'node:crypto';
import {
  PHOTO_AREA_LABELS,
  PHOTO_MOMENT_LABELS,
  PHOTO_POSE_LABELS,
  type TPhotoMoment,
  type TPhotoPose,
} from '@clinia/contracts';
import sharp from 'sharp';
import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { processPhoto } from './image-processing';
import { insertPhotoInTx, storePhotoObjects } from './photos.service';
import type { ObjectStorage } from './storage';

/**
 * Demo photos: synthetic, non-identifying images drawn with sharp (a gradient silhouette per pose,
 * a few "spots" that fade from before to after, and a DEMONSTRAÇÃO label), so the gallery and the
 * comparison can be shown without any real person's picture. They go through the same pipeline as
 * uploads (processPhoto, sealing, storage), so a demo install exercises the real path.
 */
export const DEMO_PHOTO_POSES: readonly TPhotoPose[] = ['frontal', 'obliqua_direita', 'perfil_direito'];

function silhouette(pose: TPhotoPose): string {
  const skin = 'url(#skin)';
  if (pose === 'frontal') return `<ellipse cx="300" cy="360" rx="180" ry="245" fill="${skin}"/>`;
  if (pose === 'obliqua_direita')
    return `<ellipse cx="320" cy="360" rx="160" ry="245" fill="${skin}"/><path d="M470 330 L520 400 L462 410 Z" fill="${skin}"/>`;
  return `<path d="M300 115 C 180 120 150 250 160 380 C 170 520 240 610 320 605 C 380 600 420 540 430 470 L 470 440 L 445 400 L 480 360 C 470 230 420 115 300 115 Z" fill="${skin}"/>`;
}

/** A deterministic synthetic photo (SVG rendered to JPEG) for one pose and moment. */
export async function drawDemoPhoto(input: {
  pose: TPhotoPose;
  moment: TPhotoMoment;
  variant: number;
}): Promise<Buffer> {
  const tone = ['#e9d3bf', '#d9b69b', '#c49373', '#9c6b4e'][input.variant % 4] ?? '#d9b69b';
  const spots =
    input.moment === 'antes'
      ? [
          [250, 300, 14],
          [350, 330, 10],
          [300, 420, 12],
          [230, 400, 8],
        ]
      : [[300, 420, 5]];
  const spotColor = input.moment === 'antes' ? '#7a4a35' : '#a77a60';
  const label = `DEMONSTRAÇÃO · ${PHOTO_AREA_LABELS.face} · ${PHOTO_POSE_LABELS[input.pose]} · ${PHOTO_MOMENT_LABELS[input.moment]}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e4ebf1"/><stop offset="1" stop-color="#c9d6e2"/></linearGradient>
    <linearGradient id="skin" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${tone}"/><stop offset="1" stop-color="#8d6a55"/></linearGradient>
  </defs>
  <rect width="600" height="800" fill="url(#bg)"/>
  ${silhouette(input.pose)}
  ${spots.map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="${spotColor}" opacity="0.7"/>`).join('')}
  <rect x="0" y="700" width="600" height="100" fill="#1f2933" opacity="0.75"/>
  <text x="300" y="760" font-family="DejaVu Sans, sans-serif" font-size="22" text-anchor="middle" fill="#ffffff">${label}</text>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * Face photos before and after for a few demo clients, in three standard poses. Objects are written
 * first; the rows are inserted in the caller's transaction.
 */
export async function seedDemoPhotos(
  tx: Tx,
  deps: { keyring: Keyring; photoStorage: ObjectStorage },
  input: {
    organizationId: string;
    clinicId: string;
    clientIds: string[];
    createdBy: string;
    now: Date;
    /** Signed demo sessions: a client's photos belong to its first one (before at the session, after at the review). */
    sessions?: { clientId: string; sessionId: string; appointmentId: string; startedAt: Date }[];
  },
): Promise<number> {
  const storeDeps = { keyring: deps.keyring, storage: deps.photoStorage };
  let created = 0;
  for (const [index, clientId] of input.clientIds.entries()) {
    for (const moment of ['antes', 'depois'] as const) {
      // Before: 45 days ago; after: 15 days later (the usual toxin review), noon in the clinic.
      const session = input.sessions?.find((x) => x.clientId === clientId);
      const takenAt = session
        ? new Date(session.startedAt.getTime() + (moment === 'antes' ? -10 * 60_000 : 15 * 86_400_000))
        : new Date(input.now.getTime() - (moment === 'antes' ? 45 : 30) * 86_400_000);
      for (const pose of DEMO_PHOTO_POSES) {
        const bytes = await drawDemoPhoto({ pose, moment, variant: index });
        const processed = await processPhoto(bytes);
        const id = randomUUID();
        const stored = await storePhotoObjects(storeDeps, input.organizationId, id, processed);
        await insertPhotoInTx(tx, {
          id,
          organizationId: input.organizationId,
          clinicId: input.clinicId,
          clientId,
          sessionId: session?.sessionId ?? null,
          appointmentId: session?.appointmentId ?? null,
          area: 'face',
          pose,
          moment,
          takenAt,
          processed,
          originalBytes: bytes.length,
          stored,
          createdBy: input.createdBy,
          now: input.now,
        });
        created++;
      }
    }
  }
  return created;
}
