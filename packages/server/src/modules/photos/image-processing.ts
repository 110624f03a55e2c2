import { createRequire } from 'node:module';
import { PHOTO_MAX_BYTES } from '@clinia/contracts';
import sharp, { type Sharp } from 'sharp';
import { AppError } from '../../platform/errors';
import { photoEmpty, photoTooLarge, photoUnreadable, photoUnsupportedType } from './photos.errors';

/**
 * Turns an upload into what Clinia stores: a JPEG original and a 320 px JPEG thumbnail, both with
 * every piece of metadata removed (EXIF with GPS and device serials, XMP, IPTC, comments, ICC profiles).
 *
 * Order matters: the image is first rotated upright by its EXIF orientation (phones store pixels
 * sideways and rely on that tag), THEN re-encoded without metadata; stripping first would leave
 * portraits lying on their side. Pixels are converted to sRGB before the profile is dropped, so colours
 * survive without an embedded ICC profile.
 *
 * Input types are recognised by their bytes, never by the declared name or MIME type:
 *  - JPEG and PNG: decoded by sharp (libvips, prebuilt through npm);
 *  - HEIC/HEIF from phones: sharp's prebuilt libvips has no HEVC decoder (patent licensing), so
 *    heic-decode (libheif compiled to WebAssembly, pure npm) decodes to RGBA first. libheif applies
 *    the HEIF rotation/mirror properties itself, and the raw pixels carry no metadata at all.
 * Everything else is refused, as are files over PHOTO_MAX_BYTES and images over MAX_PIXELS.
 */

export type PhotoSourceFormat = 'jpeg' | 'png' | 'heic';

export type ProcessedPhoto = {
  sourceFormat: PhotoSourceFormat;
  original: Buffer;
  thumbnail: Buffer;
  width: number;
  height: number;
  thumbnailWidth: number;
  thumbnailHeight: number;
};

/** Decodes HEIC bytes to RGBA pixels. Injected in tests; the default is heic-decode. */
export type HeicDecoder = (
  bytes: Buffer,
) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>;

/** Longest side kept for the stored original: enough for clinical comparison, bounded for storage. */
export const ORIGINAL_MAX_SIDE = 4096;
export const THUMBNAIL_SIDE = 320;
/** Decompression-bomb guard: 50 megapixels (a 48 MP phone sensor still fits). */
export const MAX_PIXELS = 50_000_000;

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);

export function detectPhotoFormat(bytes: Buffer): PhotoSourceFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (
    bytes.length >= 8 &&
    bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return 'png';
  if (bytes.length >= 12 && bytes.subarray(4, 8).toString('latin1') === 'ftyp') {
    const major = bytes.subarray(8, 12).toString('latin1');
    if (HEIF_BRANDS.has(major)) return 'heic';
  }
  return null;
}

type HeicDecode = (input: { buffer: Uint8Array }) => ReturnType<HeicDecoder>;
let heicDecode: HeicDecode | null = null;

/**
 * heic-decode (no type declarations; CommonJS) is loaded on first use: its WebAssembly build of
 * libheif is about 2 MB and most processes never see a HEIC file.
 */
export const defaultHeicDecoder: HeicDecoder = async (bytes) => {
  heicDecode ??= createRequire(import.meta.url)('heic-decode') as HeicDecode;
  return heicDecode({ buffer: bytes });
};

export async function processPhoto(
  bytes: Buffer,
  options: { decodeHeic?: HeicDecoder } = {},
): Promise<ProcessedPhoto> {
  if (bytes.length === 0) throw photoEmpty();
  if (bytes.length > PHOTO_MAX_BYTES) throw photoTooLarge();
  const format = detectPhotoFormat(bytes);
  if (!format) throw photoUnsupportedType();
  let upright: Sharp;
  try {
    if (format === 'heic') {
      const decoded = await (options.decodeHeic ?? defaultHeicDecoder)(bytes);
      if (decoded.width * decoded.height > MAX_PIXELS) throw photoTooLarge();
      upright = sharp(Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength), {
        raw: { width: decoded.width, height: decoded.height, channels: 4 },
      });
    } else {
      // rotate() with no angle applies the EXIF orientation; the tag itself is not written back.
      upright = sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'error' }).rotate();
    }
    // Materialise the upright pixels once, so both outputs come from the same decoded image.
    const { data, info } = await upright
      .toColourspace('srgb')
      .resize(ORIGINAL_MAX_SIDE, ORIGINAL_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    // sharp writes no metadata unless asked (no withMetadata/keepExif/keepIccProfile here).
    const original = await sharp(data, raw).jpeg({ quality: 90, mozjpeg: true }).toBuffer();
    const thumb = await sharp(data, raw)
      .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    return {
      sourceFormat: format,
      original,
      thumbnail: thumb.data,
      width: info.width,
      height: info.height,
      thumbnailWidth: thumb.info.width,
      thumbnailHeight: thumb.info.height,
    };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw photoUnreadable();
  }
}
