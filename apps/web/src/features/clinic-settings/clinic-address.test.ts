import { describe, expect, it } from 'vitest';
import { formatAddress, formatClinicCnpj } from './clinic-address';

describe('clinic address', () => {
  it('reads as one line with the CEP hyphenated', () => {
    expect(
      formatAddress({
        street: 'Avenida Souza',
        number: '2946',
        complement: 'Sala 209',
        district: 'Planalto',
        city: 'São Paulo',
        uf: 'SP',
        cep: '03400347',
      }),
    ).toBe('Avenida Souza, 2946, Sala 209 – Planalto, São Paulo/SP, CEP 03400-347');
  });

  it('leaves out a missing complement', () => {
    expect(
      formatAddress({
        street: 'Rua A',
        number: '1',
        district: 'Centro',
        city: 'Manaus',
        uf: 'AM',
        cep: '69000000',
      }),
    ).toBe('Rua A, 1 – Centro, Manaus/AM, CEP 69000-000');
  });

  it('formats the CNPJ', () => {
    expect(formatClinicCnpj('99043477000111')).toBe('99.043.477/0001-11');
  });
});
