import {
  PROCEDURE_CATEGORIES,
  STAFF_ROLES,
  type TCompetenceDecision,
  type TProcedureCategory,
  type TStaffRole,
} from '@clinia/contracts';

export type TPolicyRule = {
  role: TStaffRole;
  category: TProcedureCategory;
  decision: TCompetenceDecision;
  citation: string;
};

export type TCellKey = `${TStaffRole}:${TProcedureCategory}`;

export const cellKey = (role: TStaffRole, category: TProcedureCategory): TCellKey => `${role}:${category}`;

/** Rows (professions) and columns (categories) that the policy speaks about, in the contracts' order. */
export function matrixAxes(rules: readonly TPolicyRule[]): {
  roles: TStaffRole[];
  categories: TProcedureCategory[];
} {
  return {
    roles: STAFF_ROLES.filter((role) => rules.some((r) => r.role === role)),
    categories: PROCEDURE_CATEGORIES.filter((category) => rules.some((r) => r.category === category)),
  };
}

export function indexRules(rules: readonly TPolicyRule[]): Map<TCellKey, TPolicyRule> {
  return new Map(rules.map((rule) => [cellKey(rule.role, rule.category), rule]));
}

/**
 * The full rule set to save: every rule, with edited decisions applied. A changed cell's citation becomes
 * the reason given for the change, since the original citation argued for the old decision.
 */
export function applyEdits(
  rules: readonly TPolicyRule[],
  edits: ReadonlyMap<TCellKey, TCompetenceDecision>,
  changeCitation: string,
): TPolicyRule[] {
  return rules.map((rule) => {
    const decision = edits.get(cellKey(rule.role, rule.category));
    return decision && decision !== rule.decision
      ? { ...rule, decision, citation: changeCitation.slice(0, 500) }
      : rule;
  });
}

/** How many cells really change (an edit back to the original value does not count). */
export function countChanges(
  rules: readonly TPolicyRule[],
  edits: ReadonlyMap<TCellKey, TCompetenceDecision>,
): number {
  return rules.filter((rule) => {
    const decision = edits.get(cellKey(rule.role, rule.category));
    return decision !== undefined && decision !== rule.decision;
  }).length;
}
