import { randomUUID } from 'node:crypto';
import {
  expiryBand,
  type TLot,
  type TLotStatus,
  type TLotStatusInput,
  type TLotSuggestion,
  type TProductUnit,
  type TReceiveLotInput,
  type TStockBalance,
  type TStockMovement,
  type TStockMovementInput,
  type TTransferInput,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import {
  type AuditEventInput,
  auditActor,
  auditOrigin,
  recordActorAudit,
  recordAudit,
} from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import { sortPtBr } from '../../platform/collation';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { allocateFefo, fefoOrder, fromMilli, isLotUsable, toMilli } from './fefo';
import {
  clinicNotFound,
  lotBlocked,
  lotExpired,
  lotExpiryMismatch,
  lotInsufficient,
  lotJustCreated,
  lotNotFound,
  lotReceiptBlocked,
  lotReleaseRecalled,
  lotStatusUnchanged,
  lotWrongProduct,
  productInactive,
  productNotFound,
  stockChanged,
  stockInsufficient,
  transferSameClinic,
} from './inventory.errors';
import { findProductById } from './products.queries';
import {
  findBalances,
  findClinic,
  findClinics,
  findLotById,
  findLotByNumber,
  findLotViews,
  findMovementsOfLot,
  findProductLots,
  insertLot,
  insertMovements,
  type LotRow,
  type LotViewRow,
  lockLot,
  lockLotFamily,
  lockProductLots,
  type MovementRow,
  updateLotsStatus,
} from './stock.queries';

/**
 * Lots and the stock ledger. A balance is never written by this code: `lots.on_hand` follows the
 * ledger through the trigger of migration 0013, and a CHECK keeps it from going below zero. Draws lock
 * the lot rows (FOR UPDATE) before reading balances, so concurrent draws serialise per lot and the
 * later one sees what the earlier one left; the CHECK is the last line if a caller skips the lock.
 */

type AuditContext = {
  actor: NonNullable<AuditEventInput['actor']>;
  origin: NonNullable<AuditEventInput['origin']>;
};

const auditContext = (deps: ServiceDeps, actor: Actor): AuditContext => ({
  actor: auditActor(actor),
  origin: auditOrigin(deps),
});

async function auditMovement(
  tx: Tx,
  organizationId: string,
  movement: MovementRow,
  audit: AuditContext,
): Promise<void> {
  await recordAudit(tx, {
    organizationId,
    action: `stock.${movement.kind}`,
    entityType: 'lot',
    entityId: movement.lotId,
    changedFields: ['onHand'],
    actor: audit.actor,
    origin: audit.origin,
    occurredAt: movement.occurredAt,
  });
}

async function todayIn(tx: Tx, clinicId: string, now: Date): Promise<string> {
  const clinic = await findClinic(tx, clinicId);
  return localDate(now, clinic?.timeZone ?? 'America/Sao_Paulo');
}

function toLot(view: LotViewRow, now: Date): TLot {
  const today = localDate(now, view.clinicTimeZone);
  const { days, band } = expiryBand(view.lot.expiryDate, today);
  return {
    id: view.lot.id,
    clinicId: view.lot.clinicId,
    clinicName: view.clinicName,
    productId: view.lot.productId,
    productName: view.productName,
    unit: view.unit as TProductUnit,
    lotNumber: view.lot.lotNumber,
    expiryDate: view.lot.expiryDate,
    daysToExpiry: days,
    expiryBand: band,
    udi: view.lot.udi,
    supplier: view.lot.supplier,
    invoiceNumber: view.lot.invoiceNumber,
    receivedOn: view.lot.receivedOn,
    storageLocation: view.lot.storageLocation,
    status: view.lot.status as TLotStatus,
    statusReason: view.lot.statusReason,
    statusChangedAt: view.lot.statusChangedAt?.toISOString() ?? null,
    onHand: view.lot.onHand,
    isUsable: isLotUsable(view.lot, today) && view.lot.onHand > 0,
  };
}

function toMovement(row: MovementRow): TStockMovement {
  return {
    id: row.id,
    lotId: row.lotId,
    kind: row.kind as TStockMovement['kind'],
    quantity: row.quantity,
    occurredAt: row.occurredAt.toISOString(),
    reason: row.reason,
    sessionId: row.sessionId,
    transferId: row.transferId,
  };
}

async function lotView(tx: Tx, organizationId: string, lotId: string, now: Date): Promise<TLot> {
  const [view] = await findLotViews(tx, organizationId, {
    clinicId: null,
    productId: null,
    includeEmpty: true,
    lotIds: [lotId],
  });
  if (!view) throw lotNotFound();
  return toLot(view, now);
}

/** Refuses a lot that may not be drawn, naming it and why. */
function assertUsable(lot: LotRow, today: string): void {
  if (lot.status !== 'ativo') throw lotBlocked(lot.lotNumber, lot.status);
  if (lot.expiryDate < today) throw lotExpired(lot.lotNumber, lot.expiryDate);
}

const isUniqueViolation = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code === '23505' ||
  (error as { code?: string }).code === '23505';

const isCheckViolation = (error: unknown) =>
  (error as { cause?: { code?: string } }).cause?.code === '23514' ||
  (error as { code?: string }).code === '23514';

// ---------------------------------------------------------------------------------------------------
// Drawing stock (clinical sessions)

export type DrawStockInput = {
  organizationId: string;
  clinicId: string;
  productId: string;
  quantity: number;
  /** The lot the professional picked; absent: first expiry first out, possibly over several lots. */
  lotId?: string | null;
  reference: {
    sessionId: string | null;
    clientId: string;
    professionalId: string;
    appointmentId?: string | null;
  };
  /** When the product was used (the session's time); from the caller's clock. */
  occurredAt: Date;
  /** Who recorded it (defaults to the professional). */
  recordedBy?: string;
  /** Audit actor and origin; defaults to the recording user. */
  audit?: Partial<AuditContext>;
};

export type DrawnMovement = {
  movementId: string;
  lotId: string;
  lotNumber: string;
  expiryDate: string;
  /** Positive: the amount taken from this lot. */
  quantity: number;
};

/**
 * Draws product for a session inside the caller's transaction (the clinical-session module records
 * the session and its uses in one transaction). Refuses expired, quarantined or recalled lots and
 * more than the stock; each movement references client, professional and session (traceability)
 * and is audited in the same transaction.
 */
export async function drawStockInTx(tx: Tx, input: DrawStockInput): Promise<DrawnMovement[]> {
  const product = await findProductById(tx, input.productId);
  if (!product || product.organizationId !== input.organizationId) throw productNotFound();
  const today = await todayIn(tx, input.clinicId, input.occurredAt);
  const audit: AuditContext = {
    actor: input.audit?.actor ?? { userId: input.recordedBy ?? input.reference.professionalId },
    origin: input.audit?.origin ?? {},
  };
  let allocations: { lot: LotRow; quantity: number }[];
  if (input.lotId) {
    const lot = await lockLot(tx, input.lotId);
    if (!lot || lot.organizationId !== input.organizationId) throw lotNotFound();
    if (lot.productId !== input.productId || lot.clinicId !== input.clinicId)
      throw lotWrongProduct(lot.lotNumber);
    assertUsable(lot, today);
    if (toMilli(lot.onHand) < toMilli(input.quantity))
      throw lotInsufficient(lot.lotNumber, lot.onHand, product.unit);
    allocations = [{ lot, quantity: input.quantity }];
  } else {
    const locked = await lockProductLots(tx, input.clinicId, input.productId);
    const result = allocateFefo(locked, input.quantity, today);
    if (!result.ok) throw stockInsufficient(product.name, result.usable, product.unit);
    const byId = new Map(locked.map((lot) => [lot.id, lot]));
    allocations = result.allocations.map((a) => ({ lot: byId.get(a.lotId) as LotRow, quantity: a.quantity }));
  }
  const rows = await insertMovements(
    tx,
    allocations.map(({ lot, quantity }) => ({
      organizationId: input.organizationId,
      clinicId: input.clinicId,
      lotId: lot.id,
      productId: input.productId,
      kind: 'use',
      quantity: -quantity,
      occurredAt: input.occurredAt,
      recordedBy: input.recordedBy ?? input.reference.professionalId,
      clientId: input.reference.clientId,
      professionalId: input.reference.professionalId,
      sessionId: input.reference.sessionId,
      appointmentId: input.reference.appointmentId ?? null,
    })),
  ).catch((error: unknown) => {
    // The trigger's own checks (balance, usable lot) back up the ones above.
    if (isCheckViolation(error)) throw stockChanged();
    throw error;
  });
  for (const row of rows) await auditMovement(tx, input.organizationId, row, audit);
  const lotById = new Map(allocations.map(({ lot }) => [lot.id, lot]));
  return rows.map((row) => {
    const lot = lotById.get(row.lotId) as LotRow;
    return {
      movementId: row.id,
      lotId: row.lotId,
      lotNumber: lot.lotNumber,
      expiryDate: lot.expiryDate,
      quantity: -row.quantity,
    };
  });
}

/** FEFO suggestion inside the caller's transaction, without locks (the lots may change until drawn). */
export async function suggestLotsInTx(
  tx: Tx,
  input: { clinicId: string; productId: string; quantity: number; now: Date },
): Promise<{ suggestion: TLotSuggestion[]; usable: number; isEnough: boolean }> {
  const today = await todayIn(tx, input.clinicId, input.now);
  const lots = await findProductLots(tx, input.clinicId, input.productId);
  const result = allocateFefo(lots, input.quantity, today);
  if (result.ok) {
    const usable = fromMilli(fefoOrder(lots, today).reduce((sum, lot) => sum + toMilli(lot.onHand), 0));
    return {
      suggestion: result.allocations.map((a) => ({
        lotId: a.lotId,
        lotNumber: a.lotNumber,
        expiryDate: a.expiryDate,
        quantity: a.quantity,
      })),
      usable,
      isEnough: true,
    };
  }
  return { suggestion: [], usable: result.usable, isEnough: false };
}

export async function suggestLots(
  deps: ServiceDeps,
  actor: Actor,
  input: { productId: string; quantity: number },
) {
  return withTenant(deps.database, actor.organizationId, (tx) =>
    suggestLotsInTx(tx, { clinicId: actor.clinicId, ...input, now: deps.clock.now() }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Receipt, losses, adjustments, returns, transfers

export async function receiveLot(deps: ServiceDeps, actor: Actor, input: TReceiveLotInput): Promise<TLot> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const product = await findProductById(tx, input.productId);
    if (!product) throw productNotFound();
    if (!product.isActive) throw productInactive();
    let lot = await findLotByNumber(tx, actor.clinicId, input.productId, input.lotNumber);
    if (lot) {
      if (lot.expiryDate !== input.expiryDate) throw lotExpiryMismatch(lot.lotNumber, lot.expiryDate);
      if (lot.status !== 'ativo') throw lotReceiptBlocked(lot.lotNumber);
    } else {
      lot = await insertLot(tx, {
        organizationId: actor.organizationId,
        clinicId: actor.clinicId,
        productId: input.productId,
        lotNumber: input.lotNumber,
        expiryDate: input.expiryDate,
        udi: input.udi,
        supplier: input.supplier,
        invoiceNumber: input.invoiceNumber,
        receivedOn: input.receivedOn,
        storageLocation: input.storageLocation,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      }).catch((error: unknown) => {
        if (isUniqueViolation(error)) throw lotJustCreated(input.lotNumber);
        throw error;
      });
      await recordActorAudit(tx, deps, actor, {
        action: 'lot.create',
        entityType: 'lot',
        entityId: lot.id,
        changedFields: [
          'lotNumber',
          'expiryDate',
          'udi',
          'supplier',
          'invoiceNumber',
          'receivedOn',
          'storageLocation',
        ],
        occurredAt: now,
      });
    }
    const [movement] = await insertMovements(tx, [
      {
        organizationId: actor.organizationId,
        clinicId: actor.clinicId,
        lotId: lot.id,
        productId: input.productId,
        kind: 'receipt',
        quantity: input.quantity,
        occurredAt: now,
        recordedBy: actor.userId,
        reason: `NF ${input.invoiceNumber}`,
      },
    ]);
    if (movement) await auditMovement(tx, actor.organizationId, movement, auditContext(deps, actor));
    return lotView(tx, actor.organizationId, lot.id, now);
  });
}

/** A loss, a return to the supplier or an inventory adjustment of one lot. */
export async function recordStockMovement(
  deps: ServiceDeps,
  actor: Actor,
  input: TStockMovementInput,
): Promise<TLot> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const lot = await lockLot(tx, input.lotId);
    if (!lot) throw lotNotFound();
    const product = await findProductById(tx, lot.productId);
    const signed = input.kind === 'adjustment' ? input.delta : -input.quantity;
    if (signed < 0 && toMilli(lot.onHand) < toMilli(-signed)) {
      throw lotInsufficient(lot.lotNumber, lot.onHand, product?.unit ?? '');
    }
    const [movement] = await insertMovements(tx, [
      {
        organizationId: actor.organizationId,
        clinicId: lot.clinicId,
        lotId: lot.id,
        productId: lot.productId,
        kind: input.kind,
        quantity: signed,
        occurredAt: now,
        recordedBy: actor.userId,
        reason: input.reason,
      },
    ]);
    if (movement) await auditMovement(tx, actor.organizationId, movement, auditContext(deps, actor));
    return lotView(tx, actor.organizationId, lot.id, now);
  });
}

