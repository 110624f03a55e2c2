import { PHOTO_MAX_MB } from '@clinia/contracts';
import { AppError } from '../../platform/errors';

/** Domain errors of clinical photos. Messages name the field and never carry personal data. */
export const photoEmpty = () =>
  new AppError('PHOTO_EMPTY', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Foto: o arquivo está vazio.',
    details: { field: 'contentBase64' },
  });

export const photoTooLarge = () =>
  new AppError('PHOTO_TOO_LARGE', {
    kind: 'VALIDATION_FAILED',
    userMessage: `Foto: o arquivo passa de ${PHOTO_MAX_MB} MB ou da resolução máxima (50 megapixels).`,
    details: { field: 'contentBase64' },
  });

export const photoUnsupportedType = () =>
  new AppError('PHOTO_UNSUPPORTED_TYPE', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Foto: formato não aceito. Envie JPEG, PNG ou HEIC (fotos de celular).',
    details: { field: 'contentBase64' },
  });

export const photoUnreadable = () =>
  new AppError('PHOTO_UNREADABLE', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Foto: não foi possível ler a imagem; o arquivo pode estar corrompido.',
    details: { field: 'contentBase64' },
  });

export const photoNotFound = () =>
  new AppError('PHOTO_NOT_FOUND', { kind: 'NOT_FOUND', userMessage: 'Foto não encontrada.' });

export const photoClientNotFound = () =>
  new AppError('PHOTO_CLIENT_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Cliente: cliente não encontrado.',
    details: { field: 'clientId' },
  });

export const photoObjectMissing = () =>
  new AppError('PHOTO_OBJECT_MISSING', {
    kind: 'UNAVAILABLE',
    userMessage: 'Foto: o arquivo não está disponível no armazenamento. Avise o suporte.',
  });

export const publicityConsentMissing = () =>
  new AppError('PHOTO_PUBLICITY_CONSENT_MISSING', {
    kind: 'INVALID_STATE',
    userMessage:
      'Divulgação: o cliente não concedeu o consentimento de uso de imagem para divulgação. Colete o consentimento na aba Consentimentos antes de marcar a foto.',
    details: { field: 'isPublicity' },
  });

export const publicityNotActive = () =>
  new AppError('PHOTO_PUBLICITY_NOT_ACTIVE', {
    kind: 'FORBIDDEN',
    userMessage: 'Foto: esta foto não está liberada para divulgação.',
  });

export const photoSessionNotFound = () =>
  new AppError('PHOTO_SESSION_NOT_FOUND', {
    kind: 'VALIDATION_FAILED',
    userMessage:
      'Atendimento: não encontrado para este cliente. Envie a foto pela tela do atendimento do cliente ou sem atendimento.',
    details: { field: 'sessionId' },
  });
