import { AppError } from '../../platform/errors';

export const messageNotFound = () =>
  new AppError('MESSAGE_NOT_FOUND', { kind: 'NOT_FOUND', userMessage: 'Mensagem não encontrada.' });

export const messageNotRetriable = () =>
  new AppError('MESSAGE_NOT_RETRIABLE', {
    kind: 'INVALID_STATE',
    userMessage: 'Só mensagens com falha ou esgotadas podem ser reenviadas.',
  });

export const outsideServiceWindow = () =>
  new AppError('OUTSIDE_SERVICE_WINDOW', {
    kind: 'INVALID_STATE',
    userMessage:
      'Mensagem: o cliente não escreveu nas últimas 24 horas, então o WhatsApp só aceita modelos aprovados. Use um lembrete ou peça que ele responda primeiro.',
    details: { field: 'text' },
  });

export const noWhatsAppConsent = () =>
  new AppError('NO_WHATSAPP_CONSENT', {
    kind: 'INVALID_STATE',
    userMessage: 'O cliente não autorizou mensagens de atendimento por WhatsApp.',
  });

export const templateNotFound = () =>
  new AppError('TEMPLATE_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Modelo de mensagem não encontrado.',
  });

export const templateVariableInvalid = (field: 'body' | 'subject', max: number) =>
  new AppError('TEMPLATE_VARIABLE_INVALID', {
    kind: 'VALIDATION_FAILED',
    userMessage: `${field === 'body' ? 'Texto' : 'Assunto'}: use só as variáveis {{1}} a {{${max}}} deste modelo.`,
    details: { field },
  });

export const clinicNotInOrganization = () =>
  new AppError('CLINIC_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Clínica não encontrada.',
    details: { field: 'clinicId' },
  });
