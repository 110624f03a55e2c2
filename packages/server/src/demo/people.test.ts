import { normalizeBrazilianPhone, normalizeCep, normalizeCnpj, normalizeCpf } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { adultBirthDate, generateCnpj, generatePerson } from './people';
import { createRng } from './random';

describe('demo people', () => {
  it('is deterministic for a seed', () => {
    const a = Array.from(
      { length: 5 },
      (
        (rng) => () =>
          generatePerson(rng)
      )(createRng(42)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (rng) => () =>
          generatePerson(rng)
      )(createRng(42)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (rng) => () =>
          generatePerson(rng)
      )(createRng(43)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('produces identifiers that pass our own validators', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2_000; i++) {
      const p = generatePerson(rng);
      expect(normalizeCpf(p.cpf), p.cpf).toBe(p.cpf);
      expect(normalizeBrazilianPhone(p.mobile)?.kind, p.mobile).toBe('mobile');
      expect(normalizeCep(p.address.cep)).toBe(p.address.cep);
      expect(p.email).toMatch(/^[a-z]+\.[a-z]+\d+@example\.com$/);
      expect(p.name).toMatch(/^\p{L}[\p{L} '.-]+$/u);
    }
    for (let i = 0; i < 200; i++) expect(normalizeCnpj(generateCnpj(rng))).not.toBeNull();
  });
});

describe('demo seed ages', () => {
  it('makes minors adult by moving them 20 years back, never by a century', () => {
    const today = new Date('2026-11-25T12:00:00Z');
    expect(adultBirthDate('2012-03-01', today)).toBe('1992-03-01');
    expect(adultBirthDate('2008-11-26', today)).toBe('1988-11-26');
    expect(adultBirthDate('2008-11-25', today)).toBe('2008-11-25');
    expect(adultBirthDate('1980-05-05', today)).toBe('1980-05-05');
    const rng = createRng(20261125);
    for (let i = 0; i < 3_000; i++) {
      const age = 2026 - Number(adultBirthDate(generatePerson(rng, { today }).birthDate, today).slice(0, 4));
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(73);
    }
  });
});
