import { AppError } from '../../platform/errors';

/**
 * Domain errors of the agenda. Messages say what conflicts or which rule refused, naming resources
 * (rooms, devices) but never a client: no personal data in errors.
 */
const fail = (
  code: string,
  kind: 'NOT_FOUND' | 'CONFLICT' | 'VALIDATION_FAILED' | 'INVALID_STATE',
  userMessage: string,
  details?: Record<string, unknown>,
) => new AppError(code, { kind, userMessage, ...(details ? { details } : {}) });

export const appointmentNotFound = () =>
  fail('APPOINTMENT_NOT_FOUND', 'NOT_FOUND', 'Atendimento não encontrado.');
export const treatmentUnavailable = () =>
  fail('TREATMENT_UNAVAILABLE', 'VALIDATION_FAILED', 'Tratamento: não encontrado ou inativo.', {
    field: 'treatmentId',
  });
export const clientUnavailable = () =>
  fail('CLIENT_UNAVAILABLE', 'VALIDATION_FAILED', 'Cliente: não encontrada ou sem cadastro ativo.', {
    field: 'clientId',
  });
export const clinicNotFound = () => fail('CLINIC_NOT_FOUND', 'NOT_FOUND', 'Clínica não encontrada.');
export const roomNotFound = () =>
  fail('ROOM_NOT_FOUND', 'NOT_FOUND', 'Sala não encontrada.', { field: 'roomId' });
export const equipmentNotFound = () =>
  fail('EQUIPMENT_NOT_FOUND', 'NOT_FOUND', 'Equipamento não encontrado.', { field: 'equipmentIds' });
export const resourceNameTaken = (what: 'sala' | 'equipamento') =>
  fail(
    'RESOURCE_NAME_TAKEN',
    'CONFLICT',
    `Nome: já existe ${what === 'sala' ? 'uma sala' : 'um equipamento'} com este nome nesta clínica.`,
    {
      field: 'name',
    },
  );

// ── Booking rules ──────────────────────────────────────────────────────────────────────────────
export const notAProfessionalHere = () =>
  fail('PROFESSIONAL_NOT_IN_CLINIC', 'VALIDATION_FAILED', 'Profissional: não atende nesta clínica.', {
    field: 'professionalId',
  });
export const notCompetent = (treatmentName: string) =>
  fail(
    'PROFESSIONAL_NOT_COMPETENT',
    'VALIDATION_FAILED',
    `Profissional: a política de competências não permite que realize "${treatmentName}".`,
    { field: 'professionalId' },
  );
export const licenceInactive = () =>
  fail(
    'PROFESSIONAL_LICENCE_INACTIVE',
    'VALIDATION_FAILED',
    'Profissional: o registro no conselho não está verificado e ativo; não é possível agendar procedimentos.',
    { field: 'professionalId' },
  );
export const roomRequired = (typeLabel: string) =>
  fail('ROOM_REQUIRED', 'VALIDATION_FAILED', `Sala: este tratamento exige uma sala do tipo "${typeLabel}".`, {
    field: 'roomId',
  });
export const roomTypeMismatch = (roomName: string, typeLabel: string) =>
  fail(
    'ROOM_TYPE_MISMATCH',
    'VALIDATION_FAILED',
    `Sala: "${roomName}" não é do tipo exigido ("${typeLabel}").`,
    {
      field: 'roomId',
    },
  );
export const noFreeRoom = (typeLabel: string) =>
  fail('NO_FREE_ROOM', 'CONFLICT', `Sala: nenhuma sala do tipo "${typeLabel}" está livre nesse horário.`, {
    field: 'roomId',
    conflict: 'room',
  });
export const equipmentMismatch = (kindLabel: string) =>
  fail('EQUIPMENT_MISMATCH', 'VALIDATION_FAILED', `Equipamento: este tratamento exige "${kindLabel}".`, {
    field: 'equipmentIds',
  });
export const noFreeEquipment = (kindLabel: string) =>
  fail('NO_FREE_EQUIPMENT', 'CONFLICT', `Equipamento: nenhum(a) "${kindLabel}" está livre nesse horário.`, {
    field: 'equipmentIds',
    conflict: 'equipment',
  });
export const outsideWorkingHours = () =>
  fail(
    'OUTSIDE_WORKING_HOURS',
    'VALIDATION_FAILED',
    'Horário: fora do expediente da profissional (ou em um intervalo).',
    {
      field: 'startsAt',
    },
  );
export const professionalAbsent = () =>
  fail(
    'PROFESSIONAL_ABSENT',
    'VALIDATION_FAILED',
    'Horário: a profissional está ausente (férias ou ausência) nesse período.',
    {
      field: 'startsAt',
    },
  );
export const outsideOpeningHours = () =>
  fail(
    'OUTSIDE_OPENING_HOURS',
    'VALIDATION_FAILED',
    'Horário: fora do horário de funcionamento da clínica.',
    {
      field: 'startsAt',
    },
  );
export const clinicClosed = (reason: string) =>
  fail('CLINIC_CLOSED', 'VALIDATION_FAILED', `Data: a clínica não abre nesse dia (${reason}).`, {
    field: 'startsAt',
  });
