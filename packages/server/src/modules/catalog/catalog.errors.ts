import { AppError } from '../../platform/errors';

/** Domain errors of the treatment catalog. Messages name the field and never carry personal data. */
export const treatmentNotFound = () =>
  new AppError('TREATMENT_NOT_FOUND', { kind: 'NOT_FOUND', userMessage: 'Tratamento não encontrado.' });

export const treatmentNameTaken = () =>
  new AppError('TREATMENT_NAME_TAKEN', {
    kind: 'CONFLICT',
    userMessage: 'Nome: já existe um tratamento com este nome.',
    details: { field: 'name' },
  });

export const unknownMaterial = () =>
  new AppError('MATERIAL_PRODUCT_UNKNOWN', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Materiais: produto não encontrado ou inativo.',
    details: { field: 'materials' },
  });

export const cosmeticInInjectable = () =>
  new AppError('COSMETIC_IN_INJECTABLE', {
    kind: 'VALIDATION_FAILED',
    userMessage:
      'Materiais: cosmético não pode ser usado em procedimento injetável (ANVISA, Nota Técnica 33/2023/GHCOS).',
    details: { field: 'materials' },
  });
