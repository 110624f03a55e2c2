import { describe, expect, it } from 'vitest';
import { expiryBand, ZAdverseEventInput, ZReceiveLotInput, ZStockMovementInput } from './stock';

describe('stock contracts', () => {
  it('bands expiry dates at 30, 60 and 90 days; the expiry day itself is still in date', () => {
    const today = '2026-12-03';
    expect(expiryBand('2026-12-02', today)).toEqual({ days: -1, band: 'vencido' });
    expect(expiryBand('2026-12-03', today)).toEqual({ days: 0, band: 'ate_30' });
    expect(expiryBand('2027-01-02', today)).toEqual({ days: 30, band: 'ate_30' });
    expect(expiryBand('2027-01-03', today).band).toBe('ate_60');
    expect(expiryBand('2027-03-03', today)).toEqual({ days: 90, band: 'ate_90' });
    expect(expiryBand('2027-03-04', today).band).toBe('ok');
  });

  it('refuses a receipt of a lot already expired on arrival, naming the field', () => {
    const result = ZReceiveLotInput.safeParse({
      productId: '8a6e0804-2bd0-4672-b79d-d97027f9071a',
      lotNumber: 'L1',
      expiryDate: '2026-11-30',
      supplier: 'Fornecedor',
      invoiceNumber: '1',
      receivedOn: '2026-12-01',
      quantity: 1,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['expiryDate', 'Validade: o lote já estava vencido no recebimento.'],
    ]);
  });

  it('a loss is positive; an adjustment is signed and never zero', () => {
    const lotId = '8a6e0804-2bd0-4672-b79d-d97027f9071a';
    expect(
      ZStockMovementInput.safeParse({ kind: 'loss', lotId, quantity: -1, reason: 'Quebra' }).success,
    ).toBe(false);
    expect(
      ZStockMovementInput.safeParse({ kind: 'adjustment', lotId, delta: -2, reason: 'Contagem' }).success,
    ).toBe(true);
    expect(
      ZStockMovementInput.safeParse({ kind: 'adjustment', lotId, delta: 0, reason: 'Contagem' }).success,
    ).toBe(false);
  });

  it('death must be stated in both severity and outcome', () => {
    const base = {
      clientId: '8a6e0804-2bd0-4672-b79d-d97027f9071a',
      onsetAt: '2026-12-01T10:00:00Z',
      description: 'Descrição suficiente do evento.',
    };
    expect(ZAdverseEventInput.safeParse({ ...base, severity: 'obito', outcome: 'obito' }).success).toBe(true);
    const partial = ZAdverseEventInput.safeParse({ ...base, severity: 'obito' });
    expect(partial.error?.issues[0]?.message).toBe(
      'Desfecho: óbito deve constar na gravidade e no desfecho.',
    );
  });
});
