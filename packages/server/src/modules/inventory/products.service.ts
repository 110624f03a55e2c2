import {
  anvisaRegistryKey,
  checkAnvisaNumber,
  formatAnvisaNumber,
  type TAnvisaCategory,
  type TProduct,
  type TProductInput,
  type TProductUnit,
  type TRegistryCheck,
  type TRiskClass,
  type TStorageCondition,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import { type Actor, decide } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import { sortPtBr } from '../../platform/collation';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { stepUpRequired } from '../identity/identity.errors';
import {
  overrideForbidden,
  overrideNotAllowedWhenLoaded,
  productNameTaken,
  productNotFound,
  registrationCancelled,
  registrationExpired,
  registrationNotFound,
  registryNotLoaded,
} from './inventory.errors';
import {
  findClinicTimeZone,
  findProductById,
  findProductByName,
  findProducts,
  insertProduct,
  type ProductRow,
  updateProductRow,
} from './products.queries';
import { type RegistryState, registryStandingInTx, registryStateInTx } from './registry.service';

/**
 * Products and their ANVISA check. A medicine or device is accepted only when the imported registry
 * says its registration is valid today; when the registry of that kind was never imported, a manager
 * (after step-up) may accept it with a written reason, recorded in the audit trail. Cosmetics are not
 * in the imported files: their number's format is checked and the product is marked `nao_aplicavel`.
 */

function toProduct(row: ProductRow): TProduct {
  return {
    id: row.id,
    name: row.name,
    manufacturer: row.manufacturer,
    anvisaCategory: row.anvisaCategory as TAnvisaCategory,
    anvisaNumber: row.anvisaNumber,
    anvisaNumberFormatted: formatAnvisaNumber(row.anvisaNumber),
    riskClass: row.riskClass as TRiskClass | null,
    unit: row.unit as TProductUnit,
    storage: row.storage as TStorageCondition,
    storageNotes: row.storageNotes,
    reorderPoint: row.reorderPoint,
    isActive: row.isActive,
    registryCheck: row.registryCheck as TRegistryCheck,
    registryCheckedAt: row.registryCheckedAt.toISOString(),
    registryValidUntil: row.registryValidUntil,
    updatedAt: row.updatedAt.toISOString(),
  };
}

type RegistryDecision = {
  registryCheck: TRegistryCheck;
  registryValidUntil: string | null;
  overrideReason: string | null;
  isOverride: boolean;
};

/** Decides whether a product's registration may be accepted; throws the pt-BR reason otherwise. */
async function checkRegistration(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  input: TProductInput,
  digits: string,
): Promise<RegistryDecision> {
  const now = deps.clock.now();
  if (input.anvisaCategory === 'cosmetico') {
    return {
      registryCheck: 'nao_aplicavel',
      registryValidUntil: null,
      overrideReason: null,
      isOverride: false,
    };
  }
  const states = await registryStateInTx(tx, now);
  const state = states.find((s) => s.kind === input.anvisaCategory) as RegistryState;
  if (!state.isLoaded) {
    if (!input.registryOverride) throw registryNotLoaded();
    const decision = decide('inventory.registry.override', actor, now);
    if (!decision.allowed) throw decision.reason === 'step_up' ? stepUpRequired() : overrideForbidden();
    return {
      registryCheck: 'override',
      registryValidUntil: null,
      overrideReason: input.registryOverride.reason,
      isOverride: true,
    };
  }
  if (input.registryOverride) throw overrideNotAllowedWhenLoaded();
  const timeZone = await findClinicTimeZone(tx, actor.clinicId);
  const today = localDate(now, timeZone);
  const standing = await registryStandingInTx(
    tx,
    input.anvisaCategory === 'medicamento' ? 'medicamento' : 'dispositivo_medico',
    anvisaRegistryKey(input.anvisaCategory, digits),
    today,
  );
  if (standing.status === 'nao_encontrado') {
    const importedOn = localDate(new Date(state.importedAt ?? now), timeZone);
    throw registrationNotFound(digits, importedOn.split('-').reverse().join('/'));
  }
  if (standing.status === 'cancelado') throw registrationCancelled(digits, standing.situationLabel);
  if (standing.status === 'vencido') throw registrationExpired(digits, standing.validUntil);
  return {
    registryCheck: 'vigente',
    registryValidUntil: standing.validUntil,
    overrideReason: null,
    isOverride: false,
  };
}

function digitsOf(input: TProductInput): string {
  const check = checkAnvisaNumber(input.anvisaCategory, input.anvisaNumber);
  if (!check.ok) {
    throw new AppError('ANVISA_NUMBER_INVALID', {
      kind: 'VALIDATION_FAILED',
      userMessage: check.message,
      details: { field: 'anvisaNumber' },
    });
  }
  return check.digits;
}

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code === '23505' ||
  (error as { code?: string }).code === '23505';

const PRODUCT_FIELDS = [
  'name',
  'manufacturer',
  'anvisaCategory',
  'anvisaNumber',
  'riskClass',
  'unit',
  'storage',
  'storageNotes',
  'reorderPoint',
  'isActive',
] as const;

export async function listProducts(deps: ServiceDeps, actor: Actor): Promise<TProduct[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    sortPtBr(await findProducts(tx, actor.organizationId), (p) => p.name).map(toProduct),
  );
}

