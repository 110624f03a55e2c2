import { AppError } from '../../platform/errors';

/** Domain errors of no-show prediction. Messages name the field and never carry personal data. */
export const clinicNotFound = () =>
  new AppError('PREDICTION_CLINIC_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Unidade: não encontrada nesta organização.',
    details: { field: 'clinicId' },
  });

export const trainingAlreadyRunning = () =>
  new AppError('PREDICTION_TRAINING_RUNNING', {
    kind: 'CONFLICT',
    userMessage: 'Treinamento: já existe um treinamento em andamento. Aguarde a conclusão.',
  });
