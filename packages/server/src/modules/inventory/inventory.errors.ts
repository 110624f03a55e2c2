import { formatAnvisaNumber } from '@clinia/contracts';
import { AppError } from '../../platform/errors';

/** Domain errors of inventory. Messages name the field and carry ids or numbers, never personal data. */
export const productNotFound = () =>
  new AppError('PRODUCT_NOT_FOUND', { kind: 'NOT_FOUND', userMessage: 'Produto não encontrado.' });

export const productNameTaken = () =>
  new AppError('PRODUCT_NAME_TAKEN', {
    kind: 'CONFLICT',
    userMessage: 'Nome: já existe um produto com este nome.',
    details: { field: 'name' },
  });

export const registrationNotFound = (digits: string, importedAt: string) =>
  new AppError('ANVISA_REGISTRATION_NOT_FOUND', {
    kind: 'VALIDATION_FAILED',
    userMessage: `Registro ANVISA: o número ${formatAnvisaNumber(digits)} não consta na base da ANVISA importada em ${importedAt}. Confira o número na embalagem ou no rótulo.`,
    details: { field: 'anvisaNumber' },
  });

export const registrationCancelled = (digits: string, label: string) =>
  new AppError('ANVISA_REGISTRATION_CANCELLED', {
    kind: 'VALIDATION_FAILED',
    userMessage: `Registro ANVISA: o registro ${formatAnvisaNumber(digits)} está cancelado ou caduco na ANVISA (situação: ${label || 'cancelado'}). Produto sem registro válido não pode ser usado.`,
    details: { field: 'anvisaNumber' },
  });

export const registrationExpired = (digits: string, validUntil: string) =>
  new AppError('ANVISA_REGISTRATION_EXPIRED', {
    kind: 'VALIDATION_FAILED',
    userMessage: `Registro ANVISA: o registro ${formatAnvisaNumber(digits)} venceu em ${validUntil.split('-').reverse().join('/')}.`,
    details: { field: 'anvisaNumber' },
  });

export const registryNotLoaded = () =>
  new AppError('ANVISA_REGISTRY_NOT_LOADED', {
    kind: 'VALIDATION_FAILED',
    userMessage:
      'Registro ANVISA: a base da ANVISA ainda não foi importada, então o número não pôde ser conferido. Um gestor pode aceitar o registro com justificativa (conferência manual registrada na auditoria).',
    details: { field: 'anvisaNumber' },
  });

export const overrideNotAllowedWhenLoaded = () =>
  new AppError('ANVISA_OVERRIDE_NOT_ALLOWED', {
    kind: 'VALIDATION_FAILED',
    userMessage:
      'Justificativa: a base da ANVISA está importada; a conferência manual só é aceita quando a base não foi carregada.',
    details: { field: 'registryOverride' },
  });

export const overrideForbidden = () =>
  new AppError('ANVISA_OVERRIDE_FORBIDDEN', {
    kind: 'FORBIDDEN',
    userMessage:
      'Justificativa: só o gestor pode aceitar um registro sem conferência, após confirmar senha e código.',
    details: { field: 'registryOverride' },
  });
