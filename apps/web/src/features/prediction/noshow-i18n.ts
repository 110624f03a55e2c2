/** Strings of the no-show screens: risk badge, the panel of tomorrow's risky appointments, the policy editor. */
export const noshowPtBR = {
  description:
    'Quem tem mais chance de faltar, o que fazer antes do horário e o modelo que estima esse risco com o histórico da própria clínica.',
  tabs: { panel: 'Risco de falta', policy: 'Política de ações', model: 'Modelo' },
  risk: {
    badge: {
      alto: 'Risco alto {{percent}}',
      medio: 'Risco médio {{percent}}',
      baixo: 'Risco baixo {{percent}}',
    },
    title: 'Risco de falta',
    factors: 'O que pesa nesta estimativa',
    raises: 'aumenta o risco',
    lowers: 'reduz o risco',
    noFactors: 'Nenhum fator se destacou.',
    unscored: 'Risco ainda não calculado para este agendamento.',
    model: 'Modelo v{{version}}, calculado em {{when}}.',
    fallback:
      'Estimativa pelas taxas de falta por antecedência do agendamento (ainda não há modelo treinado), calculada em {{when}}.',
    openPanel: 'Ver ações no painel de faltas',
  },
  agendaEntry: {
    alto_one: '{{count}} com risco alto amanhã',
    alto_other: '{{count}} com risco alto amanhã',
    medio_one: '{{count}} com risco médio amanhã',
    medio_other: '{{count}} com risco médio amanhã',
    none: 'Risco de falta amanhã',
    hint: 'Abrir o painel de risco de falta',
  },
  panel: {
    titleTomorrow: 'Risco de falta amanhã',
    titleDay: 'Risco de falta em {{date}}',
    description:
      'Agendamentos com risco alto ou médio, do maior para o menor. As ações sugeridas seguem a política da clínica.',
    date: 'Dia',
    tomorrow: 'Amanhã',
    emptyTitle: 'Nenhum agendamento de risco',
    emptyTomorrow:
      'Nenhum agendamento de amanhã com risco alto ou médio. Confira outro dia ou ajuste os limites na aba Política de ações.',
    emptyDay:
      'Nenhum agendamento deste dia com risco alto ou médio. Confira outro dia ou ajuste os limites na aba Política de ações.',
    count_one: '{{count}} agendamento com risco',
    count_other: '{{count}} agendamentos com risco',
    columns: {
      time: 'Horário',
      client: 'Cliente',
      professional: 'Profissional',
      risk: 'Risco',
      factors: 'Principais fatores',
      actions: 'Ações',
    },
    act: {
      confirmation_request: 'Pedir confirmação',
      deposit_intent: 'Registrar pedido de sinal',
      waitlist_suggestion: 'Sugerir lista de espera',
      overbooking_suggestion: 'Sugerir encaixe',
    },
    dismiss: 'Dispensar',
    dismissLabel: 'Dispensar: {{action}}',
    done: 'Ação registrada.',
    dismissed: 'Sugestão dispensada.',
    noActions: 'A política não prevê ações para esta faixa.',
    holdout: 'Grupo de controle — sem ação',
    holdoutWhy:
      'Este agendamento foi sorteado para o grupo de controle: nenhuma ação é feita com ele. Comparando as faltas desse grupo com as dos demais, a clínica mede se as ações realmente funcionam.',
    readOnly: 'Você pode consultar este painel; as ações são registradas pela recepção e pela gestão.',
  },
  policy: {
    title: 'Política de ações por faixa de risco',
    description:
      'Defina a partir de que probabilidade de falta um agendamento passa a ser de risco médio ou alto e o que a recepção deve fazer em cada faixa.',
    mediumFrom: 'Risco médio a partir de',
    highFrom: 'Risco alto a partir de',
    bands: 'Ações sugeridas por faixa',
    band: {
      baixo: 'Risco baixo (abaixo de {{medium}})',
      medio: 'Risco médio ({{medium}} a {{high}})',
      alto: 'Risco alto ({{high}} ou mais)',
    },
    holdout: 'Grupo de controle',
    holdoutSentence:
      'Em {{percent}}% dos agendamentos de risco, sorteados ao acaso, nenhuma ação é feita. Comparar as faltas desse grupo com as dos demais mostra se as ações realmente reduzem faltas.',
    holdoutNone:
      'Sem grupo de controle, todas as sugestões são feitas, mas não será possível saber se as ações reduzem as faltas.',
    save: 'Salvar política',
    saved: 'Política salva. Vale para os próximos cálculos de risco.',
    stateSaved: 'Salva',
    stateDirty: 'Alterações não salvas',
    discard: 'Descartar alterações',
    readOnly: 'Somente a gestão da clínica altera a política. Você está vendo a política em vigor.',
  },
};

