import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsV4Signer } from 'aws4fetch';

/**
 * A local stand-in for an S3-compatible service: PUT, GET and DELETE of objects in one bucket,
 * path-style (`/<bucket>/<key>`), in memory. It checks what a real service checks on the wire: the
 * SigV4 Authorization header (recomputed with the shared secret over the signed headers), the
 * x-amz-date skew and the payload hash. Tests read `objects` to look at the stored bytes raw.
 */
export type FakeS3Server = {
  url: string;
  objects: Map<string, Buffer>;
  /** Every request seen: method, path and the outcome status, for wire-level assertions. */
  requests: { method: string; path: string; status: number; authorization: string | null }[];
  close: () => Promise<void>;
};

export type FakeS3Options = {
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  port?: number;
};

const MAX_BODY = 64 * 1024 * 1024;
const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

function errorXml(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function verifySignature(
  req: IncomingMessage,
  url: URL,
  body: Buffer,
  options: FakeS3Options,
): Promise<string | null> {
  const authorization = req.headers.authorization ?? '';
  const match = AUTH_PATTERN.exec(authorization);
  if (!match) return 'AuthorizationHeaderMalformed';
  const [, accessKeyId, date, region, signedHeaders] = match;
  if (accessKeyId !== options.accessKeyId) return 'InvalidAccessKeyId';
  if (region !== options.region) return 'AuthorizationHeaderMalformed';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) return 'AccessDenied';
  const skew = Math.abs(
    Date.parse(
      `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
    ) - Date.now(),
  );
  if (skew > 15 * 60_000) return 'RequestTimeTooSkewed';
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== createHash('sha256').update(body).digest('hex')) return 'XAmzContentSHA256Mismatch';
  const names = (signedHeaders ?? '').split(';');
  if (!names.includes('host') || !names.includes('x-amz-date') || !names.includes('x-amz-content-sha256'))
    return 'AccessDenied';
  const headers: Record<string, string> = {};
  for (const name of names) headers[name] = String(req.headers[name] ?? '');
  const signer = new AwsV4Signer({
    method: req.method ?? 'GET',
    url: url.toString(),
    headers,
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: 's3',
    datetime: amzDate,
    allHeaders: true,
  });
  const expected = (await signer.sign()).headers.get('authorization') ?? '';
  const a = Buffer.from(expected);
  const b = Buffer.from(authorization.replace(/, ?/g, ', '));
  if (a.length !== b.length || !timingSafeEqual(a, b)) return 'SignatureDoesNotMatch';
  return null;
}

export async function startFakeS3Server(options: FakeS3Options): Promise<FakeS3Server> {
  const objects = new Map<string, Buffer>();
  const requests: FakeS3Server['requests'] = [];
  const server = createServer((req, res) => {
    const handle = async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const prefix = `/${options.bucket}/`;
      const status = (code: number) => {
        requests.push({
          method: req.method ?? '',
          path: url.pathname,
          status: code,
          authorization: req.headers.authorization ?? null,
        });
      };
      const body = await readBody(req);
      if (body === null) {
        status(400);
        return errorXml(res, 400, 'EntityTooLarge');
      }
      const problem = await verifySignature(req, url, body, options);
      if (problem) {
        status(403);
        return errorXml(res, 403, problem);
      }
      if (!url.pathname.startsWith(prefix)) {
        status(404);
        return errorXml(res, 404, 'NoSuchBucket');
      }
      const key = decodeURIComponent(url.pathname.slice(prefix.length));
      if (req.method === 'PUT') {
        objects.set(key, body);
        status(200);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        return res.end();
      }
      if (req.method === 'GET') {
        const object = objects.get(key);
        if (!object) {
          status(404);
          return errorXml(res, 404, 'NoSuchKey');
        }
        status(200);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': object.length });
        return res.end(object);
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        status(204);
        res.writeHead(204);
        return res.end();
      }
      status(405);
      return errorXml(res, 405, 'MethodNotAllowed');
    };
    handle().catch(() => errorXml(res, 500, 'InternalError'));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
