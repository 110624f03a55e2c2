import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cpfCheckDigits } from '@clinia/contracts';
import {
  type Clock,
  createDispatcher,
  createLogger,
  createWhatsAppCloudSender,
  enqueueForEvent,
  fixedClock,
  signWebhookBody,
  startFakeGraphServer,
  withTenant,
} from '@clinia/server';
import {
  createTestOrganization,
  createTestStaff,
  enqueueRecallNotice,
  mapAppointmentsPort,
  registerClientWithConsents,
  signInAs,
  testContext,
} from '@clinia/server/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningClinia, startClinia } from './boot';

/**
 * The webhook through the real Fastify server: Meta's handshake, signed status callbacks and replies
 * from the fake Graph API, and forged deliveries refused with 401 leaving everything as it was.
 */
const APP_SECRET = 'segredo-do-app-meta';
const VERIFY_TOKEN = 'token-de-verificacao';

/**
 * A new organisation on the running server, its receptionist signed in, and a client the receptionist
 * registered with WhatsApp reminders consented.
 */
async function clinicWithClient(
  running: RunningClinia,
  clock: Clock,
  client: { fullName: string; cpfBase: string; mobile: string },
) {
  const org = await createTestOrganization(running.database);
  const { reception } = await createTestStaff(running.database, org, {
    reception: { roles: ['recepcionista'] },
  });
  const caller = await signInAs(
    running.database,
    testContext(running.database, { clock, keyring: running.keyring }),
    reception,
  );
  const clientId = await registerClientWithConsents(
    caller as never,
    {
      fullName: client.fullName,
      cpf: client.cpfBase + cpfCheckDigits(client.cpfBase),
      mobile: client.mobile,
    },
    ['lembretes_whatsapp'],
  );
  return { org, caller, clientId };
}

