import { canReadClinicalRecord, LICENSED_ROLE_COUNCIL, STAFF_ROLES } from '@clinia/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clinics } from '../../db/schema';
import { fixedClock, localDate } from '../../platform/clock';
import { appCode, TEST_PASSWORD, type TestDatabase, testDrivers, userMessage } from '../../testing';
import { createSessionFixture, type SessionFixture } from './test-support';

describe.each(testDrivers())('treatment sessions on $name', (driver) => {
  let database: TestDatabase;
  let f: SessionFixture;
  const clock = fixedClock('2026-12-03T13:00:00.000Z');

  beforeAll(async () => {
    database = await driver.open();
    f = await createSessionFixture(database, clock);
  });
  afterAll(async () => {
    await f.cleanup();
    await database.close();
  });

  const onHand = async (lotId: string) => {
    const rows = await database.query<{ on_hand: string }>(sql`select on_hand from lots where id = ${lotId}`);
    return Number(rows[0]?.on_hand);
  };

  /** Check in → start → checklist → before photo (the fixture's) → three points → draft saved. */
  async function draftWithThreePoints(clientName: string, lotId = f.lots.toxinB.id) {
    const { clientId, appointmentId, doctor, started } = await f.startWithBeforePhoto(clientName);
    expect(started.status).toBe('draft');
    expect(started.checklist.tcleSigned).toBe(true);
    const point = (x: number, y: number, quantity: number) => ({
      diagram: 'face_frontal' as const,
      x,
      y,
      productId: f.products.toxin,
      lotId,
      quantity,
      unit: 'U' as const,
      depth: 'intramuscular' as const,
      dilution: '100 U em 2,5 mL',
    });
    const draft = await doctor.sessions.saveDraft({
      sessionId: started.id,
      areas: ['glabela', 'frontal'],
      technique: 'agulha',
      points: [point(0.45, 0.3, 4), point(0.55, 0.3, 4), point(0.5, 0.25, 2)],
      complications: '',
      painScore: 2,
      notes: 'Procedimento sem intercorrências.',
      postCareGiven: 'Não deitar por 4 horas.',
    });
    return { clientId, appointmentId, doctor, session: draft };
  }

  it('records a session, signs it and draws the product from the chosen lot', async () => {
    const before = await onHand(f.lots.toxinB.id);
    const { doctor, session, appointmentId, clientId } = await draftWithThreePoints('Ana Assinatura');
    expect(session.points).toHaveLength(3);
    // The map alone is enough: the points add one product line (4 + 4 + 2 U of lot TX-B).
    expect(session.products).toEqual([
      expect.objectContaining({ productId: f.products.toxin, lotNumber: 'TX-B', quantity: 10 }),
    ]);
    expect(session.checklist.beforePhotos).toBe(1);
    expect(await onHand(f.lots.toxinB.id)).toBe(before);

    const signed = await doctor.sessions.sign({
      sessionId: session.id,
      password: TEST_PASSWORD,
      code: f.code('doctor'),
    });
    expect(signed.status).toBe('signed');
    expect(signed.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.licence).toEqual(expect.objectContaining({ council: 'CRM', uf: 'SP', status: 'ativa' }));
    expect(signed.products[0]?.drawn).toEqual([{ lotId: f.lots.toxinB.id, lotNumber: 'TX-B', quantity: 10 }]);
    expect(await onHand(f.lots.toxinB.id)).toBe(before - 10);
    // Closing proposes the 15-day toxin review and the next session after the 90-day interval.
    expect(signed.followUps.map((p) => [p.kind, p.date])).toEqual([
      ['revisao', '2026-12-18'],
      ['proxima_sessao', '2027-03-03'],
    ]);
    const appointment = await (await f.as('reception')).agenda.get({ id: appointmentId } as never);
    expect((appointment as { status: string }).status).toBe('concluido');

    // Recall traceability: the lot's report lists this client and this session.
    const report = await doctor.inventory.traceability({ lotId: f.lots.toxinB.id });
    expect(report.rows).toEqual(
      expect.arrayContaining([expect.objectContaining({ clientId, sessionId: signed.id, quantity: 10 })]),
    );
  });

  /** The clinic opens Mon–Sat 08:00–20:00; the physician works Mon–Fri 08:00–18:00, lunch 12–13. */
  async function physicianWorksWeekdays() {
    await database.db
      .update(clinics)
      .set({
        openingHours: [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '08:00', closes: '20:00' })),
      })
      .where(eq(clinics.id, f.org.clinicId));
    const weekdays = [1, 2, 3, 4, 5];
    await (await f.as('manager')).agenda.setWorkingHours({
      professionalId: f.people.doctor.userId,
      hours: weekdays.map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
      breaks: weekdays.map((weekday) => ({ weekday, start: '12:00', end: '13:00' })),
    });
  }

  it('offers free agenda slots on and after each follow-up date, and a booked one is no longer offered', async () => {
    await physicianWorksWeekdays();
    const { doctor, session, clientId } = await draftWithThreePoints('Clara Retorno');
    const signed = await doctor.sessions.sign({
      sessionId: session.id,
      password: TEST_PASSWORD,
      code: f.code('doctor'),
    });
    expect(signed.followUps.map((p) => p.kind)).toEqual(['revisao', 'proxima_sessao']);
    const zone = 'America/Sao_Paulo';
    for (const proposal of signed.followUps) {
      expect(proposal.slots.length).toBeGreaterThan(0);
      for (const s of proposal.slots) {
        expect(localDate(new Date(s.startsAt), zone) >= proposal.date).toBe(true);
        // The session's own professional, within their working hours (not at lunch).
        expect(s.professionalId).toBe(f.people.doctor.userId);
        const hour = Number(
          new Date(s.startsAt).toLocaleString('en-GB', { hour: '2-digit', timeZone: zone }),
        );
        expect(hour).toBeGreaterThanOrEqual(8);
        expect(hour).not.toBe(12);
        expect(hour).toBeLessThan(18);
      }
    }
    // The 15-day review (Friday 18/12) starts that very day, at the opening of the physician's day.
    const review = signed.followUps[0];
    expect(review?.slots[0]?.startsAt).toBe('2026-12-18T11:00:00.000Z');

    // The reception books the first review chip as the screen does (agenda.book); it is then gone.
    const chip = review?.slots[0];
    const booked = await (await f.as('reception')).agenda.book({
      clientId,
      treatmentId: signed.treatmentId,
      professionalId: chip?.professionalId ?? '',
      startsAt: chip?.startsAt ?? '',
      acknowledgeWarnings: true,
    });
    expect(booked.appointment.startsAt).toBe(chip?.startsAt);
    const again = await doctor.sessions.get({ sessionId: signed.id });
    expect(again.followUps[0]?.slots.map((s) => s.startsAt)).not.toContain(chip?.startsAt);
    expect(again.followUps[0]?.slots.length).toBeGreaterThan(0);
  });

  it('offers and books the 15-day review of a toxin that blocks a new application within 90 days', async () => {
    // As in the demo catalog: injectables block a second application inside their minimum interval.
    await physicianWorksWeekdays();
    await database.query(
      sql`update treatments set interval_policy = 'block' where id = ${f.treatments.toxin}`,
    );
    try {
      const { doctor, session, clientId } = await draftWithThreePoints('Rita Revisão');
      const signed = await doctor.sessions.sign({
        sessionId: session.id,
        password: TEST_PASSWORD,
        code: f.code('doctor'),
      });
      const [review, next] = signed.followUps;
      expect(review?.kind).toBe('revisao');
      // The review is not a second application: the 90-day block does not empty its window.
      expect(review?.slots.length).toBeGreaterThan(0);
      for (const s of review?.slots ?? [])
        expect(localDate(new Date(s.startsAt), 'America/Sao_Paulo') >= (review?.date ?? '')).toBe(true);

      // The reception books the first chip as the follow-up card does: accepted, nothing to acknowledge.
      const reception = await f.as('reception');
      const chip = review?.slots[0];
      const booking = {
        clientId,
        treatmentId: signed.treatmentId,
        professionalId: chip?.professionalId ?? '',
        startsAt: chip?.startsAt ?? '',
      };
      const booked = await reception.agenda.book({ ...booking, purpose: 'revisao' });
      expect(booked.warnings).toEqual([]);
      // A new application in the review's window is still refused by the interval.
      const application = await reception.agenda
        .book({ ...booking, startsAt: review?.slots[1]?.startsAt ?? '' })
        .catch((e) => e);
      expect(appCode(application)).toBe('MIN_INTERVAL_BLOCKED');
      // The booked review does not count as an application: the next session is offered as before.
      const again = await doctor.sessions.get({ sessionId: signed.id });
      expect(again.followUps[1]?.slots.map((s) => s.startsAt)).toEqual(next?.slots.map((s) => s.startsAt));
      expect(next?.slots.length).toBeGreaterThan(0);
      // Rescheduling it, as the drawer searches (by the appointment's purpose), finds times and moves it.
      expect(booked.appointment.purpose).toBe('revisao');
      const search = { treatmentId: signed.treatmentId, clientId, professionalId: booking.professionalId };
      expect(await reception.agenda.availability({ ...search, from: booking.startsAt })).toEqual([]);
      const times = await reception.agenda.availability({
        ...search,
        purpose: 'revisao',
        from: booking.startsAt,
      });
      const later = times[times.length - 1];
      expect(later).toBeDefined();
      const moved = await reception.agenda.move({
        appointmentId: booked.appointment.id,
        startsAt: later?.startsAt ?? '',
        professionalId: later?.professionalId,
        roomId: later?.roomId,
        version: booked.appointment.version,
      });
      expect(moved.appointment).toEqual(
        expect.objectContaining({ startsAt: later?.startsAt, purpose: 'revisao' }),
      );
    } finally {
      await database.query(
        sql`update treatments set interval_policy = 'warn' where id = ${f.treatments.toxin}`,
      );
    }
  });

  it('shows a signed record with its follow-up times to a role without scheduling rights, and survives a retired treatment', async () => {
    const { doctor, session } = await draftWithThreePoints('Paula Leitura');
    const signed = await doctor.sessions.sign({
      sessionId: session.id,
      password: TEST_PASSWORD,
      code: f.code('doctor'),
    });
    // An esthetician reads clinical records but books nothing: the read still carries the proposals.
    const esthetician = await f.asNew(['esteticista']);
    const read = await esthetician.sessions.get({ sessionId: signed.id });
    expect(read.status).toBe('signed');
    expect(read.followUps.map((p) => [p.kind, p.date])).toEqual(
      signed.followUps.map((p) => [p.kind, p.date]),
    );
    expect(read.followUps.flatMap((p) => p.slots).map((s) => s.startsAt)).toEqual(
      signed.followUps.flatMap((p) => p.slots).map((s) => s.startsAt),
    );
    // Retiring the treatment afterwards must not make its signed records unreadable.
    await database.query(sql`update treatments set is_active = false where id = ${signed.treatmentId}`);
    try {
      const later = await esthetician.sessions.get({ sessionId: signed.id });
      expect(later.contentHash).toBe(signed.contentHash);
      expect(later.followUps.map((p) => [p.kind, p.slots.length])).toEqual([
        ['revisao', 0],
        ['proxima_sessao', 0],
      ]);
    } finally {
      await database.query(sql`update treatments set is_active = true where id = ${signed.treatmentId}`);
    }
  });

  it('refuses a wrong password and records nothing', async () => {
    const { doctor, session } = await draftWithThreePoints('Bruna Senha');
    const before = await onHand(f.lots.toxinB.id);
    const error = await doctor.sessions
      .sign({ sessionId: session.id, password: 'senha errada' })
      .catch((e) => e);
    expect(appCode(error)).toBe('SESSION_SIGN_PASSWORD_INCORRECT');
    expect(userMessage(error)).toContain('Senha');
    expect((await doctor.sessions.get({ sessionId: session.id })).status).toBe('draft');
    expect(await onHand(f.lots.toxinB.id)).toBe(before);
  });

  const refusedSignatures = async (sessionId: string) =>
    (
      await database.query<{ n: number }>(
        sql`select count(*)::int as n from audit_events
            where action = 'session.sign' and entity_id = ${sessionId} and outcome = 'failure'`,
      )
    )[0]?.n;

  it('asks a professional with MFA for the authenticator code too: missing, wrong or replayed, nothing is signed', async () => {
    const { doctor, session } = await draftWithThreePoints('Beatriz Código');
    const before = await onHand(f.lots.toxinB.id);
    const missing = await doctor.sessions
      .sign({ sessionId: session.id, password: TEST_PASSWORD })
      .catch((e) => e);
    expect(appCode(missing)).toBe('SESSION_SIGN_CODE_REQUIRED');
    expect(userMessage(missing)).toMatch(/^Código do autenticador: /);

    const current = f.code('doctor');
    const wrong = f.wrongCode('doctor');
    const refused = await doctor.sessions
      .sign({ sessionId: session.id, password: TEST_PASSWORD, code: wrong })
      .catch((e) => e);
    expect(appCode(refused)).toBe('SESSION_SIGN_CODE_INCORRECT');
    expect(userMessage(refused)).toMatch(/^Código do autenticador: .*A assinatura não foi registrada\./);
    // Not a number at all: refused by the input schema, naming the field.
    const malformed = await doctor.sessions
      .sign({ sessionId: session.id, password: TEST_PASSWORD, code: '12ab56' })
      .catch((e) => e);
    expect(JSON.stringify((malformed as { cause?: { issues?: unknown } }).cause?.issues)).toContain(
      'Código do autenticador',
    );
    expect((await doctor.sessions.get({ sessionId: session.id })).status).toBe('draft');
    expect(await onHand(f.lots.toxinB.id)).toBe(before);
    // Each refusal is audited as a failed signature, like a wrong password.
    expect(await refusedSignatures(session.id)).toBe(2);

    // The right code signs; the same code again (replayed) cannot sign an addendum.
    const signed = await doctor.sessions.sign({
      sessionId: session.id,
      password: TEST_PASSWORD,
      code: current,
    });
    expect(signed.status).toBe('signed');
    const replay = await doctor.sessions
      .addAddendum({
        sessionId: session.id,
        text: 'Correção: cliente relatou alergia a látex após o procedimento.',
        password: TEST_PASSWORD,
        code: current,
      })
      .catch((e) => e);
    expect(appCode(replay)).toBe('SESSION_SIGN_CODE_INCORRECT');
    expect((await doctor.sessions.get({ sessionId: session.id })).addenda).toEqual([]);
    const failures = await database.query<{ n: number }>(
      sql`select count(*)::int as n from audit_events
          where action = 'session.addendum' and entity_id = ${session.id} and outcome = 'failure'`,
    );
    expect(failures[0]?.n).toBe(1);
  });

  it('refuses edits of a signed record in the service and at the database; an addendum is accepted', async () => {
    const { doctor, session } = await draftWithThreePoints('Carla Imutável');
    const signed = await doctor.sessions.sign({
      sessionId: session.id,
      password: TEST_PASSWORD,
      code: f.code('doctor'),
    });

    const edit = await doctor.sessions
      .saveDraft({ sessionId: signed.id, areas: ['glabela'], points: [], notes: 'alterado' })
      .catch((e) => e);
    expect(appCode(edit)).toBe('SESSION_SIGNED');
    expect(userMessage(edit)).toContain('adendo');

    // Raw SQL, even as the table owner, is refused by the trigger.
    await expect(
      database.query(sql`update treatment_sessions set pain_score = 9 where id = ${signed.id}`),
    ).rejects.toThrow();
    await expect(
      database.query(sql`delete from treatment_sessions where id = ${signed.id}`),
    ).rejects.toThrow();
    await expect(
      database.query(sql`update session_injection_points set quantity = 40 where session_id = ${signed.id}`),
    ).rejects.toThrow();
    await expect(
      database.query(sql`delete from session_products where session_id = ${signed.id}`),
    ).rejects.toThrow();
    const unchanged = await doctor.sessions.get({ sessionId: signed.id });
    expect(unchanged.painScore).toBe(2);
    expect(unchanged.points).toHaveLength(3);

    const withAddendum = await doctor.sessions.addAddendum({
      sessionId: signed.id,
      text: 'Correção: o ponto central recebeu 2 U, e não 4 U, conforme registrado.',
      password: TEST_PASSWORD,
      code: f.code('doctor'),
    });
    expect(withAddendum.addenda).toEqual([
      expect.objectContaining({
        text: 'Correção: o ponto central recebeu 2 U, e não 4 U, conforme registrado.',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    // The original is shown unchanged, with the same hash.
    expect(withAddendum.contentHash).toBe(signed.contentHash);
    expect(withAddendum.points).toHaveLength(3);
    const [addendumId] = withAddendum.addenda.map((a) => a.id);
    await expect(
      database.query(sql`update session_addenda set signed_at = now() where id = ${addendumId}`),
    ).rejects.toThrow();
  });

  it('refuses a quarantined lot at signing and keeps the draft', async () => {
    const { doctor, session } = await draftWithThreePoints('Daniela Quarentena', f.lots.toxinQ.id);
    await doctor.inventory.quarantineLot({
      lotId: f.lots.toxinQ.id,
      reason: 'Suspeita de desvio de qualidade',
    });
    const error = await doctor.sessions
      .sign({ sessionId: session.id, password: TEST_PASSWORD, code: f.code('doctor') })
      .catch((e) => e);
    expect(appCode(error)).toBe('LOT_BLOCKED');
    expect(userMessage(error)).toContain('TX-Q');
    expect((await doctor.sessions.get({ sessionId: session.id })).status).toBe('draft');
  });

  it('blocks the start without TCLE and a hard contraindication without a physician override', async () => {
    const doctor = await f.as('doctor');
    const noTcle = await f.newClient('Elisa Sem Termo', false);
    const started = await doctor.sessions.start({ appointmentId: await f.checkedIn(noTcle) });
    const error = await doctor.sessions
      .confirmChecklist({ sessionId: started.id, intakeStatus: 'unchanged' })
      .catch((e) => e);
    expect(appCode(error)).toBe('SESSION_TCLE_MISSING');

    const pregnant = await f.newClient('Fernanda Gestante', true);
    await doctor.clients.saveIntake({
      clientId: pregnant,
      data: { pregnant: true, fitzpatrick: 'III' },
    } as never);
    const strict = await doctor.sessions.start({
      appointmentId: await f.checkedIn(pregnant, { treatmentId: f.treatments.toxinStrict }),
    });
    expect(strict.checklist.contraindications.map((c) => c.severity)).toContain('hard');
    const blocked = await doctor.sessions
      .confirmChecklist({ sessionId: strict.id, intakeStatus: 'unchanged' })
      .catch((e) => e);
    expect(appCode(blocked)).toBe('SESSION_HARD_CONTRAINDICATION');
    const overridden = await doctor.sessions.confirmChecklist({
      sessionId: strict.id,
      intakeStatus: 'unchanged',
      overrideJustification: 'Gestação descartada por exame laboratorial de hoje; anamnese desatualizada.',
    });
    expect(overridden.checklist.hardOverride).toBe(true);
    expect(overridden.checklist.confirmedAt).not.toBeNull();
  });

  it('accepts "intake updated" only after a new intake version, and re-checks contraindications against it', async () => {
    const doctor = await f.as('doctor');
    const clientId = await f.newClient('Ingrid Anamnese', true);
    const started = await doctor.sessions.start({
      appointmentId: await f.checkedIn(clientId, { treatmentId: f.treatments.toxinStrict }),
    });
    // No intake yet: the rule can only warn (the professional must ask).
    expect(started.checklist.contraindications.map((c) => c.severity)).toEqual(['soft']);
    const notYet = await doctor.sessions
      .confirmChecklist({ sessionId: started.id, intakeStatus: 'updated' })
      .catch((e) => e);
    expect(appCode(notYet)).toBe('SESSION_INTAKE_NOT_UPDATED');
    // The client reports a pregnancy today: the updated intake now blocks the procedure.
    await doctor.clients.saveIntake({ clientId, data: { pregnant: true, fitzpatrick: 'II' } } as never);
    const blocked = await doctor.sessions
      .confirmChecklist({ sessionId: started.id, intakeStatus: 'updated' })
      .catch((e) => e);
    expect(appCode(blocked)).toBe('SESSION_HARD_CONTRAINDICATION');
  });

  it('only the appointment professional starts it, and only a checked-in appointment', async () => {
    const clientId = await f.newClient('Gabriela Agenda', true);
    const appointmentId = await f.checkedIn(clientId);
    const other = await f.as('otherDoctor');
    expect(appCode(await other.sessions.start({ appointmentId }).catch((e) => e))).toBe(
      'SESSION_NOT_YOUR_APPOINTMENT',
    );
    const notArrived = await f.checkedIn(clientId);
    await database.query(sql`update appointments set status = 'agendado' where id = ${notArrived}`);
    expect(
      appCode(await (await f.as('doctor')).sessions.start({ appointmentId: notArrived }).catch((e) => e)),
    ).toBe('SESSION_APPOINTMENT_NOT_CHECKED_IN');
    const reception = await f.as('reception');
    expect(appCode(await reception.sessions.start({ appointmentId }).catch((e) => e))).toBe('FORBIDDEN');
  });

  it('shows the client timeline with sessions, lots, photos and the total units received', async () => {
    const { doctor, session, clientId } = await draftWithThreePoints('Helena Linha do Tempo');
    await doctor.sessions.sign({ sessionId: session.id, password: TEST_PASSWORD, code: f.code('doctor') });
    const timeline = await doctor.sessions.timeline({ clientId });
    expect(timeline.entries.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['sessao', 'produto', 'foto']),
    );
    expect(timeline.entries.find((e) => e.kind === 'produto')).toEqual(
      expect.objectContaining({ lotNumber: 'TX-B', quantity: 10, unit: 'U' }),
    );
    expect(timeline.totals).toEqual([
      expect.objectContaining({ productId: f.products.toxin, total: 10, unit: 'U' }),
    ]);
  });

  it('lets only the roles the client profile shows the "Atendimentos" tab to read the timeline', async () => {
    const clientId = await f.newClient('Olga Acesso', true);
    const cases = [
      ...STAFF_ROLES.map((role) => ({ roles: [role], licence: true })),
      // A physician whose licence is not active does not read it (nor see the tab).
      { roles: ['medico' as const], licence: false },
    ];
    for (const { roles, licence } of cases) {
      const caller = await f.asNew(roles, licence);
      const outcome = await caller.sessions
        .timeline({ clientId })
        .then(() => 'allowed')
        // Refused by role (FORBIDDEN) or, for a licensed role, by its licence not being active.
        .catch((e) => (['FORBIDDEN', 'LICENCE_NOT_VERIFIED'].includes(appCode(e) ?? '') ? 'refused' : e));
      const activeLicences = licence
        ? roles.map((r) => LICENSED_ROLE_COUNCIL[r]).filter((c) => c !== undefined)
        : [];
      const expected = canReadClinicalRecord({ roles, activeLicences }) ? 'allowed' : 'refused';
      expect([roles.join('+'), licence, outcome]).toEqual([roles.join('+'), licence, expected]);
    }
    expect(canReadClinicalRecord({ roles: ['recepcionista'], activeLicences: [] })).toBe(false);
    expect(canReadClinicalRecord({ roles: ['gestor'], activeLicences: [] })).toBe(false);
    expect(canReadClinicalRecord({ roles: ['esteticista'], activeLicences: [] })).toBe(true);
  });
});
