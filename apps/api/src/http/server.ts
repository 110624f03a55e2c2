import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  AppError,
  type AppointmentMessagingPort,
  appRouter,
  type Clock,
  type Config,
  type Context,
  type Database,
  GENERIC_INTERNAL_MESSAGE,
  HTTP_STATUS,
  icsFeedForToken,
  type Keyring,
  type LicenceRegistry,
  type Logger,
  type Metrics,
  migrationStatus,
  PHOTO_UPLOAD_BODY_LIMIT,
  ping,
  type RateLimiter,
  type RealtimeHub,
  resolveSession,
  SESSION_COOKIE,
  toTransportCode,
} from '@clinia/server';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import {
  type FastifyTRPCPluginOptions,
  fastifyRequestHandler,
  fastifyTRPCPlugin,
} from '@trpc/server/adapters/fastify';
import Fastify, { LogController } from 'fastify';
import { whatsAppWebhookPlugin } from './whatsapp-webhook';

export type ServerDeps = {
  config: Config;
  database: Database;
  logger: Logger;
  clock: Clock;
  metrics: Metrics;
  version: string;
  /** Folder with the built web app (index.html), or null to serve the API only. */
  webDistDir: string | null;
  keyring: Keyring;
  loginLimiter: RateLimiter;
  licenceRegistry: LicenceRegistry;
  /** PEM certificate and key: serve HTTPS with TLS 1.3 as the minimum. */
  tls: { cert: Buffer; key: Buffer } | null;
  /** LISTEN/NOTIFY fan-out for subscriptions (SSE); closed on shutdown so open streams end. */
  realtime: RealtimeHub | null;
  /** Scheduling behind the messaging port (replies confirm or cancel appointments). */
  appointments: AppointmentMessagingPort;
};

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{8,128}$/;

