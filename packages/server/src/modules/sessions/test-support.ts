import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TContraindications, TStaffRole } from '@clinia/contracts';
import * as OTPAuth from 'otpauth';
import sharp from 'sharp';
import { appointments, treatments } from '../../db/schema';
import type { fixedClock } from '../../platform/clock';
import {
  createTestOrganization,
  enrolledStaffMaker,
  insertTestClient,
  insertTestProducts,
  signInAs,
  TEST_PRODUCTS,
  type TestDatabase,
  type TestOrg,
  testConfig,
  testContext,
  testKeyring,
} from '../../testing';

/**
 * A clinic ready for a treatment session: two physicians and a nurse with active licences and an
 * enrolled authenticator (TOTP), a receptionist and a manager; toxin and filler products with lots; a
 * toxin treatment; a client who signed the toxin TCLE; photos stored in a temporary folder.
 */
export type SessionFixture = Awaited<ReturnType<typeof createSessionFixture>>;

export async function createSessionFixture(database: TestDatabase, clock: ReturnType<typeof fixedClock>) {
  const org: TestOrg = await createTestOrganization(database);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'clinia-sessions-int-'));
  const base = testContext(database, {
    clock,
    keyring: testKeyring(),
    config: testConfig({ DATA_DIR: dataDir }),
  });
  const user = enrolledStaffMaker(database, org);
  const people = {
    manager: await user(['gestor']),
    reception: await user(['recepcionista']),
    doctor: await user(['medico']),
    otherDoctor: await user(['medico']),
    nurse: await user(['enfermeiro']),
  };
  const as = (who: keyof typeof people) => signInAs(database, base, people[who]);
  /** A caller of a new user with these roles (licensed roles with an active licence unless told). */
  const asNew = async (roles: TStaffRole[], licence = true) =>
    signInAs(database, base, await user(roles, licence));
  // The professionals who sign enrol a real authenticator (as the app's enrolment does), so signing
  // asks for its code; the secrets stay here to compute codes as the phone would.
  const totpOf = (secret: string) =>
    new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 });
  const secrets = new Map<keyof typeof people, string>();
  for (const who of ['doctor', 'otherDoctor', 'nurse'] as const) {
    const caller = await signInAs(database, base, people[who], { reauthenticated: true });
    const { secret } = await caller.auth.beginMfaEnrolment();
    await caller.auth.confirmMfaEnrolment({
      code: totpOf(secret).generate({ timestamp: clock.now().getTime() }),
    });
    secrets.set(who, secret);
  }
  /**
   * A fresh authenticator code of `who`: the clock moves to the next 30-second step first, because a
   * code whose step was already used (at enrolment or an earlier signature) is refused as a replay.
   */
  const code = (who: 'doctor' | 'otherDoctor' | 'nurse') => {
    clock.advance(30_000);
    return totpOf(secrets.get(who) ?? '').generate({ timestamp: clock.now().getTime() });
  };
  /** A well-formed code that none of the steps the server accepts now (±1) would produce. */
  const wrongCode = (who: 'doctor' | 'otherDoctor' | 'nurse') => {
    const totp = totpOf(secrets.get(who) ?? '');
    const valid = [-1, 0, 1].map((k) => totp.generate({ timestamp: clock.now().getTime() + k * 30_000 }));
    return ['000000', '111111', '222222', '333333'].find((c) => !valid.includes(c)) ?? '444444';
  };
  const now = clock.now();
  const productIds = await insertTestProducts(database, org, now, {
    toxin: TEST_PRODUCTS.toxin,
    filler: { ...TEST_PRODUCTS.filler, unit: 'mL' },
  });
  const manager = await as('manager');
  const receive = (productId: string, lotNumber: string, expiryDate: string, quantity: number) =>
    manager.inventory.receiveLot({
      productId,
      lotNumber,
      expiryDate,
      supplier: 'Distribuidora Saúde Ltda.',
      invoiceNumber: '12345',
      receivedOn: '2026-12-01',
      storageLocation: 'Geladeira 1',
      quantity,
    });
  const lots = {
    toxinA: await receive(productIds.toxin, 'TX-A', '2027-03-31', 100),
    toxinB: await receive(productIds.toxin, 'TX-B', '2027-09-30', 100),
    toxinQ: await receive(productIds.toxin, 'TX-Q', '2027-08-31', 50),
    filler: await receive(productIds.filler, 'AH-1', '2027-06-30', 5),
  };
  const treatment = async (name: string, contraindications: TContraindications = {}) => {
    const [row] = await database.db
      .insert(treatments)
      .values({
        organizationId: org.organizationId,
        name,
        category: 'injetavel',
        competenceCategory: 'toxina_botulinica',
        durationMin: 30,
        bufferMin: 10,
        minIntervalDays: 90,
        priceCents: 150_000,
        contraindications,
      })
      .returning({ id: treatments.id });
    return row?.id ?? '';
  };
  const treatmentIds = {
    toxin: await treatment('Toxina botulínica'),
    toxinStrict: await treatment('Toxina botulínica (gestação bloqueia)', {
      pregnancy: { severity: 'hard' },
    }),
  };
  const doctor = await as('doctor');
  const docs = await doctor.clients.consentDocuments();
  const tcle = docs.find((d) => d.purpose === 'tcle' && d.procedureCategory === 'toxina_botulinica');
  const newClient = async (fullName: string, signTcle: boolean) => {
    const clientId = await insertTestClient(database, org, { fullName, birthDate: '1990-05-10' });
    if (signTcle && tcle)
      await doctor.clients.changeConsent({
        clientId,
        documentId: tcle.id,
        action: 'grant',
        evidence: { typedName: fullName, signer: 'client', channel: 'presencial_tablet' },
      } as never);
    return clientId;
  };
  let slot = 0;
  /** A checked-in appointment (status chegou), as the reception leaves it; each in its own hour. */
  const checkedIn = async (
    clientId: string,
    options: { treatmentId?: string; professional?: keyof typeof people } = {},
  ) => {
    slot += 1;
    const startsAt = new Date(now.getTime() - 12 * 3_600_000 + slot * 3_600_000);
    const [row] = await database.db
      .insert(appointments)
      .values({
        organizationId: org.organizationId,
        clinicId: org.clinicId,
        clientId,
        treatmentId: options.treatmentId ?? treatmentIds.toxin,
        professionalId: people[options.professional ?? 'doctor'].userId,
        status: 'chegou',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 40 * 60_000),
        serviceEndsAt: new Date(startsAt.getTime() + 30 * 60_000),
      })
      .returning({ id: appointments.id });
    return row?.id ?? '';
  };
  const jpeg = async () =>
    (
      await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c08080' } })
        .jpeg()
        .toBuffer()
    ).toString('base64');
  /**
   * The physician's session for a new client (who signed the toxin TCLE): checked in, started, checklist
   * confirmed and the before photo taken, ready for the draft.
   */
  const startWithBeforePhoto = async (clientName: string) => {
    const clientId = await newClient(clientName, true);
    const appointmentId = await checkedIn(clientId);
    const doctor = await as('doctor');
    const started = await doctor.sessions.start({ appointmentId });
    await doctor.sessions.confirmChecklist({ sessionId: started.id, intakeStatus: 'unchanged' });
    await doctor.photos.upload({
      clientId,
      sessionId: started.id,
      appointmentId,
      area: 'face',
      pose: 'frontal',
      moment: 'antes',
      contentBase64: await jpeg(),
    } as never);
    return { clientId, appointmentId, doctor, started };
  };
  return {
    org,
    people,
    as,
    asNew,
    code,
    wrongCode,
    products: productIds,
    lots,
    treatments: treatmentIds,
    newClient,
    checkedIn,
    startWithBeforePhoto,
    jpeg,
    cleanup: () => fs.rm(dataDir, { recursive: true, force: true }),
  };
}
