import nodemailer from 'nodemailer';
import { type EmailSender, ProviderError } from './ports';

/**
 * E-mail over SMTP (nodemailer), the second channel and the fallback. The Message-ID is derived from
 * the idempotency key, so a resend after a crash carries the same id and a receiving system (and our
 * fake) can tell it is the same message.
 */
export type SmtpConfig = { url: string; from: string; timeoutMs?: number };

export function createSmtpEmailSender(config: SmtpConfig): EmailSender {
  const transport = nodemailer.createTransport(config.url, {
    connectionTimeout: config.timeoutMs ?? 15_000,
    greetingTimeout: config.timeoutMs ?? 15_000,
    socketTimeout: config.timeoutMs ?? 15_000,
  });
  const domain = config.from.split('@')[1]?.replace(/>$/, '') ?? 'clinia.local';
  return {
    async send(message) {
      const messageId = `<${message.idempotencyKey.replace(/[^A-Za-z0-9.:-]/g, '-')}@${domain}>`;
      try {
        await transport.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          messageId,
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
        return { providerMessageId: messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // 5xx from the server is a permanent refusal (bad mailbox); anything else may pass later.
        if (code !== undefined && code >= 500) throw new ProviderError(`smtp_${code}`, false);
        throw new ProviderError(code !== undefined ? `smtp_${code}` : 'smtp_network', true);
      }
    },
  };
}
