import { RISK_ACTIONS, type TRiskAction, type TRiskActionPolicy, type TRiskBand } from '@clinia/contracts';
import { fractionToPercent, percentToFraction } from './risk-format';

/**
 * The risk-action policy as the form edits it: thresholds in whole percent (what a manager thinks in),
 * checkboxes of actions per band, the holdout share. Checked here first so the form names the field in
 * percent terms; the server checks the same rules again and its messages are shown by field too.
 */

export type TPolicyField = 'mediumFrom' | 'highFrom' | 'holdoutPercent';

/** Mantine's NumberInput gives '' while the field is empty. */
export type TPolicyDraft = {
  mediumPercent: number | string;
  highPercent: number | string;
  holdoutPercent: number | string;
  actions: Record<TRiskBand, TRiskAction[]>;
};

export function draftOf(policy: TRiskActionPolicy): TPolicyDraft {
  return {
    mediumPercent: fractionToPercent(policy.mediumFrom),
    highPercent: fractionToPercent(policy.highFrom),
    holdoutPercent: policy.holdoutPercent,
    actions: {
      baixo: [...policy.actions.baixo],
      medio: [...policy.actions.medio],
      alto: [...policy.actions.alto],
    },
  };
}

function numberOf(value: number | string): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') {
    return null;
  }
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Actions in the catalogue's order, whatever order the boxes were ticked in. */
function ordered(actions: readonly TRiskAction[]): TRiskAction[] {
  return RISK_ACTIONS.filter((action) => actions.includes(action));
}

export type TPolicyCheck =
  | { ok: true; policy: TRiskActionPolicy }
  | { ok: false; errors: Partial<Record<TPolicyField, string>> };

/** The policy to save, or a pt-BR message per field that is wrong (nothing is sent then). */
export function policyOf(draft: TPolicyDraft): TPolicyCheck {
  const errors: Partial<Record<TPolicyField, string>> = {};
  const medium = numberOf(draft.mediumPercent);
  const high = numberOf(draft.highPercent);
  const holdout = numberOf(draft.holdoutPercent);
  if (medium === null) {
    errors.mediumFrom = 'Limite da faixa média: informe um número.';
  } else if (medium < 1 || medium > 99) {
    errors.mediumFrom = 'Limite da faixa média: use um valor entre 1% e 99%.';
  }
  if (high === null) {
    errors.highFrom = 'Limite da faixa alta: informe um número.';
  } else if (high < 1 || high > 99) {
    errors.highFrom = 'Limite da faixa alta: use um valor entre 1% e 99%.';
  } else if (medium !== null && !errors.mediumFrom && high <= medium) {
    errors.highFrom = 'Limite da faixa alta: deve ser maior que o da faixa média.';
  }
  if (holdout === null) {
    errors.holdoutPercent = 'Grupo de controle: informe um número.';
  } else if (!Number.isInteger(holdout)) {
    errors.holdoutPercent = 'Grupo de controle: use um número inteiro.';
  } else if (holdout < 0) {
    errors.holdoutPercent = 'Grupo de controle: mínimo 0%.';
  } else if (holdout > 50) {
    errors.holdoutPercent = 'Grupo de controle: máximo 50%.';
  }
  if (medium === null || high === null || holdout === null || Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    policy: {
      mediumFrom: percentToFraction(medium),
      highFrom: percentToFraction(high),
      holdoutPercent: holdout,
      actions: {
        baixo: ordered(draft.actions.baixo),
        medio: ordered(draft.actions.medio),
        alto: ordered(draft.actions.alto),
      },
    },
  };
}

/**
 * The thresholds the band titles show ("Risco médio (15% a 30%)"): a value that is missing, out of
 * range or inverted shows as '…', so the titles never describe an impossible band while the field
 * says what is wrong.
 */
export function bandLimitsText(draft: TPolicyDraft): { medium: string; high: string } {
  const medium = numberOf(draft.mediumPercent);
  const high = numberOf(draft.highPercent);
  const inRange = (v: number | null): v is number => v !== null && v >= 1 && v <= 99;
  const text = (v: number) => `${String(v).replace('.', ',')}%`;
  return {
    medium: inRange(medium) ? text(medium) : '…',
    high: inRange(high) && (!inRange(medium) || high > medium) ? text(high) : '…',
  };
}

/** Whether the form differs from what the server holds (drives "Alterações não salvas"). */
export function isPolicyDirty(draft: TPolicyDraft, saved: TRiskActionPolicy): boolean {
  const checked = policyOf(draft);
  if (!checked.ok) {
    return true;
  }
  const a = checked.policy;
  const sameActions = (['baixo', 'medio', 'alto'] as const).every(
    (band) => ordered(saved.actions[band]).join() === a.actions[band].join(),
  );
  return (
    a.mediumFrom !== saved.mediumFrom ||
    a.highFrom !== saved.highFrom ||
    a.holdoutPercent !== saved.holdoutPercent ||
    !sameActions
  );
}