describe('WhatsApp webhook route', () => {
  // Monday 7 December 2026, 09:00 in São Paulo: outside quiet hours.
  const clock = fixedClock('2026-12-07T12:00:00.000Z');
  const port = mapAppointmentsPort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-wh-'));
  let running: RunningClinia;
  let graph: Awaited<ReturnType<typeof startFakeGraphServer>>;
  let webhookUrl = '';

  beforeAll(async () => {
    running = await startClinia(
      {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        SEED_DEMO: 'never',
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
        // This test drives its own worker against its own fake Graph API.
        OUTBOX_WORKER: 'false',
      },
      { clock, appointments: port },
    );
    webhookUrl = `${running.url}/webhooks/whatsapp`;
    graph = await startFakeGraphServer({
      accessToken: 'tok',
      phoneNumberId: '1234567890',
      appSecret: APP_SECRET,
      webhookUrl,
      now: () => clock.now(),
    });
  });
  afterAll(async () => {
    await graph?.close();
    await running?.stop('test');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the subscription handshake only with the right verify token', async () => {
    const ok = await fetch(
      `${webhookUrl}?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${webhookUrl}?hub.mode=subscribe&hub.verify_token=outro&hub.challenge=1`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1');
  });

  it('applies signed callbacks and replies; a forged or re-serialised delivery is refused and changes nothing', async () => {
    const { org, clientId } = await clinicWithClient(running, clock, {
      fullName: 'Juliana Ribeiro',
      cpfBase: '987654321',
      mobile: '(11) 98765-4321',
    });
    const appointmentId = crypto.randomUUID();
    port.appointments.set(appointmentId, {
      appointmentId,
      clinicId: org.clinicId,
      clientId,
      startsAt: new Date('2026-12-08T15:00:00.000Z'),
      status: 'agendado',
    });
    // A waitlist offer goes out at once, with a "confirmar" button for the held appointment.
    await withTenant(running.database, org.organizationId, (tx) =>
      enqueueForEvent(
        tx,
        { keyring: running.keyring, now: clock.now() },
        {
          type: 'waitlist.offer',
          organizationId: org.organizationId,
          clinicId: org.clinicId,
          clientId,
          appointmentId,
          slotStartsAt: new Date('2026-12-08T15:00:00.000Z'),
        },
      ),
    );
    const dispatcher = createDispatcher({
      database: running.database,
      keyring: running.keyring,
      clock,
      logger: createLogger({ level: 'silent' }),
      whatsapp: createWhatsAppCloudSender({
        baseUrl: graph.url,
        apiVersion: 'v23.0',
        phoneNumberId: '1234567890',
        accessToken: 'tok',
      }),
      email: null,
      appointments: port,
    });
    expect(await dispatcher.runOnce()).toBe(1);
    const wamid = graph.deliveries[0]?.wamid ?? '';
    expect(wamid).toMatch(/^wamid\./);

    const counts = async () =>
      (
        await running.database.query<{ events: number; inbound: number; status: string }>(
          sql`select (select count(*)::int from message_status_events) as events,
                     (select count(*)::int from inbound_messages) as inbound,
                     (select status from outbox_messages where provider_message_id = ${wamid}) as status`,
        )
      )[0];
    const before = await counts();

    // Forged: a "confirmar" reply signed with another secret.
    const forgedBody = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                contacts: [{ profile: { name: 'X' }, wa_id: '5511987654321' }],
                messages: [
                  {
                    from: '5511987654321',
                    id: 'wamid.forged',
                    timestamp: String(Math.floor(clock.now().getTime() / 1000)),
                    type: 'text',
                    text: { body: 'confirmar' },
                  },
                ],
                statuses: [{ id: wamid, status: 'read', timestamp: '1800000000' }],
              },
            },
          ],
        },
      ],
    });
    const post = (body: string, signature: string | null) =>
      fetch(webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        body,
      });
    expect((await post(forgedBody, signWebhookBody('outro-segredo', forgedBody))).status).toBe(401);
    expect((await post(forgedBody, null)).status).toBe(401);
    // Signed, then re-serialised with other whitespace: the HMAC is over the raw bytes.
    const reserialised = JSON.stringify(JSON.parse(forgedBody), null, 2);
    expect((await post(reserialised, signWebhookBody(APP_SECRET, forgedBody))).status).toBe(401);
    expect(await counts()).toEqual(before);
    expect(port.appointments.get(appointmentId)?.status).toBe('agendado');

    // Genuine, signed by the fake Graph API: a status callback and the client's "confirmar".
    expect(await graph.postStatus(wamid, 'delivered')).toBe(200);
    expect((await counts())?.status).toBe('delivered');
    expect(
      await graph.simulateInbound({ from: '5511987654321', buttonPayload: `confirmar:${appointmentId}` }),
    ).toBe(200);
    expect(port.appointments.get(appointmentId)?.status).toBe('confirmado');
    expect((await counts())?.inbound).toBe((before?.inbound ?? 0) + 1);
  });
});

describe('messaging in demo mode (no WhatsApp configured)', () => {
  const clock = fixedClock('2026-12-07T12:00:00.000Z');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinia-demo-msg-'));
  let running: RunningClinia;
  beforeAll(async () => {
    running = await startClinia(
      {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        SEED_DEMO: 'never',
      },
      { clock },
    );
  });
  afterAll(async () => {
    await running?.stop('test');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the worker sends a due message to the simulated Graph API and its signed statuses come back to the webhook', async () => {
    const { org, caller, clientId } = await clinicWithClient(running, clock, {
      fullName: 'Beatriz Nogueira',
      cpfBase: '741852963',
      mobile: '(11) 95555-1234',
    });
    await enqueueRecallNotice(
      running.database,
      { keyring: running.keyring, now: clock.now() },
      org,
      clientId,
    );
    // The simulated provider reports sent → delivered → read over the real, signed webhook.
    let status = '';
    for (let i = 0; i < 100 && status !== 'read'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const [row] = await running.database.query<{ status: string }>(
        sql`select status from outbox_messages where client_id = ${clientId}`,
      );
      status = row?.status ?? '';
    }
    expect(status).toBe('read');
    const timeline = await caller.messaging.clientTimeline({ clientId });
    expect(timeline.messages[0]?.events.map((e) => e.status).sort()).toEqual(['delivered', 'read', 'sent']);
  });
});
