import { z } from 'zod';

/**
 * No-show prediction (issue 8): risk bands, the action policy by band, model versions, training runs
 * and the treated-vs-holdout comparison of actions. Shared by the server router and the web screens.
 */

export const RISK_BANDS = ['baixo', 'medio', 'alto'] as const;
export const ZRiskBand = z.enum(RISK_BANDS, { error: 'Faixa de risco inválida.' });
export type TRiskBand = z.infer<typeof ZRiskBand>;
export const RISK_BAND_LABELS: Record<TRiskBand, string> = { baixo: 'Baixo', medio: 'Médio', alto: 'Alto' };

export const RISK_ACTIONS = [
  'confirmation_request',
  'deposit_intent',
  'waitlist_suggestion',
  'overbooking_suggestion',
] as const;
export const ZRiskAction = z.enum(RISK_ACTIONS, { error: 'Ação inválida.' });
export type TRiskAction = z.infer<typeof ZRiskAction>;
export const RISK_ACTION_LABELS: Record<TRiskAction, string> = {
  confirmation_request: 'Pedido extra de confirmação',
  deposit_intent: 'Pedido de sinal (intenção registrada)',
  waitlist_suggestion: 'Sugerir lista de espera para o horário',
  overbooking_suggestion: 'Sugerir encaixe controlado no horário',
};

export const ZRiskActionPolicy = z
  .object({
    /** Lower bound of each band's probability (baixo starts at 0). */
    mediumFrom: z
      .number({ error: 'Limite da faixa média: informe um número.' })
      .min(0.01, 'Limite da faixa média: use um valor entre 1% e 99%.')
      .max(0.99, 'Limite da faixa média: use um valor entre 1% e 99%.'),
    highFrom: z
      .number({ error: 'Limite da faixa alta: informe um número.' })
      .min(0.01, 'Limite da faixa alta: use um valor entre 1% e 99%.')
      .max(0.99, 'Limite da faixa alta: use um valor entre 1% e 99%.'),
    actions: z.object({
      baixo: z.array(ZRiskAction).max(4),
      medio: z.array(ZRiskAction).max(4),
      alto: z.array(ZRiskAction).max(4),
    }),
    /** Share of appointments whose actions are withheld, to measure whether actions help (0 … 50 %). */
    holdoutPercent: z
      .number({ error: 'Grupo de controle: informe um número.' })
      .int('Grupo de controle: use um número inteiro.')
      .min(0, 'Grupo de controle: mínimo 0%.')
      .max(50, 'Grupo de controle: máximo 50%.'),
  })
  .refine((p) => p.highFrom > p.mediumFrom, {
    message: 'Limite da faixa alta: deve ser maior que o da faixa média.',
    path: ['highFrom'],
  });
export type TRiskActionPolicy = z.infer<typeof ZRiskActionPolicy>;

export const DEFAULT_RISK_ACTION_POLICY: TRiskActionPolicy = {
  mediumFrom: 0.15,
  highFrom: 0.3,
  actions: {
    baixo: [],
    medio: ['confirmation_request'],
    alto: ['confirmation_request', 'deposit_intent', 'waitlist_suggestion'],
  },
  holdoutPercent: 10,
};

export const ZRiskFactor = z.object({
  feature: z.string(),
  contribution: z.number(),
  direction: z.enum(['raises', 'lowers']),
  text: z.string(),
});
export type TRiskFactor = z.infer<typeof ZRiskFactor>;

export const ZMetricSet = z.object({
  auc: z.number().nullable(),
  brier: z.number(),
  logloss: z.number(),
  n: z.number(),
});
export const ZCalibrationBin = z.object({
  meanPredicted: z.number(),
  observedRate: z.number(),
  count: z.number(),
});

export const MODEL_STATUSES = ['candidate', 'promoted', 'retired'] as const;
export const ZModelStatus = z.enum(MODEL_STATUSES);
export type TModelStatus = z.infer<typeof ZModelStatus>;

export const ZModelVersion = z.object({
  id: z.string().uuid(),
  version: z.number().int(),
  clinicId: z.string().uuid().nullable(),
  method: z.enum(['gbt', 'logistic', 'base_rates']),
  status: ZModelStatus,
  featureSchemaVersion: z.number().int(),
  windowFrom: z.string().nullable(),
  windowTo: z.string().nullable(),
  nTrain: z.number().int(),
  /** First appointment day of the validation period (kept out of training to measure the version). */
  holdoutFrom: z.string().nullable(),
  holdout: ZMetricSet.nullable(),
  /** The promoted version's metrics on the same holdout, when there was one. */
  comparedWith: z.object({ version: z.number().int(), metrics: ZMetricSet }).nullable(),
  calibration: z.array(ZCalibrationBin),
  createdAt: z.string(),
  promotedAt: z.string().nullable(),
});
export type TModelVersion = z.infer<typeof ZModelVersion>;

export const TRAINING_STATES = ['queued', 'running', 'succeeded', 'failed'] as const;
export const ZTrainingRun = z.object({
  id: z.string().uuid(),
  state: z.enum(TRAINING_STATES),
  phase: z.string(),
  progress: z.number(),
  trigger: z.enum(['manual', 'scheduled']),
  decision: z.enum(['promoted', 'kept_previous', 'first_version']).nullable(),
  modelVersionId: z.string().uuid().nullable(),
  errorCode: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type TTrainingRun = z.infer<typeof ZTrainingRun>;

export const ZActionComparisonRow = z.object({
  action: ZRiskAction,
  treated: z.object({
    appointments: z.number().int(),
    noShows: z.number().int(),
    rate: z.number().nullable(),
  }),
  holdout: z.object({
    appointments: z.number().int(),
    noShows: z.number().int(),
    rate: z.number().nullable(),
  }),
});
export type TActionComparisonRow = z.infer<typeof ZActionComparisonRow>;

/** The stored score of one appointment (issue 8), shown as a badge on the agenda. */
export const ZAppointmentRisk = z.object({
  /** Calibrated probability of a no-show, 0 … 1. */
  score: z.number(),
  /** 'baixo' | 'medio' | 'alto' per the clinic's policy thresholds. */
  band: ZRiskBand,
  /** Top contributing factors, pt-BR `text`, e.g. "marcou com 45 dias de antecedência". */
  factors: z.array(ZRiskFactor),
  /** ISO instant of the scoring. */
  computedAt: z.string(),
  /** null = fallback base rates (no trained version yet). */
  modelVersion: z.number().nullable(),
});
export type TAppointmentRisk = z.infer<typeof ZAppointmentRisk>;

export const RISK_ACTION_STATUSES = ['planned', 'withheld', 'done', 'dismissed'] as const;
export const ZRiskActionItem = z.object({
  id: z.string(),
  action: ZRiskAction,
  assignment: z.enum(['treated', 'holdout']),
  status: z.enum(RISK_ACTION_STATUSES),
  /** pt-BR line shown next to the action, e.g. "Pedido de confirmação enviado pelo WhatsApp às 09:12". */
  detail: z.string().nullable(),
});
export type TRiskActionItem = z.infer<typeof ZRiskActionItem>;
export const RISK_ACTION_STATUS_LABELS = {
  planned: 'Sugerida',
  withheld: 'Grupo de controle',
  done: 'Feita',
  dismissed: 'Dispensada',
} as const;
