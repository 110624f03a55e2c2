import { z } from 'zod';

/**
 * Clinical photos (issue 7 point 4): before/after images of a client, optionally tied to a treatment
 * session and an appointment, taken in a standard pose per treatment area so that "before" and "after"
 * compare like with like. Files are JPEG, PNG or HEIC (phones); the server re-encodes to JPEG, strips
 * all metadata and stores them sealed. Use outside the clinical record (publicity) needs the client's
 * current "imagem_divulgacao" consent (CFM Res. 2.336/2023; LGPD Art. 8 §5).
 */

/** Largest accepted file. Sent base64 in JSON, so the request is about 4/3 of this. */
export const PHOTO_MAX_BYTES = 25 * 1024 * 1024;
export const PHOTO_MAX_MB = PHOTO_MAX_BYTES / (1024 * 1024);
export const PHOTO_ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'image/heif'] as const;

export const PHOTO_AREAS = [
  'face',
  'pescoco_colo',
  'abdome',
  'gluteos',
  'coxas',
  'bracos',
  'costas',
  'maos',
  'couro_cabeludo',
] as const;
export const ZPhotoArea = z.enum(PHOTO_AREAS, { error: 'Área: escolha uma área da lista.' });
export type TPhotoArea = z.infer<typeof ZPhotoArea>;
export const PHOTO_AREA_LABELS: Record<TPhotoArea, string> = {
  face: 'Face',
  pescoco_colo: 'Pescoço e colo',
  abdome: 'Abdome',
  gluteos: 'Glúteos',
  coxas: 'Coxas',
  bracos: 'Braços',
  costas: 'Costas',
  maos: 'Mãos',
  couro_cabeludo: 'Couro cabeludo',
};

export const PHOTO_POSES = [
  'frontal',
  'obliqua_direita',
  'obliqua_esquerda',
  'perfil_direito',
  'perfil_esquerdo',
  'posterior',
  'obliqua_posterior_direita',
  'obliqua_posterior_esquerda',
  'dorso',
  'palma',
  'vertice',
] as const;
export const ZPhotoPose = z.enum(PHOTO_POSES, { error: 'Pose: escolha uma pose da lista.' });
export type TPhotoPose = z.infer<typeof ZPhotoPose>;
export const PHOTO_POSE_LABELS: Record<TPhotoPose, string> = {
  frontal: 'Frontal',
  obliqua_direita: '45° direita',
  obliqua_esquerda: '45° esquerda',
  perfil_direito: 'Perfil direito',
  perfil_esquerdo: 'Perfil esquerdo',
  posterior: 'Posterior',
  obliqua_posterior_direita: '45° posterior direita',
  obliqua_posterior_esquerda: '45° posterior esquerda',
  dorso: 'Dorso',
  palma: 'Palma',
  vertice: 'Vértice (de cima)',
};

/** The standard pose set of each area, in the order a photographer walks around the client. */
export const PHOTO_POSES_BY_AREA: Record<TPhotoArea, readonly TPhotoPose[]> = {
  face: ['frontal', 'obliqua_direita', 'obliqua_esquerda', 'perfil_direito', 'perfil_esquerdo'],
  pescoco_colo: ['frontal', 'obliqua_direita', 'obliqua_esquerda', 'perfil_direito', 'perfil_esquerdo'],
  abdome: ['frontal', 'obliqua_direita', 'obliqua_esquerda', 'perfil_direito', 'perfil_esquerdo'],
  gluteos: [
    'posterior',
    'obliqua_posterior_direita',
    'obliqua_posterior_esquerda',
    'perfil_direito',
    'perfil_esquerdo',
  ],
  coxas: ['frontal', 'posterior', 'perfil_direito', 'perfil_esquerdo'],
  bracos: ['frontal', 'posterior', 'perfil_direito', 'perfil_esquerdo'],
  costas: ['posterior', 'obliqua_posterior_direita', 'obliqua_posterior_esquerda'],
  maos: ['dorso', 'palma'],
  couro_cabeludo: ['vertice', 'frontal', 'posterior'],
};

export const PHOTO_MOMENTS = ['antes', 'depois'] as const;
export const ZPhotoMoment = z.enum(PHOTO_MOMENTS, { error: 'Momento: escolha antes ou depois.' });
export type TPhotoMoment = z.infer<typeof ZPhotoMoment>;
export const PHOTO_MOMENT_LABELS: Record<TPhotoMoment, string> = { antes: 'Antes', depois: 'Depois' };

