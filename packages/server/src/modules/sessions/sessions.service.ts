import { randomUUID } from 'node:crypto';
import {
  LICENSED_ROLE_COUNCIL,
  type TDeviceParameter,
  type TInjectionDepth,
  type TProductUnit,
  type TSaveDraftInput,
  type TSessionChecklist,
  type TSessionTechnique,
  type TStaffRole,
  type TTreatmentSession,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { auditActor, auditOrigin, recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import {
  type ContraindicationFinding,
  checkContraindicationsInTx,
  findTreatmentRequirements,
} from '../catalog/catalog.service';
import { drawStockInTx } from '../inventory/stock.service';
import {
  checkCompetence,
  emit,
  loadClinicCtx,
  metaOf,
  transitionInTx,
} from '../scheduling/scheduling.service';
import { contentHash } from './canonical';
import { followUpsFor, TOXIN_REVIEW_DAYS, withFreeSlots } from './follow-ups';
import * as errors from './sessions.errors';
import {
  countBeforePhotos,
  findAddenda,
  findLatestIntakeVersion,
  findLatestTcle,
  findLicences,
  findLotsByIds,
  findNames,
  findPoints,
  findProductsByIds,
  findSessionByAppointment,
  findSessionById,
  findSessionMovements,
  findSessionProducts,
  findUserNames,
  insertSession,
  lockAppointmentRow,
  lockSession,
  replaceChildren,
  type SessionRow,
  setProductMovements,
  updateSession,
} from './sessions.queries';
import { reauthenticateToSign, withSigningReauth } from './signing-reauth.service';

/**
 * Treatment sessions (atendimentos): the clinical record of one procedure (CFM 1.638/2002 "tratamento
 * efetuado"; REGULATION.md 4.2 per-use record).
 *
 * Lifecycle: `start` (appointment chegou → em_atendimento, draft with the pre-session checklist) →
 * `confirmChecklist` → `saveDraft` (any number of times) → `sign` (password again, stock drawn from
 * the lots in the same transaction, content hash, licence snapshot; appointment → concluido) →
 * `addAddendum` (signed corrections). After signing, the service refuses edits and the trigger of
 * migration 0021 refuses them at the database too.
 *
 * The signature is the platform's advanced electronic signature (password and authenticator code
 * re-entered by the signed-in professional + SHA-256 of the canonical content). It is NOT an ICP-Brasil qualified signature; the
 * `RecordSigner` port below is where an ICP-Brasil adapter will plug in.
 */

/** Port for a qualified (ICP-Brasil) signature of the record hash. Not implemented yet: see docs. */
export interface RecordSigner {
  /** Identifies the adapter in the record ('plataforma' today; e.g. 'icp_brasil_a3' later). */
  readonly kind: string;
  /** Signs the SHA-256 (hex) of the canonical content; returns a detached signature (e.g. CAdES). */
  sign(input: { contentHash: string; signerUserId: string }): Promise<{ signature: string } | null>;
}

type Clinical = { complications: string; notes: string };

const clinicalAad = (id: string) => `treatment_sessions.clinical:${id}`;
const overrideAad = (id: string) => `treatment_sessions.override:${id}`;
export const addendumAad = (id: string) => `session_addenda.text:${id}`;

const emptyChecklist = (): TSessionChecklist => ({
  tcleSigned: false,
  tcleSignedAt: null,
  intakeReviewed: false,
  intakeStatus: null,
  intakeVersion: null,
  contraindications: [],
  contraindicationsCheckedAt: null,
  hardOverride: false,
  beforePhotos: 0,
  confirmedAt: null,
});

const isHard = (f: ContraindicationFinding) => f.severity === 'hard' && f.basis === 'met';

function checklistOf(row: SessionRow): TSessionChecklist {
  return { ...emptyChecklist(), ...(row.checklist as Partial<TSessionChecklist>) };
}

async function loadForWrite(tx: Tx, actor: Actor, sessionId: string): Promise<SessionRow> {
  const row = await lockSession(tx, sessionId);
  if (!row || row.organizationId !== actor.organizationId) throw errors.sessionNotFound();
  if (row.status === 'signed') throw errors.sessionSigned();
  if (row.professionalId !== actor.userId) throw errors.notTheProfessional();
  return row;
}

/** The licence the actor signs with: the active one of a council of their licensed roles here. */
export async function licenceSnapshot(tx: Tx, actor: Actor) {
  const councils = new Set(
    actor.roles
      .map((r) => LICENSED_ROLE_COUNCIL[r as TStaffRole])
      .filter((c): c is NonNullable<typeof c> => !!c),
  );
  const licences = await findLicences(tx, actor.userId);
  const active = licences.find((l) => councils.has(l.council as never) && l.status === 'ativa');
  if (!active) throw errors.licenceNotActive();
  return active;
}

// ── Start and checklist ──────────────────────────────────────────────────────────────────────────

async function evaluateChecklist(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  row: Pick<SessionRow, 'id' | 'clientId' | 'treatmentId'>,
  competenceCategory: string,
  previous: TSessionChecklist,
): Promise<{ checklist: TSessionChecklist; findings: ContraindicationFinding[] }> {
  const now = deps.clock.now();
  const tcle = await findLatestTcle(tx, row.clientId, competenceCategory);
  const findings = await checkContraindicationsInTx(tx, deps, actor, {
    treatmentId: row.treatmentId,
    clientId: row.clientId,
  });
  return {
    findings,
    checklist: {
      ...previous,
      tcleSigned: tcle?.action === 'grant',
      tcleSignedAt: tcle?.action === 'grant' ? tcle.occurredAt.toISOString() : null,
      intakeVersion: await findLatestIntakeVersion(tx, row.clientId),
      contraindications: findings.map((f) => ({
        rule: f.rule,
        severity: isHard(f) ? 'hard' : 'soft',
        message: f.message,
      })),
      contraindicationsCheckedAt: now.toISOString(),
      beforePhotos: await countBeforePhotos(tx, row.id),
    },
  };
}

export async function startSession(
  deps: ServiceDeps,
  actor: Actor,
  input: { appointmentId: string },
): Promise<TTreatmentSession> {
  const now = deps.clock.now();
  const id = await withTenant(deps.database, actor.organizationId, async (tx) => {
    const appointment = await lockAppointmentRow(tx, input.appointmentId);
    if (!appointment || appointment.organizationId !== actor.organizationId)
      throw errors.appointmentNotFound();
    const existing = await findSessionByAppointment(tx, appointment.id);
    if (existing) return existing.id;
    // 'em_atendimento' without a record: the agenda was moved on first; the record still starts here.
    if (appointment.status !== 'chegou' && appointment.status !== 'em_atendimento')
      throw errors.appointmentNotCheckedIn();
    if (appointment.professionalId !== actor.userId) throw errors.notTheProfessional();
    const treatment = await findTreatmentRequirements(tx, appointment.treatmentId);
    if (!treatment) throw errors.appointmentNotFound();
    const ctx = await loadClinicCtx(tx, appointment.clinicId);
    await checkCompetence(tx, ctx, actor.userId, treatment);
    if (appointment.status === 'chegou')
      await transitionInTx(tx, metaOf(deps, actor), appointment, 'em_atendimento');
    const sessionId = randomUUID();
    const { checklist } = await evaluateChecklist(
      tx,
      deps,
      actor,
      { id: sessionId, clientId: appointment.clientId, treatmentId: appointment.treatmentId },
      treatment.competenceCategory,
      emptyChecklist(),
    );
    await insertSession(tx, {
      id: sessionId,
      organizationId: actor.organizationId,
      clinicId: appointment.clinicId,
      appointmentId: appointment.id,
      clientId: appointment.clientId,
      professionalId: actor.userId,
      treatmentId: appointment.treatmentId,
      status: 'draft',
      startedAt: now,
      checklist,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'session.start',
      entityType: 'treatment_session',
      entityId: sessionId,
      occurredAt: now,
    });
    return sessionId;
  });
  return getSession(deps, actor, { sessionId: id });
}

/**
 * Confirms the pre-session checklist: the TCLE of this procedure is signed, the intake was reviewed
 * (unchanged or updated), contraindications are re-checked against the CURRENT intake. A hard
 * contraindication blocks unless a physician (CRM active) records a justification (sealed, audited).
 */
export async function confirmChecklist(
  deps: ServiceDeps,
  actor: Actor,
  input: { sessionId: string; intakeStatus: 'unchanged' | 'updated'; overrideJustification?: string | null },
): Promise<TTreatmentSession> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await loadForWrite(tx, actor, input.sessionId);
    const names = await findNames(tx, row);
    if (!names) throw errors.sessionNotFound();
    const { checklist, findings } = await evaluateChecklist(
      tx,
      deps,
      actor,
      row,
      names.competenceCategory,
      checklistOf(row),
    );
    if (!checklist.tcleSigned) throw errors.tcleMissing();
    // "Updated" must mean a new intake version since the session started (it is then the one checked).
    const versionAtStart = checklistOf(row).intakeVersion;
    if (input.intakeStatus === 'updated' && (checklist.intakeVersion ?? 0) <= (versionAtStart ?? 0))
      throw errors.intakeNotUpdated();
    const hard = findings.some(isHard);
    let override: Partial<SessionRow> = {};
    if (hard) {
      const justification = input.overrideJustification?.trim();
      if (!justification) throw errors.hardContraindication();
      if (!actor.roles.includes('medico') || !actor.activeLicences.includes('CRM'))
        throw errors.overrideNeedsPhysician();
      override = {
        overrideBy: actor.userId,
        overrideAt: now,
        overrideSealed: deps.keyring.seal(
          JSON.stringify({ justification, rules: findings.filter(isHard).map((f) => f.rule) }),
          overrideAad(row.id),
        ),
      };
      await recordActorAudit(tx, deps, actor, {
        action: 'session.contraindication_override',
        entityType: 'treatment_session',
        entityId: row.id,
        changedFields: ['overrideSealed'],
        occurredAt: now,
      });
    }
    await updateSession(tx, row.id, {
      ...override,
      checklist: {
        ...checklist,
        intakeReviewed: true,
        intakeStatus: input.intakeStatus,
        hardOverride: hard,
        confirmedAt: now.toISOString(),
      },
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'session.checklist',
      entityType: 'treatment_session',
      entityId: row.id,
      changedFields: ['checklist'],
      occurredAt: now,
    });
  });
  return getSession(deps, actor, { sessionId: input.sessionId });
}

