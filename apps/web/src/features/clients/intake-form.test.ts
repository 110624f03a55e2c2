import { ZIntakeData } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { intakeAlerts, intakeFormOf, newMedicationRow, toIntakeInput } from './intake-form';

describe('intake form', () => {
  it('round-trips a saved intake and drops blank medication rows', () => {
    const data = ZIntakeData.parse({
      conditions: ['Hipotireoidismo'],
      medications: [{ name: 'Varfarina', kind: 'anticoagulante', since: '2025-01-10' }],
      fitzpatrick: 'III',
      goals: 'Melhorar manchas',
    });
    const form = intakeFormOf(data);
    form.medications.push(newMedicationRow());
    expect(ZIntakeData.parse(toIntakeInput(form))).toEqual(data);
  });

  it('refuses an intake without Fitzpatrick type with a message naming it', () => {
    const result = ZIntakeData.safeParse(toIntakeInput(intakeFormOf(undefined)));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('Fitzpatrick');
  });

  it('calls out risk medications in use, but not those already stopped', () => {
    const data = ZIntakeData.parse({
      medications: [
        { name: 'Roacutan', kind: 'isotretinoina', since: '2026-01-01' },
        { name: 'Varfarina', kind: 'anticoagulante', until: '2025-12-31' },
        { name: 'Tacrolimo', kind: 'imunossupressor' },
        { name: 'Vitamina D', kind: 'outro' },
      ],
      keloidTendency: true,
      allergies: ['Lidocaína'],
      fitzpatrick: 'IV',
    });
    expect(intakeAlerts(data, '2026-06-01')).toEqual([
      { kind: 'medication', medicationKind: 'isotretinoina', name: 'Roacutan' },
      { kind: 'medication', medicationKind: 'imunossupressor', name: 'Tacrolimo' },
      { kind: 'flag', flag: 'keloidTendency' },
      { kind: 'allergy', name: 'Lidocaína' },
    ]);
  });
});
