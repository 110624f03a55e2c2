import { ZIntakeData } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { ageOn, evaluateContraindications, hasHardContraindication } from './contraindications';

const intake = (over: Record<string, unknown> = {}) => ZIntakeData.parse({ fitzpatrick: 'III', ...over });
const onDate = '2026-11-25';

describe('contraindication evaluation', () => {
  it('age is computed on the day, birthdays included', () => {
    expect(ageOn('2008-11-25', onDate)).toBe(18);
    expect(ageOn('2008-11-26', onDate)).toBe(17);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
  });

  it('finds nothing for a client without any of the conditions', () => {
    const findings = evaluateContraindications({
      rules: { pregnancy: { severity: 'hard' }, age: { min: 18, severity: 'hard' } },
      intake: intake(),
      birthDate: '1990-01-01',
      onDate,
      sessionFacts: { activeInfectionAtSite: false },
    });
    expect(findings).toEqual([]);
  });

  it('pregnancy, breastfeeding, minors: hard findings with pt-BR messages; hard sorts first', () => {
    const findings = evaluateContraindications({
      rules: {
        pregnancy: { severity: 'hard' },
        breastfeeding: { severity: 'warn' },
        age: { min: 18, severity: 'hard' },
      },
      intake: intake({ pregnant: true, breastfeeding: true }),
      birthDate: '2009-03-01',
      onDate,
    });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['age', 'hard'],
      ['pregnancy', 'hard'],
      ['breastfeeding', 'warn'],
    ]);
    expect(findings[0]?.message).toBe('Idade: 17 anos, abaixo da mínima de 18 anos para este tratamento.');
    expect(hasHardContraindication(findings)).toBe(true);
  });

  it('isotretinoin within N months, counted from when it was stopped; ongoing use counts', () => {
    const rules = { isotretinoin: { withinMonths: 6, severity: 'hard' as const } };
    const med = (until?: string) =>
      intake({ medications: [{ name: 'Roacutan', kind: 'isotretinoina', since: '2025-01-01', until }] });
    const run = (i: ReturnType<typeof intake>) =>
      evaluateContraindications({ rules, intake: i, birthDate: '1995-05-05', onDate }).map((f) => f.rule);
    expect(run(med())).toEqual(['isotretinoin']);
    expect(run(med('2026-05-25'))).toEqual(['isotretinoin']);
    expect(run(med('2026-05-24'))).toEqual([]);
  });

  it('anticoagulants only while in use; Fitzpatrick limits for lasers', () => {
    const findings = evaluateContraindications({
      rules: { anticoagulants: { severity: 'warn' }, fitzpatrick: { max: 'IV', severity: 'hard' } },
      intake: intake({
        fitzpatrick: 'V',
        medications: [
          { name: 'Varfarina', kind: 'anticoagulante' },
          { name: 'Enoxaparina', kind: 'anticoagulante', until: '2026-01-01' },
        ],
      }),
      birthDate: '1980-01-01',
      onDate,
    });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['fitzpatrick', 'hard'],
      ['anticoagulants', 'warn'],
    ]);
    expect(findings[0]?.message).toContain('Fototipo V');
    const stopped = evaluateContraindications({
      rules: { anticoagulants: { severity: 'warn' } },
      intake: intake({ medications: [{ name: 'Enoxaparina', kind: 'anticoagulante', until: '2026-01-01' }] }),
      birthDate: '1980-01-01',
      onDate,
    });
    expect(stopped).toEqual([]);
  });

  it('without an intake, every intake-based rule asks for confirmation (warn, unknown), never passes silently', () => {
    const findings = evaluateContraindications({
      rules: {
        pregnancy: { severity: 'hard' },
        keloid: { severity: 'warn' },
        activeInfection: { severity: 'hard' },
      },
      intake: null,
      birthDate: '1990-01-01',
      onDate,
    });
    expect(findings.map((f) => [f.rule, f.severity, f.basis])).toEqual([
      ['activeInfection', 'warn', 'unknown'],
      ['pregnancy', 'warn', 'unknown'],
      ['keloid', 'warn', 'unknown'],
    ]);
    expect(hasHardContraindication(findings)).toBe(false);
    const infected = evaluateContraindications({
      rules: { activeInfection: { severity: 'hard' } },
      intake: intake(),
      birthDate: '1990-01-01',
      onDate,
      sessionFacts: { activeInfectionAtSite: true },
    });
    expect(hasHardContraindication(infected)).toBe(true);
  });
});