// ── Draft ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Saves the execution record of a draft. Points of a product that has no line in `products` add one
 * (sum of the points, per lot), so the map alone is enough for injectables. Nothing is drawn from
 * stock yet: that happens at signing, in the same transaction that finalises the products.
 */
export async function saveDraft(
  deps: ServiceDeps,
  actor: Actor,
  input: TSaveDraftInput,
): Promise<TTreatmentSession> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await loadForWrite(tx, actor, input.sessionId);
    const productLines = input.products.map((p) => ({
      productId: p.productId,
      lotId: p.lotId ?? null,
      quantity: p.quantity,
    }));
    const listed = new Set(productLines.map((p) => p.productId));
    const derived = new Map<string, { productId: string; lotId: string | null; quantity: number }>();
    for (const point of input.points) {
      if (listed.has(point.productId)) continue;
      const key = `${point.productId}:${point.lotId ?? ''}`;
      const line = derived.get(key) ?? {
        productId: point.productId,
        lotId: point.lotId ?? null,
        quantity: 0,
      };
      line.quantity = Math.round((line.quantity + point.quantity) * 1000) / 1000;
      derived.set(key, line);
    }
    const lines = [...productLines, ...derived.values()];
    const productIds = [
      ...new Set([...lines.map((l) => l.productId), ...input.points.map((p) => p.productId)]),
    ];
    const found = await findProductsByIds(tx, productIds);
    if (found.length !== productIds.length) throw errors.productUnknown();
    const lotIds = [
      ...new Set(
        [...lines.map((l) => l.lotId), ...input.points.map((p) => p.lotId ?? null)].filter(
          (l): l is string => !!l,
        ),
      ),
    ];
    const lotRows = new Map((await findLotsByIds(tx, lotIds)).map((l) => [l.id, l]));
    const checkLot = (productId: string, lotId: string | null | undefined) => {
      if (!lotId) return;
      const lot = lotRows.get(lotId);
      if (!lot || lot.productId !== productId || lot.clinicId !== row.clinicId) throw errors.lotUnknown();
    };
    for (const l of lines) checkLot(l.productId, l.lotId);
    for (const p of input.points) checkLot(p.productId, p.lotId);
    await replaceChildren(
      tx,
      row.id,
      input.points.map((p, position) => ({
        organizationId: row.organizationId,
        sessionId: row.id,
        diagram: p.diagram,
        x: p.x,
        y: p.y,
        productId: p.productId,
        lotId: p.lotId ?? null,
        quantity: p.quantity,
        unit: p.unit,
        depth: p.depth ?? null,
        dilution: p.dilution ?? null,
        position,
      })),
      lines.map((l, position) => ({
        organizationId: row.organizationId,
        sessionId: row.id,
        productId: l.productId,
        lotId: l.lotId,
        quantity: l.quantity,
        position,
      })),
    );
    const clinical: Clinical = { complications: input.complications, notes: input.notes };
    await updateSession(tx, row.id, {
      areas: input.areas,
      technique: input.technique ?? null,
      deviceParameters: input.deviceParameters,
      clinicalSealed: deps.keyring.seal(JSON.stringify(clinical), clinicalAad(row.id)),
      painScore: input.painScore ?? null,
      postCareGiven: input.postCareGiven,
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'session.draft',
      entityType: 'treatment_session',
      entityId: row.id,
      changedFields: ['areas', 'technique', 'deviceParameters', 'points', 'products', 'clinicalSealed'],
      occurredAt: now,
    });
  });
  return getSession(deps, actor, { sessionId: input.sessionId });
}