/**
 * Moves stock of a lot to another clinic of the network: two movements sharing a transfer id (out of
 * the source lot, into the same lot number at the destination, created there when new).
 */
export async function transferStock(
  deps: ServiceDeps,
  actor: Actor,
  input: TTransferInput,
): Promise<{ from: TLot; to: TLot }> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const found = await findLotById(tx, input.lotId);
    if (!found) throw lotNotFound();
    const family = await lockLotFamily(tx, actor.organizationId, found.productId, found.lotNumber);
    const source = family.find((l) => l.id === found.id);
    if (!source) throw lotNotFound();
    if (source.clinicId === input.toClinicId) throw transferSameClinic();
    const target = await findClinic(tx, input.toClinicId);
    if (!target || target.organizationId !== actor.organizationId) throw clinicNotFound();
    assertUsable(source, await todayIn(tx, source.clinicId, now));
    const product = await findProductById(tx, source.productId);
    if (toMilli(source.onHand) < toMilli(input.quantity)) {
      throw lotInsufficient(source.lotNumber, source.onHand, product?.unit ?? '');
    }
    let destination = family.find((l) => l.clinicId === input.toClinicId);
    if (destination && destination.status !== 'ativo') throw lotReceiptBlocked(destination.lotNumber);
    if (!destination) {
      destination = await insertLot(tx, {
        organizationId: actor.organizationId,
        clinicId: input.toClinicId,
        productId: source.productId,
        lotNumber: source.lotNumber,
        expiryDate: source.expiryDate,
        udi: source.udi,
        supplier: source.supplier,
        invoiceNumber: source.invoiceNumber,
        receivedOn: localDate(now, target.timeZone),
        storageLocation: '',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      }).catch((error: unknown) => {
        // Another transfer created it meanwhile: the caller retries and finds it.
        if (isUniqueViolation(error)) throw stockChanged();
        throw error;
      });
    }
    const transferId = randomUUID();
    const reason = input.reason || null;
    const movements = await insertMovements(tx, [
      {
        organizationId: actor.organizationId,
        clinicId: source.clinicId,
        lotId: source.id,
        productId: source.productId,
        kind: 'transfer_out',
        quantity: -input.quantity,
        occurredAt: now,
        recordedBy: actor.userId,
        reason,
        transferId,
      },
      {
        organizationId: actor.organizationId,
        clinicId: input.toClinicId,
        lotId: destination.id,
        productId: source.productId,
        kind: 'transfer_in',
        quantity: input.quantity,
        occurredAt: now,
        recordedBy: actor.userId,
        reason,
        transferId,
      },
    ]);
    for (const m of movements) await auditMovement(tx, actor.organizationId, m, auditContext(deps, actor));
    return {
      from: await lotView(tx, actor.organizationId, source.id, now),
      to: await lotView(tx, actor.organizationId, destination.id, now),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Quarantine, recall, release

const STATUS_ACTION: Record<TLotStatus, string> = {
  quarentena: 'lot.quarantine',
  recolhido: 'lot.recall',
  ativo: 'lot.release',
};

/**
 * Changes the status of a manufacturer's lot: every lot row of the same product and number in the
 * network (a transferred lot is the same lot), at once. Quarantine blocks use immediately (the next
 * draw reads the status under the row lock); a recalled lot never returns to use.
 */
export async function setLotStatus(
  deps: ServiceDeps,
  actor: Actor,
  input: TLotStatusInput,
  status: TLotStatus,
): Promise<TLot[]> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const found = await findLotById(tx, input.lotId);
    if (!found) throw lotNotFound();
    const siblings = await lockLotFamily(tx, actor.organizationId, found.productId, found.lotNumber);
    const lot = siblings.find((s) => s.id === found.id) ?? found;
    const from: TLotStatus[] =
      status === 'quarentena' ? ['ativo'] : status === 'recolhido' ? ['ativo', 'quarentena'] : ['quarentena'];
    if (status === 'ativo' && lot.status === 'recolhido') throw lotReleaseRecalled(lot.lotNumber);
    const changing = siblings.filter((s) => from.includes(s.status as TLotStatus));
    if (changing.length === 0) {
      throw lotStatusUnchanged(
        lot.lotNumber,
        status === 'ativo' ? 'liberado' : status === 'recolhido' ? 'recolhido' : 'em quarentena',
      );
    }
    await updateLotsStatus(
      tx,
      changing.map((s) => s.id),
      {
        status,
        statusReason: input.reason,
        statusChangedAt: now,
        statusChangedBy: actor.userId,
      },
    );
    for (const s of changing) {
      await recordActorAudit(tx, deps, actor, {
        action: STATUS_ACTION[status],
        entityType: 'lot',
        entityId: s.id,
        changedFields: ['status', 'statusReason'],
        occurredAt: now,
      });
    }
    const views = await findLotViews(tx, actor.organizationId, {
      clinicId: null,
      productId: null,
      includeEmpty: true,
      lotIds: siblings.map((s) => s.id),
    });
    return views.map((v) => toLot(v, now));
  });
}

