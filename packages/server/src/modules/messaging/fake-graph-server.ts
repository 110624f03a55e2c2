/**
 * A local stand-in for the WhatsApp Business Cloud API (REGULATION.md 6), for tests, benchmarks and the
 * demo. Same wire contract as Graph: POST /{version}/{phone-number-id}/messages with a bearer token,
 * the template and text shapes, `wamid.` ids, Graph-style errors (131047 outside the 24-hour window,
 * 132001 unknown template), and signed webhooks (X-Hub-Signature-256) back to the application for
 * statuses and inbound messages. It deduplicates sends by Idempotency-Key, which is what lets the crash
 * test prove exactly-once delivery. Independent of whatsapp-cloud.ts (own parsing) on purpose.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeGraphDelivery = {
  wamid: string;
  idempotencyKey: string | null;
  to: string;
  type: 'template' | 'text';
  templateName: string | null;
  parameters: string[];
  text: string | null;
  acceptedAt: Date;
};

export type FakeGraphOptions = {
  accessToken: string;
  phoneNumberId: string;
  appSecret: string;
  /** Where to post signed webhooks (settable later, once the app listens). */
  webhookUrl?: string | null;
  /** Post sent → delivered → read for every accepted message (demo). */
  autoStatuses?: boolean;
  /**
   * Refuse free text outside the 24-hour window (131047), as Meta does; default true. The demo turns
   * it off: replies reach Clinia's webhook without passing through this fake, so it cannot know the
   * window, and Clinia checks the window itself before it sends free text.
   */
  enforceWindow?: boolean;
  approvedTemplates?: string[];
  /** Delay before answering a send (lets a test kill the sender mid-request). */
  responseDelayMs?: number;
  /** Called when a send arrives, before it is answered. */
  onSend?: (delivery: { idempotencyKey: string | null; count: number }) => void;
  port?: number;
  now?: () => Date;
};

export type FakeGraphServer = {
  /** The base URL to configure as WHATSAPP_API_BASE_URL. */
  url: string;
  /** Accepted messages, one per idempotency key. */
  deliveries: FakeGraphDelivery[];
  /** Every send request received, including deduplicated retries. */
  sendRequests: number;
  setWebhookUrl(url: string): void;
  /** The next sends answer with this Graph error (one entry per send). */
  failNext(...errors: { status: number; code: number }[]): void;
  /** A client message arriving at the business number; returns the app's HTTP status. */
  simulateInbound(input: {
    from: string;
    text?: string;
    buttonPayload?: string;
    name?: string;
  }): Promise<number>;
  /** A status callback for an accepted message; returns the app's HTTP status. */
  postStatus(
    wamid: string,
    status: 'sent' | 'delivered' | 'read' | 'failed',
    errorCode?: number,
  ): Promise<number>;
  close(): Promise<void>;
};

const MAX_BODY = 256 * 1024;