// ── Signature ────────────────────────────────────────────────────────────────────────────────────

/** The content the hash covers: everything the record says, in canonical form. */
async function signedContent(
  tx: Tx,
  deps: ServiceDeps,
  row: SessionRow,
  extra: {
    signedAt: Date;
    signedBy: string;
    licence: { council: string; number: string; uf: string; status: string };
  },
) {
  const points = await findPoints(tx, row.id);
  const items = await findSessionProducts(tx, row.id);
  const movements = await findSessionMovements(tx, row.id);
  return {
    session: row.id,
    appointment: row.appointmentId,
    client: row.clientId,
    professional: row.professionalId,
    treatment: row.treatmentId,
    clinic: row.clinicId,
    startedAt: row.startedAt.toISOString(),
    checklist: checklistOf(row),
    areas: row.areas,
    technique: row.technique,
    deviceParameters: row.deviceParameters,
    clinical: openClinical(deps, row),
    painScore: row.painScore,
    postCareGiven: row.postCareGiven,
    points: points.map(({ point: p }) => ({
      diagram: p.diagram,
      x: p.x,
      y: p.y,
      product: p.productId,
      lot: p.lotId,
      quantity: p.quantity,
      unit: p.unit,
      depth: p.depth,
      dilution: p.dilution,
    })),
    products: items.map(({ item }) => ({
      product: item.productId,
      lot: item.lotId,
      quantity: item.quantity,
    })),
    movements: movements
      .map((m) => ({ id: m.id, lot: m.lotId, quantity: m.quantity }))
      .sort((a, b) => (a.id < b.id ? -1 : 1)),
    signedAt: extra.signedAt.toISOString(),
    signedBy: extra.signedBy,
    licence: extra.licence,
  };
}

