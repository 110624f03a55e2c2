import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
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
import type { createCaller } from '../../trpc/app-router';
import { enqueueForEvent, payloadAad } from './outbox';
import { registerClientWithConsents } from './test-support';

const nextCpf = cpfSequence(500_000_000);

/** Messages are part of the data subject's package, and anonymisation erases the name in them. */
describe.each(testDrivers())('messaging and LGPD requests on $name', (driver) => {
  let database: TestDatabase;
  let org: TestOrg;
  const clock = fixedClock('2026-12-07T12:00:00.000Z');
  const keyring = testKeyring();
  let as: (who: 'reception' | 'dpo', reauthenticated?: boolean) => Promise<ReturnType<typeof createCaller>>;

  beforeAll(async () => {
    database = await driver.open();
    org = await createTestOrganization(database);
    const base = testContext(database, { clock, keyring });
    const staff = await createTestStaff(database, org, {
      reception: TEST_STAFF.reception,
      dpo: { roles: ['encarregado_dados'], mfaEnrolled: true },
    });
    as = (who, reauthenticated = false) => signInAs(database, base, staff[who], { reauthenticated });
  });
  afterAll(() => database.close());

  const notify = (clientId: string, appointmentId: string) =>
    withTenant(database, org.organizationId, (tx) =>
      enqueueForEvent(
        tx,
        { keyring, now: clock.now() },
        {
          type: 'appointment.booked',
          organizationId: org.organizationId,
          clinicId: org.clinicId,
          clientId,
          appointmentId,
          startsAt: new Date('2026-12-12T14:00:00.000Z'),
        },
      ),
    );

  it('the export package lists the client messages with their text variables', async () => {
    const clientId = await registerClientWithConsents(
      (await as('reception')) as never,
      { fullName: 'Luana Pereira', cpf: nextCpf(), mobile: '(11) 96666-0001' },
      ['lembretes_whatsapp'],
    );
    await notify(clientId, crypto.randomUUID());
    const pkg = await (await as('dpo', true)).privacy.exportClientData({ clientId });
    const json = JSON.parse(Buffer.from(pkg.files[0]?.base64 ?? '', 'base64').toString('utf8')) as {
      messaging: { messages: { kind: string; channel: string; status: string; variables: string[] }[] };
    };
    expect(json.messaging.messages.map((m) => [m.kind, m.channel, m.status])).toEqual([
      ['pedido_confirmacao', 'whatsapp', 'queued'],
      ['lembrete_consulta', 'whatsapp', 'queued'],
    ]);
    expect(json.messaging.messages[0]?.variables[0]).toBe('Luana');
  });

  it('anonymisation clears the first name in sealed payloads and stops queued messages', async () => {
    const clientId = await registerClientWithConsents(
      (await as('reception')) as never,
      { fullName: 'Yasmin Cardoso', cpf: nextCpf(), mobile: '(11) 96666-0002' },
      ['lembretes_whatsapp'],
    );
    await notify(clientId, crypto.randomUUID());
    const request = await (await as('reception')).privacy.createRequest({
      clientId,
      kind: 'eliminacao',
      requester: 'titular',
      identityVerification: 'RG conferido no balcão pela recepção',
    });
    const answer = await (await as('dpo')).privacy.answerRequest({ requestId: request.id });
    expect(answer.answer).toContain('anonimizados');
    const rows = await database.query<{
      id: string;
      status: string;
      last_error: string;
      payload_sealed: string;
      recipient_index: string | null;
    }>(
      sql`select id, status, last_error, payload_sealed, recipient_index from outbox_messages where client_id = ${clientId}`,
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({
        status: 'skipped',
        last_error: 'cliente_anonimizado',
        recipient_index: null,
      });
      const payload = JSON.parse(keyring.open(row.payload_sealed, payloadAad(row.id))) as {
        variables: string[];
      };
      expect(payload.variables[0]).toBe('');
      expect(JSON.stringify(payload)).not.toContain('Yasmin');
    }
  });
});
