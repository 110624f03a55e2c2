import type {
  TContraindications,
  TEquipmentKind,
  TIntervalPolicy,
  TProcedureCategory,
  TRoomType,
  TTreatment,
  TTreatmentCategory,
  TTreatmentInput,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { readLatestIntakeInTx } from '../clients/clients.service';
import {
  cosmeticInInjectable,
  treatmentNameTaken,
  treatmentNotFound,
  unknownMaterial,
} from './catalog.errors';
import {
  findClinicTimeZone,
  findMaterials,
  findProductsForMaterials,
  findTreatmentById,
  findTreatmentByName,
  findTreatments,
  insertTreatment,
  type MaterialRow,
  replaceMaterials,
  type TreatmentRow,
  updateTreatmentRow,
} from './catalog.queries';
import { type ContraindicationFinding, evaluateContraindications } from './contraindications';

/**
 * The treatment catalog: what the clinic offers and what each treatment needs. Scheduling reads a
 * treatment's requirements through findTreatmentRequirements (inside its own transaction); sessions
 * and planning evaluate contraindications with evaluateContraindications (contraindications.ts).
 */

function toTreatment(row: TreatmentRow, materials: MaterialRow[]): TTreatment {
  return {
    id: row.id,
    name: row.name,
    category: row.category as TTreatmentCategory,
    competenceCategory: row.competenceCategory as TProcedureCategory,
    description: row.description,
    durationMin: row.durationMin,
    bufferMin: row.bufferMin,
    priceCents: row.priceCents,
    usualSessions: row.usualSessions,
    minIntervalDays: row.minIntervalDays,
    intervalPolicy: row.intervalPolicy as TIntervalPolicy,
    preCare: row.preCare,
    postCare: row.postCare,
    requiredRoomType: row.requiredRoomType as TRoomType | null,
    requiredEquipmentKinds: row.requiredEquipmentKinds as TEquipmentKind[],
    contraindications: row.contraindications,
    materials: materials
      .filter((m) => m.treatmentId === row.id)
      .map((m) => ({
        productId: m.productId,
        productName: m.productName,
        unit: m.unit,
        quantity: m.quantity,
      })),
    isActive: row.isActive,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listTreatments(
  deps: ServiceDeps,
  actor: Actor,
  options: { includeInactive: boolean },
): Promise<TTreatment[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await findTreatments(tx, actor.organizationId, options);
    const materials = await findMaterials(
      tx,
      rows.map((r) => r.id),
    );
    return rows.map((row) => toTreatment(row, materials));
  });
}

export async function getTreatment(deps: ServiceDeps, actor: Actor, id: string): Promise<TTreatment> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await findTreatmentById(tx, id);
    if (!row) throw treatmentNotFound();
    return toTreatment(row, await findMaterials(tx, [id]));
  });
}

async function checkMaterials(tx: Tx, organizationId: string, input: TTreatmentInput): Promise<void> {
  const ids = input.materials.map((m) => m.productId);
  const found = await findProductsForMaterials(tx, organizationId, ids);
  if (found.length !== ids.length || found.some((p) => !p.isActive)) throw unknownMaterial();
  if (input.category === 'injetavel' && found.some((p) => p.anvisaCategory === 'cosmetico')) {
    throw cosmeticInInjectable();
  }
}

/** JSON with object keys sorted: jsonb stores keys in its own order, so plain stringify would differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code === '23505' ||
  (error as { code?: string }).code === '23505';

function columnsOf(input: TTreatmentInput) {
  return {
    category: input.category,
    competenceCategory: input.competenceCategory,
    name: input.name,
    description: input.description,
    durationMin: input.durationMin,
    bufferMin: input.bufferMin,
    priceCents: input.priceCents,
    usualSessions: input.usualSessions,
    minIntervalDays: input.minIntervalDays,
    intervalPolicy: input.intervalPolicy,
    preCare: input.preCare,
    postCare: input.postCare,
    requiredRoomType: input.requiredRoomType,
    requiredEquipmentKinds: input.requiredEquipmentKinds,
    contraindications: input.contraindications,
    isActive: input.isActive,
  };
}

/** Creates a treatment with its bill of materials in the caller's transaction (used by the demo seed). */
export async function createTreatmentInTx(
  tx: Tx,
  organizationId: string,
  input: TTreatmentInput,
  meta: { now: Date; userId: string | null },
): Promise<TreatmentRow> {
  await checkMaterials(tx, organizationId, input);
  if (await findTreatmentByName(tx, organizationId, input.name)) throw treatmentNameTaken();
  const row = await insertTreatment(tx, {
    organizationId,
    ...columnsOf(input),
    createdBy: meta.userId,
    createdAt: meta.now,
    updatedAt: meta.now,
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw treatmentNameTaken();
    throw error;
  });
  await replaceMaterials(tx, organizationId, row.id, input.materials, meta.now);
  return row;
}