// ---------------------------------------------------------------------------------------------------
// Reads

type LotFilter = { clinicId: string | null; productId: string | null; includeEmpty: boolean };

export async function listLotsInTx(
  tx: Tx,
  organizationId: string,
  filter: LotFilter,
  now: Date,
): Promise<TLot[]> {
  const views = await findLotViews(tx, organizationId, filter);
  return sortPtBr(
    views,
    (v) => v.clinicName,
    (v) => v.productName,
    (v) => v.lot.expiryDate,
    (v) => v.lot.lotNumber,
  ).map((v) => toLot(v, now));
}

export async function listLots(deps: ServiceDeps, actor: Actor, filter: LotFilter): Promise<TLot[]> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, (tx) =>
    listLotsInTx(tx, actor.organizationId, filter, now),
  );
}

export async function lotMovements(
  deps: ServiceDeps,
  actor: Actor,
  lotId: string,
): Promise<TStockMovement[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const lot = await findLotViews(tx, actor.organizationId, {
      clinicId: null,
      productId: null,
      includeEmpty: true,
      lotIds: [lotId],
    });
    if (lot.length === 0) throw lotNotFound();
    return (await findMovementsOfLot(tx, lotId)).map(toMovement);
  });
}

export async function balancesInTx(
  tx: Tx,
  organizationId: string,
  clinicId: string | null,
  today: string,
): Promise<TStockBalance[]> {
  const rows = sortPtBr(
    await findBalances(tx, organizationId, clinicId, today),
    (r) => r.clinicName,
    (r) => r.productName,
  );
  return rows.map((r) => ({
    ...r,
    unit: r.unit as TProductUnit,
    usable: Number(r.usable),
    blocked: Number(r.blocked),
    isBelowReorder: r.reorderPoint > 0 && Number(r.usable) < r.reorderPoint,
  }));
}

export async function listBalances(
  deps: ServiceDeps,
  actor: Actor,
  input: { clinicId: string | null },
): Promise<TStockBalance[]> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const today = await todayIn(tx, input.clinicId ?? actor.clinicId, now);
    return balancesInTx(tx, actor.organizationId, input.clinicId, today);
  });
}

export async function listClinics(deps: ServiceDeps, actor: Actor) {
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    (await findClinics(tx, actor.organizationId)).map((c) => ({
      id: c.id,
      name: c.name,
      isCurrent: c.id === actor.clinicId,
    })),
  );
}
