import { describe, expect, it } from 'vitest';
import { csvField, traceabilityCsv } from './traceability-export';

describe('traceability CSV', () => {
  it('quotes separators and quotes, and neutralises spreadsheet formulas', () => {
    expect(csvField('Maria; Silva')).toBe('"Maria; Silva"');
    expect(csvField('Lote "A"')).toBe('"Lote ""A"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+5511')).toBe("'+5511");
    expect(csvField('Coração')).toBe('Coração');
  });

  it('starts with the UTF-8 BOM, uses ; and CRLF, and dates in the clinic zone', () => {
    const csv = traceabilityCsv(
      {
        productName: 'Ácido hialurônico',
        manufacturer: 'Fabricante',
        anvisaNumberFormatted: '80412340001',
        lotNumber: 'HA-1',
        expiryDate: '2027-01-31',
        lots: [],
        rows: [
          {
            movementId: '8a6e0804-2bd0-4672-b79d-d97027f9071a',
            occurredAt: '2026-12-01T02:30:00.000Z',
            clinicName: 'Clínica Centro',
            lotNumber: 'HA-1',
            clientId: '8a6e0804-2bd0-4672-b79d-d97027f9071b',
            clientName: 'João da Silva',
            sessionId: null,
            professionalName: 'Dra. Helena',
            quantity: 1.5,
            unit: 'mL',
          },
        ],
        clientCount: 1,
      },
      'America/Sao_Paulo',
    );
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.split('\r\n')[1]).toBe(
      '30/11/2026, 23:30;Clínica Centro;HA-1;João da Silva;;Dra. Helena;1,5;mL',
    );
  });
});
