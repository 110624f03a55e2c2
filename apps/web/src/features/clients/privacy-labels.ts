// The request kinds are shared with the server (LGPD art. 18 I–IX, in the law's order).
export { REQUEST_KINDS } from '@clinia/contracts';

export const REQUEST_STATUSES = ['recebida', 'em_analise', 'respondida'] as const;

/** Health-risk medications the professional must notice before any procedure. */
export const RISK_MEDICATION_KINDS = ['anticoagulante', 'isotretinoina', 'imunossupressor'] as const;