/** Builds the HTTP server: tRPC at /trpc, health, readiness, metrics and the web app. */
export async function buildServer(deps: ServerDeps) {
  const { config, database, logger, metrics } = deps;
  const app = Fastify({
    ...(deps.tls
      ? { https: { cert: deps.tls.cert, key: deps.tls.key, minVersion: 'TLSv1.3' as const } }
      : {}),
    loggerInstance: logger,
    // Keep the caller's request id when it looks like one, so traces join across proxies.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    // Fastify's own per-request lines are off: onResponse writes one path-only line per request.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 5000 },
    bodyLimit: 5 * 1024 * 1024,
  });

  // During shutdown, in-flight responses close their connection; otherwise an idle keep-alive socket
  // would hold app.close() open until the keep-alive timeout.
  let isClosing = false;
  app.addHook('preClose', async () => {
    isClosing = true;
    // Open SSE subscriptions are never idle: ending their streams lets close() finish.
    await deps.realtime?.close();
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (isClosing) reply.header('connection', 'close');
    return payload;
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = routeLabel(request.routeOptions.url, request.url);
    metrics.httpDuration.observe(
      { method: request.method, route, status_code: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    // Paths only, never query strings: nothing personal belongs in URLs, and logs stay safe if it slips.
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    request.log[level](
      {
        method: request.method,
        route,
        statusCode: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime),
      },
      'request completed',
    );
  });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof AppError) {
      request.log.info({ code: error.code }, 'request refused');
      return reply
        .status(HTTP_STATUS[toTransportCode(error)])
        .send({ code: error.code, message: error.userMessage });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ code: 'BAD_REQUEST', message: 'Requisição inválida.' });
    }
    metrics.unexpectedErrors.inc({ source: 'http' });
    request.log.error({ err: error }, 'unexpected error');
    return reply
      .status(500)
      .send({ code: 'INTERNAL', message: GENERIC_INTERNAL_MESSAGE, requestId: request.id });
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    // Mantine injects its CSS variables in style attributes; everything else comes from our own origin.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    strictTransportSecurity: deps.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });

  /** Secure cookies over HTTPS always; on plain HTTP only for localhost, which browsers treat as secure. */
  const isSecureRequest = (protocol: string, hostname: string) =>
    config.session.cookieSecure === 'always' ||
    (config.session.cookieSecure === 'auto' &&
      (protocol === 'https' || hostname === 'localhost' || hostname === '127.0.0.1'));

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await ping(database);
    } catch {
      return reply.status(503).send({ status: 'not_ready', reason: 'Banco de dados inacessível.' });
    }
    const status = await migrationStatus(database);
    if (status.pending.length > 0) {
      return reply.status(503).send({
        status: 'not_ready',
        reason: `Migrações pendentes: ${status.pending.join(', ')}. Rode "npm run db:migrate".`,
        migrations: status,
      });
    }
    if (status.unknown > 0) {
      return reply.status(503).send({
        status: 'not_ready',
        reason: `O banco tem ${status.unknown} migração(ões) que esta versão do Clinia não conhece.`,
        migrations: status,
      });
    }
    return {
      status: 'ready',
      database: database.driver,
      migrations: { applied: status.applied, pending: [] },
    };
  });

  // A professional's private agenda feed (token in the path: calendar apps cannot send headers).
  app.get<{ Params: { clinicId: string; professionalId: string; token: string } }>(
    '/ics/:clinicId/:professionalId/:token',
    async (request, reply) => {
      const token = request.params.token.replace(/\.ics$/, '');
      const text = await icsFeedForToken(
        { database, clock: deps.clock },
        { clinicId: request.params.clinicId, professionalId: request.params.professionalId, token },
      );
      if (text === null)
        return reply.status(404).send({ error: 'NOT_FOUND', userMessage: 'Agenda não encontrada.' });
      reply.header('content-type', 'text/calendar; charset=utf-8');
      reply.header('cache-control', 'private, max-age=300');
      return text;
    },
  );

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  await app.register(
    whatsAppWebhookPlugin({
      database,
      keyring: deps.keyring,
      clock: deps.clock,
      logger,
      webhook: config.whatsappWebhook,
      appointments: deps.appointments,
    }),
  );

  const trpcOptions = {
    router: appRouter,
    createContext: async ({ req, res }): Promise<Context> => {
      const base = {
        database,
        config,
        // Fastify's request logger is a pino child carrying the request id on every line.
        logger: req.log as unknown as Logger,
        clock: deps.clock,
        version: deps.version,
        keyring: deps.keyring,
        loginLimiter: deps.loginLimiter,
        licenceRegistry: deps.licenceRegistry,
        ...(deps.realtime ? { realtime: deps.realtime } : {}),
        requestId: req.id,
        ip: req.ip ?? null,
        userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
      };
      const sessionToken = req.cookies[SESSION_COOKIE] ?? null;
      const resolved = await resolveSession(base, sessionToken);
      const secure = isSecureRequest(req.protocol, req.hostname.split(':')[0] ?? '');
      const csrf = req.headers['x-csrf-token'];
      return {
        ...base,
        actor: resolved.actor,
        sessionProblem: resolved.problem,
        sessionToken: resolved.actor ? sessionToken : null,
        csrfHeader: typeof csrf === 'string' ? csrf : null,
        cookies: {
          setSession: (token, maxAgeS) =>
            void res.setCookie(SESSION_COOKIE, token, {
              httpOnly: true,
              secure,
              sameSite: 'strict',
              path: '/',
              maxAge: maxAgeS,
            }),
          clearSession: () => void res.clearCookie(SESSION_COOKIE, { path: '/' }),
        },
      };
    },
    onError: ({ error, ctx, path: procedure }) => {
      const log = ctx?.logger ?? logger;
      if (error.cause instanceof AppError) {
        log.info({ procedure, code: error.cause.code }, 'procedure refused');
      } else if (error.code === 'INTERNAL_SERVER_ERROR') {
        metrics.unexpectedErrors.inc({ source: 'trpc' });
        log.error({ procedure, err: error.cause ?? error }, 'unexpected error in procedure');
      } else {
        log.info({ procedure, code: error.code }, 'procedure refused');
      }
    },
  } satisfies FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'];

  // Photo uploads travel base64 in JSON (up to 25 MB files): only this path gets the larger body
  // limit; every other procedure keeps the 5 MB one. Same handler, context and error mapping as /trpc.
  await app.register(async (upload) => {
    upload.removeContentTypeParser('application/json');
    upload.addContentTypeParser(
      'application/json',
      { parseAs: 'string', bodyLimit: PHOTO_UPLOAD_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    upload.post('/trpc/photos.upload', { bodyLimit: PHOTO_UPLOAD_BODY_LIMIT }, async (req, res) => {
      await fastifyRequestHandler({ ...trpcOptions, req, res, path: 'photos.upload' });
    });
  });
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions });

  const indexHtml = deps.webDistDir ? path.join(deps.webDistDir, 'index.html') : null;
  if (deps.webDistDir && indexHtml && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, { root: deps.webDistDir, wildcard: false, index: ['index.html'] });
    // SPA: any other GET that wants HTML gets the app, which routes on the client.
    app.setNotFoundHandler((request, reply) => {
      const wantsHtml = request.method === 'GET' && (request.headers.accept ?? '').includes('text/html');
      if (wantsHtml && !request.url.startsWith('/trpc'))
        return reply.type('text/html').sendFile('index.html');
      return reply.status(404).send({ code: 'NOT_FOUND', message: 'Recurso não encontrado.' });
    });
  } else {
    app.setNotFoundHandler((_request, reply) =>
      reply.status(404).send({ code: 'NOT_FOUND', message: 'Recurso não encontrado.' }),
    );
    if (deps.webDistDir)
      logger.warn({ webDistDir: deps.webDistDir }, 'web app not built: run "npm run build:web"');
  }

  return app;
}

const KNOWN_PROCEDURES = new Set(Object.keys(appRouter._def.procedures));

/**
 * A low-cardinality route label: the route pattern, or the tRPC procedure path(s). Unknown paths
 * collapse to one label so arbitrary URLs cannot blow up the metric series.
 */
export function routeLabel(pattern: string | undefined, url: string): string {
  if (url.startsWith('/trpc/')) {
    const procedures = (url.slice('/trpc/'.length).split('?')[0] ?? '').split(',');
    if (procedures.length > 1) return '/trpc/(batch)';
    return procedures.every((p) => KNOWN_PROCEDURES.has(p)) ? `/trpc/${procedures[0]}` : '/trpc/(unknown)';
  }
  return pattern ?? '(unmatched)';
}

export type ClinicaServer = Awaited<ReturnType<typeof buildServer>>;
