import {
  formatAnvisaNumber,
  type TExportFile,
  type TLotStatus,
  type TProductUnit,
  type TTraceabilityReport,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { lotNotFound, productNotFound } from './inventory.errors';
import { findProductById } from './products.queries';
import { findClinic, findLotById, findLotUses, findOrganizationName, findSiblingLots } from './stock.queries';
import { traceabilityCsv, traceabilityPdf } from './traceability-export';

/**
 * "Which clients received lot X": every use-in-session movement of the manufacturer's lot (same
 * product and number, in every clinic of the network), from the ledger. Client names are personal
 * data: the report is for the roles of `inventory.traceability` only, and each read is audited on the
 * lot and on every client listed (so each client's access report shows it).
 */
async function buildReport(
  tx: Tx,
  deps: ServiceDeps,
  actor: Actor,
  lotId: string,
  action: string,
): Promise<TTraceabilityReport> {
  const lot = await findLotById(tx, lotId);
  if (!lot) throw lotNotFound();
  const product = await findProductById(tx, lot.productId);
  if (!product) throw productNotFound();
  const siblings = await findSiblingLots(tx, actor.organizationId, lot.productId, lot.lotNumber, {
    lock: false,
  });
  const uses = await findLotUses(
    tx,
    siblings.map((s) => s.id),
  );
  const rows = uses.map((u) => ({
    movementId: u.movementId,
    occurredAt: u.occurredAt.toISOString(),
    clinicName: u.clinicName,
    lotNumber: u.lotNumber,
    clientId: u.clientId ?? '',
    clientName: u.clientName,
    sessionId: u.sessionId,
    professionalName: u.professionalName ?? '',
    quantity: -u.quantity,
    unit: product.unit as TProductUnit,
  }));
  const clientIds = [...new Set(rows.map((r) => r.clientId))];
  const now = deps.clock.now();
  await recordActorAudit(tx, deps, actor, {
    action: `lot.${action}`,
    entityType: 'lot',
    entityId: lot.id,
    occurredAt: now,
  });
  for (const clientId of clientIds) {
    await recordActorAudit(tx, deps, actor, {
      action: `client.${action}`,
      entityType: 'client',
      entityId: clientId,
      occurredAt: now,
    });
  }
  return {
    productName: product.name,
    manufacturer: product.manufacturer,
    anvisaNumberFormatted: formatAnvisaNumber(product.anvisaNumber),
    lotNumber: lot.lotNumber,
    expiryDate: lot.expiryDate,
    lots: siblings.map((s) => ({ id: s.id, clinicName: s.clinicName, status: s.status as TLotStatus })),
    rows,
    clientCount: clientIds.length,
  };
}

export async function getTraceability(
  deps: ServiceDeps,
  actor: Actor,
  lotId: string,
): Promise<TTraceabilityReport> {
  return withTenant(deps.database, actor.organizationId, (tx) =>
    buildReport(tx, deps, actor, lotId, 'traceability_read'),
  );
}

const fileSafe = (value: string) => value.replace(/[^\w.-]+/g, '_');

export async function exportTraceability(
  deps: ServiceDeps,
  actor: Actor,
  input: { lotId: string; format: 'csv' | 'pdf' },
): Promise<TExportFile> {
  const { report, organizationName, timeZone } = await withTenant(
    deps.database,
    actor.organizationId,
    async (tx) => ({
      report: await buildReport(tx, deps, actor, input.lotId, 'traceability_export'),
      organizationName: await findOrganizationName(tx, actor.organizationId),
      timeZone: (await findClinic(tx, actor.clinicId))?.timeZone ?? 'America/Sao_Paulo',
    }),
  );
  const base = `rastreabilidade-lote-${fileSafe(report.lotNumber)}`;
  if (input.format === 'csv') {
    return {
      name: `${base}.csv`,
      mediaType: 'text/csv;charset=utf-8',
      base64: traceabilityCsv(report, timeZone).toString('base64'),
    };
  }
  const pdf = await traceabilityPdf(report, { organizationName, generatedAt: deps.clock.now(), timeZone });
  return { name: `${base}.pdf`, mediaType: 'application/pdf', base64: pdf.toString('base64') };
}