export async function startFakeGraphServer(options: FakeGraphOptions): Promise<FakeGraphServer> {
  const now = options.now ?? (() => new Date());
  const deliveries: FakeGraphDelivery[] = [];
  const byKey = new Map<string, FakeGraphDelivery>();
  const lastInbound = new Map<string, number>();
  const pendingErrors: { status: number; code: number }[] = [];
  let webhookUrl = options.webhookUrl ?? null;
  let sendRequests = 0;
  const timers = new Set<NodeJS.Timeout>();

  const graphError = (res: ServerResponse, status: number, code: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        error: { message, type: 'OAuthException', code, fbtrace_id: randomBytes(6).toString('hex') },
      }),
    );
  };

  async function postWebhook(value: Record<string, unknown>): Promise<number> {
    if (!webhookUrl) return 0;
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA-FAKE',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '551130000000', phone_number_id: options.phoneNumberId },
                ...value,
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac('sha256', options.appSecret).update(body).digest('hex')}`;
    try {
      const response = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body,
      });
      return response.status;
    } catch {
      return 0;
    }
  }

  /** Like Meta: a webhook not answered 200 is delivered again later (here: a few quick retries). */
  function deliverLater(value: Record<string, unknown>, delayMs: number, attempt = 0) {
    const timer = setTimeout(async () => {
      timers.delete(timer);
      const status = await postWebhook(value);
      if (status !== 200 && attempt < 5) deliverLater(value, 200 * 2 ** attempt, attempt + 1);
    }, delayMs);
    timers.add(timer);
  }

  const statusValue = (d: FakeGraphDelivery, status: string, errorCode?: number) => ({
    statuses: [
      {
        id: d.wamid,
        status,
        timestamp: String(Math.floor(now().getTime() / 1000)),
        recipient_id: d.to,
        ...(d.idempotencyKey ? { biz_opaque_callback_data: d.idempotencyKey } : {}),
        ...(status === 'failed'
          ? {
              errors: [
                {
                  code: errorCode ?? 131026,
                  title: 'Message undeliverable',
                  message: 'Message undeliverable',
                },
              ],
            }
          : { pricing: { billable: true, pricing_model: 'PMP', category: 'utility' } }),
      },
    ],
  });

  async function handleSend(req: IncomingMessage, res: ServerResponse, raw: string) {
    sendRequests += 1;
    if (req.headers.authorization !== `Bearer ${options.accessToken}`)
      return graphError(res, 401, 190, 'Invalid OAuth access token.');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return graphError(res, 400, 100, 'Invalid JSON.');
    }
    if (body.status === 'read' && typeof body.message_id === 'string') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ success: true }));
    }
    const to = typeof body.to === 'string' ? body.to : '';
    if (body.messaging_product !== 'whatsapp' || !/^\d{10,15}$/.test(to))
      return graphError(res, 400, 100, 'Invalid parameter');
    const headerKey = req.headers['idempotency-key'];
    const key = typeof headerKey === 'string' ? headerKey : null;
    options.onSend?.({ idempotencyKey: key, count: sendRequests });
    if (options.responseDelayMs) await new Promise((r) => setTimeout(r, options.responseDelayMs));
    const injected = pendingErrors.shift();
    if (injected) return graphError(res, injected.status, injected.code, 'Injected error');
    const existing = key ? byKey.get(key) : undefined;
    if (!existing) {
      let delivery: FakeGraphDelivery;
      if (body.type === 'template') {
        const template = body.template as
          | {
              name?: string;
              language?: { code?: string };
              components?: { type: string; parameters?: { text?: string }[] }[];
            }
          | undefined;
        if (!template?.name || !template.language?.code)
          return graphError(res, 400, 100, 'Invalid parameter');
        if (options.approvedTemplates && !options.approvedTemplates.includes(template.name))
          return graphError(res, 404, 132001, 'Template name does not exist in the translation');
        const parameters = (template.components ?? [])
          .filter((c) => c.type === 'body')
          .flatMap((c) => (c.parameters ?? []).map((p) => p.text ?? ''));
        delivery = {
          wamid: '',
          idempotencyKey: key,
          to,
          type: 'template',
          templateName: template.name,
          parameters,
          text: null,
          acceptedAt: now(),
        };
      } else if (body.type === 'text') {
        const text = (body.text as { body?: string } | undefined)?.body;
        if (!text) return graphError(res, 400, 100, 'Invalid parameter');
        const last = lastInbound.get(to);
        const outside = last === undefined || now().getTime() - last >= 24 * 3_600_000;
        if (outside && options.enforceWindow !== false)
          return graphError(res, 400, 131047, 'Re-engagement message');
        delivery = {
          wamid: '',
          idempotencyKey: key,
          to,
          type: 'text',
          templateName: null,
          parameters: [],
          text,
          acceptedAt: now(),
        };
      } else {
        return graphError(res, 400, 100, 'Unsupported message type');
      }
      delivery.wamid = `wamid.${Buffer.from(randomBytes(18)).toString('base64url')}`;
      deliveries.push(delivery);
      if (key) byKey.set(key, delivery);
      if (options.autoStatuses) {
        deliverLater(statusValue(delivery, 'sent'), 300);
        deliverLater(statusValue(delivery, 'delivered'), 900);
        deliverLater(statusValue(delivery, 'read'), 2500);
      }
    }
    const delivery = existing ?? deliveries[deliveries.length - 1];
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: to, wa_id: to }],
        messages: [{ id: delivery?.wamid, message_status: 'accepted' }],
      }),
    );
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const match = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(path);
      if (req.method !== 'POST' || !match) return graphError(res, 404, 803, 'Unknown path');
      if (match[2] !== options.phoneNumberId) return graphError(res, 400, 100, 'Unsupported post request');
      void handleSend(req, res, Buffer.concat(chunks).toString('utf8')).catch(() =>
        graphError(res, 500, 2, 'Service unavailable'),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    deliveries,
    get sendRequests() {
      return sendRequests;
    },
    setWebhookUrl: (url) => {
      webhookUrl = url;
    },
    failNext: (...errors) => {
      pendingErrors.push(...errors);
    },
    simulateInbound: async ({ from, text, buttonPayload, name }) => {
      lastInbound.set(from, now().getTime());
      const id = `wamid.${randomBytes(18).toString('base64url')}`;
      const timestamp = String(Math.floor(now().getTime() / 1000));
      const message = buttonPayload
        ? {
            from,
            id,
            timestamp,
            type: 'button',
            button: { payload: buttonPayload, text: text ?? buttonPayload },
          }
        : { from, id, timestamp, type: 'text', text: { body: text ?? '' } };
      return postWebhook({
        contacts: [{ profile: { name: name ?? 'Cliente' }, wa_id: from }],
        messages: [message],
      });
    },
    postStatus: async (wamid, status, errorCode) => {
      const delivery = deliveries.find((d) => d.wamid === wamid);
      if (!delivery) throw new Error('unknown wamid');
      return postWebhook(statusValue(delivery, status, errorCode));
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
