import type { TSessionChecklist } from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { localDate, zonedInstant } from '../../platform/clock';
import type { Keyring } from '../../platform/crypto/keyring';
import { drawStockInTx, suggestLotsInTx } from '../inventory/stock.service';
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
  findMaterialProduct,
  findTcleDocument,
  findTreatmentByName,
  insertAppointment,
  insertConsentEvent,
} from './sessions.seed.queries';

const DAY = 86_400_000;
/** The inventory demo's toxin treatment (inventory.seed-treatments.ts). */
const DEMO_TREATMENT = 'Toxina botulínica — terço superior';

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
  /** The clinic's IANA zone (where "today" is). */
  timeZone?: string;
  professionalId: string;
  now: Date;
  /** Signed past sessions to create (one per demo client). */
  sessions: number;
  /** Before-photos the photo step attaches to each of the first sessions (the checklist records them). */
  beforePhotos?: { sessions: number; perSession: number };
};

/**
 * Demo data of the clinical record, on the inventory demo's catalog and stock (no product or lot of
 * its own, so the stock screen lists each product once): signed past sessions of its toxin treatment
 * (points, the FEFO lot of its toxin drawn through the ledger, hash, licence snapshot) for the first
 * demo clients, and two appointments later today for the same professional, ready to be checked in.
 * Without that catalog (the inventory step did not run) it seeds nothing. Synthetic content.
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
  const timeZone = input.timeZone ?? 'America/Sao_Paulo';
  const none = { signed: 0, upcoming: 0, sessions: [] };
  // The inventory step's catalog and stock: its toxin treatment, the toxin of its bill of materials,
  // and that product's lots in this clinic (FEFO, drawn through the ledger as a signature does).
  const treatment = await findTreatmentByName(tx, organizationId, DEMO_TREATMENT);
  if (!treatment) return none;
  const treatmentId = treatment.id;
  const product = await findMaterialProduct(tx, treatmentId, 'U');
  if (!product) return none;
  const productId = product.id;
  const tcle = await findTcleDocument(tx, organizationId, 'toxina_botulinica');
  const licences = await findLicences(tx, professionalId);
  const licence = licences.find((l) => l.status === 'ativa') ?? licences[0] ?? null;
  const clients = await findDemoClients(tx, organizationId, input.sessions + 2);
  const total = PATTERN.reduce((sum, [, , u]) => sum + u, 0);
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
      // Later today, ready to be checked in (status agendado). Late in the evening the next hours are
      // tomorrow already: then they go in this morning instead, so "today" always has them (a visit
      // of today can still be checked in; the agenda and the session screen only show today's).
      const nth = index - input.sessions + 1;
      const later = new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + nth * 3_600_000);
      const today = localDate(now, timeZone);
      const fitsToday = localDate(new Date(later.getTime() + 3 * 3_600_000), timeZone) === today;
      const startsAt = await findFreeStart(tx, {
        professionalId,
        clientId: client.id,
        start: fitsToday
          ? later
          : new Date(zonedInstant(today, '07:00', timeZone).getTime() + nth * 3_600_000),
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
    // One lot for the whole session, the one FEFO suggests on that day (as the lot picker does); with
    // no single usable lot left, this client gets no demo session.
    const { suggestion } = await suggestLotsInTx(tx, {
      clinicId,
      productId,
      quantity: total,
      now: startedAt,
    });
    const lotA = suggestion.length === 1 ? suggestion[0]?.lotId : undefined;
    if (!lotA) continue;
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
