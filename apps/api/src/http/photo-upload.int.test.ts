import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningClinia, startClinia } from '../boot';

/** The larger body limit belongs to photos.upload alone; every other procedure keeps 5 MB. */
describe('photo upload body limit', () => {
  let running: RunningClinia;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-upload-'));
  beforeAll(async () => {
    running = await startClinia({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      SEED_DEMO: 'never',
    });
  });
  afterAll(async () => {
    await running?.stop('test');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const post = (procedure: string, body: string) =>
    fetch(`${running.url}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
  const bigJson = () => JSON.stringify({ contentBase64: 'A'.repeat(8 * 1024 * 1024) });

  it('refuses an 8 MB body on an ordinary procedure', async () => {
    const response = await post('clients.register', bigJson());
    expect(response.status).toBe(413);
  });

  it('lets an 8 MB body reach photos.upload, which then asks for a session', async () => {
    const response = await post('photos.upload', bigJson());
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { data: { code: string } } };
    expect(body.error.data.code).toBe('UNAUTHORIZED');
  });
});
