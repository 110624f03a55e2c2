import { describe, expect, it } from 'vitest';
import { testKeyring } from '../../testing/context';
import { createObjectKey, openObject, openObjectKey, sealObject } from './photo-sealing';

const photoId = '6f1c1c9e-0d0e-4d55-9a3c-0c7f6a1d2b3c';
const otherPhotoId = '0b7d4a52-55e4-4a5e-8e0e-7c1b8f3f9d11';
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe1]), Buffer.from('Exif\0\0 pixels')]);

describe('photo object sealing', () => {
  it('seals with a per-photo key wrapped by the keyring (data key id recorded)', () => {
    const keyring = testKeyring();
    const { key, sealed } = createObjectKey(keyring, photoId);
    expect(keyring.keyIdOf(sealed)).toBe('dk-test');
    expect(openObjectKey(keyring, sealed, photoId)).toEqual(key);
    expect(() => openObjectKey(keyring, sealed, otherPhotoId)).toThrow();
    const blob = sealObject(key, jpeg, photoId, 'original');
    expect(blob.subarray(0, 4).toString()).toBe('CPH1');
    expect(blob.includes(Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
    expect(blob.includes(Buffer.from('Exif'))).toBe(false);
    expect(openObject(key, blob, photoId, 'original')).toEqual(jpeg);
  });

  it('refuses an object moved to another photo, swapped variant or tampered bytes', () => {
    const { key } = createObjectKey(testKeyring(), photoId);
    const blob = sealObject(key, jpeg, photoId, 'original');
    expect(() => openObject(key, blob, otherPhotoId, 'original')).toThrow();
    expect(() => openObject(key, blob, photoId, 'thumbnail')).toThrow();
    const tampered = Buffer.from(blob);
    tampered[20] = (tampered[20] ?? 0) ^ 1;
    expect(() => openObject(key, tampered, photoId, 'original')).toThrow();
    expect(() => openObject(key, jpeg, photoId, 'original')).toThrow('not a sealed photo object');
  });
});
