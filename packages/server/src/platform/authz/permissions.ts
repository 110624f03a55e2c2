import {
  LICENSED_ROLE_COUNCIL,
  MFA_REQUIRED_ROLES,
  STAFF_ROLES,
  type TCouncil,
  type TPermissionAction,
  type TStaffRole,
} from '@clinia/contracts';

/**
 * The one permission matrix: action → roles that may perform it, and the conditions that must hold.
 * Every tRPC procedure names its action in `meta`; a test walks every procedure × every role against
 * this table and fails on a procedure that names none.
 *
 * Conditions:
 *  - licence: a licensed role (médico, enfermeiro…) grants the action only while the user's licence in
 *    that role's council is verified and active. Non-licensed roles (recepcionista) are unaffected.
 *  - stepUp: the user re-entered password and code in the last STEP_UP_WINDOW_MS.
 * Independently of the action, roles in MFA_REQUIRED_ROLES act only from an MFA-verified session.
 */
export type Condition = 'licence' | 'stepUp';

export type Permission = {
  roles: readonly TStaffRole[];
  conditions?: readonly Condition[];
  description: string;
};

const ALL: readonly TStaffRole[] = STAFF_ROLES;
const LICENSED: readonly TStaffRole[] = [
  'medico',
  'enfermeiro',
  'dentista',
  'biomedico',
  'farmaceutico',
  'fisioterapeuta',
];
const CARE: readonly TStaffRole[] = [
  'gestor',
  'medico',
  'enfermeiro',
  'dentista',
  'biomedico',
  'farmaceutico',
  'fisioterapeuta',
  'esteticista',
  'recepcionista',
];

