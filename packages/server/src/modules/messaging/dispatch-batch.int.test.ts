import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { createLogger } from '../../platform/logger';
import { withTenant } from '../../platform/tenancy/tenancy';
import {
  cpfSequence,
  createTestOrganization,
  createTestStaff,
  signInAs,
  TEST_STAFF,
  type TestDatabase,
  type TestOrg,
  testContext,
  testDrivers,
  testKeyring,
} from '../../testing';
import { createDispatcher } from './dispatcher';
import { type FakeGraphServer, startFakeGraphServer } from './fake-graph-server';
import { enqueueForEvent, payloadAad } from './outbox';
import type { WhatsAppSender } from './ports';
import { EVIDENCE, mapAppointmentsPort, registerClientWithConsents } from './test-support';
import { createWhatsAppCloudSender } from './whatsapp-cloud';

/**
 * One dispatcher round over a batch that mixes two organisations, a provider error and a consent
 * withdrawn while the round is already sending: each message ends in its own right state, recorded
 * in its own organisation, and the provider gets exactly one delivery per message that may go.
 */
const nextCpf = cpfSequence(310_000_000);

describe.each(testDrivers())('a batched dispatch round on $name', (driver) => {
  let database: TestDatabase;
  let graph: FakeGraphServer;
  // Monday 7 December 2026, 12:00 in São Paulo.
  const clock = fixedClock('2026-12-07T15:00:00.000Z');
  const keyring = testKeyring();

  const signIn = async (org: TestOrg) => {
    const { reception } = await createTestStaff(database, org, { reception: TEST_STAFF.reception });
    return signInAs(database, testContext(database, { clock, keyring }), reception);
  };
  const notice = (org: TestOrg, clientId: string, minutesAgo: number) =>
    withTenant(database, org.organizationId, async (tx) => {
      await enqueueForEvent(
        tx,
        { keyring, now: new Date(clock.now().getTime() - minutesAgo * 60_000) },
        {
          type: 'recall.notice',
          organizationId: org.organizationId,
          clinicId: org.clinicId,
          clientId,
          recallId: crypto.randomUUID(),
        },
      );
    });

  beforeAll(async () => {
    database = await driver.open();
    graph = await startFakeGraphServer({ accessToken: 'tok', phoneNumberId: '1234567890', appSecret: 'x' });
  });
  afterAll(async () => {
    await graph.close();
    await database.close();
  });

  it('records each outcome in its organisation and re-reads consent chunk by chunk', async () => {
    const north = await createTestOrganization(database, 'Rede Norte');
    const south = await createTestOrganization(database, 'Rede Sul');
    const northCaller = await signIn(north);
    const southCaller = await signIn(south);
    const register = (caller: typeof northCaller, fullName: string, mobile: string) =>
      registerClientWithConsents(caller as never, { fullName, cpf: nextCpf(), mobile }, [
        'lembretes_whatsapp',
      ]);
    const ana = await register(northCaller, 'Ana Prado', '(11) 97000-0001');
    const bia = await register(northCaller, 'Bia Souto', '(11) 97000-0002');
    const carla = await register(northCaller, 'Carla Dias', '(11) 97000-0003');
    const dora = await register(southCaller, 'Dora Lima', '(21) 97000-0004');
    const eva = await register(southCaller, 'Eva Rocha', '(21) 97000-0005');
    // Carla's notice is the youngest of her network, so it is prepared in the round's last chunk.
    await notice(north, ana, 3);
    await notice(north, bia, 2);
    await notice(north, carla, 1);
    await notice(south, dora, 3);
    await notice(south, eva, 2);

    // Carla withdraws her WhatsApp opt-in while her network's first sends are at the provider (her
    // message is already claimed): from the first send to Ana or Bia on, sends wait until the
    // withdrawal is committed.
    const docs = await northCaller.clients.consentDocuments();
    const whatsappDoc = docs.find((d) => d.purpose === 'lembretes_whatsapp')?.id ?? '';
    let withdrawal: Promise<unknown> | null = null;
    const real = createWhatsAppCloudSender({
      baseUrl: graph.url,
      apiVersion: 'v23.0',
      phoneNumberId: '1234567890',
      accessToken: 'tok',
    });
    const whatsapp: WhatsAppSender = {
      sendText: (m) => real.sendText(m),
      sendTemplate: async (m) => {
        if (['5511970000001', '5511970000002'].includes(m.to.replace(/\D/g, '')))
          withdrawal ??= northCaller.clients.changeConsent({
            clientId: carla,
            documentId: whatsappDoc,
            action: 'withdraw',
            evidence: EVIDENCE,
          } as never);
        if (withdrawal) await withdrawal;
        return real.sendTemplate(m);
      },
    };
    // The first send the provider sees fails with a temporary error.
    graph.failNext({ status: 500, code: 2 });

    const dispatcher = createDispatcher(
      {
        database,
        keyring,
        clock,
        logger: createLogger({ level: 'silent' }),
        whatsapp,
        email: null,
        appointments: mapAppointmentsPort(),
      },
      { workerId: 'batch', batchSize: 10, concurrency: 2 },
    );
    expect(await dispatcher.runOnce()).toBe(5);

    const rows = await database.query<{
      client_id: string;
      organization_id: string;
      status: string;
      last_error: string | null;
      attempts: number;
      provider_message_id: string | null;
      consent_event_id: string | null;
    }>(sql`select * from outbox_messages
      where organization_id in (${north.organizationId}, ${south.organizationId})`);
    const byClient = new Map(rows.map((r) => [r.client_id, r]));
    expect(byClient.get(carla)).toMatchObject({ status: 'skipped', last_error: 'consentimento_revogado' });
    const others = [ana, bia, dora, eva].map((id) => byClient.get(id));
    const retrying = others.filter((r) => r?.status === 'queued');
    const accepted = others.filter((r) => r?.status === 'accepted');
    expect(retrying).toHaveLength(1);
    expect(retrying[0]).toMatchObject({ last_error: 'graph_2', attempts: 1, provider_message_id: null });
    expect(accepted).toHaveLength(3);
    for (const row of accepted) {
      expect(row?.consent_event_id).not.toBeNull();
      expect(graph.deliveries.find((d) => d.wamid === row?.provider_message_id)).toBeDefined();
    }
    expect(rows.some((r) => r.status === 'sending')).toBe(false);
    // Nothing reached Carla, and every delivery is one message of these two networks.
    expect(graph.deliveries.some((d) => d.to === '5511970000003')).toBe(false);
    expect(graph.deliveries).toHaveLength(3);

    // The retried message goes on its next attempt, once.
    clock.advance(30_000);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(graph.deliveries).toHaveLength(4);
    expect(new Set(graph.deliveries.map((d) => d.idempotencyKey)).size).toBe(4);
  });

  it('a message that cannot be prepared holds back none of its chunk, and goes once it is readable', async () => {
    const west = await createTestOrganization(database, 'Rede Oeste');
    const caller = await signIn(west);
    const register = (fullName: string, mobile: string) =>
      registerClientWithConsents(caller as never, { fullName, cpf: nextCpf(), mobile }, [
        'lembretes_whatsapp',
      ]);
    const clientIds = [
      await register('Flávia Reis', '(31) 97000-0011'),
      await register('Gisele Melo', '(31) 97000-0012'),
      await register('Helena Cruz', '(31) 97000-0013'),
    ];
    for (const [i, id] of clientIds.entries()) await notice(west, id, 3 - i);
    const [broken] = await database.query<{
      id: string;
    }>(sql`update outbox_messages set payload_sealed = 'ilegível'
      where client_id = ${clientIds[1] ?? ''} returning id`);
    const before = graph.deliveries.length;
    const dispatcher = createDispatcher(
      {
        database,
        keyring,
        clock,
        logger: createLogger({ level: 'silent' }),
        whatsapp: createWhatsAppCloudSender({
          baseUrl: graph.url,
          apiVersion: 'v23.0',
          phoneNumberId: '1234567890',
          accessToken: 'tok',
        }),
        email: null,
        appointments: mapAppointmentsPort(),
      },
      { workerId: 'isolation', batchSize: 10, concurrency: 4, leaseMs: 60_000 },
    );
    expect(await dispatcher.runOnce()).toBe(3);
    const statuses = async () =>
      (
        await database.query<{ client_id: string; status: string }>(
          sql`select client_id, status from outbox_messages where organization_id = ${west.organizationId}`,
        )
      )
        .sort((a, b) => clientIds.indexOf(a.client_id) - clientIds.indexOf(b.client_id))
        .map((r) => r.status);
    // The unreadable one is neither sent nor dropped: it waits, claimed, for its lease to run out.
    expect(await statuses()).toEqual(['accepted', 'sending', 'accepted']);
    expect(graph.deliveries.length - before).toBe(2);

    // Repaired, it goes out on the round after its lease ran out, once.
    const payload = JSON.stringify({ variables: ['Gisele', 'Clínica'] });
    await database.query(sql`update outbox_messages set payload_sealed = ${keyring.seal(payload, payloadAad(broken?.id ?? ''))}
      where id = ${broken?.id ?? ''}`);
    clock.advance(61_000);
    expect(await dispatcher.runOnce()).toBe(1);
    expect(await statuses()).toEqual(['accepted', 'accepted', 'accepted']);
    expect(graph.deliveries.length - before).toBe(3);
  });
});
