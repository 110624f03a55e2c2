/**
 * CFM code tables for the `situacao` and `tipoInscricao` fields of the ServicoConsultaMedicos web service
 * (REGULATION.md section 3.1). Kept apart from the SOAP adapter because staff screens and reports show the
 * same labels, and because the table is the part most likely to change when CFM updates its manual.
 */

/** pt-BR labels of CFM `situacao` codes. */
export const CFM_SITUATION_LABELS: Readonly<Record<string, string>> = {
  A: 'Regular',
  B: 'Suspensão parcial permanente',
  C: 'Cassado',
  E: 'Inoperante',
  F: 'Falecido',
  G: 'Sem exercício na UF',
  I: 'Interdição cautelar total',
  N: 'Interdição cautelar parcial',
  J: 'Suspensão judicial parcial',
  O: 'Suspensão judicial total',
  L: 'Cancelado',
  M: 'Suspensão total temporária',
  P: 'Aposentado',
  R: 'Suspensão temporária',
  S: 'Suspenso total',
  X: 'Suspenso parcial',
  T: 'Transferido',
};

/** pt-BR labels of CFM `tipoInscricao` codes. */
export const CFM_REGISTRATION_TYPE_LABELS: Readonly<Record<string, string>> = {
  P: 'Principal',
  S: 'Secundária',
  V: 'Provisória',
  T: 'Temporária',
  E: 'Estudante de medicina estrangeiro',
};

export type CfmSituation = { code: string; label: string; isActive: boolean };

/**
 * Describes a `situacao` code. Only `A` (Regular) allows clinical acts: even partial suspensions or
 * "sem exercício na UF" forbid practising in that UF, and an unknown code must never be read as active,
 * because a new CFM code is far more likely to be a restriction than a new kind of "regular".
 */
export function describeCfmSituation(code: string): CfmSituation {
  // Object.hasOwn, not `in`, so a code such as "toString" cannot pick up an inherited property.
  const label = Object.hasOwn(CFM_SITUATION_LABELS, code) ? CFM_SITUATION_LABELS[code] : undefined;
  return {
    code,
    label: label ?? `Situação desconhecida (código ${code})`,
    isActive: code === 'A',
  };
}

/** Label of a `tipoInscricao` code; an unknown code is shown, not dropped, so staff can ask CFM about it. */
export function describeCfmRegistrationType(code: string): string {
  const label = Object.hasOwn(CFM_REGISTRATION_TYPE_LABELS, code)
    ? CFM_REGISTRATION_TYPE_LABELS[code]
    : undefined;
  return label ?? `Tipo de inscrição desconhecido (código ${code})`;
}
