/**
 * A local SMTP server (smtp-server) for tests and the demo: accepts every message, keeps one copy per
 * Message-ID (a resend is counted, not stored twice) and exposes what arrived.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type FakeSmtpMessage = { messageId: string; to: string[]; subject: string; text: string };

export type FakeSmtpServer = {
  url: string;
  messages: FakeSmtpMessage[];
  /** Every DATA received, including resends of a Message-ID already stored. */
  received: number;
  close(): Promise<void>;
};

function header(raw: string, name: string): string {
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return (match?.[1] ?? '').replace(/\r?\n[ \t]/g, ' ').trim();
}

function decodeSubject(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, enc: string, text: string) => {
    if (enc.toLowerCase() === 'b') return Buffer.from(text, 'base64').toString('utf8');
    const bytes = text
      .replace(/_/g, ' ')
      .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  });
}

export async function startFakeSmtpServer(options: { port?: number } = {}): Promise<FakeSmtpServer> {
  const messages: FakeSmtpMessage[] = [];
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received += 1;
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = header(raw, 'Message-ID');
        const bodyStart = raw.search(/\r?\n\r?\n/);
        const bodyPart = bodyStart >= 0 ? raw.slice(bodyStart).trim() : '';
        const isQp = /content-transfer-encoding:\s*quoted-printable/i.test(raw);
        const text = isQp
          ? Buffer.from(
              bodyPart
                .replace(/=\r?\n/g, '')
                .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
              'latin1',
            ).toString('utf8')
          : bodyPart;
        if (!messages.some((m) => m.messageId === messageId)) {
          messages.push({
            messageId,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: decodeSubject(header(raw, 'Subject')),
            text,
          });
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get received() {
      return received;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