function openClinical(deps: ServiceDeps, row: SessionRow): Clinical {
  if (!row.clinicalSealed) return { complications: '', notes: '' };
  return JSON.parse(deps.keyring.open(row.clinicalSealed, clinicalAad(row.id))) as Clinical;
}

/**
 * Signs the record: password (and authenticator code) again, checklist and before-photos done, active licence and competence,
 * products drawn from their lots (expired, quarantined, recalled refused) in this same transaction,
 * then the content hash, time and licence snapshot; the appointment is concluded.
 */
export async function signSession(
  deps: ServiceDeps,
  actor: Actor,
  input: { sessionId: string; password: string; code?: string | undefined },
): Promise<TTreatmentSession> {
  const now = deps.clock.now();
  await withSigningReauth(deps, actor, { sessionId: input.sessionId, action: 'session.sign' }, () =>
    withTenant(deps.database, actor.organizationId, async (tx) => {
      const row = await loadForWrite(tx, actor, input.sessionId);
      await reauthenticateToSign(tx, deps, actor, input);
      const checklist = checklistOf(row);
      if (!checklist.confirmedAt)
        throw errors.checklistIncomplete('confirmar TCLE, anamnese e contraindicações');
      const tcle = await findLatestTcle(
        tx,
        row.clientId,
        (await findNames(tx, row))?.competenceCategory ?? '',
      );
      if (tcle?.action !== 'grant') throw errors.tcleMissing();
      const beforePhotos = await countBeforePhotos(tx, row.id);
      if (beforePhotos < 1) throw errors.beforePhotosMissing();
      const licence = await licenceSnapshot(tx, actor);
      const treatment = await findTreatmentRequirements(tx, row.treatmentId);
      if (!treatment) throw errors.sessionNotFound();
      await checkCompetence(tx, await loadClinicCtx(tx, row.clinicId), actor.userId, treatment);
      const items = await findSessionProducts(tx, row.id);
      const points = await findPoints(tx, row.id);
      const clinical = openClinical(deps, row);
      if (items.length === 0 && points.length === 0 && row.areas.length === 0 && !clinical.notes)
        throw errors.nothingToSign();
      for (const { item } of items) {
        const drawn = await drawStockInTx(tx, {
          organizationId: row.organizationId,
          clinicId: row.clinicId,
          productId: item.productId,
          quantity: item.quantity,
          lotId: item.lotId,
          reference: {
            sessionId: row.id,
            clientId: row.clientId,
            professionalId: row.professionalId,
            appointmentId: row.appointmentId,
          },
          occurredAt: now,
          recordedBy: actor.userId,
          audit: { actor: auditActor(actor), origin: auditOrigin(deps) },
        });
        await setProductMovements(
          tx,
          item.id,
          drawn.map((d) => d.movementId),
        );
      }
      const finalChecklist = { ...checklist, beforePhotos };
      const snapshot = {
        council: licence.council,
        number: licence.number,
        uf: licence.uf,
        status: licence.status,
      };
      const content = await signedContent(
        tx,
        deps,
        { ...row, checklist: finalChecklist },
        { signedAt: now, signedBy: actor.userId, licence: snapshot },
      );
      await updateSession(tx, row.id, {
        checklist: finalChecklist,
        status: 'signed',
        endedAt: now,
        signedAt: now,
        signedBy: actor.userId,
        contentHash: contentHash(content),
        licenceCouncil: snapshot.council,
        licenceNumber: snapshot.number,
        licenceUf: snapshot.uf,
        licenceStatus: snapshot.status,
        updatedAt: now,
      });
      const meta = metaOf(deps, actor);
      const appointment = await lockAppointmentRow(tx, row.appointmentId);
      if (appointment?.status === 'em_atendimento') {
        await transitionInTx(tx, meta, appointment, 'concluido');
        await emit(tx, meta, {
          type: 'session.completed',
          organizationId: row.organizationId,
          clinicId: row.clinicId,
          clientId: row.clientId,
          appointmentId: row.appointmentId,
          endedAt: now,
          ...(treatment.competenceCategory === 'toxina_botulinica'
            ? { followUpInDays: TOXIN_REVIEW_DAYS }
            : {}),
        });
      }
      await recordActorAudit(tx, deps, actor, {
        action: 'session.sign',
        entityType: 'treatment_session',
        entityId: row.id,
        changedFields: ['status', 'signedAt', 'signedBy', 'contentHash'],
        occurredAt: now,
      });
    }),
  );
  return getSession(deps, actor, { sessionId: input.sessionId });
}

