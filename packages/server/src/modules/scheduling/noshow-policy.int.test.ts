import { cpfCheckDigits } from '@clinia/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock';
import { registerClientWithConsents, type TestDatabase, testDrivers } from '../../testing';
import { registerPolicySavedListener } from '../prediction/prediction.service';
import { rescoreAfterPolicyChange } from './risk.service';
import { type AgendaFixture, createAgendaFixture } from './test-support';

/**
 * Issue 8: a manager who changes the thresholds sees tomorrow's panel and the agenda with the new
 * bands right away, as boot wires it (apps/api/src/boot.ts), not at the next daily refresh.
 */

const H = 3_600_000;
let cpfSeq = 430_000_000;
const nextCpf = () => {
  const base = String(cpfSeq++);
  return base + cpfCheckDigits(base);
};

describe.each(testDrivers())('saving the no-show policy on $name', (driver) => {
  let database: TestDatabase;
  let f: AgendaFixture;
  // Wednesday 2026-11-25, 09:00 in São Paulo; a booking for tomorrow scores the one-day prior (19 %).
  const clock = fixedClock('2026-11-25T12:00:00.000Z');
  let clientId: string;

  beforeAll(async () => {
    database = await driver.open();
    f = await createAgendaFixture(database, clock, { clients: 2 });
    clientId = await registerClientWithConsents(
      (await f.as('reception')) as never,
      { fullName: 'Marina Castro', cpf: nextCpf(), mobile: '(11) 98765-3201' },
      ['lembretes_whatsapp'],
    );
  });
  afterAll(async () => {
    registerPolicySavedListener(null);
    await database.close();
  });

  const setPolicy = async (thresholds: { mediumFrom: number; highFrom: number }) => {
    const manager = await f.as('manager');
    await manager.prediction.savePolicy({ ...(await manager.prediction.policy()), ...thresholds });
  };
  const bandOnPanel = async (appointmentId: string) =>
    (await (await f.as('reception')).scheduling.noShowPanel({ date: '2026-11-26' })).items.find(
      (i) => i.appointment.id === appointmentId,
    )?.appointment.risk?.band ?? 'not listed';
  const book = async (hour: number) =>
    (
      await (
        await f.as('reception')
      ).agenda.book({
        clientId,
        treatmentId: f.treatments.cleansing,
        professionalId: f.people.drA.userId,
        startsAt: new Date(Date.parse('2026-11-26T03:00:00.000Z') + hour * H).toISOString(),
      })
    ).appointment;

  it('shows the new bands at once when the manager lowers the thresholds', async () => {
    registerPolicySavedListener(rescoreAfterPolicyChange);
    await setPolicy({ mediumFrom: 0.2, highFrom: 0.3 });
    const a = await book(9);
    expect(a.risk?.band).toBe('baixo');
    expect(await bandOnPanel(a.id)).toBe('not listed');
    await setPolicy({ mediumFrom: 0.1, highFrom: 0.15 });
    expect(await bandOnPanel(a.id)).toBe('alto');
    await setPolicy({ mediumFrom: 0.1, highFrom: 0.3 });
    expect(await bandOnPanel(a.id)).toBe('medio');
  });

  it('without the wiring the stored band waits for the daily refresh (what the listener fixes)', async () => {
    registerPolicySavedListener(null);
    await setPolicy({ mediumFrom: 0.2, highFrom: 0.3 });
    const a = await book(11);
    await setPolicy({ mediumFrom: 0.1, highFrom: 0.15 });
    expect(await bandOnPanel(a.id)).toBe('not listed');
  });
});
