import { describe, expect, it } from 'vitest';
import {
  ageOn,
  birthDateIso,
  emptyClientForm,
  maskBirthDate,
  type TClientFormState,
  validateClientForm,
} from './client-form';

const messages = { birthDateMissing: 'nascimento?', sexMissing: 'sexo?', guardianRequired: 'responsável?' };
const valid: TClientFormState = {
  ...emptyClientForm,
  fullName: 'Ana Beatriz Souza',
  cpf: '529.982.247-25',
  birthDate: '12/04/1990',
  sex: 'F',
  mobile: '(11) 98765-4321',
};

describe('client registration form', () => {
  it('accepts a complete adult and normalises CPF and mobile', () => {
    const result = validateClientForm(valid, { today: '2026-12-02', messages });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.input.cpf).toBe('52998224725');
      expect(result.input.mobile).toBe('+5511987654321');
      expect(result.input.address).toBeUndefined();
    }
  });

  it('refuses a CPF with wrong check digits, naming the CPF', () => {
    const result = validateClientForm({ ...valid, cpf: '529.982.247-24' }, { today: '2026-12-02', messages });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.cpf).toMatch(/^CPF inválido/);
  });

  it('refuses an invalid DDD and an 8-digit mobile without 9', () => {
    for (const mobile of ['(20) 98765-4321', '(11) 8765-432']) {
      const result = validateClientForm({ ...valid, mobile }, { today: '2026-12-02', messages });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.mobile).toMatch(/Telefone inválido/);
    }
  });

  it('requires the whole address once any part of it is filled, with CEP and UF checked', () => {
    const result = validateClientForm({ ...valid, cep: '0131', uf: 'XX' }, { today: '2026-12-02', messages });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors['address.cep']).toMatch(/CEP inválido/);
      expect(result.errors['address.uf']).toBe('UF inválida.');
      expect(result.errors['address.street']).toMatch(/rua/);
    }
  });

  it('asks for a legal guardian for a minor, and for the missing birth date and sex', () => {
    const minor = validateClientForm(
      { ...valid, birthDate: '01/05/2012' },
      { today: '2026-12-02', messages },
    );
    expect(minor.ok).toBe(false);
    if (!minor.ok) expect(minor.errors.guardianClientId).toBe('responsável?');
    const empty = validateClientForm({ ...valid, birthDate: '', sex: '' }, { today: '2026-12-02', messages });
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.errors.birthDate).toBe('nascimento?');
      expect(empty.errors.sex).toBe('sexo?');
    }
  });

  it('reads the birth date as dd/mm/aaaa and refuses impossible dates', () => {
    expect(maskBirthDate('15031991')).toBe('15/03/1991');
    expect(birthDateIso('15/03/1991')).toBe('1991-03-15');
    expect(birthDateIso('31/02/1991')).toBeNull();
    const result = validateClientForm(
      { ...valid, birthDate: '31/02/1991' },
      { today: '2026-12-02', messages },
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.birthDate).toBe('Data de nascimento inválida.');
  });

  it('counts age in whole years, turning on the birthday', () => {
    expect(ageOn('2008-12-02', '2026-12-01')).toBe(17);
    expect(ageOn('2008-12-02', '2026-12-02')).toBe(18);
    expect(ageOn('2008-12', '2026-12-02')).toBeNull();
  });
});