export const PERMISSIONS = {
  'clinic.read': { roles: ALL, description: 'Ver dados e horários da clínica' },
  'clinic.manage': { roles: ['gestor'], description: 'Alterar dados, horários e diretor técnico da clínica' },
  'staff.read': { roles: ALL, description: 'Ver a equipe e o estado das licenças' },
  'staff.manage': { roles: ['gestor'], description: 'Convidar, editar e desativar membros da equipe' },
  'staff.roles.manage': {
    roles: ['gestor'],
    conditions: ['stepUp'],
    description: 'Alterar funções de um membro da equipe',
  },
  'staff.licence.verify': { roles: ['gestor'], description: 'Verificar licenças profissionais' },
  'sessions.revoke_any': { roles: ['gestor'], description: 'Encerrar sessões de outros usuários' },
  'policy.read': { roles: ALL, description: 'Ver a política de competências' },
  'policy.manage': {
    roles: ['gestor'],
    conditions: ['stepUp'],
    description: 'Alterar a política de competências',
  },
  'audit.read': { roles: ['gestor', 'encarregado_dados'], description: 'Consultar a trilha de auditoria' },
  'incidents.read': {
    roles: ['gestor', 'encarregado_dados'],
    description: 'Ver o registro de incidentes de segurança',
  },
  'incidents.manage': {
    roles: ['gestor', 'encarregado_dados'],
    description: 'Registrar incidentes de segurança, sua comunicação à ANPD e seu encerramento',
  },
  'clients.read': {
    roles: [...CARE, 'encarregado_dados'],
    conditions: ['licence'],
    description: 'Ver clientes (CPF e telefone mascarados)',
  },
  'clients.write': { roles: CARE, conditions: ['licence'], description: 'Cadastrar e editar clientes' },
  'clients.reveal': {
    roles: ['gestor', 'recepcionista', ...LICENSED, 'encarregado_dados'],
    conditions: ['licence'],
    description: 'Ver CPF, telefone, e-mail e endereço completos (cada acesso é registrado)',
  },
  'clients.intake.read': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Ver a anamnese (dados de saúde)',
  },
  'clients.intake.write': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Registrar a anamnese',
  },
  'clients.consent.manage': {
    roles: CARE,
    conditions: ['licence'],
    description: 'Coletar e revogar consentimentos',
  },
  'clients.access_report': {
    roles: ['gestor', 'encarregado_dados'],
    description: 'Ver quem acessou os dados de um cliente',
  },
  'privacy.requests.create': {
    roles: ['gestor', 'recepcionista', 'encarregado_dados'],
    description: 'Registrar solicitações de titulares (LGPD art. 18)',
  },
  'privacy.requests.manage': {
    roles: ['gestor', 'encarregado_dados'],
    description: 'Acompanhar e responder solicitações de titulares',
  },
  'catalog.read': { roles: ALL, description: 'Ver o catálogo de tratamentos' },
  'catalog.manage': {
    roles: ['gestor', 'medico'],
    conditions: ['licence'],
    description: 'Criar e editar tratamentos, contraindicações e materiais',
  },
  'prediction.read': {
    roles: ['gestor', 'recepcionista'],
    description: 'Ver o modelo de faltas, treinamentos, política de ações e resultados',
  },
  'prediction.manage': {
    roles: ['gestor'],
    description: 'Treinar o modelo de faltas e configurar as ações por faixa de risco',
  },
  'inventory.read': {
    roles: CARE,
    description: 'Ver produtos, lotes, estoque e alertas',
  },
  'inventory.products.manage': {
    roles: ['gestor', 'farmaceutico'],
    conditions: ['licence'],
    description: 'Cadastrar e editar produtos (registro ANVISA conferido)',
  },
  'inventory.registry.override': {
    roles: ['gestor'],
    conditions: ['stepUp'],
    description: 'Aceitar um registro ANVISA sem a base importada (justificado e registrado)',
  },
  'inventory.stock.receive': {
    roles: ['gestor', 'farmaceutico', 'enfermeiro', 'recepcionista'],
    conditions: ['licence'],
    description: 'Registrar o recebimento de lotes',
  },
  'inventory.stock.adjust': {
    roles: ['gestor', 'farmaceutico'],
    conditions: ['licence'],
    description: 'Registrar perdas, ajustes, transferências e devoluções',
  },
  'inventory.stock.use': {
    roles: LICENSED,
    conditions: ['licence'],
    description: 'Registrar o uso de produto em um atendimento',
  },
  'inventory.lots.quarantine': {
    roles: ['gestor', ...LICENSED],
    conditions: ['licence'],
    description: 'Colocar um lote em quarentena (bloqueio imediato)',
  },
  'inventory.lots.release': {
    roles: ['gestor', 'farmaceutico'],
    conditions: ['licence', 'stepUp'],
    description: 'Liberar um lote da quarentena ou confirmar o recolhimento',
  },
  'inventory.traceability': {
    roles: ['gestor', 'medico', 'farmaceutico', 'encarregado_dados'],
    conditions: ['licence'],
    description: 'Ver quem recebeu um lote (rastreabilidade; cada consulta é registrada)',
  },
  'inventory.adverse_events.read': {
    roles: ['gestor', ...LICENSED],
    conditions: ['licence'],
    description: 'Ver intercorrências e prazos de notificação',
  },
  'inventory.adverse_events.write': {
    roles: LICENSED,
    conditions: ['licence'],
    description: 'Registrar e acompanhar intercorrências',
  },
  'inventory.adverse_events.notify': {
    roles: ['gestor', ...LICENSED],
    conditions: ['licence'],
    description: 'Registrar a notificação ao NOTIVISA/VigiMed',
  },
  'agenda.read': {
    roles: CARE,
    conditions: ['licence'],
    description: 'Ver a agenda (profissionais veem a própria) e a disponibilidade',
  },
  'agenda.book': {
    roles: ['gestor', 'recepcionista'],
    description: 'Agendar, remarcar e cancelar atendimentos e séries',
  },
  'agenda.noshow.read': {
    roles: ['gestor', 'recepcionista'],
    description: 'Ver o painel de faltas: atendimentos de risco e as ações sugeridas',
  },
  'agenda.status': {
    roles: CARE,
    conditions: ['licence'],
    description: 'Confirmar, registrar chegada, iniciar, concluir e registrar falta',
  },
  'agenda.resources.manage': {
    roles: ['gestor'],
    description:
      'Cadastrar salas, equipamentos, expedientes, ausências, feriados da clínica e regras da agenda',
  },
  'agenda.waitlist.manage': {
    roles: ['gestor', 'recepcionista'],
    description: 'Gerenciar a lista de espera e responder ofertas de horário',
  },
  'messaging.read': {
    roles: CARE,
    conditions: ['licence'],
    description: 'Ver as mensagens enviadas a um cliente, os modelos e o plano de lembretes',
  },
  'messaging.templates.manage': { roles: ['gestor'], description: 'Editar os modelos de mensagem' },
  'messaging.plan.manage': {
    roles: ['gestor'],
    description: 'Configurar o plano de lembretes e o horário silencioso da clínica',
  },
  'messaging.dashboard': { roles: ['gestor'], description: 'Ver o painel de entregas e confirmações' },
  'messaging.outbox.manage': {
    roles: ['gestor'],
    description: 'Ver a fila de envio e mensagens esgotadas, e reenviar uma mensagem',
  },
  'agenda.live': {
    roles: CARE,
    description: 'Receber as atualizações da agenda ao vivo (só identificadores)',
  },
  // Clinical photos are clinical data: the same roles as the health intake (those who treat).
  'photos.read': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Ver as fotos clínicas de um cliente (cada visualização é registrada)',
  },
  'photos.upload': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Enviar fotos clínicas (antes e depois)',
  },
  'photos.delete': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Excluir uma foto clínica enviada por engano (exclusão lógica, registrada)',
  },
  'photos.publicity.manage': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Marcar fotos para divulgação (exige o consentimento de imagem para divulgação)',
  },
  'photos.publicity.read': {
    roles: ['gestor', ...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Ver as fotos liberadas para divulgação (somente com consentimento vigente)',
  },
  // The clinical record of a procedure (issue 7): the same roles as the intake read it; only
  // licensed professionals (active licence) perform and sign it.
  'sessions.record.read': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Ver o registro clínico dos atendimentos (cada leitura é registrada)',
  },
  'sessions.record.write': {
    roles: LICENSED,
    conditions: ['licence'],
    description: 'Iniciar o atendimento, preencher o checklist e o registro do procedimento',
  },
  'sessions.record.sign': {
    roles: LICENSED,
    conditions: ['licence'],
    description: 'Assinar o atendimento e registrar adendos (senha e código do autenticador novamente)',
  },
  'sessions.timeline.read': {
    roles: [...LICENSED, 'esteticista'],
    conditions: ['licence'],
    description: 'Ver a linha do tempo clínica do cliente (atendimentos, produtos, lotes, fotos)',
  },
  'privacy.export': {
    roles: ['gestor', 'encarregado_dados'],
    conditions: ['stepUp'],
    description: 'Exportar todos os dados de um cliente',
  },
} as const satisfies Record<TPermissionAction, Permission>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export const STEP_UP_WINDOW_MS = 5 * 60_000;

