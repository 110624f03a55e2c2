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

export const REQUEST_STATUSES = ['recebida', 'em_analise', 'respondida'] as const;

/** Health-risk medications the professional must notice before any procedure. */
export const RISK_MEDICATION_KINDS = ['anticoagulante', 'isotretinoina', 'imunossupressor'] as const;
