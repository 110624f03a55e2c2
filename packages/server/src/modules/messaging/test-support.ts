import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TConsentPurpose } from '@clinia/contracts';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { Context } from '../../trpc/context';
import type { DispatcherDeps } from './dispatcher';
import { type FakeGraphServer, startFakeGraphServer } from './fake-graph-server';
import { enqueueForEvent } from './outbox';
import type { AppointmentForReminder, AppointmentMessagingPort } from './ports';
import { handleWhatsAppWebhook, type WebhookDeps } from './webhook';
import { createWhatsAppCloudSender } from './whatsapp-cloud';

/**
 * Test support for messaging: an appointments port backed by a Map (scheduling is another module
 * whose tables this one never reads), a helper registering a client with chosen consents through
 * the real clients procedures, and the fake Graph API wired to a dispatcher and a webhook endpoint.
 */
export function mapAppointmentsPort(): AppointmentMessagingPort & {
  appointments: Map<string, AppointmentForReminder>;
} {
  const appointments = new Map<string, AppointmentForReminder>();
  return {
    appointments,
    getForReminder: async (_tx, _org, id) => appointments.get(id) ?? null,
    confirm: async (_tx, _org, id) => {
      const a = appointments.get(id);
      if (!a) return 'not_found';
      if (a.status === 'confirmado') return 'unchanged';
      a.status = 'confirmado';
      return 'confirmed';
    },
    cancel: async (_tx, _org, id) => {
      const a = appointments.get(id);
      if (!a) return 'not_found';
      if (a.status === 'cancelado') return 'unchanged';
      a.status = 'cancelado';
      return 'cancelled';
    },
  };
}

type Caller = {
  clients: {
    consentDocuments: () => Promise<{ id: string; purpose: string }[]>;
    register: (input: never) => Promise<{ clientId: string }>;
    changeConsent: (input: never) => Promise<unknown>;
  };
};

export const EVIDENCE = {
  typedName: 'Cliente de Teste',
  signer: 'client' as const,
  channel: 'presencial_tablet' as const,
};

export async function registerClientWithConsents(
  caller: Caller,
  input: { fullName: string; cpf: string; mobile: string; email?: string; preferredChannel?: string },
  purposes: TConsentPurpose[],
): Promise<string> {
  const docs = await caller.clients.consentDocuments();
  const notice = docs.find((d) => d.purpose === 'aviso_privacidade')?.id ?? '';
  const { clientId } = await caller.clients.register({
    fullName: input.fullName,
    cpf: input.cpf,
    birthDate: '1990-05-10',
    sex: 'F',
    mobile: input.mobile,
    email: input.email,
    preferredChannel: input.preferredChannel ?? 'whatsapp',
    privacyNotice: { ...EVIDENCE, documentId: notice },
  } as never);
  for (const purpose of purposes) {
    const documentId = docs.find((d) => d.purpose === purpose)?.id ?? '';
    await caller.clients.changeConsent({
      clientId,
      documentId,
      action: 'grant',
      evidence: EVIDENCE,
    } as never);
  }
  return clientId;
}

/** The WhatsApp Business account the fake Graph API serves and the tests' sender uses. */
const GRAPH_ACCOUNT = { accessToken: 'tok', phoneNumberId: '1234567890' };

/** The fake Graph API on a free port, on the test's clock, signing its webhook posts with `appSecret`. */
export function startTestGraph(clock: Clock, appSecret: string): Promise<FakeGraphServer> {
  return startFakeGraphServer({ ...GRAPH_ACCOUNT, appSecret, now: () => clock.now() });
}

/** Dispatcher dependencies that send WhatsApp messages to the fake Graph API, with a silent logger. */
export function testDispatcherDeps(
  deps: Omit<DispatcherDeps, 'logger' | 'whatsapp'> & { graph: FakeGraphServer },
): DispatcherDeps {
  const { graph, ...rest } = deps;
  return {
    ...rest,
    logger: createLogger({ level: 'silent' }),
    whatsapp: createWhatsAppCloudSender({ baseUrl: graph.url, apiVersion: 'v23.0', ...GRAPH_ACCOUNT }),
  };
}

/**
 * The webhook endpoint on a free port, handing each signed post of the fake Graph API to the real
 * handler with the dependencies of that moment; the fake Graph API is pointed at it. Close it in afterAll.
 */
export async function startTestWebhookReceiver(
  graph: FakeGraphServer,
  deps: () => WebhookDeps,
): Promise<Server> {
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const signature = req.headers['x-hub-signature-256'];
      const result = await handleWhatsAppWebhook(
        deps(),
        Buffer.concat(chunks),
        typeof signature === 'string' ? signature : undefined,
      );
      res.writeHead(result.httpStatus).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  graph.setWebhookUrl(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`);
  return receiver;
}

/** Queues a recall notice for the client in its own transaction, as of `deps.now`. */
export function enqueueRecallNotice(
  database: Database,
  deps: Parameters<typeof enqueueForEvent>[1],
  org: { organizationId: string; clinicId: string },
  clientId: string,
): ReturnType<typeof enqueueForEvent> {
  return withTenant(database, org.organizationId, (tx) =>
    enqueueForEvent(tx, deps, {
      type: 'recall.notice',
      organizationId: org.organizationId,
      clinicId: org.clinicId,
      clientId,
      recallId: crypto.randomUUID(),
    }),
  );
}

export type { Context };
