import { AppError } from '../../platform/errors';

/** Domain errors of treatment sessions. Messages name the field and never carry personal data. */
export const sessionNotFound = () =>
  new AppError('SESSION_NOT_FOUND', { kind: 'NOT_FOUND', userMessage: 'Atendimento não encontrado.' });

export const appointmentNotFound = () =>
  new AppError('SESSION_APPOINTMENT_NOT_FOUND', {
    kind: 'NOT_FOUND',
    userMessage: 'Agendamento não encontrado.',
  });

export const appointmentNotCheckedIn = () =>
  new AppError('SESSION_APPOINTMENT_NOT_CHECKED_IN', {
    kind: 'INVALID_STATE',
    userMessage: 'Agendamento: registre a chegada do cliente antes de iniciar o atendimento.',
    details: { field: 'appointmentId' },
  });

export const notTheProfessional = () =>
  new AppError('SESSION_NOT_YOUR_APPOINTMENT', {
    kind: 'FORBIDDEN',
    userMessage:
      'Profissional: somente a profissional do agendamento pode realizar e assinar este atendimento.',
  });

export const sessionSigned = () =>
  new AppError('SESSION_SIGNED', {
    kind: 'INVALID_STATE',
    userMessage:
      'Atendimento assinado: o registro não pode mais ser alterado. Para corrigir, registre um adendo assinado.',
  });

export const sessionNotSigned = () =>
  new AppError('SESSION_NOT_SIGNED', {
    kind: 'INVALID_STATE',
    userMessage: 'Adendo: só é possível registrar adendos em um atendimento já assinado.',
  });

export const tcleMissing = () =>
  new AppError('SESSION_TCLE_MISSING', {
    kind: 'INVALID_STATE',
    userMessage: 'TCLE: o cliente ainda não assinou o termo de consentimento deste procedimento.',
    details: { field: 'tcle' },
  });

export const hardContraindication = () =>
  new AppError('SESSION_HARD_CONTRAINDICATION', {
    kind: 'INVALID_STATE',
    userMessage:
      'Contraindicação absoluta: o procedimento está bloqueado. Somente um médico pode registrar uma liberação justificada.',
    details: { field: 'contraindications' },
  });

export const overrideNeedsPhysician = () =>
  new AppError('SESSION_OVERRIDE_NEEDS_PHYSICIAN', {
    kind: 'FORBIDDEN',
    userMessage: 'Justificativa: somente um médico com CRM ativo pode liberar uma contraindicação absoluta.',
    details: { field: 'overrideJustification' },
  });

export const checklistIncomplete = (missing: string) =>
  new AppError('SESSION_CHECKLIST_INCOMPLETE', {
    kind: 'INVALID_STATE',
    userMessage: `Checklist: falta concluir — ${missing}.`,
    details: { field: 'checklist' },
  });

export const beforePhotosMissing = () =>
  new AppError('SESSION_BEFORE_PHOTOS_MISSING', {
    kind: 'INVALID_STATE',
    userMessage: 'Fotos: registre ao menos uma foto "antes" deste atendimento.',
    details: { field: 'beforePhotos' },
  });

export const pointProductNotListed = () =>
  new AppError('SESSION_POINT_PRODUCT_NOT_LISTED', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Pontos: o produto de um ponto não está na lista de produtos usados.',
    details: { field: 'points' },
  });

export const productUnknown = () =>
  new AppError('SESSION_PRODUCT_UNKNOWN', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Produtos: produto não encontrado.',
    details: { field: 'products' },
  });

export const lotUnknown = () =>
  new AppError('SESSION_LOT_UNKNOWN', {
    kind: 'VALIDATION_FAILED',
    userMessage: 'Lote: lote não encontrado para este produto nesta clínica.',
    details: { field: 'lotId' },
  });

export const nothingToSign = () =>
  new AppError('SESSION_NOTHING_TO_SIGN', {
    kind: 'VALIDATION_FAILED',
    userMessage:
      'Registro: descreva o procedimento (áreas, pontos, produtos ou observações) antes de assinar.',
  });

export const licenceNotActive = () =>
  new AppError('SESSION_LICENCE_NOT_ACTIVE', {
    kind: 'FORBIDDEN',
    userMessage:
      'Licença: é preciso ter o registro no conselho verificado e ativo para assinar o atendimento.',
  });

export const passwordIncorrect = () =>
  new AppError('SESSION_SIGN_PASSWORD_INCORRECT', {
    kind: 'UNAUTHENTICATED',
    userMessage: 'Senha: a senha não confere. A assinatura não foi registrada.',
    details: { field: 'password' },
  });

export const codeRequired = () =>
  new AppError('SESSION_SIGN_CODE_REQUIRED', {
    kind: 'VALIDATION_FAILED',
    userMessage:
      'Código do autenticador: digite o código de 6 números do seu aplicativo autenticador para assinar.',
    details: { field: 'code' },
  });

export const codeIncorrect = () =>
  new AppError('SESSION_SIGN_CODE_INCORRECT', {
    kind: 'UNAUTHENTICATED',
    userMessage:
      'Código do autenticador: o código não confere ou já foi usado. Aguarde o próximo código e tente de novo. A assinatura não foi registrada.',
    details: { field: 'code' },
  });

/** Refusals of the re-authentication at signing: each is audited as a failed signature. */
export const REAUTH_REFUSALS: readonly string[] = [
  'SESSION_SIGN_PASSWORD_INCORRECT',
  'SESSION_SIGN_CODE_REQUIRED',
  'SESSION_SIGN_CODE_INCORRECT',
];

export const intakeNotUpdated = () =>
  new AppError('SESSION_INTAKE_NOT_UPDATED', {
    kind: 'INVALID_STATE',
    userMessage:
      'Anamnese: nenhuma atualização foi registrada desde o início do atendimento. Registre-a na ficha do cliente ou marque "Sem alterações".',
    details: { field: 'intakeStatus' },
  });
