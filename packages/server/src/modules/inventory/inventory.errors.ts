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

const brDate = (iso: string) => iso.split('-').reverse().join('/');

export const lotNotFound = () =>
  new AppError('LOT_NOT_FOUND', { kind: 'NOT_FOUND', userMessage: 'Lote não encontrado.' });

export const lotExpired = (lotNumber: string, expiryDate: string) =>
  new AppError('LOT_EXPIRED', {
    kind: 'INVALID_STATE',
    userMessage: `Lote: o lote ${lotNumber} venceu em ${brDate(expiryDate)} e não pode ser usado.`,
    details: { field: 'lotId' },
  });

export const lotBlocked = (lotNumber: string, status: string) =>
  new AppError('LOT_BLOCKED', {
    kind: 'INVALID_STATE',
    userMessage:
      status === 'recolhido'
        ? `Lote: o lote ${lotNumber} foi recolhido e não pode ser usado.`
        : `Lote: o lote ${lotNumber} está em quarentena e não pode ser usado até ser liberado.`,
    details: { field: 'lotId' },
  });

export const lotWrongProduct = (lotNumber: string) =>
  new AppError('LOT_WRONG_PRODUCT', {
    kind: 'VALIDATION_FAILED',
    userMessage: `Lote: o lote ${lotNumber} não é deste produto ou não está nesta clínica.`,
    details: { field: 'lotId' },
  });

export const lotInsufficient = (lotNumber: string, onHand: number, unit: string) =>
  new AppError('LOT_INSUFFICIENT', {
    kind: 'CONFLICT',
    userMessage: `Quantidade: o lote ${lotNumber} tem apenas ${onHand.toLocaleString('pt-BR')} ${unit} em estoque.`,
    details: { field: 'quantity' },
  });

export const stockInsufficient = (productName: string, usable: number, unit: string) =>
  new AppError('STOCK_INSUFFICIENT', {
    kind: 'CONFLICT',
    userMessage: `Quantidade: há apenas ${usable.toLocaleString('pt-BR')} ${unit} de ${productName} em lotes utilizáveis nesta clínica.`,
    details: { field: 'quantity' },
  });

export const lotExpiryMismatch = (lotNumber: string, expiryDate: string) =>
  new AppError('LOT_EXPIRY_MISMATCH', {
    kind: 'VALIDATION_FAILED',
    userMessage: `Validade: o lote ${lotNumber} já está cadastrado com validade ${brDate(expiryDate)}. Confira a embalagem.`,
    details: { field: 'expiryDate' },
  });

export const lotReceiptBlocked = (lotNumber: string) =>
  new AppError('LOT_RECEIPT_BLOCKED', {
    kind: 'INVALID_STATE',
    userMessage: `Lote: o lote ${lotNumber} está em quarentena ou recolhido; não é possível receber mais unidades dele.`,
    details: { field: 'lotNumber' },
  });

export const productInactive = () =>
  new AppError('PRODUCT_INACTIVE', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Produto: o produto está inativo.',
    details: { field: 'productId' },
  });

export const lotStatusUnchanged = (lotNumber: string, label: string) =>
  new AppError('LOT_STATUS_UNCHANGED', {
    kind: 'INVALID_STATE',
    userMessage: `Lote: o lote ${lotNumber} já está ${label}.`,
    details: { field: 'lotId' },
  });

export const lotReleaseRecalled = (lotNumber: string) =>
  new AppError('LOT_RELEASE_RECALLED', {
    kind: 'INVALID_STATE',
    userMessage: `Lote: o lote ${lotNumber} foi recolhido; um lote recolhido não volta ao uso.`,
    details: { field: 'lotId' },
  });

export const transferSameClinic = () =>
  new AppError('TRANSFER_SAME_CLINIC', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Clínica de destino: escolha uma clínica diferente da origem.',
    details: { field: 'toClinicId' },
  });

export const clinicNotFound = () =>
  new AppError('CLINIC_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Clínica de destino: clínica não encontrada nesta rede.',
    details: { field: 'toClinicId' },
  });

export const adverseEventNotFound = () =>
  new AppError('ADVERSE_EVENT_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Intercorrência não encontrada.',
  });

export const adverseEventClientNotFound = () =>
  new AppError('ADVERSE_EVENT_CLIENT_NOT_FOUND', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Cliente: cliente não encontrado.',
    details: { field: 'clientId' },
  });

export const adverseEventAlreadyNotified = () =>
  new AppError('ADVERSE_EVENT_ALREADY_NOTIFIED', {
    kind: 'INVALID_STATE',
    userMessage: 'Protocolo: a notificação desta intercorrência já foi registrada.',
    details: { field: 'protocol' },
  });

export const onsetInFuture = () =>
  new AppError('ADVERSE_EVENT_ONSET_FUTURE', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Início: a data e hora não podem estar no futuro.',
    details: { field: 'onsetAt' },
  });
