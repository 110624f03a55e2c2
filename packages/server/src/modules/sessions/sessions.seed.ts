import type { TSessionChecklist } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import type { Keyring } from '../../platform/crypto/keyring';
import { drawStockInTx } from '../inventory/stock.service';
import { contentHash } from './canonical';
import {
  findLicences,
  findSessionProducts,
  insertSession,
  replaceChildren,
  setProductMovements,
  updateSession,
} from './sessions.queries';
import {
  findDemoClients,
  findFreeStart,
  findOrCreateProduct,
  findOrCreateTreatment,
  findTcleDocument,
  insertAppointment,
  insertConsentEvent,
  insertLotWithReceipt,
} from './sessions.seed.queries';

const DAY = 86_400_000;

/** Glabella and forehead: a usual botulinum-toxin pattern on the frontal face diagram (x, y, U). */
const PATTERN: [number, number, number][] = [
  [0.5, 0.33, 4],
  [0.44, 0.32, 4],
  [0.56, 0.32, 4],
  [0.38, 0.22, 2],
  [0.62, 0.22, 2],
  [0.5, 0.2, 4],
];

export type DemoSessionsInput = {
  organizationId: string;
  clinicId: string;
  professionalId: string;
  now: Date;
  /** Signed past sessions to create (one per demo client). */
  sessions: number;
  /** Before-photos the photo step attaches to each of the first sessions (the checklist records them). */
  beforePhotos?: { sessions: number; perSession: number };
};

/**
 * Demo data of the clinical record: a toxin treatment and product with two lots, signed past sessions
 * (points, lot, stock drawn, hash, licence snapshot) for the first demo clients, and two appointments
 * later today for the same professional, ready to be checked in. Synthetic, non-identifying content.
 */
