import { describe, expect, it } from 'vitest';
import { councilsForRoles, newAssignmentRow, pickCouncil, toAssignments, toLicenceInput } from './team-forms';

describe('toAssignments', () => {
  it('keeps complete rows once each', () => {
    const rows = [
      newAssignmentRow('c1', 'medico'),
      newAssignmentRow('c1', 'medico'),
      newAssignmentRow('c2', null),
      newAssignmentRow(null, 'gestor'),
      newAssignmentRow('c2', 'gestor'),
    ];
    expect(toAssignments(rows)).toEqual([
      { clinicId: 'c1', role: 'medico' },
      { clinicId: 'c2', role: 'gestor' },
    ]);
  });

  it('gives each new row its own key', () => {
    expect(newAssignmentRow().key).not.toBe(newAssignmentRow().key);
  });
});

describe('councils', () => {
  it('follows the licensed roles chosen', () => {
    expect(councilsForRoles(['gestor', 'recepcionista'])).toEqual([]);
    expect(councilsForRoles(['enfermeiro', null, 'medico'])).toEqual(['CRM', 'COREN']);
  });

  it('keeps the chosen council while it still fits', () => {
    expect(pickCouncil('COREN', ['CRM', 'COREN'])).toBe('COREN');
    expect(pickCouncil('CRO', ['CRM'])).toBe('CRM');
    expect(pickCouncil(null, [])).toBeNull();
  });
});

describe('toLicenceInput', () => {
  it('trims, drops blanks and keeps RQE for CRM only', () => {
    expect(
      toLicenceInput({
        council: 'CRM',
        number: ' 9200001 ',
        uf: 'RJ',
        specialties: [' Dermatologia ', ''],
        rqe: ['123'],
      }),
    ).toEqual({ council: 'CRM', number: '9200001', uf: 'RJ', specialties: ['Dermatologia'], rqe: ['123'] });
    expect(
      toLicenceInput({ council: 'COREN', number: '1', uf: 'SP', specialties: [], rqe: ['9'] })?.rqe,
    ).toEqual([]);
  });

  it('needs a council and a UF', () => {
    expect(toLicenceInput({ council: null, number: '1', uf: 'SP', specialties: [], rqe: [] })).toBeNull();
    expect(toLicenceInput({ council: 'CRM', number: '1', uf: null, specialties: [], rqe: [] })).toBeNull();
  });
});
