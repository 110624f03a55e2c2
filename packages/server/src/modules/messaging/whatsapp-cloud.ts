import { ProviderError, type WhatsAppSender, type WhatsAppTemplateSend } from './ports';

/**
 * WhatsApp Business Cloud API adapter (REGULATION.md 6.1): POST {base}/{version}/{phone-number-id}/messages
 * with a bearer token. The idempotency key travels as `biz_opaque_callback_data` (echoed in status
 * callbacks) and as an Idempotency-Key header, which our fake honours; Meta itself has no
 * request-level deduplication, see docs/architecture.md, "Messaging", for what that means.
 */
export type WhatsAppCloudConfig = {
  baseUrl: string;
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  /** Per request; a hung provider must not hold a worker forever. */
  timeoutMs?: number;
};

/** Graph error codes worth another try (throttling, temporary trouble); the rest fail the message. */
const RETRIABLE_GRAPH_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

export function createWhatsAppCloudSender(config: WhatsAppCloudConfig): WhatsAppSender {
  const url = `${config.baseUrl.replace(/\/$/, '')}/${config.apiVersion}/${config.phoneNumberId}/messages`;

  async function post(
    body: Record<string, unknown>,
    idempotencyKey: string,
  ): Promise<{ providerMessageId: string }> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${config.accessToken}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ messaging_product: 'whatsapp', recipient_type: 'individual', ...body }),
        signal: AbortSignal.timeout(config.timeoutMs ?? 15_000),
      });
    } catch {
      throw new ProviderError('network', true);
    }
    const json = (await response.json().catch(() => null)) as {
      messages?: { id?: string }[];
      error?: { code?: number };
    } | null;
    if (response.ok) {
      const id = json?.messages?.[0]?.id;
      if (!id) throw new ProviderError('no_message_id', true);
      return { providerMessageId: id };
    }
    const code = json?.error?.code;
    const retriable =
      response.status >= 500 ||
      response.status === 429 ||
      (code !== undefined && RETRIABLE_GRAPH_CODES.has(code));
    throw new ProviderError(code !== undefined ? `graph_${code}` : `http_${response.status}`, retriable);
  }

  return {
    sendTemplate: (m: WhatsAppTemplateSend) =>
      post(
        {
          to: toWaNumber(m.to),
          type: 'template',
          biz_opaque_callback_data: m.idempotencyKey,
          template: {
            name: m.templateName,
            language: { code: m.language },
            components: [
              { type: 'body', parameters: m.bodyParameters.map((text) => ({ type: 'text', text })) },
              ...m.buttonPayloads.map((payload, index) => ({
                type: 'button',
                sub_type: 'quick_reply',
                index: String(index),
                parameters: [{ type: 'payload', payload }],
              })),
            ],
          },
        },
        m.idempotencyKey,
      ),
    sendText: (m) =>
      post(
        {
          to: toWaNumber(m.to),
          type: 'text',
          biz_opaque_callback_data: m.idempotencyKey,
          text: { preview_url: false, body: m.body },
        },
        m.idempotencyKey,
      ),
  };
}

/** +5511987654321 → 5511987654321 (the Cloud API takes digits with the country code). */
export function toWaNumber(e164: string): string {
  return e164.replace(/\D/g, '');
}
