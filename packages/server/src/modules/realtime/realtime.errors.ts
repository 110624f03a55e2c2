import { AppError } from '../../platform/errors';

export const realtimeUnavailable = () =>
  new AppError('REALTIME_UNAVAILABLE', {
    kind: 'UNAVAILABLE',
    userMessage: 'As atualizações ao vivo não estão disponíveis agora. Recarregue a página.',
  });

export const clinicNotFound = () =>
  new AppError('CLINIC_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Clínica: não encontrada.',
    details: { field: 'clinicId' },
  });
