import {
  PROCEDURE_CATEGORIES,
  PROCEDURE_CATEGORY_LABELS,
  type TConsentPurpose,
  type TProcedureCategory,
} from '@clinia/contracts';

/**
 * Version 1 of each consent document (LGPD Art. 7, 8, 11 and 14). Separate purposes, separate texts:
 * consent for care records never implies consent for publicity or marketing (Art. 8 §4). Clinics
 * publish new versions; events keep the hash of the exact text signed.
 */
type ConsentText = {
  purpose: TConsentPurpose;
  procedureCategory: TProcedureCategory | null;
  title: string;
  body: string;
};

/** Care messages (utility), kept apart from marketing as Meta and LGPD require. Also in migration 0011. */
export const LEMBRETES_WHATSAPP_BODY =
  'Aceito receber da clínica, pelo WhatsApp, lembretes e pedidos de confirmação dos meus atendimentos, orientações de cuidados após os procedimentos, ofertas de vaga da lista de espera e avisos de segurança sobre produtos usados em mim. As mensagens trazem apenas data, horário e local, sem citar procedimentos. Não inclui promoções. Posso cancelar a qualquer momento, inclusive respondendo "PARAR".';
export const LEMBRETES_EMAIL_BODY =
  'Aceito receber da clínica, por e-mail, lembretes e pedidos de confirmação dos meus atendimentos, orientações de cuidados após os procedimentos, ofertas de vaga da lista de espera e avisos de segurança sobre produtos usados em mim. Não inclui promoções. Posso cancelar a qualquer momento.';

const base: ConsentText[] = [
  {
    purpose: 'aviso_privacidade',
    procedureCategory: null,
    title: 'Aviso de privacidade',
    body: [
      'A clínica trata seus dados pessoais e de saúde para prestar o atendimento estético e de saúde que você solicitou, com base na tutela da saúde (LGPD, art. 11, II, "f") e no cumprimento de obrigações legais, como a guarda do prontuário por 20 anos (Lei 13.787/2018).',
      'Seus dados de identificação, contato, anamnese, fotografias clínicas e registros de procedimentos são acessados apenas por profissionais que participam do seu atendimento, e cada acesso fica registrado.',
      'Você pode, a qualquer momento, pedir acesso, correção, portabilidade, informação sobre compartilhamentos e revogar consentimentos (LGPD, art. 18), falando com o encarregado de dados da clínica.',
      'Ao assinar, você declara ter lido e compreendido este aviso.',
    ].join('\n\n'),
  },
  {
    purpose: 'imagem_prontuario',
    procedureCategory: null,
    title: 'Uso de imagem no prontuário',
    body: 'Autorizo o registro de fotografias das áreas tratadas, antes e depois dos procedimentos, exclusivamente para o meu prontuário e acompanhamento clínico. As imagens não serão usadas para divulgação sem um consentimento específico e separado. Posso revogar esta autorização a qualquer momento.',
  },
  {
    purpose: 'imagem_divulgacao',
    procedureCategory: null,
    title: 'Uso de imagem para divulgação',
    body: 'Autorizo a clínica a usar fotografias de resultados dos meus procedimentos em materiais de divulgação, sem identificação do meu nome e respeitando as normas de publicidade dos conselhos profissionais. Esta autorização é opcional, não interfere no meu atendimento e pode ser revogada a qualquer momento; após a revogação, as imagens deixam de ser usadas.',
  },
  {
    purpose: 'marketing_whatsapp',
    procedureCategory: null,
    title: 'Comunicações de marketing por WhatsApp',
    body: 'Aceito receber novidades, promoções e conteúdos da clínica pelo WhatsApp. Lembretes de consulta não dependem desta autorização. Posso cancelar a qualquer momento, inclusive respondendo "PARAR".',
  },
  {
    purpose: 'marketing_email',
    procedureCategory: null,
    title: 'Comunicações de marketing por e-mail',
    body: 'Aceito receber novidades, promoções e conteúdos da clínica por e-mail. Posso cancelar a qualquer momento pelo link presente em cada mensagem.',
  },
  {
    purpose: 'marketing_sms',
    procedureCategory: null,
    title: 'Comunicações de marketing por SMS',
    body: 'Aceito receber novidades e promoções da clínica por SMS. Posso cancelar a qualquer momento respondendo "SAIR".',
  },
  {
    purpose: 'lembretes_whatsapp',
    procedureCategory: null,
    title: 'Lembretes e confirmações de atendimento por WhatsApp',
    body: LEMBRETES_WHATSAPP_BODY,
  },
  {
    purpose: 'lembretes_email',
    procedureCategory: null,
    title: 'Lembretes e confirmações de atendimento por e-mail',
    body: LEMBRETES_EMAIL_BODY,
  },
];

const tcle = (category: TProcedureCategory): ConsentText => ({
  purpose: 'tcle',
  procedureCategory: category,
  title: `TCLE: ${PROCEDURE_CATEGORY_LABELS[category]}`,
  body: [
    `Declaro que fui informado(a) pelo profissional responsável sobre o procedimento de ${PROCEDURE_CATEGORY_LABELS[category].toLowerCase()}: objetivos, técnica, resultados esperados e suas limitações, cuidados antes e depois, alternativas, riscos e possíveis intercorrências.`,
    'Tive a oportunidade de fazer perguntas, que foram respondidas de forma clara. Informei corretamente meu histórico de saúde, alergias, medicamentos em uso, gestação ou amamentação.',
    'Sei que posso desistir do procedimento a qualquer momento antes de sua realização.',
  ].join('\n\n'),
});

export const DEFAULT_CONSENT_TEXTS: ConsentText[] = [...base, ...PROCEDURE_CATEGORIES.map(tcle)];
