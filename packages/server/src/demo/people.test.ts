import { normalizeBrazilianPhone, normalizeCep, normalizeCnpj, normalizeCpf } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { generateCnpj, generatePerson } from './people';
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
