import { DEFAULT_RISK_ACTION_POLICY } from '@clinia/contracts';
import { describe, expect, it } from 'vitest';
import { bandLimitsText, draftOf, isPolicyDirty, policyOf } from './policy-form';

describe('policy form', () => {
  const saved = DEFAULT_RISK_ACTION_POLICY;

  it('round-trips the saved policy and is clean until something changes', () => {
    const draft = draftOf(saved);
    expect(draft.mediumPercent).toBe(15);
    expect(draft.highPercent).toBe(30);
    expect(policyOf(draft)).toEqual({ ok: true, policy: saved });
    expect(isPolicyDirty(draft, saved)).toBe(false);
    expect(isPolicyDirty({ ...draft, holdoutPercent: 20 }, saved)).toBe(true);
    expect(
      isPolicyDirty({ ...draft, actions: { ...draft.actions, baixo: ['confirmation_request'] } }, saved),
    ).toBe(true);
  });

  it('band titles show the thresholds, and "…" for one that is missing, out of range or not above medium', () => {
    const draft = draftOf(saved);
    expect(bandLimitsText(draft)).toEqual({ medium: '15%', high: '30%' });
    expect(bandLimitsText({ ...draft, mediumPercent: 12.5 })).toEqual({ medium: '12,5%', high: '30%' });
    expect(bandLimitsText({ ...draft, highPercent: 10 })).toEqual({ medium: '15%', high: '…' });
    expect(bandLimitsText({ ...draft, mediumPercent: '' })).toEqual({ medium: '…', high: '30%' });
    expect(bandLimitsText({ ...draft, highPercent: 120 })).toEqual({ medium: '15%', high: '…' });
  });

  it('keeps the catalogue order of actions whatever order they were ticked in', () => {
    const draft = draftOf(saved);
    const checked = policyOf({
      ...draft,
      actions: { ...draft.actions, alto: ['waitlist_suggestion', 'confirmation_request'] },
    });
    expect(checked.ok && checked.policy.actions.alto).toEqual([
      'confirmation_request',
      'waitlist_suggestion',
    ]);
  });

  it('names the field in pt-BR when a threshold is missing, out of range or inverted', () => {
    const draft = draftOf(saved);
    expect(policyOf({ ...draft, mediumPercent: '' })).toEqual({
      ok: false,
      errors: { mediumFrom: 'Limite da faixa média: informe um número.' },
    });
    expect(policyOf({ ...draft, highPercent: 120 })).toEqual({
      ok: false,
      errors: { highFrom: 'Limite da faixa alta: use um valor entre 1% e 99%.' },
    });
    expect(policyOf({ ...draft, mediumPercent: 40, highPercent: 30 })).toEqual({
      ok: false,
      errors: { highFrom: 'Limite da faixa alta: deve ser maior que o da faixa média.' },
    });
  });

  it('accepts a decimal comma and refuses a fractional or excessive holdout', () => {
    const draft = draftOf(saved);
    const comma = policyOf({ ...draft, mediumPercent: '12,5' });
    expect(comma.ok && comma.policy.mediumFrom).toBe(0.125);
    expect(policyOf({ ...draft, holdoutPercent: 7.5 })).toEqual({
      ok: false,
      errors: { holdoutPercent: 'Grupo de controle: use um número inteiro.' },
    });
    expect(policyOf({ ...draft, holdoutPercent: 60 })).toEqual({
      ok: false,
      errors: { holdoutPercent: 'Grupo de controle: máximo 50%.' },
    });
  });
});
