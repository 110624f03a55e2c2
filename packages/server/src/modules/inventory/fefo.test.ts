import { describe, expect, it } from 'vitest';
import { allocateFefo, type FefoLot } from './fefo';

const lot = (id: string, expiryDate: string, onHand: number, status = 'ativo'): FefoLot => ({
  id,
  lotNumber: id.toUpperCase(),
  expiryDate,
  receivedOn: '2026-01-10',
  status,
  onHand,
});

describe('FEFO allocation', () => {
  const today = '2026-12-03';

  it('takes the lot that expires first, and spans into the next when it runs out', () => {
    const result = allocateFefo(
      [lot('b', '2027-06-30', 100), lot('a', '2027-01-31', 30), lot('c', '2028-01-31', 100)],
      50,
      today,
    );
    expect(result).toEqual({
      ok: true,
      allocations: [
        { lotId: 'a', lotNumber: 'A', expiryDate: '2027-01-31', quantity: 30 },
        { lotId: 'b', lotNumber: 'B', expiryDate: '2027-06-30', quantity: 20 },
      ],
    });
  });

  it('skips expired, quarantined and recalled lots; a lot expiring today is still usable', () => {
    const result = allocateFefo(
      [
        lot('old', '2026-12-02', 100),
        lot('q', '2026-12-10', 100, 'quarentena'),
        lot('r', '2026-12-11', 100, 'recolhido'),
        lot('today', '2026-12-03', 1),
        lot('next', '2027-03-01', 5),
      ],
      2,
      today,
    );
    expect(result.ok && result.allocations.map((a) => [a.lotId, a.quantity])).toEqual([
      ['today', 1],
      ['next', 1],
    ]);
  });

  it('reports the usable total when it is not enough', () => {
    expect(allocateFefo([lot('a', '2027-01-31', 0.1), lot('b', '2027-02-28', 0.2)], 0.5, today)).toEqual({
      ok: false,
      usable: 0.3,
    });
  });

  it('keeps decimals exact (0.1 + 0.2 mL is 0.3 mL)', () => {
    const result = allocateFefo([lot('a', '2027-01-31', 0.1), lot('b', '2027-02-28', 0.2)], 0.3, today);
    expect(result.ok && result.allocations.map((a) => a.quantity)).toEqual([0.1, 0.2]);
  });
});
