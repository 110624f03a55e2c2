import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from '../../platform/crypto/keyring';

/**
 * Envelope encryption for photo objects. Each photo gets its own random 256-bit object key; its
 * objects (original and thumbnail) are AES-256-GCM sealed with that key, and the object key itself is
 * sealed by the keyring (platform/crypto: a data key wrapped by the master key, key id in the value)
 * into `photos.object_key_sealed`. So:
 *  - storage (disk or bucket) holds only `CPH1 ‖ iv ‖ ciphertext ‖ tag`, never an image;
 *  - data-key rotation (maintenance/key-rotation.ts) re-seals the small object key in the database and
 *    never has to rewrite objects;
 *  - the associated data binds each object to its photo and variant, so an object copied to another
 *    photo's key, or a thumbnail swapped for an original, fails to open.
 */
export const PHOTO_VARIANTS = ['original', 'thumbnail'] as const;
export type PhotoVariant = (typeof PHOTO_VARIANTS)[number];

const MAGIC = Buffer.from('CPH1');

export const objectKeyAad = (photoId: string) => `photos.object_key:${photoId}`;
const objectAad = (photoId: string, variant: PhotoVariant) =>
  Buffer.from(`clinia-photo-v1:${photoId}:${variant}`);

export function createObjectKey(keyring: Keyring, photoId: string): { key: Buffer; sealed: string } {
  const key = randomBytes(32);
  return { key, sealed: keyring.seal(key.toString('base64'), objectKeyAad(photoId)) };
}

export function openObjectKey(keyring: Keyring, sealed: string, photoId: string): Buffer {
  const key = Buffer.from(keyring.open(sealed, objectKeyAad(photoId)), 'base64');
  if (key.length !== 32) throw new Error('photo object key has the wrong length');
  return key;
}

export function sealObject(key: Buffer, bytes: Buffer, photoId: string, variant: PhotoVariant): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(objectAad(photoId, variant));
  const ciphertext = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return Buffer.concat([MAGIC, iv, ciphertext, cipher.getAuthTag()]);
}

export function openObject(key: Buffer, blob: Buffer, photoId: string, variant: PhotoVariant): Buffer {
  if (blob.length < MAGIC.length + 28 || !blob.subarray(0, MAGIC.length).equals(MAGIC))
    throw new Error('not a sealed photo object');
  const iv = blob.subarray(4, 16);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(objectAad(photoId, variant));
  decipher.setAuthTag(blob.subarray(blob.length - 16));
  return Buffer.concat([decipher.update(blob.subarray(16, blob.length - 16)), decipher.final()]);
}
