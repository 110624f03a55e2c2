import { describe, expect, it } from 'vitest';
import { CFM_SITUATION_LABELS, describeCfmRegistrationType, describeCfmSituation } from './cfm-situations';

describe('describeCfmSituation', () => {
  it('treats only A (Regular) as active', () => {
    expect(describeCfmSituation('A')).toEqual({ code: 'A', label: 'Regular', isActive: true });
    const active = Object.keys(CFM_SITUATION_LABELS).filter((code) => describeCfmSituation(code).isActive);
    expect(active).toEqual(['A']);
  });

  it.each([
    ['B', 'Suspensão parcial permanente'],
    ['G', 'Sem exercício na UF'],
    ['I', 'Interdição cautelar total'],
    ['N', 'Interdição cautelar parcial'],
    ['J', 'Suspensão judicial parcial'],
    ['O', 'Suspensão judicial total'],
    ['S', 'Suspenso total'],
    ['X', 'Suspenso parcial'],
  ])('labels %s as %s', (code, label) => {
    expect(describeCfmSituation(code)).toEqual({ code, label, isActive: false });
  });

  it('labels unknown codes (including lower case and inherited property names) as unknown and inactive', () => {
    for (const code of ['Z', 'a', 'toString', '']) {
      expect(describeCfmSituation(code)).toEqual({
        code,
        label: `Situação desconhecida (código ${code})`,
        isActive: false,
      });
    }
  });

  it('covers the 17 codes of the CFM manual', () => {
    expect(Object.keys(CFM_SITUATION_LABELS).sort().join('')).toBe('ABCEFGIJLMNOPRSTX');
  });
});

describe('describeCfmRegistrationType', () => {
  it.each([
    ['P', 'Principal'],
    ['S', 'Secundária'],
    ['V', 'Provisória'],
    ['T', 'Temporária'],
    ['E', 'Estudante de medicina estrangeiro'],
    ['W', 'Tipo de inscrição desconhecido (código W)'],
  ])('labels %s as %s', (code, label) => {
    expect(describeCfmRegistrationType(code)).toBe(label);
  });
});