/** Creates a product inside the caller's transaction (also used by the demo seed). */
export async function createProductInTx(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  input: TProductInput,
): Promise<ProductRow> {
  const now = deps.clock.now();
  const digits = digitsOf(input);
  const decision = await checkRegistration(tx, deps, actor, input, digits);
  if (await findProductByName(tx, actor.organizationId, input.name)) throw productNameTaken();
  const row = await insertProduct(tx, {
    organizationId: actor.organizationId,
    name: input.name,
    manufacturer: input.manufacturer,
    anvisaCategory: input.anvisaCategory,
    anvisaNumber: digits,
    riskClass: input.riskClass,
    unit: input.unit,
    storage: input.storage,
    storageNotes: input.storageNotes,
    reorderPoint: input.reorderPoint,
    isActive: input.isActive,
    registryCheck: decision.registryCheck,
    registryCheckedAt: now,
    registryValidUntil: decision.registryValidUntil,
    overrideReason: decision.overrideReason,
    overrideBy: decision.isOverride ? actor.userId : null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw productNameTaken();
    throw error;
  });
  await recordActorAudit(tx, deps, actor, {
    action: 'product.create',
    entityType: 'product',
    entityId: row.id,
    changedFields: [...PRODUCT_FIELDS],
    occurredAt: now,
  });
  if (decision.isOverride) await auditOverride(tx, deps, actor, row.id, now);
  return row;
}

async function auditOverride(tx: Tx, deps: ServiceDeps, actor: Actor, productId: string, now: Date) {
  await recordActorAudit(tx, deps, actor, {
    action: 'product.registry_override',
    entityType: 'product',
    entityId: productId,
    changedFields: ['registryCheck', 'overrideReason'],
    occurredAt: now,
  });
}

export async function createProduct(
  deps: ServiceDeps,
  actor: Actor,
  input: TProductInput,
): Promise<TProduct> {
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    toProduct(await createProductInTx(tx, deps, actor, input)),
  );
}

export async function updateProduct(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string; data: TProductInput },
): Promise<TProduct> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const current = await findProductById(tx, input.id);
    if (!current) throw productNotFound();
    const digits = digitsOf(input.data);
    const decision = await checkRegistration(tx, deps, actor, input.data, digits);
    const clash = await findProductByName(tx, actor.organizationId, input.data.name);
    if (clash && clash.id !== input.id) throw productNameTaken();
    const next = {
      name: input.data.name,
      manufacturer: input.data.manufacturer,
      anvisaCategory: input.data.anvisaCategory,
      anvisaNumber: digits,
      riskClass: input.data.riskClass,
      unit: input.data.unit,
      storage: input.data.storage,
      storageNotes: input.data.storageNotes,
      reorderPoint: input.data.reorderPoint,
      isActive: input.data.isActive,
    };
    const changed = PRODUCT_FIELDS.filter((key) => current[key] !== next[key]);
    await updateProductRow(tx, input.id, {
      ...next,
      registryCheck: decision.registryCheck,
      registryCheckedAt: now,
      registryValidUntil: decision.registryValidUntil,
      overrideReason: decision.overrideReason,
      overrideBy: decision.isOverride ? actor.userId : null,
      updatedAt: now,
    }).catch((error: unknown) => {
      if (isUniqueViolation(error)) throw productNameTaken();
      throw error;
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'product.update',
      entityType: 'product',
      entityId: input.id,
      changedFields: [...changed],
      occurredAt: now,
    });
    if (decision.isOverride) await auditOverride(tx, deps, actor, input.id, now);
    const row = await findProductById(tx, input.id);
    if (!row) throw productNotFound();
    return toProduct(row);
  });
}

export async function getRegistryState(deps: ServiceDeps, actor: Actor): Promise<RegistryState[]> {
  return withTenant(deps.database, actor.organizationId, (tx) => registryStateInTx(tx, deps.clock.now()));
}
