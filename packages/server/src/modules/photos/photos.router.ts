import {
  PHOTO_MAX_BYTES,
  ZClientPhotos,
  ZClientPhotosInput,
  ZDeletePhotoInput,
  ZPhoto,
  ZPhotoImage,
  ZPhotoImageInput,
  ZPhotoUploadInput,
  ZPublicityPhoto,
  ZSetPhotoPublicityInput,
} from '@clinia/contracts';
import { z } from 'zod';
import { actionProcedure, router } from '../../trpc/init';
import {
  deletePhoto,
  getPhotoImage,
  getPublicityImage,
  listClientPhotos,
  listPublicityPhotos,
  setPhotoPublicity,
  uploadPhoto,
} from './photos.service';

/** HTTP body limit for `photos.upload`: the base64 file (4/3 of PHOTO_MAX_BYTES) plus the JSON around it. */
export const PHOTO_UPLOAD_BODY_LIMIT = Math.ceil((PHOTO_MAX_BYTES * 4) / 3) + 1024 * 1024;

/**
 * Photos over tRPC. Uploads travel base64 in JSON (cap PHOTO_MAX_BYTES); apps/api gives the
 * `photos.upload` path alone a larger body limit, every other procedure keeps the small one.
 */
export const photosRouter = router({
  list: actionProcedure('photos.read')
    .input(ZClientPhotosInput)
    .output(ZClientPhotos)
    .query(({ ctx, input }) => listClientPhotos(ctx, ctx.actor, input.clientId)),
  image: actionProcedure('photos.read')
    .input(ZPhotoImageInput)
    .output(ZPhotoImage)
    .query(({ ctx, input }) => getPhotoImage(ctx, ctx.actor, input)),
  upload: actionProcedure('photos.upload')
    .input(ZPhotoUploadInput)
    .output(ZPhoto)
    .mutation(({ ctx, input }) => uploadPhoto(ctx, ctx.actor, input)),
  delete: actionProcedure('photos.delete')
    .input(ZDeletePhotoInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await deletePhoto(ctx, ctx.actor, input);
      return { ok: true as const };
    }),
  setPublicity: actionProcedure('photos.publicity.manage')
    .input(ZSetPhotoPublicityInput)
    .output(ZPhoto)
    .mutation(({ ctx, input }) => setPhotoPublicity(ctx, ctx.actor, input)),
  publicityList: actionProcedure('photos.publicity.read')
    .output(z.array(ZPublicityPhoto))
    .query(({ ctx }) => listPublicityPhotos(ctx, ctx.actor)),
  publicityImage: actionProcedure('photos.publicity.read')
    .input(ZPhotoImageInput)
    .output(ZPhotoImage)
    .query(({ ctx, input }) => getPublicityImage(ctx, ctx.actor, input)),
});
