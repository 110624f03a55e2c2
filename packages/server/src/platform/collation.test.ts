import { describe, expect, it } from 'vitest';
import { sortPtBr } from './collation';

describe('sortPtBr', () => {
  it('puts accented names where a Brazilian reader expects them', () => {
    const names = ['Zinco', 'Ácido hialurônico', 'Botox', 'ácido tranexâmico', 'Óleo', 'Lidocaína'];
    expect(sortPtBr(names, (n) => n)).toEqual([
      'Ácido hialurônico',
      'ácido tranexâmico',
      'Botox',
      'Lidocaína',
      'Óleo',
      'Zinco',
    ]);
  });

  it('breaks ties with the next key and compares numbers in order', () => {
    const rows = [
      { clinic: 'Unidade Centro', lot: 'L10' },
      { clinic: 'Unidade Centro', lot: 'L9' },
      { clinic: 'Unidade Água Verde', lot: 'L1' },
    ];
    expect(
      sortPtBr(
        rows,
        (r) => r.clinic,
        (r) => r.lot,
      ).map((r) => `${r.clinic} ${r.lot}`),
    ).toEqual(['Unidade Água Verde L1', 'Unidade Centro L9', 'Unidade Centro L10']);
  });
});