export const inThePast = () =>
  fail('APPOINTMENT_IN_PAST', 'VALIDATION_FAILED', 'Início: escolha um horário no futuro.', {
    field: 'startsAt',
  });
export const intervalBlocked = (days: number, treatmentName: string) =>
  fail(
    'MIN_INTERVAL_BLOCKED',
    'VALIDATION_FAILED',
    `Data: "${treatmentName}" exige ${days} dias entre as sessões da mesma cliente.`,
    { field: 'startsAt' },
  );
export const warningsNotAcknowledged = (warnings: { message: string }[]) =>
  fail(
    'WARNINGS_NOT_ACKNOWLEDGED',
    'VALIDATION_FAILED',
    `Confirme os avisos antes de agendar: ${warnings.map((w) => w.message).join(' ')}`,
    { field: 'acknowledgeWarnings', warnings },
  );

// ── Conflicts (exclusion constraints, SQLSTATE 23P01) ─────────────────────────────────────────
export const professionalBusy = () =>
  fail('SLOT_TAKEN_PROFESSIONAL', 'CONFLICT', 'A profissional já tem um atendimento nesse horário.', {
    conflict: 'professional',
  });
export const roomBusy = (roomName: string) =>
  fail('SLOT_TAKEN_ROOM', 'CONFLICT', `A sala ${roomName} já está ocupada nesse horário.`, {
    conflict: 'room',
  });
export const equipmentBusy = (equipmentName: string) =>
  fail('SLOT_TAKEN_EQUIPMENT', 'CONFLICT', `O equipamento ${equipmentName} já está em uso nesse horário.`, {
    conflict: 'equipment',
  });
export const clientBusy = () =>
  fail('SLOT_TAKEN_CLIENT', 'CONFLICT', 'A cliente já tem um horário marcado nesse período.', {
    conflict: 'client',
  });

// ── Lifecycle ──────────────────────────────────────────────────────────────────────────────────
export const invalidTransition = (fromLabel: string, toLabel: string) =>
  fail('INVALID_TRANSITION', 'INVALID_STATE', `Não é possível passar de "${fromLabel}" para "${toLabel}".`, {
    field: 'to',
  });
export const noShowTooEarly = () =>
  fail('NO_SHOW_TOO_EARLY', 'INVALID_STATE', 'Só é possível registrar falta depois do horário marcado.', {
    field: 'to',
  });
export const staleVersion = () =>
  fail(
    'APPOINTMENT_CHANGED',
    'CONFLICT',
    'Este atendimento foi alterado por outra pessoa. Atualize a agenda e tente novamente.',
    { field: 'version' },
  );
export const otherClinic = () =>
  new AppError('AGENDA_OTHER_CLINIC', {
    kind: 'FORBIDDEN',
    userMessage: 'Clínica: entre na outra clínica (troca de clínica na sessão) para ver a agenda dela.',
    details: { field: 'clinicId' },
  });
export const notYourAgenda = () =>
  fail('NOT_YOUR_AGENDA', 'VALIDATION_FAILED', 'Profissional: você só pode ver a sua própria agenda.', {
    field: 'professionalId',
  });

// ── Series ─────────────────────────────────────────────────────────────────────────────────────
export const seriesConflicts = (occurrences: { index: number; startsAt: string; reason: string }[]) =>
  fail(
    'SERIES_CONFLICTS',
    'CONFLICT',
    `Nenhuma sessão foi agendada: ${occurrences.length} sessão(ões) da série têm conflito (${occurrences
      .map((o) => `${o.index + 1}ª: ${o.reason}`)
      .join(' ')}).`,
    { occurrences },
  );
export const seriesNotFound = () => fail('SERIES_NOT_FOUND', 'NOT_FOUND', 'Série não encontrada.');

// ── Waitlist ───────────────────────────────────────────────────────────────────────────────────
export const waitlistEntryNotFound = () =>
  fail('WAITLIST_ENTRY_NOT_FOUND', 'NOT_FOUND', 'Entrada da lista de espera não encontrada.');
export const offerNotPending = () =>
  fail(
    'WAITLIST_OFFER_NOT_PENDING',
    'INVALID_STATE',
    'Esta oferta de horário não está mais disponível (expirou ou já foi respondida).',
  );

// ── No-show actions (issue 8) ────────────────────────────────────────────────────────────────────

export const riskActionNotFound = () => fail('RISK_ACTION_NOT_FOUND', 'NOT_FOUND', 'Ação não encontrada.');
export const riskActionWithheld = () =>
  fail(
    'RISK_ACTION_WITHHELD',
    'INVALID_STATE',
    'Este atendimento está no grupo de controle: a ação não é feita, para medir se as ações reduzem as faltas.',
  );
export const riskActionSettled = () =>
  fail('RISK_ACTION_SETTLED', 'INVALID_STATE', 'Esta ação já foi registrada como feita ou dispensada.');
export const appointmentNotOpen = () =>
  fail(
    'APPOINTMENT_NOT_OPEN',
    'INVALID_STATE',
    'O atendimento já passou ou não está mais agendado: não há o que fazer por ele.',
  );
export const noConfirmationConsent = () =>
  fail(
    'NO_CONFIRMATION_CONSENT',
    'INVALID_STATE',
    'Cliente sem consentimento para receber mensagens de confirmação.',
  );