export async function createTreatment(
  deps: ServiceDeps,
  actor: Actor,
  input: TTreatmentInput,
): Promise<TTreatment> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await createTreatmentInTx(tx, actor.organizationId, input, { now, userId: actor.userId });
    await recordActorAudit(tx, deps, actor, {
      action: 'treatment.create',
      entityType: 'treatment',
      entityId: row.id,
      changedFields: Object.keys(columnsOf(input)).concat(input.materials.length ? ['materials'] : []),
      occurredAt: now,
    });
    return toTreatment(row, await findMaterials(tx, [row.id]));
  });
}

export async function updateTreatment(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; data: TTreatmentInput },
): Promise<TTreatment> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const current = await findTreatmentById(tx, input.id);
    if (!current) throw treatmentNotFound();
    await checkMaterials(tx, actor.organizationId, input.data);
    const clash = await findTreatmentByName(tx, actor.organizationId, input.data.name);
    if (clash && clash.id !== input.id) throw treatmentNameTaken();
    const next = columnsOf(input.data);
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
      (key) => canonical(current[key]) !== canonical(next[key]),
    );
    const before = await findMaterials(tx, [input.id]);
    const materialsKey = (items: { productId: string; quantity: number }[]) =>
      JSON.stringify(
        [...items]
          .sort((a, b) => a.productId.localeCompare(b.productId))
          .map((i) => [i.productId, i.quantity]),
      );
    const materialsChanged = materialsKey(before) !== materialsKey(input.data.materials);
    await updateTreatmentRow(tx, input.id, { ...next, updatedAt: now }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw treatmentNameTaken();
      throw error;
    });
    if (materialsChanged)
      await replaceMaterials(tx, actor.organizationId, input.id, input.data.materials, now);
    await recordActorAudit(tx, deps, actor, {
      action: 'treatment.update',
      entityType: 'treatment',
      entityId: input.id,
      changedFields: [...changed, ...(materialsChanged ? ['materials'] : [])],
      occurredAt: now,
    });
    const row = await findTreatmentById(tx, input.id);
    if (!row) throw treatmentNotFound();
    return toTreatment(row, await findMaterials(tx, [input.id]));
  });
}

/** What booking needs to know about a treatment; called by scheduling inside its own transaction. */
export type TreatmentRequirements = {
  id: string;
  name: string;
  isActive: boolean;
  competenceCategory: TProcedureCategory;
  durationMin: number;
  bufferMin: number;
  minIntervalDays: number;
  intervalPolicy: TIntervalPolicy;
  requiredRoomType: TRoomType | null;
  requiredEquipmentKinds: TEquipmentKind[];
  contraindications: TContraindications;
  materials: { productId: string; quantity: number }[];
};

export async function findTreatmentRequirements(
  tx: Tx,
  treatmentId: string,
): Promise<TreatmentRequirements | null> {
  const row = await findTreatmentById(tx, treatmentId);
  if (!row) return null;
  const treatment = toTreatment(row, await findMaterials(tx, [treatmentId]));
  return {
    id: treatment.id,
    name: treatment.name,
    isActive: treatment.isActive,
    competenceCategory: treatment.competenceCategory,
    durationMin: treatment.durationMin,
    bufferMin: treatment.bufferMin,
    minIntervalDays: treatment.minIntervalDays,
    intervalPolicy: treatment.intervalPolicy,
    requiredRoomType: treatment.requiredRoomType,
    requiredEquipmentKinds: treatment.requiredEquipmentKinds,
    contraindications: treatment.contraindications,
    materials: treatment.materials.map((m) => ({ productId: m.productId, quantity: m.quantity })),
  };
}

export {
  type ContraindicationFinding,
  evaluateContraindications,
  hasHardContraindication,
} from './contraindications';

/**
 * Contraindications of a treatment for a client, inside the caller's transaction (scheduling and
 * sessions call this within their own use case). Reads the latest intake (audited as a health-data read).
 */
export async function checkContraindicationsInTx(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  input: { treatmentId: string; clientId: string; onDate?: string; activeInfectionAtSite?: boolean },
): Promise<ContraindicationFinding[]> {
  const treatment = await findTreatmentById(tx, input.treatmentId);
  if (!treatment) throw treatmentNotFound();
  const { birthDate, intake } = await readLatestIntakeInTx(tx, deps, actor, input.clientId);
  const onDate = input.onDate ?? localDate(deps.clock.now(), await findClinicTimeZone(tx, actor.clinicId));
  return evaluateContraindications({
    rules: treatment.contraindications,
    intake,
    birthDate,
    onDate,
    sessionFacts:
      input.activeInfectionAtSite === undefined
        ? undefined
        : { activeInfectionAtSite: input.activeInfectionAtSite },
  });
}

export async function checkContraindications(
  deps: ServiceDeps,
  actor: Actor,
  input: { treatmentId: string; clientId: string },
): Promise<ContraindicationFinding[]> {
  return withTenant(deps.database, actor.organizationId, (tx) =>
    checkContraindicationsInTx(tx, deps, actor, input),
  );
}
