import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningClinia, startClinia } from './boot';

describe('HTTPS', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-tls-'));
  let running: RunningClinia;
  let port: number;
  beforeAll(async () => {
    // A throwaway self-signed certificate; openssl ships with the OS.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
      ],
      { stdio: 'ignore' },
    );
    running = await startClinia({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'silent',
      DATA_DIR: path.join(dir, 'data'),
      TLS_CERT_FILE: path.join(dir, 'cert.pem'),
      TLS_KEY_FILE: path.join(dir, 'key.pem'),
    });
    port = (running.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await running?.stop('test');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const handshake = (options: tls.ConnectionOptions) =>
    new Promise<string>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, ...options }, () => {
        resolve(socket.getProtocol() ?? '');
        socket.end();
      });
      socket.on('error', reject);
    });

  it('negotiates TLS 1.3', async () => {
    expect(await handshake({})).toBe('TLSv1.3');
  });

  it('refuses a client limited to TLS 1.2', async () => {
    await expect(handshake({ maxVersion: 'TLSv1.2' })).rejects.toThrow(/protocol version|alert/i);
  });

  it('serves the API with HSTS over HTTPS', async () => {
    const response = await new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve({
            status: res.statusCode ?? 0,
            hsts: res.headers['strict-transport-security'] as string | undefined,
          });
        })
        .on('error', reject);
    });
    expect(response).toEqual({ status: 200, hsts: 'max-age=31536000; includeSubDomains' });
    expect(running.url.startsWith('https://')).toBe(true);
  });
});
