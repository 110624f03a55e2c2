import { timingSafeEqual } from 'node:crypto';
import {
  type AppointmentMessagingPort,
  type Clock,
  type Database,
  handleWhatsAppWebhook,
  type Keyring,
  type Logger,
} from '@clinia/server';
import type { FastifyPluginAsync } from 'fastify';

export type WhatsAppWebhookDeps = {
  database: Database;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
  /** From config; null answers 503 (WhatsApp not configured on this install). */
  webhook: { appSecret: string; verifyToken: string } | null;
  appointments: AppointmentMessagingPort;
};

export const WHATSAPP_WEBHOOK_PATH = '/webhooks/whatsapp';

/**
 * The WhatsApp Cloud API webhook (REGULATION.md 6.2). GET is Meta's subscription handshake: the raw
 * `hub.challenge` when the verify token matches, 403 otherwise. POST keeps the body as raw bytes (its
 * own content-type parser, scoped to this plugin) because the HMAC in X-Hub-Signature-256 is over
 * exactly those bytes; a forged signature answers 401 before anything is parsed or stored.
 */
export function whatsAppWebhookPlugin(deps: WhatsAppWebhookDeps): FastifyPluginAsync {
  return async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );

    scope.get(WHATSAPP_WEBHOOK_PATH, async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      if (!deps.webhook) return reply.status(503).send({ code: 'WHATSAPP_NOT_CONFIGURED' });
      const token = query['hub.verify_token'];
      if (query['hub.mode'] === 'subscribe' && token && safeEqual(token, deps.webhook.verifyToken)) {
        return reply
          .status(200)
          .type('text/plain')
          .send(query['hub.challenge'] ?? '');
      }
      return reply.status(403).send({ code: 'FORBIDDEN', message: 'Token de verificação inválido.' });
    });

    scope.post(WHATSAPP_WEBHOOK_PATH, async (request, reply) => {
      if (!deps.webhook) return reply.status(503).send({ code: 'WHATSAPP_NOT_CONFIGURED' });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const header = request.headers['x-hub-signature-256'];
      const result = await handleWhatsAppWebhook(
        {
          database: deps.database,
          keyring: deps.keyring,
          clock: deps.clock,
          logger: request.log as unknown as Logger,
          appSecret: deps.webhook.appSecret,
          appointments: deps.appointments,
        },
        raw,
        typeof header === 'string' ? header : undefined,
      );
      if (result.httpStatus === 401) request.log.warn('whatsapp webhook refused: bad signature');
      return reply.status(result.httpStatus).send(result.httpStatus === 200 ? 'EVENT_RECEIVED' : '');
    });
  };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  if (left.length !== right.length) return false;
  return timingSafeEqual(left, right);
}