/** What authorisation needs to know about the signed-in user. */
export type Actor = {
  userId: string;
  organizationId: string;
  sessionId: string;
  /** The clinic the session acts in, and the user's roles there. */
  clinicId: string;
  roles: TStaffRole[];
  isMfaEnrolled: boolean;
  isMfaVerified: boolean;
  reauthenticatedAt: Date | null;
  /** Councils in which the user's licence is verified and active. */
  activeLicences: TCouncil[];
};

export type Decision =
  | { allowed: true }
  | { allowed: false; reason: 'role' | 'mfa_required' | 'mfa_enrolment_required' | 'licence' | 'step_up' };

export function requiresMfa(roles: readonly TStaffRole[]): boolean {
  return roles.some((role) => MFA_REQUIRED_ROLES.includes(role));
}

/** The MFA gate on its own, for procedures open to every signed-in user. */
export function mfaDecision(actor: Actor): Decision {
  if (!requiresMfa(actor.roles)) return { allowed: true };
  if (!actor.isMfaEnrolled) return { allowed: false, reason: 'mfa_enrolment_required' };
  if (!actor.isMfaVerified) return { allowed: false, reason: 'mfa_required' };
  return { allowed: true };
}

/** The user re-entered password and code within the step-up window. */
export function hasRecentStepUp(actor: Pick<Actor, 'reauthenticatedAt'>, now: Date): boolean {
  return Boolean(
    actor.reauthenticatedAt && now.getTime() - actor.reauthenticatedAt.getTime() <= STEP_UP_WINDOW_MS,
  );
}

export function decide(action: Action, actor: Actor, now: Date): Decision {
  const permission: Permission = PERMISSIONS[action];
  const granting = actor.roles.filter((role) => permission.roles.includes(role));
  if (granting.length === 0) return { allowed: false, reason: 'role' };
  const mfa = mfaDecision(actor);
  if (!mfa.allowed) return mfa;
  const conditions = permission.conditions ?? [];
  if (conditions.includes('licence')) {
    const licensedOk = granting.some((role) => {
      const council = LICENSED_ROLE_COUNCIL[role];
      return council === undefined || actor.activeLicences.includes(council);
    });
    if (!licensedOk) return { allowed: false, reason: 'licence' };
  }
  if (conditions.includes('stepUp') && !hasRecentStepUp(actor, now))
    return { allowed: false, reason: 'step_up' };
  return { allowed: true };
}

/**
 * The actions the actor may take now, for the web to show only what will be allowed (a refused call
 * is audited as `authz.denied`). An action behind a step-up counts as allowed: the screen asks for it.
 */
export function allowedActions(actor: Actor, now: Date): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((action) => {
    const decision = decide(action, actor, now);
    return decision.allowed || decision.reason === 'step_up';
  });
}
