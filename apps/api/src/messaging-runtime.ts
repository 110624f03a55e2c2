import { randomBytes } from 'node:crypto';
import {
  type AppointmentMessagingPort,
  type Clock,
  type Config,
  createDispatcher,
  createSmtpEmailSender,
  createWhatsAppCloudSender,
  type Database,
  type Keyring,
  type Logger,
  startDispatcherLoop,
  startFakeGraphServer,
  startFakeSmtpServer,
} from '@clinia/server';

/**
 * Messaging in the composition root: the WhatsApp and SMTP senders (or, when not configured, local
 * simulated Graph API and SMTP servers, announced in the log as demo mode), the webhook secrets the
 * HTTP route checks, and the outbox worker loop. `start` runs after the server listens, because the
 * simulated Graph API posts its status callbacks to our own webhook URL.
 */
export type MessagingRuntime = {
  webhook: { appSecret: string; verifyToken: string } | null;
  start(ownUrl: string): void;
  stop(): Promise<void>;
};

export async function createMessagingRuntime(deps: {
  config: Config;
  database: Database;
  keyring: Keyring;
  clock: Clock;
  logger: Logger;
  appointments: AppointmentMessagingPort;
  /** False while migrations are pending: nothing may be sent or sealed yet. */
  enabled: boolean;
}): Promise<MessagingRuntime> {
  const { config, logger } = deps;
  const demoWebhook = {
    appSecret: randomBytes(24).toString('hex'),
    verifyToken: randomBytes(12).toString('hex'),
  };
  const webhook = config.whatsappWebhook ?? (config.whatsapp ? null : demoWebhook);
  if (!deps.enabled || !config.outboxWorker) {
    return { webhook, start: () => {}, stop: async () => {} };
  }
  const fakeGraph = config.whatsapp
    ? null
    : await startFakeGraphServer({
        accessToken: 'demo-token',
        phoneNumberId: '100000000000001',
        appSecret: webhook?.appSecret ?? demoWebhook.appSecret,
        autoStatuses: true,
        // Replies reach our webhook without passing through the fake; the dispatcher checks the window.
        enforceWindow: false,
      });
  const fakeSmtp = config.smtp ? null : await startFakeSmtpServer();
  if (fakeGraph)
    logger.warn(
      'WHATSAPP_PHONE_NUMBER_ID not set: WhatsApp messages go to the local simulated Graph API (demo mode)',
    );
  if (fakeSmtp) logger.warn('SMTP_URL not set: e-mails go to the local simulated SMTP server (demo mode)');
  const whatsapp = createWhatsAppCloudSender(
    config.whatsapp ?? {
      baseUrl: fakeGraph?.url ?? '',
      apiVersion: 'v23.0',
      phoneNumberId: '100000000000001',
      accessToken: 'demo-token',
    },
  );
  const email = createSmtpEmailSender(
    config.smtp ?? { url: fakeSmtp?.url ?? '', from: 'Clinia (demonstração) <lembretes@clinia.local>' },
  );
  let loop: { stop(): Promise<void> } | null = null;
  return {
    webhook,
    start(ownUrl) {
      fakeGraph?.setWebhookUrl(`${ownUrl}/webhooks/whatsapp`);
      loop = startDispatcherLoop(
        createDispatcher({
          database: deps.database,
          keyring: deps.keyring,
          clock: deps.clock,
          logger,
          whatsapp,
          email,
          appointments: deps.appointments,
        }),
        { logger },
      );
    },
    async stop() {
      await loop?.stop();
      await fakeGraph?.close().catch(() => {});
      await fakeSmtp?.close().catch(() => {});
    },
  };
}
