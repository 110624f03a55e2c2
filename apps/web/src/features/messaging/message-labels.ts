import {
  MESSAGE_CHANNEL_LABELS,
  MESSAGE_KIND_LABELS,
  MESSAGE_REASON_LABELS,
  MESSAGE_STATUS_LABELS,
  renderMessageTemplate,
  TEMPLATE_SAMPLE_VALUES,
  type TMessageStatus,
} from '@clinia/contracts';

/** Mantine colour per message status: progress in blue/teal, problems in red, not sent in grey. */
export const STATUS_COLORS: Record<TMessageStatus, string> = {
  queued: 'gray',
  sending: 'blue',
  accepted: 'blue',
  sent: 'cyan',
  delivered: 'teal',
  read: 'green',
  failed: 'red',
  dead: 'red',
  skipped: 'gray',
  cancelled: 'gray',
};

export const statusLabel = (status: TMessageStatus) => MESSAGE_STATUS_LABELS[status] ?? status;
export const kindLabel = (kind: string) => MESSAGE_KIND_LABELS[kind] ?? kind;
export const channelLabel = (channel: 'whatsapp' | 'email') => MESSAGE_CHANNEL_LABELS[channel];
/** The WhatsApp Cloud API error codes a clinic meets most, explained (the code is kept beside it). */
const GRAPH_ERROR_LABELS: Record<string, string> = {
  '131026': 'número sem WhatsApp ou que não pode receber esta mensagem',
  '131047': 'fora da janela de 24 horas',
  '131049': 'a Meta limitou mensagens a este número',
  '131050': 'o cliente recusou mensagens de marketing da clínica no WhatsApp',
  '131051': 'tipo de mensagem não aceito',
  '130429': 'limite de envio do provedor atingido',
  '132001': 'modelo não aprovado neste idioma',
};

/** A dispatcher or provider code in pt-BR; Graph codes are explained when known, with the code. */
export function reasonLabel(code: string | null): string | null {
  if (!code) return null;
  const known = MESSAGE_REASON_LABELS[code];
  if (known) return known;
  const graph = /^graph_(\w+)$/.exec(code);
  if (graph) {
    const why = GRAPH_ERROR_LABELS[graph[1] ?? ''];
    return why
      ? `recusada pelo WhatsApp: ${why} (código ${graph[1]})`
      : `recusada pelo WhatsApp (código ${graph[1]})`;
  }
  return code;
}

/** The template text with sample values for its variables, as the client would read it. */
export function previewTemplate(body: string, variables: readonly string[]): string {
  return renderMessageTemplate(
    body,
    variables.map((name) => TEMPLATE_SAMPLE_VALUES[name] ?? `[${name}]`),
  );
}

/** "48, 24" → [48, 24]; null when any part is not a whole number of hours. */
export function parseHoursList(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  const hours = parts.map(Number);
  return hours.every((h) => Number.isInteger(h) && h > 0) ? hours : null;
}
