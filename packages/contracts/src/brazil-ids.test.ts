import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cpfCheckDigits,
  formatBrazilianPhone,
  formatCnpj,
  formatCpf,
  normalizeBrazilianPhone,
  normalizeCep,
  normalizeCnpj,
  normalizeCpf,
  ZCpf,
} from './brazil-ids';

describe('CPF', () => {
  it.each(['529.982.247-25', '111.444.777-35', '390.533.447-05', '123.456.789-09', '52998224725'])(
    'accepts %s',
    (cpf) => expect(normalizeCpf(cpf)).toMatch(/^\d{11}$/),
  );
  it.each(['529.982.247-24', '111.111.111-11', '000.000.000-00', '1234567890', '529.982.247-2a'])(
    'refuses %s',
    (cpf) => expect(normalizeCpf(cpf)).toBeNull(),
  );
  it('formats with the mask', () => expect(formatCpf('52998224725')).toBe('529.982.247-25'));
  it('any 9-digit base plus its computed digits is valid unless all digits repeat', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (base) => {
        const cpf = base + cpfCheckDigits(base);
        expect(normalizeCpf(cpf) === cpf).toBe(!/^(\d)\1{10}$/.test(cpf));
      }),
    );
  });
  it('a single changed check digit is always refused', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 1, max: 9 }), (base, delta) => {
        const dv = cpfCheckDigits(base);
        const wrong = `${dv[0]}${(Number(dv[1]) + delta) % 10}`;
        expect(normalizeCpf(base + wrong)).toBeNull();
      }),
    );
  });
  it('gives a pt-BR message naming the problem', () => {
    const result = ZCpf.safeParse('529.982.247-24');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('CPF inválido: confira os dígitos.');
  });
});

describe('CNPJ', () => {
  it.each([
    '11.222.333/0001-81',
    '12.345.678/0001-95',
    '33.000.167/0001-01',
    '12.ABC.345/01DE-35',
    '12abc34501de35',
  ])('accepts %s', (cnpj) => expect(normalizeCnpj(cnpj)).toMatch(/^[0-9A-Z]{12}\d{2}$/));
  it.each(['11.222.333/0001-80', '12ABC34501DE36', '00000000000000', '12.ABC.345/01DE-3A'])(
    'refuses %s',
    (cnpj) => expect(normalizeCnpj(cnpj)).toBeNull(),
  );
  it('computes the official alphanumeric example', () =>
    expect(normalizeCnpj('12ABC345000188')).toBe('12ABC345000188'));
  it('formats with the mask', () => expect(formatCnpj('11222333000181')).toBe('11.222.333/0001-81'));
});

describe('phones', () => {
  it('accepts a mobile and a landline', () => {
    expect(normalizeBrazilianPhone('+5511987654321')).toEqual({ e164: '+5511987654321', kind: 'mobile' });
    expect(normalizeBrazilianPhone('(11) 3265-4321')).toEqual({ e164: '+551132654321', kind: 'landline' });
  });
  it.each(['+5520987654321', '+551187654321', '+5511912345678a', '+5511187654321'])('refuses %s', (p) =>
    expect(normalizeBrazilianPhone(p)).toBeNull(),
  );
  it('formats for display', () => {
    expect(formatBrazilianPhone('+5511987654321')).toBe('(11) 98765-4321');
    expect(formatBrazilianPhone('+551132654321')).toBe('(11) 3265-4321');
  });
});

describe('CEP', () => {
  it('accepts with and without hyphen', () => {
    expect(normalizeCep('01310-100')).toBe('01310100');
    expect(normalizeCep('01310100')).toBe('01310100');
  });
  it.each(['0131-0100', '013101000', 'abcde-fgh'])('refuses %s', (c) => expect(normalizeCep(c)).toBeNull());
});
