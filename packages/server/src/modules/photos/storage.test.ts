import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../platform/config';
import { type FakeS3Server, startFakeS3Server } from './fake-s3-server';
import { createLocalStorage, createS3Storage, type ObjectStorage, photoStorageFor } from './storage';

const S3 = {
  bucket: 'clinia-fotos',
  accessKeyId: 'AKTEST',
  secretAccessKey: 'segredo-de-teste',
  region: 'sa-east-1',
};

describe('photo storage adapters', () => {
  let dir: string;
  let fake: FakeS3Server;
  const adapters: [string, () => ObjectStorage][] = [];
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'clinia-photos-'));
    fake = await startFakeS3Server(S3);
    adapters.push(['local', () => createLocalStorage(dir)]);
    adapters.push(['s3', () => createS3Storage({ ...S3, endpoint: fake.url })]);
  });
  afterAll(async () => {
    await fake.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it.each(['local', 's3'])('%s: put, get, delete and a missing object', async (name) => {
    const storage = adapters.find(([n]) => n === name)?.[1]() as ObjectStorage;
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    await storage.put('org1/photo1/original', bytes);
    expect(await storage.get('org1/photo1/original')).toEqual(bytes);
    await storage.put('org1/photo1/original', Buffer.from('outro'));
    expect((await storage.get('org1/photo1/original'))?.toString()).toBe('outro');
    await storage.delete('org1/photo1/original');
    expect(await storage.get('org1/photo1/original')).toBeNull();
    await storage.delete('org1/photo1/original');
  });

  it('refuses keys that could leave the storage root', async () => {
    const storage = createLocalStorage(dir);
    for (const key of ['../etc/passwd', '/abs', 'a/../../b', 'A/B', '']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow('invalid storage key');
    }
  });

  it('signs every S3 request with SigV4 and the payload hash; a wrong secret is refused', async () => {
    const before = fake.requests.length;
    await createS3Storage({ ...S3, endpoint: fake.url }).put('org1/p/thumb', Buffer.from('abc'));
    const seen = fake.requests.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.status).toBe(200);
    expect(seen[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKTEST\/\d{8}\/sa-east-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
    );
    const wrong = createS3Storage({ ...S3, secretAccessKey: 'outro', endpoint: fake.url });
    await expect(wrong.put('org1/p/thumb', Buffer.from('x'))).rejects.toThrow(/403 SignatureDoesNotMatch/);
    expect(fake.objects.get('org1/p/thumb')?.toString()).toBe('abc');
  });

  it('is chosen by configuration: local under DATA_DIR by default, s3 with its keys', () => {
    const local = parseConfig({ DATA_DIR: '/srv/clinia' });
    expect(local.ok && local.config.photoStorage).toEqual({ driver: 'local', dir: '/srv/clinia/photos' });
    if (local.ok) expect(photoStorageFor(local.config).kind).toBe('local');
    const missing = parseConfig({ PHOTO_STORAGE: 's3', S3_ENDPOINT: 'http://127.0.0.1:9000' });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.problems.map((p) => p.key).sort()).toEqual([
        'S3_ACCESS_KEY_ID',
        'S3_BUCKET',
        'S3_SECRET_ACCESS_KEY',
      ]);
    const s3 = parseConfig({
      PHOTO_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'clinia-fotos',
      S3_ACCESS_KEY_ID: 'a',
      S3_SECRET_ACCESS_KEY: 'b',
    });
    expect(s3.ok && photoStorageFor(s3.config).kind).toBe('s3');
  });
});
