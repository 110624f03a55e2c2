import type { TCompetenceDecision } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { applyEdits, countChanges, matrixAxes, type TCellKey, type TPolicyRule } from './policy-matrix-model';

const rules: TPolicyRule[] = [
  { role: 'esteticista', category: 'laser_luz', decision: 'permitido', citation: 'Lei 13.643/2018' },
  { role: 'medico', category: 'toxina_botulinica', decision: 'permitido', citation: 'Lei 12.842/2013' },
  { role: 'medico', category: 'laser_luz', decision: 'permitido', citation: 'Lei 12.842/2013' },
  {
    role: 'esteticista',
    category: 'toxina_botulinica',
    decision: 'proibido',
    citation: 'Procedimento invasivo',
  },
];

describe('matrixAxes', () => {
  it('orders professions and categories as the contracts list them', () => {
    expect(matrixAxes(rules)).toEqual({
      roles: ['medico', 'esteticista'],
      categories: ['toxina_botulinica', 'laser_luz'],
    });
  });
});

describe('applyEdits and countChanges', () => {
  it('changes only edited cells and cites the reason for them', () => {
    const edits = new Map<TCellKey, TCompetenceDecision>([
      ['esteticista:laser_luz', 'requer_habilitacao'],
      ['medico:laser_luz', 'permitido'],
    ]);
    expect(countChanges(rules, edits)).toBe(1);
    const saved = applyEdits(rules, edits, 'Alteração da clínica: exigir curso de laser.');
    expect(saved).toHaveLength(4);
    expect(saved[0]).toEqual({
      role: 'esteticista',
      category: 'laser_luz',
      decision: 'requer_habilitacao',
      citation: 'Alteração da clínica: exigir curso de laser.',
    });
    expect(saved.slice(1)).toEqual(rules.slice(1));
  });
});
