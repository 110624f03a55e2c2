import { TZDate } from '@date-fns/tz';
import { zonedInstant } from '../../platform/clock';

/**
 * Pure messaging rules: quiet hours in the clinic's zone, retry backoff, the monotonic status order
 * of WhatsApp callbacks, the 24-hour customer-service window and what a client's reply means.
 */

/** Minutes since local midnight of an HH:mm string. */
function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * The first instant at or after `at` outside the quiet window [quietStart, quietEnd) in `timeZone`.
 * The window may wrap midnight (20:00–08:00) or not (12:00–14:00); equal bounds mean no quiet hours.
 */
export function nextAllowedInstant(
  at: Date,
  plan: { quietStart: string; quietEnd: string },
  timeZone: string,
): Date {
  const start = minutesOf(plan.quietStart);
  const end = minutesOf(plan.quietEnd);
  if (start === end) return at;
  const local = new TZDate(at.getTime(), timeZone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const wraps = start > end;
  const inQuiet = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inQuiet) return at;
  const ymd = (d: TZDate) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  // After the evening start of a wrapping window, the window ends tomorrow morning.
  const endsTomorrow = wraps && minute >= start;
  const day = endsTomorrow ? new TZDate(at.getTime() + 24 * 3_600_000, timeZone) : local;
  return zonedInstant(ymd(day), plan.quietEnd, timeZone);
}

export const RETRY_BASE_MS = 30_000;
export const RETRY_CAP_MS = 3_600_000;

/** Exponential backoff after the n-th failed attempt (1-based): 30 s, 1 min, 2 min, ... capped at 1 h. */
export function retryDelayMs(attempt: number): number {
  return Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

export const DELIVERY_STATUSES = ['accepted', 'sent', 'delivered', 'read'] as const;
export type TDeliveryStatus = (typeof DELIVERY_STATUSES)[number];
const RANK: Record<string, number> = { queued: 0, sending: 0, accepted: 1, sent: 2, delivered: 3, read: 4 };

/**
 * The status a message moves to when a callback arrives, or null to ignore it. Callbacks come in any
 * order and `delivered` may be skipped: a status only moves forward; `failed` is terminal and does not
 * undo a `read`; finished states (failed, dead, skipped, cancelled) never change.
 */
export function nextDeliveryStatus(current: string, incoming: string): string | null {
  if (!(current in RANK)) return null;
  if (incoming === 'failed') return current === 'read' ? null : 'failed';
  const rank = RANK[incoming];
  if (rank === undefined) return null;
  return rank > (RANK[current] ?? 0) ? incoming : null;
}

export const SERVICE_WINDOW_MS = 24 * 3_600_000;

/** Free-form WhatsApp text is allowed only within 24 h of the client's last message. */
export function isInsideServiceWindow(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < SERVICE_WINDOW_MS;
}

export type ReplyIntent = 'confirm' | 'cancel' | 'stop' | 'other';

const CONFIRM = new Set(['1', 'sim', 'confirmar', 'confirmo', 'confirmado', 'ok', 'confirma']);
const CANCEL = new Set(['2', 'cancelar', 'cancela', 'cancelo', 'nao', 'não posso', 'desmarcar']);
const STOP = new Set(['parar', 'pare', 'sair', 'stop', 'descadastrar']);

/** What a reply means: a quick-reply button payload, or text like "1", "Confirmar", "sim", "PARAR". */
export function interpretReply(input: { buttonPayload?: string | null; text?: string | null }): ReplyIntent {
  const payload = input.buttonPayload ?? '';
  if (payload.startsWith('confirmar:')) return 'confirm';
  if (payload.startsWith('cancelar:')) return 'cancel';
  const text = (input.text ?? input.buttonPayload ?? '')
    .trim()
    .toLowerCase()
    .replace(/[.!?\s]+$/u, '')
    .replace(/^[\s]+/u, '');
  const plain = text.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  if (STOP.has(plain)) return 'stop';
  if (CONFIRM.has(plain)) return 'confirm';
  if (CANCEL.has(text) || CANCEL.has(plain)) return 'cancel';
  return 'other';
}

/** Replaces {{1}}, {{2}}... with the variables in order; a missing one renders empty. */
export function renderTemplate(body: string, values: string[]): string {
  return body.replace(/\{\{(\d+)\}\}/g, (_m, n: string) => values[Number(n) - 1] ?? '');
}
