import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import { appCode, type TestDatabase, testDrivers, testKeyring } from '../../testing';
import { cancelAppointmentFromReply, confirmAppointmentFromReply } from './replies';
import { type AgendaFixture, createAgendaFixture } from './test-support';
import { expireWaitlistHolds } from './waitlist.service';

/** A freed slot goes to the waitlist in order, held; accept books once; expiry passes it on. */
describe.each(testDrivers())('agenda waitlist on $name', (driver) => {
  let database: TestDatabase;
  let f: AgendaFixture;
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  beforeAll(async () => {
    database = await driver.open();
    f = await createAgendaFixture(database, clock, { clients: 8 });
  });
  afterAll(() => database.close());

  const SLOT = '2026-11-30T14:00:00.000Z'; // Monday 11:00 in São Paulo

  it('offers a cancelled slot to the first matching entry, holds it, and one of two accepts wins', async () => {
    const reception = await f.as('reception');
    const [booked, first, second, evening] = f.clients as [string, string, string, string];
    // Wants evenings only: does not match an 11:00 slot.
    await reception.agenda.waitlistAdd({
      clientId: evening,
      treatmentId: f.treatments.cleansing,
      windows: [{ weekdays: [], period: 'noite' }],
    });
    await reception.agenda.waitlistAdd({ clientId: first, treatmentId: f.treatments.cleansing });
    await reception.agenda.waitlistAdd({ clientId: second, treatmentId: f.treatments.cleansing });
    const { appointment } = await reception.agenda.book({
      clientId: booked,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drA.userId,
      startsAt: SLOT,
    });
    await reception.agenda.cancel({ appointmentId: appointment.id, by: 'cliente', reason: 'Viagem' });
    const list = await reception.agenda.waitlist();
    const offered = list.find((e) => e.clientId === first);
    expect(offered?.status).toBe('oferta_pendente');
    expect(offered?.offer).toMatchObject({
      startsAt: SLOT,
      status: 'pendente',
      expiresAt: '2026-11-25T12:30:00.000Z',
    });
    expect(list.find((e) => e.clientId === evening)?.status).toBe('aguardando');
    // The hold reserves the slot: nobody else can book the professional then.
    const taken = await reception.agenda
      .book({
        clientId: f.clients[4] as string,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people.drA.userId,
        startsAt: SLOT,
      })
      .catch((e: unknown) => appCode(e));
    expect(taken).toBe('SLOT_TAKEN_PROFESSIONAL');
    const offerId = offered?.offer?.id ?? '';
    const other = await f.as('manager');
    const results = await Promise.all([
      reception.agenda.acceptOffer({ id: offerId }).then(
        (a) => a.status,
        (e: unknown) => appCode(e),
      ),
      other.agenda.acceptOffer({ id: offerId }).then(
        (a) => a.status,
        (e: unknown) => appCode(e),
      ),
    ]);
    expect(results.sort()).toEqual(['WAITLIST_OFFER_NOT_PENDING', 'agendado']);
    const day = await reception.agenda.day({ date: '2026-11-30' });
    expect(day.appointments.filter((a) => a.startsAt === SLOT)).toMatchObject([
      { clientId: first, status: 'agendado', channel: 'lista_espera' },
    ]);
  });

  it('an expired hold passes to the next client; a WhatsApp reply accepts or declines', async () => {
    const reception = await f.as('reception');
    const [, , second, , , late] = f.clients as [string, string, string, string, string, string];
    await reception.agenda.waitlistAdd({ clientId: late, treatmentId: f.treatments.cleansing });
    const { appointment } = await reception.agenda.book({
      clientId: f.clients[6] as string,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-01T14:00:00.000Z',
    });
    await reception.agenda.cancel({
      appointmentId: appointment.id,
      by: 'clinica',
      reason: 'Profissional em curso',
    });
    const before = await reception.agenda.waitlist();
    expect(before.find((e) => e.clientId === second)?.status).toBe('oferta_pendente');
    clock.advance(31 * 60_000);
    expect(await expireWaitlistHolds({ database, clock, keyring: testKeyring() })).toEqual({ expired: 1 });
    const after = await reception.agenda.waitlist();
    expect(after.find((e) => e.clientId === second)?.status).toBe('aguardando');
    const next = after.find((e) => e.clientId === late);
    expect(next?.offer?.startsAt).toBe('2026-12-01T14:00:00.000Z');
    // The client declines by WhatsApp. Each entry is offered a given slot once and nobody else is
    // waiting, so the hold is released and the slot is simply free.
    const day = await reception.agenda.day({ date: '2026-12-01', professionalId: f.people.drB.userId });
    const hold = day.appointments.find((a) => a.status === 'reservado');
    expect(hold?.clientId).toBe(late);
    const outcome = await withTenant(database, f.org.organizationId, (tx) =>
      cancelAppointmentFromReply(tx, {
        organizationId: f.org.organizationId,
        appointmentId: hold?.id ?? '',
        now: clock.now(),
      }),
    );
    expect(outcome).toBe('offer_declined');
    const free = await reception.agenda.day({ date: '2026-12-01', professionalId: f.people.drB.userId });
    expect(free.appointments.filter((a) => a.status === 'reservado')).toEqual([]);
    // A confirmation reply confirms a booked appointment once.
    const { appointment: mine } = await reception.agenda.book({
      clientId: f.clients[7] as string,
      treatmentId: f.treatments.cleansing,
      professionalId: f.people.drB.userId,
      startsAt: '2026-12-02T14:00:00.000Z',
    });
    const confirm = () =>
      withTenant(database, f.org.organizationId, (tx) =>
        confirmAppointmentFromReply(tx, {
          organizationId: f.org.organizationId,
          appointmentId: mine.id,
          now: clock.now(),
        }),
      );
    expect(await confirm()).toBe('confirmed');
    expect(await confirm()).toBe('already_confirmed');
    clock.set('2026-11-25T12:00:00.000Z');
  });
});
