/**
 * Default templates. WhatsApp bodies mirror templates submitted to Meta under these names (pt_BR);
 * care messages are UTILITY and keep to date, time and place, never the procedure (health data on a
 * third-party channel, REGULATION.md 6.3); promotions are MARKETING and need the marketing opt-in.
 * Positional variables: {{1}} is variables[0].
 */
export const TEMPLATE_KEYS = [
  'lembrete_consulta',
  'pedido_confirmacao',
  'oferta_vaga',
  'aviso_recolhimento',
  'orientacoes_pos_atendimento',
  'lembrete_retorno',
  'novidades_clinica',
] as const;
export type TTemplateKey = (typeof TEMPLATE_KEYS)[number];
export const FREE_TEXT_KIND = 'texto_livre';

export type TemplateDefinition = {
  key: TTemplateKey;
  category: 'utility' | 'marketing';
  variables: string[];
  whatsapp: { name: string; body: string; buttons?: ('confirmar' | 'cancelar')[] };
  email: { subject: string; body: string };
};

export const DEFAULT_TEMPLATES: TemplateDefinition[] = [
  {
    key: 'lembrete_consulta',
    category: 'utility',
    variables: ['nome', 'data_hora', 'clinica'],
    whatsapp: {
      name: 'lembrete_consulta',
      body: 'Olá, {{1}}! Lembrete do seu horário em {{3}}: {{2}}. Se precisar remarcar, responda esta mensagem.',
    },
    email: {
      subject: 'Lembrete do seu horário em {{3}}',
      body: 'Olá, {{1}}!\n\nEste é um lembrete do seu horário em {{3}}: {{2}}.\n\nSe precisar remarcar, responda este e-mail ou fale com a recepção.',
    },
  },
  {
    key: 'pedido_confirmacao',
    category: 'utility',
    variables: ['nome', 'data_hora', 'clinica'],
    whatsapp: {
      name: 'pedido_confirmacao',
      body: 'Olá, {{1}}! Você tem horário em {{3}}: {{2}}. Podemos confirmar? Responda 1 para confirmar ou 2 para cancelar.',
      buttons: ['confirmar', 'cancelar'],
    },
    email: {
      subject: 'Confirme seu horário em {{3}}',
      body: 'Olá, {{1}}!\n\nVocê tem horário em {{3}}: {{2}}.\n\nPara confirmar ou cancelar, responda este e-mail ou ligue para a recepção.',
    },
  },
  {
    key: 'oferta_vaga',
    category: 'utility',
    variables: ['nome', 'data_hora', 'clinica', 'prazo'],
    whatsapp: {
      name: 'oferta_vaga',
      body: 'Olá, {{1}}! Abriu uma vaga em {{3}}: {{2}}. Guardamos para você até {{4}}. Responda 1 para ficar com o horário.',
      buttons: ['confirmar'],
    },
    email: {
      subject: 'Abriu uma vaga em {{3}}',
      body: 'Olá, {{1}}!\n\nAbriu uma vaga da lista de espera em {{3}}: {{2}}. Guardamos o horário para você até {{4}}.\n\nResponda este e-mail ou ligue para a recepção para ficar com ele.',
    },
  },
  {
    key: 'aviso_recolhimento',
    category: 'utility',
    variables: ['nome', 'clinica'],
    whatsapp: {
      name: 'aviso_recolhimento',
      body: 'Olá, {{1}}. {{2}} precisa falar com você sobre um aviso de segurança de um produto. Por favor, entre em contato com a clínica.',
    },
    email: {
      subject: 'Aviso importante de {{2}}',
      body: 'Olá, {{1}}.\n\n{{2}} precisa falar com você sobre um aviso de segurança de um produto. Por favor, entre em contato com a clínica assim que possível.',
    },
  },
  {
    key: 'orientacoes_pos_atendimento',
    category: 'utility',
    variables: ['nome', 'clinica'],
    whatsapp: {
      name: 'orientacoes_pos_atendimento',
      body: 'Olá, {{1}}! Obrigado pela visita a {{2}}. Siga as orientações de cuidados que recebeu e, se notar algo diferente, fale com a clínica por aqui.',
    },
    email: {
      subject: 'Cuidados após a sua visita a {{2}}',
      body: 'Olá, {{1}}!\n\nObrigado pela visita a {{2}}. Siga as orientações de cuidados que recebeu na clínica e, se notar algo diferente, fale conosco respondendo este e-mail.',
    },
  },
  {
    key: 'lembrete_retorno',
    category: 'utility',
    variables: ['nome', 'clinica'],
    whatsapp: {
      name: 'lembrete_retorno',
      body: 'Olá, {{1}}! Está chegando a hora do seu retorno em {{2}}. Responda esta mensagem para escolher um horário.',
    },
    email: {
      subject: 'Hora do seu retorno em {{2}}',
      body: 'Olá, {{1}}!\n\nEstá chegando a hora do seu retorno em {{2}}. Responda este e-mail ou ligue para a recepção para escolher um horário.',
    },
  },
  {
    key: 'novidades_clinica',
    category: 'marketing',
    variables: ['nome', 'clinica'],
    whatsapp: {
      name: 'novidades_clinica',
      body: 'Olá, {{1}}! Temos novidades em {{2}} para você. Para não receber mais, responda PARAR.',
    },
    email: {
      subject: 'Novidades de {{2}}',
      body: 'Olá, {{1}}!\n\nTemos novidades em {{2}} para você.\n\nPara não receber mais, responda este e-mail com a palavra PARAR.',
    },
  },
];
