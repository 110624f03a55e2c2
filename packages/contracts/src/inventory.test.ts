import { describe, expect, it } from 'vitest';
import { anvisaRegistryKey, checkAnvisaNumber, formatAnvisaNumber, ZProductInput } from './inventory';

// Vectors from shared/docs/REGULATION.md 4.1.
describe('ANVISA number formats', () => {
  it('medicines: 13 digits or the 9-digit root, starting with 1', () => {
    expect(checkAnvisaNumber('medicamento', '1.2345.6789.012-3')).toEqual({
      ok: true,
      digits: '1234567890123',
    });
    expect(checkAnvisaNumber('medicamento', '1.2345.6789')).toEqual({ ok: true, digits: '123456789' });
    expect(checkAnvisaNumber('medicamento', '2345678901234').ok).toBe(false);
    expect(checkAnvisaNumber('medicamento', '12345678').ok).toBe(false);
    expect(checkAnvisaNumber('medicamento', '12345678901').ok).toBe(false);
  });

  it('devices: NUMERO_REGISTRO_CADASTRO of 11 digits, left-padded', () => {
    expect(checkAnvisaNumber('dispositivo_medico', '10330710009')).toEqual({
      ok: true,
      digits: '10330710009',
    });
    expect(checkAnvisaNumber('dispositivo_medico', '80123450001')).toEqual({
      ok: true,
      digits: '80123450001',
    });
    expect(checkAnvisaNumber('dispositivo_medico', '1033071009')).toEqual({
      ok: true,
      digits: '01033071009',
    });
    expect(checkAnvisaNumber('dispositivo_medico', '123456789012').ok).toBe(false);
    expect(checkAnvisaNumber('dispositivo_medico', '1234567').ok).toBe(false);
  });

  it('cosmetics start with 2; letters and empty numbers are refused with a message naming the field', () => {
    expect(checkAnvisaNumber('cosmetico', '2.1234.5678.901-2').ok).toBe(true);
    expect(checkAnvisaNumber('cosmetico', '1234567890123').ok).toBe(false);
    const letters = checkAnvisaNumber('medicamento', '1.2345.ABCD');
    expect(letters.ok === false && letters.message).toContain('Registro ANVISA');
    const empty = checkAnvisaNumber('dispositivo_medico', '  ');
    expect(empty.ok === false && empty.message).toBe('Registro ANVISA: informe o número de registro.');
  });

  it('formats for display and keys the registry by the medicine root', () => {
    expect(formatAnvisaNumber('1234567890123')).toBe('1.2345.6789.012-3');
    expect(formatAnvisaNumber('123456789')).toBe('1.2345.6789');
    expect(formatAnvisaNumber('80123450001')).toBe('80123450001');
    expect(anvisaRegistryKey('medicamento', '1234567890123')).toBe('123456789');
    expect(anvisaRegistryKey('dispositivo_medico', '80123450001')).toBe('80123450001');
  });

  it('a product form needs a risk class for devices only', () => {
    const base = {
      name: 'Preenchedor',
      manufacturer: 'Fabricante',
      anvisaCategory: 'dispositivo_medico' as const,
      anvisaNumber: '80123450001',
      unit: 'seringa' as const,
    };
    const missing = ZProductInput.safeParse(base);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues.map((i) => i.path.join('.'))).toEqual(['riskClass']);
    expect(ZProductInput.safeParse({ ...base, riskClass: 'IV' }).success).toBe(true);
    const medicine = ZProductInput.safeParse({
      ...base,
      anvisaCategory: 'medicamento',
      anvisaNumber: '1.2345.6789',
      riskClass: 'III',
    });
    expect(medicine.error?.issues[0]?.message).toBe('Classe de risco: só se aplica a dispositivos médicos.');
  });
});
