/**
 * First-expiry-first-out allocation, pure. Quantities are handled in thousandths (the ledger keeps three
 * decimals) so 0.1 + 0.2 never leaves a stray remainder.
 */
export type FefoLot = {
  id: string;
  lotNumber: string;
  expiryDate: string;
  receivedOn: string;
  status: string;
  onHand: number;
};

export type FefoAllocation = { lotId: string; lotNumber: string; expiryDate: string; quantity: number };

export const toMilli = (value: number) => Math.round(value * 1000);
export const fromMilli = (milli: number) => milli / 1000;

/** A lot may be drawn on `today` (yyyy-MM-dd, the clinic's date): active and not past its expiry. */
export function isLotUsable(lot: Pick<FefoLot, 'status' | 'expiryDate'>, today: string): boolean {
  return lot.status === 'ativo' && lot.expiryDate >= today;
}

/** Usable lots in the order they should be used: earliest expiry, then earliest receipt. */
export function fefoOrder<T extends FefoLot>(lots: readonly T[], today: string): T[] {
  return lots
    .filter((lot) => isLotUsable(lot, today) && toMilli(lot.onHand) > 0)
    .sort(
      (a, b) =>
        a.expiryDate.localeCompare(b.expiryDate) ||
        a.receivedOn.localeCompare(b.receivedOn) ||
        a.lotNumber.localeCompare(b.lotNumber),
    );
}

/**
 * Splits `quantity` over the usable lots, earliest expiry first. Returns the allocations, or the usable
 * total when it is not enough.
 */
export function allocateFefo(
  lots: readonly FefoLot[],
  quantity: number,
  today: string,
): { ok: true; allocations: FefoAllocation[] } | { ok: false; usable: number } {
  const ordered = fefoOrder(lots, today);
  let remaining = toMilli(quantity);
  const allocations: FefoAllocation[] = [];
  for (const lot of ordered) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, toMilli(lot.onHand));
    allocations.push({
      lotId: lot.id,
      lotNumber: lot.lotNumber,
      expiryDate: lot.expiryDate,
      quantity: fromMilli(take),
    });
    remaining -= take;
  }
  if (remaining > 0) {
    return { ok: false, usable: fromMilli(ordered.reduce((sum, lot) => sum + toMilli(lot.onHand), 0)) };
  }
  return { ok: true, allocations };
}