// ── Reading ──────────────────────────────────────────────────────────────────────────────────────

async function readSession(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  row: SessionRow,
): Promise<TTreatmentSession> {
  const names = await findNames(tx, row);
  if (!names) throw errors.sessionNotFound();
  const points = await findPoints(tx, row.id);
  const items = await findSessionProducts(tx, row.id);
  const movements = await findSessionMovements(tx, row.id);
  const addenda = await findAddenda(tx, row.id);
  const people = await findUserNames(
    tx,
    [row.professionalId, row.signedBy].filter((v): v is string => !!v),
  );
  const clinical = openClinical(deps, row);
  const checklist = checklistOf(row);
  if (row.status === 'draft') checklist.beforePhotos = await countBeforePhotos(tx, row.id);
  const licence = row.licenceCouncil
    ? {
        council: row.licenceCouncil,
        number: row.licenceNumber ?? '',
        uf: row.licenceUf ?? '',
        status: row.licenceStatus ?? '',
      }
    : null;
  const clinic = await loadClinicCtx(tx, row.clinicId);
  const followUps =
    row.status === 'signed' && row.signedAt
      ? await withFreeSlots(
          tx,
          deps,
          clinic,
          row,
          followUpsFor(localDate(row.signedAt, clinic.timeZone), {
            competenceCategory: names.competenceCategory,
            minIntervalDays: names.minIntervalDays,
            name: names.treatmentName,
          }),
        )
      : [];
  await recordActorAudit(tx, deps, actor, {
    action: 'session.read',
    entityType: 'client',
    entityId: row.clientId,
    occurredAt: deps.clock.now(),
  });
  return {
    id: row.id,
    appointmentId: row.appointmentId,
    clientId: row.clientId,
    clientName: names.clientName,
    professionalId: row.professionalId,
    professionalName: people.get(row.professionalId) ?? null,
    treatmentId: row.treatmentId,
    treatmentName: names.treatmentName,
    competenceCategory: names.competenceCategory,
    status: row.status as 'draft' | 'signed',
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    checklist,
    checklistComplete: Boolean(checklist.confirmedAt) && checklist.beforePhotos > 0,
    areas: row.areas,
    technique: (row.technique as TSessionTechnique | null) ?? null,
    deviceParameters: row.deviceParameters as TDeviceParameter[],
    points: points.map(({ point: p, productName, lotNumber }) => ({
      id: p.id,
      diagram: p.diagram as TTreatmentSession['points'][number]['diagram'],
      x: p.x,
      y: p.y,
      productId: p.productId,
      productName,
      lotId: p.lotId,
      lotNumber,
      quantity: p.quantity,
      unit: p.unit as 'U' | 'mL',
      depth: (p.depth as TInjectionDepth | null) ?? null,
      dilution: p.dilution,
    })),
    products: items.map(({ item, productName, unit, lotNumber, expiryDate }) => ({
      id: item.id,
      productId: item.productId,
      productName,
      unit: unit as TProductUnit,
      lotId: item.lotId,
      lotNumber,
      expiryDate,
      quantity: item.quantity,
      movementIds: item.movementIds,
      drawn: movements
        .filter((m) => item.movementIds.includes(m.id))
        .map((m) => ({ lotId: m.lotId, lotNumber: m.lotNumber, quantity: -m.quantity })),
    })),
    complications: clinical.complications,
    painScore: row.painScore,
    notes: clinical.notes,
    postCareGiven: row.postCareGiven ?? '',
    signedAt: row.signedAt?.toISOString() ?? null,
    signedByName: row.signedBy ? (people.get(row.signedBy) ?? null) : null,
    contentHash: row.contentHash,
    licence,
    addenda: addenda.map(({ addendum: a, signedByName }) => ({
      id: a.id,
      text: deps.keyring.open(a.textSealed, addendumAad(a.id)),
      signedAt: a.signedAt.toISOString(),
      signedByName,
      contentHash: a.contentHash,
      licence: a.licenceCouncil
        ? {
            council: a.licenceCouncil,
            number: a.licenceNumber ?? '',
            uf: a.licenceUf ?? '',
            status: a.licenceStatus ?? '',
          }
        : null,
    })),
    followUps,
  };
}

export async function getSession(
  deps: ServiceDeps,
  actor: Actor,
  input: { sessionId: string },
): Promise<TTreatmentSession> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await findSessionById(tx, input.sessionId);
    if (!row || row.organizationId !== actor.organizationId) throw errors.sessionNotFound();
    return readSession(tx, deps, actor, row);
  });
}

export async function getSessionByAppointment(
  deps: ServiceDeps,
  actor: Actor,
  input: { appointmentId: string },
): Promise<TTreatmentSession | null> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await findSessionByAppointment(tx, input.appointmentId);
    if (!row) return null;
    return readSession(tx, deps, actor, row);
  });
}
