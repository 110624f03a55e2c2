/** The data-subject request kinds (LGPD art. 18 I–IX), in the order the law lists them. */
export const REQUEST_KINDS = [
  'confirmacao',
  'acesso',
  'correcao',
  'anonimizacao_bloqueio',
  'portabilidade',
  'eliminacao',
  'compartilhamentos',
  'informacao_consentimento',
  'revogacao',
] as const;
export type TRequestKind = (typeof REQUEST_KINDS)[number];
