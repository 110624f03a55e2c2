import { PHOTO_MAX_BYTES } from '@clinia/contracts';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { detectPhotoFormat, type HeicDecoder, processPhoto } from './image-processing';

/** A landscape test image (left half red, right half blue) with the given EXIF and orientation. */
async function fixture(format: 'jpeg' | 'png', orientation?: number): Promise<Buffer> {
  const red = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#ff0000' } })
    .png()
    .toBuffer();
  const image = sharp({ create: { width: 120, height: 40, channels: 3, background: '#0000ff' } }).composite([
    { input: red, left: 0, top: 0 },
  ]);
  const withMeta = image.withMetadata({
    ...(orientation ? { orientation } : {}),
    exif: {
      IFD0: { Make: 'ClinicPhone', Model: 'SerialXYZ123', Artist: 'Fulano de Tal', Copyright: 'SEGREDO' },
      IFD3: {
        GPSLatitudeRef: 'S',
        GPSLatitude: '23/1 33/1 0/1',
        GPSLongitudeRef: 'W',
        GPSLongitude: '46/1 38/1 0/1',
      },
    },
  });
  return format === 'jpeg' ? withMeta.jpeg().toBuffer() : withMeta.png().toBuffer();
}

const NEEDLES = [
  'ClinicPhone',
  'SerialXYZ123',
  'Fulano',
  'SEGREDO',
  'Exif',
  'http://ns.adobe.com',
  'ICC_PROFILE',
];

async function expectNoMetadata(jpeg: Buffer) {
  for (const needle of NEEDLES) expect(jpeg.includes(Buffer.from(needle))).toBe(false);
  const meta = await sharp(jpeg).metadata();
  expect(meta.format).toBe('jpeg');
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
}

async function pixel(jpeg: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.code}: ${error.userMessage}`;
    throw error;
  }
  return 'no error';
}

describe('photo processing', () => {
  it('the fixture really carries EXIF with GPS (so the strip test means something)', async () => {
    const input = await fixture('jpeg', 6);
    expect(input.includes(Buffer.from('SerialXYZ123'))).toBe(true);
    const meta = await sharp(input).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif).toBeDefined();
  });

  it('rotates a JPEG upright by its EXIF orientation, then strips every metadata block', async () => {
    const result = await processPhoto(await fixture('jpeg', 6));
    expect(result.sourceFormat).toBe('jpeg');
    // Orientation 6 = rotate 90° clockwise to display: 120×40 becomes 40×120, red (left) goes on top.
    expect([result.width, result.height]).toEqual([40, 120]);
    const [r, , b] = await pixel(result.original, 20, 10);
    expect(r).toBeGreaterThan(200);
    expect(b).toBeLessThan(60);
    await expectNoMetadata(result.original);
    await expectNoMetadata(result.thumbnail);
  });

  it('converts PNG to JPEG and makes a thumbnail no larger than 320 px', async () => {
    const big = await sharp({ create: { width: 1200, height: 800, channels: 4, background: '#33aa66' } })
      .withMetadata({ exif: { IFD0: { Artist: 'Fulano de Tal' } } })
      .png()
      .toBuffer();
    const result = await processPhoto(big);
    expect(result.sourceFormat).toBe('png');
    expect(detectPhotoFormat(result.original)).toBe('jpeg');
    expect([result.thumbnailWidth, result.thumbnailHeight]).toEqual([320, 213]);
    expect((await sharp(result.thumbnail).metadata()).width).toBe(320);
    await expectNoMetadata(result.original);
  });

  it('decodes HEIC through the HEIC decoder (sharp lacks HEVC) and strips nothing left to strip', async () => {
    // No permissively licensed HEIC sample ships in node_modules and nothing here can encode HEVC, so
    // the test builds a HEIF header (ftyp box, brand heic) and injects the decoder; the real
    // heic-decode is exercised by the smoke test below on invalid data.
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mif1heic'),
      Buffer.from('rest-of-file'),
    ]);
    expect(detectPhotoFormat(heic)).toBe('heic');
    const calls: number[] = [];
    const decoder: HeicDecoder = async (bytes) => {
      calls.push(bytes.length);
      const data = new Uint8ClampedArray(10 * 20 * 4).fill(200);
      return { width: 10, height: 20, data };
    };
    const result = await processPhoto(heic, { decodeHeic: decoder });
    expect(calls).toEqual([heic.length]);
    expect(result.sourceFormat).toBe('heic');
    expect([result.width, result.height]).toEqual([10, 20]);
    await expectNoMetadata(result.original);
  });

  it('a damaged HEIC through the real decoder is refused with a message naming the field', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]);
    expect(await codeOf(processPhoto(heic))).toMatch(/^PHOTO_UNREADABLE: Foto: /);
  });

  it('refuses other types, empty and oversize files in pt-BR naming the field', async () => {
    const gif = Buffer.from('GIF89a....');
    expect(await codeOf(processPhoto(gif))).toBe(
      'PHOTO_UNSUPPORTED_TYPE: Foto: formato não aceito. Envie JPEG, PNG ou HEIC (fotos de celular).',
    );
    const pdf = Buffer.from('%PDF-1.7 with .jpg name');
    expect(await codeOf(processPhoto(pdf))).toMatch(/^PHOTO_UNSUPPORTED_TYPE/);
    expect(await codeOf(processPhoto(Buffer.alloc(0)))).toBe('PHOTO_EMPTY: Foto: o arquivo está vazio.');
    const huge = Buffer.alloc(PHOTO_MAX_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff]);
    expect(await codeOf(processPhoto(huge))).toMatch(/^PHOTO_TOO_LARGE: Foto: o arquivo passa de 25 MB/);
    const truncated = (await fixture('jpeg')).subarray(0, 200);
    expect(await codeOf(processPhoto(truncated))).toMatch(/^PHOTO_UNREADABLE/);
  });
});
