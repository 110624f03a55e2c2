import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRecordSplitter, mapRow, parseAnvisaDate, readHeader, registryStanding } from './anvisa-csv';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url);

function rowsOf(name: string) {
  const text = readFileSync(fixture(name)).toString('latin1');
  const split = createRecordSplitter();
  const records = text
    .split(/\r?\n/)
    .map(split)
    .filter((r): r is string[] => r !== null && !(r.length === 1 && r[0] === ''));
  const header = readHeader(records[0] ?? []);
  if (!header) throw new Error('header');
  return { header, rows: records.slice(1).map((r) => mapRow(r, header)) };
}

describe('ANVISA open-data CSV', () => {
  it('decodes Latin-1: "Coração" round-trips, and UTF-8 decoding would not', () => {
    const bytes = readFileSync(fixture('DADOS_ABERTOS_MEDICAMENTOS.sample.csv'));
    expect(bytes.toString('latin1')).toContain('LABORATÓRIO CORAÇÃO DO BRASIL LTDA');
    expect(bytes.toString('utf8')).not.toContain('CORAÇÃO');
    const { rows } = rowsOf('DADOS_ABERTOS_MEDICAMENTOS.sample.csv');
    const first = rows[0];
    expect(first?.ok && first.record.holderName).toBe('LABORATÓRIO CORAÇÃO DO BRASIL LTDA');
    expect(first?.ok && first.record.holderCnpj).toBe('12345678000190');
  });

  it('maps medicines: MMAAAA expiry, quoted names with ";", cancelled, notified and malformed rows', () => {
    const { header, rows } = rowsOf('DADOS_ABERTOS_MEDICAMENTOS.sample.csv');
    expect(header.kind).toBe('medicamento');
    const ok = rows.flatMap((r) => (r.ok ? [r.record] : []));
    expect(ok.map((r) => [r.registryKey, r.situation, r.validUntil])).toEqual([
      ['198760001', 'valido', '2029-03-31'],
      ['198760002', 'valido', '2030-12-31'],
      ['154320003', 'valido', '2027-10-31'],
      ['154320004', 'valido', '2020-12-31'],
      ['198760005', 'cancelado', null],
    ]);
    expect(ok[2]?.productName).toBe('LIDOCAÍNA; PRILOCAÍNA CREME DEMONSTRAÇÃO');
    expect(rows.flatMap((r) => (r.ok ? [] : [r.reason]))).toEqual([
      'sem número de registro (produto notificado)',
      'número de registro fora do formato',
    ]);
  });

  it('maps devices: VIGENTE, dated validity, cancelled, padding to 11 digits and a bad risk class', () => {
    const { header, rows } = rowsOf('TA_PRODUTO_SAUDE_SITE.sample.csv');
    expect(header.kind).toBe('dispositivo_medico');
    const ok = rows.flatMap((r) => (r.ok ? [r.record] : []));
    expect(ok.filter((r) => r.registryKey === '80987650001').map((r) => r.manufacturerName)).toEqual([
      'DERMA LABORATORIES SA',
      'DERMA LABORATORIES FRANCE',
    ]);
    expect(ok.find((r) => r.registryKey === '80987650002')?.validUntil).toBe('2031-06-15');
    expect(ok.find((r) => r.registryKey === '80987650004')?.situation).toBe('cancelado');
    expect(ok.find((r) => r.productName.startsWith('MICROCÂNULA'))?.registryKey).toBe('01033071009');
    expect(rows.flatMap((r) => (r.ok ? [] : [r.reason]))).toEqual(['classe de risco inválida']);
  });

  it('splits quoted fields across lines and escaped quotes', () => {
    const split = createRecordSplitter();
    expect(split('a;"b ""x"";c";d')).toEqual(['a', 'b "x";c', 'd']);
    expect(split('1;"linha')).toBeNull();
    expect(split('continua";3')).toEqual(['1', 'linha\ncontinua', '3']);
  });

  it('parses ANVISA dates and refuses impossible ones', () => {
    expect(parseAnvisaDate('29/02/2028')).toBe('2028-02-29');
    expect(parseAnvisaDate('29/02/2027')).toBeNull();
    expect(parseAnvisaDate('022028')).toBe('2028-02-29');
    expect(parseAnvisaDate('13/2028')).toBeNull();
    expect(parseAnvisaDate('VIGENTE')).toBeNull();
  });

  it('a registration stands when any of its rows is valid on the day', () => {
    const row = (situation: string, validUntil: string | null) => ({
      situation,
      situationLabel: situation,
      validUntil,
      productName: 'P',
      holderName: 'H',
    });
    const today = '2026-11-25';
    expect(registryStanding([], today).status).toBe('nao_encontrado');
    expect(registryStanding([row('valido', '2026-11-25')], today).status).toBe('vigente');
    expect(registryStanding([row('valido', '2026-11-24')], today)).toEqual({
      status: 'vencido',
      validUntil: '2026-11-24',
    });
    expect(registryStanding([row('cancelado', null)], today).status).toBe('cancelado');
    expect(registryStanding([row('cancelado', null), row('valido', null)], today).status).toBe('vigente');
  });
});
