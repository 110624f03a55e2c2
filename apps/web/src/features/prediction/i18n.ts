/** Strings of the no-show model page (model version, metrics, calibration, training history). */
export const predictionPtBR = {
  description:
    'Modelo de previsão de faltas treinado com o histórico da própria clínica. As probabilidades são calibradas e cada versão só é promovida se não for pior que a atual em um período recente.',
  current: 'Versão em uso',
  none: 'Nenhuma versão treinada ainda. Enquanto isso, o risco usa as taxas de falta por antecedência do agendamento.',
  version: 'Versão {{version}}',
  method: {
    gbt: 'Árvores de decisão (gradient boosting)',
    logistic: 'Regressão logística',
    base_rates: 'Taxas por antecedência',
  },
  status: { candidate: 'Candidata', promoted: 'Em uso', retired: 'Aposentada' },
  window: 'Janela de treino: {{from}} a {{to}}',
  trainedOn_one: 'Treinada com {{count}} atendimento',
  trainedOn_other: 'Treinada com {{count}} atendimentos',
  metrics: {
    title: 'Desempenho no período de validação recente',
    auc: 'AUC',
    aucHint: 'Capacidade de ordenar quem falta acima de quem comparece (0,5 = acaso, 1 = perfeito).',
    brier: 'Brier',
    brierHint: 'Erro quadrático médio das probabilidades (quanto menor, melhor).',
    n: 'Atendimentos avaliados',
    comparedWith: 'Versão anterior (v{{version}}) no mesmo período: AUC {{auc}}, Brier {{brier}}',
    noHoldout: 'Histórico pequeno demais para separar um período de validação.',
    period:
      'Atendimentos a partir de {{from}}: ficaram fora do treino para medir esta versão antes de usá-la.',
  },
  calibration: {
    title: 'Calibração',
    caption:
      'Cada ponto é um grupo de atendimentos: probabilidade prevista (horizontal) contra a taxa de faltas observada (vertical). Na diagonal, o modelo está bem calibrado.',
    predicted: 'Previsto',
    observed: 'Observado',
    empty: 'Sem dados de calibração para esta versão.',
  },
  training: {
    title: 'Histórico de treinamentos',
    start: 'Treinar nova versão',
    started: 'Treinamento iniciado. O progresso aparece abaixo.',
    empty: 'Nenhum treinamento realizado.',
    columns: {
      createdAt: 'Início',
      trigger: 'Origem',
      state: 'Situação',
      progress: 'Progresso',
      decision: 'Resultado',
    },
    trigger: { manual: 'Manual', scheduled: 'Agendado' },
    state: { queued: 'Na fila', running: 'Em andamento', succeeded: 'Concluído', failed: 'Falhou' },
    decision: {
      promoted: 'Nova versão promovida',
      kept_previous: 'Versão anterior mantida (a nova não foi melhor)',
      first_version: 'Primeira versão promovida',
    },
  },
  comparison: {
    title: 'Ações e grupo de controle',
    caption:
      'Taxa de faltas dos atendimentos que receberam cada ação comparada à do grupo de controle sorteado, que não a recebeu. É uma comparação, não uma prova de efeito.',
    empty: 'Ainda não há atendimentos concluídos com ações registradas.',
    action: 'Ação',
    treated: 'Com a ação',
    holdout: 'Grupo de controle',
    cell: '{{rate}} de {{count}}',
  },
};

export const predictionEnUS: typeof predictionPtBR = {
  description:
    'No-show prediction model trained on the clinic’s own history. Probabilities are calibrated and a version is promoted only if it is not worse than the current one on a recent period.',
  current: 'Version in use',
  none: 'No version trained yet. Meanwhile, risk uses the no-show rates by booking lead time.',
  version: 'Version {{version}}',
  method: {
    gbt: 'Decision trees (gradient boosting)',
    logistic: 'Logistic regression',
    base_rates: 'Rates by lead time',
  },
  status: { candidate: 'Candidate', promoted: 'In use', retired: 'Retired' },
  window: 'Training window: {{from}} to {{to}}',
  trainedOn_one: 'Trained on {{count}} appointment',
  trainedOn_other: 'Trained on {{count}} appointments',
  metrics: {
    title: 'Performance on the recent validation period',
    auc: 'AUC',
    aucHint: 'How well it ranks no-shows above attendances (0.5 = chance, 1 = perfect).',
    brier: 'Brier',
    brierHint: 'Mean squared error of the probabilities (lower is better).',
    n: 'Appointments evaluated',
    comparedWith: 'Previous version (v{{version}}) on the same period: AUC {{auc}}, Brier {{brier}}',
    noHoldout: 'History too small to hold out a validation period.',
    period: 'Appointments from {{from}} on: kept out of training to measure this version before using it.',
  },
  calibration: {
    title: 'Calibration',
    caption:
      'Each point is a group of appointments: predicted probability (horizontal) against the observed no-show rate (vertical). On the diagonal, the model is well calibrated.',
    predicted: 'Predicted',
    observed: 'Observed',
    empty: 'No calibration data for this version.',
  },
  training: {
    title: 'Training history',
    start: 'Train a new version',
    started: 'Training started. Progress shows below.',
    empty: 'No training yet.',
    columns: {
      createdAt: 'Started',
      trigger: 'Origin',
      state: 'State',
      progress: 'Progress',
      decision: 'Result',
    },
    trigger: { manual: 'Manual', scheduled: 'Scheduled' },
    state: { queued: 'Queued', running: 'Running', succeeded: 'Done', failed: 'Failed' },
    decision: {
      promoted: 'New version promoted',
      kept_previous: 'Previous version kept (the new one was not better)',
      first_version: 'First version promoted',
    },
  },
  comparison: {
    title: 'Actions and control group',
    caption:
      'No-show rate of appointments that got each action against the randomly drawn control group that did not. A comparison, not proof of effect.',
    empty: 'No completed appointments with recorded actions yet.',
    action: 'Action',
    treated: 'With the action',
    holdout: 'Control group',
    cell: '{{rate}} of {{count}}',
  },
};