export async function seedDemoSessions(
  tx: Tx,
  keyring: Keyring,
  input: DemoSessionsInput,
): Promise<{
  signed: number;
  upcoming: number;
  sessions: { clientId: string; sessionId: string; appointmentId: string; startedAt: Date }[];
}> {
  const { organizationId, clinicId, professionalId, now } = input;
  const treatmentId = await findOrCreateTreatment(tx, {
    organizationId,
    name: 'Toxina botulínica — terço superior',
    category: 'injetavel',
    competenceCategory: 'toxina_botulinica',
    durationMin: 30,
    bufferMin: 10,
    minIntervalDays: 90,
    priceCents: 150_000,
  });
  const productId = await findOrCreateProduct(tx, {
    organizationId,
    name: 'Toxina botulínica tipo A 100 U (demo)',
    manufacturer: 'Laboratório Demonstração',
    anvisaCategory: 'medicamento',
    anvisaNumber: '1000000000001',
    unit: 'U',
    registryCheck: 'override',
    registryCheckedAt: now,
    overrideReason: 'Produto de demonstração',
  });
  const ymd = (ms: number) => new Date(now.getTime() + ms).toISOString().slice(0, 10);
  const lotA = await insertLotWithReceipt(
    tx,
    {
      organizationId,
      clinicId,
      productId,
      lotNumber: 'DEMO-TXA-01',
      expiryDate: ymd(240 * DAY),
      supplier: 'Distribuidora Demonstração',
      invoiceNumber: 'NF-0001',
      receivedOn: ymd(-90 * DAY),
      storageLocation: 'Geladeira 1',
    },
    600,
    professionalId,
    new Date(now.getTime() - 90 * DAY),
  );
  await insertLotWithReceipt(
    tx,
    {
      organizationId,
      clinicId,
      productId,
      lotNumber: 'DEMO-TXA-02',
      expiryDate: ymd(420 * DAY),
      supplier: 'Distribuidora Demonstração',
      invoiceNumber: 'NF-0002',
      receivedOn: ymd(-30 * DAY),
      storageLocation: 'Geladeira 1',
    },
    400,
    professionalId,
    new Date(now.getTime() - 30 * DAY),
  );
  const tcle = await findTcleDocument(tx, organizationId, 'toxina_botulinica');
  const licences = await findLicences(tx, professionalId);
  const licence = licences.find((l) => l.status === 'ativa') ?? licences[0] ?? null;
  const clients = await findDemoClients(tx, organizationId, input.sessions + 2);
  let signed = 0;
  const signedSessions: { clientId: string; sessionId: string; appointmentId: string; startedAt: Date }[] =
    [];
  for (const [index, client] of clients.entries()) {
    if (tcle)
      await insertConsentEvent(tx, {
        organizationId,
        clientId: client.id,
        documentId: tcle.id,
        purpose: 'tcle',
        procedureCategory: 'toxina_botulinica',
        action: 'grant',
        occurredAt: new Date(now.getTime() - 120 * DAY),
        channel: 'presencial_tablet',
        collectedBy: professionalId,
        signer: 'client',
        typedName: 'Assinatura de demonstração',
        documentSha256: tcle.bodySha256,
      });
    if (index >= input.sessions) {
      // Later today, ready to be checked in (status agendado).
      const startsAt = await findFreeStart(tx, {
        professionalId,
        clientId: client.id,
        start: new Date(
          Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + (index - input.sessions + 1) * 3_600_000,
        ),
        lengthMs: 40 * 60_000,
      });
      await insertAppointment(tx, {
        organizationId,
        clinicId,
        clientId: client.id,
        treatmentId,
        professionalId,
        status: 'agendado',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 40 * 60_000),
        serviceEndsAt: new Date(startsAt.getTime() + 30 * 60_000),
        createdBy: professionalId,
      });
      continue;
    }
    const startedAt = await findFreeStart(tx, {
      professionalId,
      clientId: client.id,
      start: new Date(now.getTime() - (14 + index * 9) * DAY),
      lengthMs: 40 * 60_000,
    });
    const appointmentId = await insertAppointment(tx, {
      organizationId,
      clinicId,
      clientId: client.id,
      treatmentId,
      professionalId,
      status: 'concluido',
      startsAt: startedAt,
      endsAt: new Date(startedAt.getTime() + 40 * 60_000),
      serviceEndsAt: new Date(startedAt.getTime() + 30 * 60_000),
      createdBy: professionalId,
    });
    const checklist: TSessionChecklist = {
      tcleSigned: true,
      tcleSignedAt: new Date(now.getTime() - 120 * DAY).toISOString(),
      intakeReviewed: true,
      intakeStatus: 'unchanged',
      intakeVersion: null,
      contraindications: [],
      contraindicationsCheckedAt: startedAt.toISOString(),
      hardOverride: false,
      beforePhotos: index < (input.beforePhotos?.sessions ?? 0) ? (input.beforePhotos?.perSession ?? 0) : 0,
      confirmedAt: startedAt.toISOString(),
    };
    const row = await insertSession(tx, {
      organizationId,
      clinicId,
      appointmentId,
      clientId: client.id,
      professionalId,
      treatmentId,
      status: 'draft',
      startedAt,
      checklist,
      areas: ['glabela', 'frontal'],
      technique: 'agulha',
      painScore: 2 + (index % 3),
      postCareGiven: 'Não deitar por 4 horas; evitar atividade física intensa por 24 horas.',
      createdBy: professionalId,
      createdAt: startedAt,
      updatedAt: startedAt,
    });
    signedSessions.push({ clientId: client.id, sessionId: row.id, appointmentId, startedAt });
    const total = PATTERN.reduce((sum, [, , u]) => sum + u, 0);
    await replaceChildren(
      tx,
      row.id,
      PATTERN.map(([x, y, quantity], position) => ({
        organizationId,
        sessionId: row.id,
        diagram: 'face_frontal',
        x,
        y,
        productId,
        lotId: lotA,
        quantity,
        unit: 'U',
        depth: 'intramuscular',
        dilution: '100 U em 2,5 mL de SF 0,9%',
        position,
      })),
      [{ organizationId, sessionId: row.id, productId, lotId: lotA, quantity: total, position: 0 }],
    );
    const drawn = await drawStockInTx(tx, {
      organizationId,
      clinicId,
      productId,
      quantity: total,
      lotId: lotA,
      reference: { sessionId: row.id, clientId: client.id, professionalId, appointmentId },
      occurredAt: startedAt,
    });
    const [item] = await findSessionProducts(tx, row.id);
    if (item)
      await setProductMovements(
        tx,
        item.item.id,
        drawn.map((d) => d.movementId),
      );
    const clinical = { complications: '', notes: 'Sessão de demonstração sem intercorrências.' };
    const signedAt = new Date(startedAt.getTime() + 35 * 60_000);
    const snapshot = licence
      ? { council: licence.council, number: licence.number, uf: licence.uf, status: licence.status }
      : null;
    await updateSession(tx, row.id, {
      clinicalSealed: keyring.seal(JSON.stringify(clinical), `treatment_sessions.clinical:${row.id}`),
      status: 'signed',
      endedAt: signedAt,
      signedAt,
      signedBy: professionalId,
      contentHash: contentHash({
        session: row.id,
        checklist,
        clinical,
        points: PATTERN,
        products: [{ product: productId, lot: lotA, quantity: total }],
        movements: drawn.map((d) => d.movementId).sort(),
        signedAt: signedAt.toISOString(),
        signedBy: professionalId,
        licence: snapshot,
      }),
      licenceCouncil: snapshot?.council ?? null,
      licenceNumber: snapshot?.number ?? null,
      licenceUf: snapshot?.uf ?? null,
      licenceStatus: snapshot?.status ?? null,
      updatedAt: signedAt,
    });
    signed += 1;
  }
  return { signed, upcoming: Math.max(0, clients.length - input.sessions), sessions: signedSessions };
}