export const PHOTO_DELETE_REASONS = [
  'duplicada',
  'pose_errada',
  'cliente_errado',
  'qualidade',
  'outro',
] as const;
export const ZPhotoDeleteReason = z.enum(PHOTO_DELETE_REASONS, {
  error: 'Motivo: escolha um motivo da lista.',
});
export type TPhotoDeleteReason = z.infer<typeof ZPhotoDeleteReason>;
export const PHOTO_DELETE_REASON_LABELS: Record<TPhotoDeleteReason, string> = {
  duplicada: 'Foto duplicada',
  pose_errada: 'Pose ou área errada',
  cliente_errado: 'Cliente errado',
  qualidade: 'Qualidade ruim (desfocada, escura)',
  outro: 'Outro motivo',
};

/**
 * none: never marked for publicity; active: marked and the consent is granted now; suspended: marked,
 * but the consent is missing or was withdrawn, so the photo is out of publicity use until it is granted.
 */
export const PHOTO_PUBLICITY_STATES = ['none', 'active', 'suspended'] as const;
export type TPhotoPublicity = (typeof PHOTO_PUBLICITY_STATES)[number];

const uuid = (field: string) => z.string().uuid(`${field}: identificador inválido.`);

export const ZPhotoUploadInput = z
  .object({
    clientId: uuid('Cliente'),
    sessionId: uuid('Atendimento').nullish(),
    appointmentId: uuid('Agendamento').nullish(),
    area: ZPhotoArea,
    pose: ZPhotoPose,
    moment: ZPhotoMoment,
    takenAt: z
      .string()
      .datetime({ offset: true, message: 'Data da foto: use data e hora válidas.' })
      .nullish(),
    /** The file, base64-encoded (no data: prefix). */
    contentBase64: z
      .string({ error: 'Foto: selecione um arquivo.' })
      .min(1, 'Foto: selecione um arquivo.')
      .max(Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 4, `Foto: o arquivo passa de ${PHOTO_MAX_MB} MB.`)
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Foto: o arquivo não foi enviado corretamente.'),
  })
  .refine((v) => PHOTO_POSES_BY_AREA[v.area].includes(v.pose), {
    path: ['pose'],
    message: 'Pose: esta pose não faz parte do padrão da área escolhida.',
  });
export type TPhotoUploadInput = z.infer<typeof ZPhotoUploadInput>;

export const ZPhoto = z.object({
  id: z.string(),
  clientId: z.string(),
  sessionId: z.string().nullable(),
  appointmentId: z.string().nullable(),
  area: ZPhotoArea,
  pose: ZPhotoPose,
  moment: ZPhotoMoment,
  takenAt: z.string(),
  width: z.number(),
  height: z.number(),
  sourceFormat: z.enum(['jpeg', 'png', 'heic']),
  publicity: z.enum(PHOTO_PUBLICITY_STATES),
  uploadedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TPhoto = z.infer<typeof ZPhoto>;

export const ZPhotoConsentStatus = z.enum(['concedido', 'revogado', 'pendente']);

export const ZClientPhotos = z.object({
  photos: z.array(ZPhoto),
  /** The client's current consent for image use in publicity. */
  publicityConsent: ZPhotoConsentStatus,
});
export type TClientPhotos = z.infer<typeof ZClientPhotos>;

export const ZPhotoImage = z.object({
  photoId: z.string(),
  mimeType: z.literal('image/jpeg'),
  base64: z.string(),
  width: z.number(),
  height: z.number(),
});
export type TPhotoImage = z.infer<typeof ZPhotoImage>;

/** A publicity photo as listed for the clinic: no client name, nothing identifying beyond the image. */
export const ZPublicityPhoto = z.object({
  id: z.string(),
  area: ZPhotoArea,
  pose: ZPhotoPose,
  moment: ZPhotoMoment,
  takenAt: z.string(),
  markedAt: z.string(),
});
export type TPublicityPhoto = z.infer<typeof ZPublicityPhoto>;

export const ZPhotoIdInput = z.object({ photoId: uuid('Foto') });
export const ZClientPhotosInput = z.object({ clientId: uuid('Cliente') });
export const ZPhotoImageInput = z.object({
  photoId: uuid('Foto'),
  variant: z.enum(['original', 'thumbnail'], { error: 'Versão: use original ou miniatura.' }),
});
export const ZDeletePhotoInput = z.object({ photoId: uuid('Foto'), reason: ZPhotoDeleteReason });
export const ZSetPhotoPublicityInput = z.object({
  photoId: uuid('Foto'),
  isPublicity: z.boolean({ error: 'Divulgação: informe sim ou não.' }),
});
