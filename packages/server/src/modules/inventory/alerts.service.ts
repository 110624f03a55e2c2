import type { TProductUnit, TStockAlerts } from '@clinia/contracts';
import type { Actor } from '../../platform/authz/permissions';
import { localDate } from '../../platform/clock';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { findTreatmentRequirements } from '../catalog/catalog.service';
import { fromMilli, toMilli } from './fefo';
import { type BookedAgendaSource, bookedAgendaSource } from './ports';
import { findClinic } from './stock.queries';
import { balancesInTx, listLotsInTx } from './stock.service';

const DAY_MS = 86_400_000;

/**
 * Stock alerts of the signed-in clinic: lots expiring within 90 days (banded 30/60/90, expired ones
 * with stock too), products under their reorder point, and the expected consumption of the booked
 * agenda over the next `horizonDays` (bookings × bill of materials) against usable stock.
 */
export async function stockAlerts(
  deps: ServiceDeps,
  actor: Actor,
  input: { horizonDays: number },
  agenda: BookedAgendaSource = bookedAgendaSource(),
): Promise<TStockAlerts> {
  const now = deps.clock.now();
  // The agenda opens its own transaction: ask it before ours.
  const booked = await agenda.bookedTreatments(
    actor.clinicId,
    now.getTime(),
    now.getTime() + input.horizonDays * DAY_MS,
  );
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const clinic = await findClinic(tx, actor.clinicId);
    const today = localDate(now, clinic?.timeZone ?? 'America/Sao_Paulo');
    const lots = await listLotsInTx(
      tx,
      actor.organizationId,
      { clinicId: actor.clinicId, productId: null, includeEmpty: false },
      now,
    );
    const expiring = lots
      .filter((l) => l.expiryBand !== 'ok' && l.status !== 'recolhido')
      .sort((a, b) => a.expiryDate.localeCompare(b.expiryDate));
    const balances = await balancesInTx(tx, actor.organizationId, actor.clinicId, today);
    const expected = new Map<string, number>();
    for (const { treatmentId, count } of booked) {
      const treatment = await findTreatmentRequirements(tx, treatmentId);
      if (!treatment) continue;
      for (const m of treatment.materials) {
        expected.set(m.productId, (expected.get(m.productId) ?? 0) + toMilli(m.quantity) * count);
      }
    }
    const forecast = [...expected]
      .map(([productId, milli]) => {
        const balance = balances.find((b) => b.productId === productId);
        const usable = balance?.usable ?? 0;
        const need = fromMilli(milli);
        return {
          productId,
          productName: balance?.productName ?? '',
          unit: (balance?.unit ?? 'unidade') as TProductUnit,
          expected: need,
          usable,
          shortfall: Math.max(0, fromMilli(milli - toMilli(usable))),
        };
      })
      .filter((f) => f.productName !== '')
      .sort((a, b) => b.shortfall - a.shortfall || a.productName.localeCompare(b.productName));
    return {
      expiring,
      belowReorder: balances.filter((b) => b.isBelowReorder),
      forecast,
      horizonDays: input.horizonDays,
    };
  });
}