export const noshowEnUS: typeof noshowPtBR = {
  description:
    'Who is most likely to miss, what to do before the appointment, and the model that estimates that risk from the clinic’s own history.',
  tabs: { panel: 'No-show risk', policy: 'Action policy', model: 'Model' },
  risk: {
    badge: {
      alto: 'High risk {{percent}}',
      medio: 'Medium risk {{percent}}',
      baixo: 'Low risk {{percent}}',
    },
    title: 'No-show risk',
    factors: 'What weighs in this estimate',
    raises: 'raises the risk',
    lowers: 'lowers the risk',
    noFactors: 'No factor stood out.',
    unscored: 'Risk not computed yet for this appointment.',
    model: 'Model v{{version}}, computed at {{when}}.',
    fallback:
      'Estimated from no-show rates by booking lead time (no trained model yet), computed at {{when}}.',
    openPanel: 'See actions in the no-show panel',
  },
  agendaEntry: {
    alto_one: '{{count}} at high risk tomorrow',
    alto_other: '{{count}} at high risk tomorrow',
    medio_one: '{{count}} at medium risk tomorrow',
    medio_other: '{{count}} at medium risk tomorrow',
    none: 'No-show risk tomorrow',
    hint: 'Open the no-show risk panel',
  },
  panel: {
    titleTomorrow: 'No-show risk tomorrow',
    titleDay: 'No-show risk on {{date}}',
    description:
      'Appointments at high or medium risk, highest first. Suggested actions follow the clinic’s policy.',
    date: 'Day',
    tomorrow: 'Tomorrow',
    emptyTitle: 'No appointment at risk',
    emptyTomorrow:
      'No appointment tomorrow at high or medium risk. Check another day or adjust the thresholds in the Action policy tab.',
    emptyDay:
      'No appointment on this day at high or medium risk. Check another day or adjust the thresholds in the Action policy tab.',
    count_one: '{{count}} appointment at risk',
    count_other: '{{count}} appointments at risk',
    columns: {
      time: 'Time',
      client: 'Client',
      professional: 'Professional',
      risk: 'Risk',
      factors: 'Main factors',
      actions: 'Actions',
    },
    act: {
      confirmation_request: 'Ask for confirmation',
      deposit_intent: 'Record deposit request',
      waitlist_suggestion: 'Suggest waitlist',
      overbooking_suggestion: 'Suggest overbooking',
    },
    dismiss: 'Dismiss',
    dismissLabel: 'Dismiss: {{action}}',
    done: 'Action recorded.',
    dismissed: 'Suggestion dismissed.',
    noActions: 'The policy has no actions for this band.',
    holdout: 'Control group — no action',
    holdoutWhy:
      'This appointment was drawn into the control group: no action is taken on it. Comparing this group’s no-shows with the others’ tells the clinic whether the actions really work.',
    readOnly: 'You can read this panel; actions are recorded by the front desk and management.',
  },
  policy: {
    title: 'Action policy by risk band',
    description:
      'Set from which no-show probability an appointment counts as medium or high risk, and what the front desk should do in each band.',
    mediumFrom: 'Medium risk from',
    highFrom: 'High risk from',
    bands: 'Suggested actions by band',
    band: {
      baixo: 'Low risk (below {{medium}})',
      medio: 'Medium risk ({{medium}} to {{high}})',
      alto: 'High risk ({{high}} or more)',
    },
    holdout: 'Control group',
    holdoutSentence:
      'In {{percent}}% of risky appointments, drawn at random, no action is taken. Comparing that group’s no-shows with the others’ shows whether the actions really reduce no-shows.',
    holdoutNone:
      'Without a control group every suggestion is made, but there is no way to tell whether the actions reduce no-shows.',
    save: 'Save policy',
    saved: 'Policy saved. It applies to the next risk computations.',
    stateSaved: 'Saved',
    stateDirty: 'Unsaved changes',
    discard: 'Discard changes',
    readOnly: 'Only clinic management changes the policy. You are seeing the policy in force.',
  },
};
