import type {
  TClinicSettingsInput,
  TCompetenceDecision,
  TProcedureCategory,
  TStaffRole,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { AppError } from '../../platform/errors';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { DEFAULT_COMPETENCE_RULES } from './competence-defaults';
import {
  findActivePolicy,
  findClinic,
  findPolicyHistory,
  findTechnicalDirectorCandidates,
  insertPolicyVersion,
  updateClinic,
} from './organizations.queries';

export async function getClinicSettings(deps: ServiceDeps, actor: Actor, clinicId: string) {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const clinic = await findClinic(tx, clinicId);
    if (!clinic) throw new AppError('NOT_FOUND', { userMessage: 'Clínica não encontrada.' });
    const candidates = await findTechnicalDirectorCandidates(tx, clinicId);
    return {
      id: clinic.id,
      name: clinic.name,
      cnpj: clinic.cnpj,
      timeZone: clinic.timeZone,
      address: clinic.address,
      openingHours: clinic.openingHours,
      technicalDirectorUserId: clinic.technicalDirectorUserId,
      technicalDirectorCandidates: candidates.map((c) => ({
        userId: c.userId,
        fullName: c.fullName,
        crm: `CRM/${c.uf} ${c.crm}`,
      })),
    };
  });
}

/** Updates a clinic. The technical director must be a physician of the clinic with an active CRM licence. */
export async function updateClinicSettings(
  deps: ServiceDeps,
  actor: Actor,
  input: TClinicSettingsInput,
): Promise<void> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const clinic = await findClinic(tx, input.clinicId);
    if (!clinic) throw new AppError('NOT_FOUND', { userMessage: 'Clínica não encontrada.' });
    if (input.technicalDirectorUserId) {
      const candidates = await findTechnicalDirectorCandidates(tx, input.clinicId);
      if (!candidates.some((c) => c.userId === input.technicalDirectorUserId)) {
        throw new AppError('INVALID_TECHNICAL_DIRECTOR', {
          kind: 'VALIDATION_FAILED',
          userMessage: 'Diretor técnico: escolha um médico desta clínica com CRM verificado e ativo.',
          details: { field: 'technicalDirectorUserId' },
        });
      }
    }
    const changed = (['name', 'timeZone', 'openingHours', 'technicalDirectorUserId'] as const).filter(
      (key) => JSON.stringify(clinic[key]) !== JSON.stringify(input[key]),
    );
    await updateClinic(tx, input.clinicId, {
      name: input.name,
      timeZone: input.timeZone,
      openingHours: input.openingHours,
      technicalDirectorUserId: input.technicalDirectorUserId,
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'clinic.update',
      entityType: 'clinic',
      entityId: input.clinicId,
      changedFields: [...changed],
      occurredAt: now,
    });
  });
}

export type PolicyView = {
  version: number;
  note: string;
  rules: {
    role: TStaffRole;
    category: TProcedureCategory;
    decision: TCompetenceDecision;
    citation: string;
  }[];
  history: {
    version: number;
    note: string;
    isActive: boolean;
    createdAt: string;
    createdByName: string | null;
  }[];
};

export async function getCompetencePolicy(deps: ServiceDeps, actor: Actor): Promise<PolicyView> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const active = await findActivePolicy(tx, actor.organizationId);
    const history = await findPolicyHistory(tx, actor.organizationId);
    return {
      version: active?.version.version ?? 0,
      note: active?.version.note ?? '',
      rules: (active?.rules ?? []).map((r) => ({
        role: r.role as TStaffRole,
        category: r.category as TProcedureCategory,
        decision: r.decision as TCompetenceDecision,
        citation: r.citation,
      })),
      history: history.map((h) => ({
        version: h.version,
        note: h.note,
        isActive: h.isActive,
        createdAt: h.createdAt.toISOString(),
        createdByName: h.createdByName,
      })),
    };
  });
}

/** Saves a full new version of the policy and makes it the active one (audited; step-up by the matrix). */
export async function saveCompetencePolicy(
  deps: ServiceDeps,
  actor: Actor,
  input: { note: string; rules: PolicyView['rules'] },
): Promise<{ version: number }> {
  const now = deps.clock.now();
  const keys = new Set(input.rules.map((r) => `${r.role}:${r.category}`));
  if (keys.size !== input.rules.length) {
    throw new AppError('DUPLICATE_RULE', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Regras: há mais de uma regra para a mesma função e categoria.',
      details: { field: 'rules' },
    });
  }
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const created = await insertPolicyVersion(tx, actor.organizationId, {
      note: input.note,
      createdBy: actor.userId,
      rules: input.rules,
      now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'policy.competence.save',
      entityType: 'competence_policy',
      entityId: String(created.version),
      changedFields: ['rules'],
      occurredAt: now,
    });
    return { version: created.version };
  });
}

/** Seeds the default policy for a new organisation (inside its creating transaction). */
export async function seedDefaultCompetencePolicy(tx: Tx, organizationId: string, now: Date): Promise<void> {
  await insertPolicyVersion(tx, organizationId, {
    note: 'Política inicial conforme resoluções dos conselhos (REGULATION.md 3.2).',
    createdBy: null,
    rules: DEFAULT_COMPETENCE_RULES,
    now,
  });
}

/** The active decision for one role and category, for modules that assign professionals. */
export async function competenceFor(
  deps: ServiceDeps,
  organizationId: string,
  role: TStaffRole,
  category: TProcedureCategory,
): Promise<TCompetenceDecision> {
  const policy = await withTenant(deps.database, organizationId, (tx) =>
    findActivePolicy(tx, organizationId),
  );
  return (
    (policy?.rules.find((r) => r.role === role && r.category === category)?.decision as
      | TCompetenceDecision
      | undefined) ?? 'proibido'
  );
}

/** The clinic's IANA time zone, for date arithmetic in other modules (inside their transaction). */
export async function getClinicTimeZone(tx: Tx, clinicId: string): Promise<string> {
  return (await findClinic(tx, clinicId))?.timeZone ?? 'America/Sao_Paulo';
}

/** The clinic's name, zone and address as messages show them (inside the caller's transaction). */
export async function getClinicForMessaging(
  tx: Tx,
  clinicId: string,
): Promise<{ name: string; timeZone: string; city: string } | null> {
  const clinic = await findClinic(tx, clinicId);
  return clinic ? { name: clinic.name, timeZone: clinic.timeZone, city: clinic.address.city } : null;
}

/** The organisation's active competence policy, inside the caller's transaction (for booking rules). */
/** The default competence rules (what each council may perform), for the demo agenda. */
export { DEFAULT_COMPETENCE_RULES, findActivePolicy };
