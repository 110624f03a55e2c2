import { createHash, randomBytes } from 'node:crypto';
import {
  COUNCILS,
  isLicensedRole,
  LICENSED_ROLE_COUNCIL,
  type TCouncil,
  type TLicenceInput,
  type TStaffRole,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { auditActor, auditOrigin, recordActorAudit, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { AppError } from '../../platform/errors';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import {
  createSessionForUser,
  hashPassword,
  passwordProblems,
  revokeAllSessionsOfUser,
  type SignInResult,
} from '../identity/identity.service';
import type { LicenceCheckResult } from './licence-registry';

export { DEMO_PASSWORD, DEMO_TEAM } from './staff.seed';

import {
  countActiveManagers,
  emailExists,
  findClinicIds,
  findInvitationByTokenHash,
  findLicenceById,
  findLicences,
  findLicencesDueForRecheck,
  findMemberships,
  findStaff,
  findUser,
  insertInvitation,
  insertLicenceCheck,
  insertUser,
  type LicenceRow,
  markInvitationAccepted,
  replaceMemberships,
  setUserFields,
  updateLicence,
  upsertLicence,
} from './staff.queries';

/**
 * The clinic's team: invitations, roles per clinic, professional licences and their verification.
 * A licence is "ativa" only after a registry (CFM web service) or an admin's recorded manual check says
 * so; until then, licensed roles cannot open client data, perform or sign (see the permission matrix).
 */

const INVITATION_DAYS = 7;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const invitationHash = (token: string) => sha256(`invitation:${token}`);

export type Assignment = { clinicId: string; role: TStaffRole };

export type LicenceView = {
  id: string;
  council: TCouncil;
  number: string;
  uf: string;
  specialties: string[];
  rqe: string[];
  status: 'pendente' | 'ativa' | 'irregular' | 'nao_encontrada' | 'erro_verificacao';
  situationLabel: string | null;
  verificationMethod: 'cfm_ws' | 'manual' | null;
  lastCheckedAt: string | null;
  verifiedAt: string | null;
  canCheckAutomatically: boolean;
};

function toLicenceView(row: LicenceRow, deps: ServiceDeps): LicenceView {
  return {
    id: row.id,
    council: row.council as TCouncil,
    number: row.number,
    uf: row.uf,
    specialties: row.specialties,
    rqe: row.rqe,
    status: row.status as LicenceView['status'],
    situationLabel: row.situationLabel,
    verificationMethod: row.verificationMethod as LicenceView['verificationMethod'],
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    verifiedAt: row.verifiedAt?.toISOString() ?? null,
    canCheckAutomatically: deps.licenceRegistry.supports(row.council as TCouncil),
  };
}

export async function listStaff(deps: ServiceDeps, actor: Actor) {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const staff = await findStaff(tx, actor.organizationId);
    const memberships = await findMemberships(tx, actor.organizationId);
    const licences = await findLicences(tx, actor.organizationId);
    return staff.map((user) => ({
      id: user.id,
      fullName: user.fullName,
      email: user.email,
      status: user.status as 'invited' | 'active' | 'deactivated',
      isMfaEnrolled: Boolean(user.mfaEnrolledAt),
      assignments: memberships
        .filter((m) => m.userId === user.id)
        .map((m) => ({ clinicId: m.clinicId, clinicName: m.clinicName, role: m.role as TStaffRole })),
      licences: licences.filter((l) => l.userId === user.id).map((l) => toLicenceView(l, deps)),
    }));
  });
}

async function checkAssignments(tx: Tx, organizationId: string, assignments: Assignment[]): Promise<void> {
  if (assignments.length === 0) {
    throw new AppError('NO_ROLE', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Funções: escolha ao menos uma função em uma clínica.',
      details: { field: 'assignments' },
    });
  }
  const clinicIds = new Set(await findClinicIds(tx, organizationId));
  if (assignments.some((a) => !clinicIds.has(a.clinicId))) {
    throw new AppError('UNKNOWN_CLINIC', {
      kind: 'VALIDATION_FAILED',
      userMessage: 'Funções: clínica não encontrada nesta rede.',
      details: { field: 'assignments' },
    });
  }
}

export type InviteInput = {
  fullName: string;
  email: string;
  assignments: Assignment[];
  licence?: TLicenceInput | undefined;
};

/** Creates an invited user with roles and, for licensed roles, licence data; returns the invitation link path. */
export async function inviteStaff(
  deps: ServiceDeps,
  actor: Actor,
  input: InviteInput,
): Promise<{ userId: string; invitationPath: string; expiresAt: string }> {
  const now = deps.clock.now();
  const emailTaken = () =>
    new AppError('EMAIL_TAKEN', {
      kind: 'CONFLICT',
      userMessage: 'E-mail: já existe um usuário com este e-mail.',
      details: { field: 'email' },
    });
  // E-mails are unique across the installation (one login, one person). Checked before the tenant
  // transaction: a transaction must never open another one (PGlite has a single connection).
  if (await emailExistsAnywhere(deps, input.email)) throw emailTaken();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    await checkAssignments(tx, actor.organizationId, input.assignments);
    const licensedRoles = input.assignments.filter((a) => isLicensedRole(a.role));
    if (
      input.licence &&
      licensedRoles.length > 0 &&
      !licensedRoles.some((a) => LICENSED_ROLE_COUNCIL[a.role] === input.licence?.council)
    ) {
      throw new AppError('LICENCE_COUNCIL_MISMATCH', {
        kind: 'VALIDATION_FAILED',
        userMessage: 'Licença: o conselho não corresponde à função escolhida (ex.: médico → CRM).',
        details: { field: 'licence.council' },
      });
    }
    const user = await insertUser(tx, {
      organizationId: actor.organizationId,
      email: input.email,
      fullName: input.fullName,
      status: 'invited',
      createdAt: now,
      updatedAt: now,
    }).catch((error: unknown) => {
      // A concurrent invitation with the same e-mail won the race.
      if ((error as { cause?: { code?: string } }).cause?.code === '23505') throw emailTaken();
      throw error;
    });
    await replaceMemberships(tx, actor.organizationId, user.id, input.assignments);
    if (input.licence) {
      await upsertLicence(tx, {
        organizationId: actor.organizationId,
        userId: user.id,
        ...input.licence,
        status: 'pendente',
        createdAt: now,
        updatedAt: now,
      });
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    await insertInvitation(tx, {
      organizationId: actor.organizationId,
      userId: user.id,
      tokenHash: invitationHash(token),
      expiresAt,
      createdBy: actor.userId,
      createdAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'staff.invite',
      entityType: 'user',
      entityId: user.id,
      changedFields: ['email', 'fullName', 'roles', ...(input.licence ? ['licence'] : [])],
      occurredAt: now,
    });
    return { userId: user.id, invitationPath: `/convite/${token}`, expiresAt: expiresAt.toISOString() };
  });
}

/** Uniqueness is global, so the check runs in system scope; it answers only yes or no. */
async function emailExistsAnywhere(deps: ServiceDeps, email: string): Promise<boolean> {
  return withSystem(deps.database, (tx) => emailExists(tx, email));
}

/** What the invitation page shows before the password is chosen. */
export async function getInvitation(
  deps: ServiceDeps,
  token: string,
): Promise<{ fullName: string; email: string }> {
  const now = deps.clock.now();
  // System scope: the invitation token is all the invitee has.
  return withSystem(deps.database, async (tx) => {
    const invitation = await findInvitationByTokenHash(tx, invitationHash(token));
    if (!invitation || invitation.acceptedAt || invitation.expiresAt < now) throw invitationInvalid();
    const user = await findUser(tx, invitation.userId);
    if (user?.status !== 'invited') throw invitationInvalid();
    return { fullName: user.fullName, email: user.email };
  });
}

const invitationInvalid = () =>
  new AppError('INVITATION_INVALID', {
    kind: 'NOT_FOUND',
    userMessage: 'Este convite não é válido ou expirou. Peça um novo convite ao gestor.',
  });

/** The invitee chooses a password; the account becomes active and they are signed in. */
export async function acceptInvitation(
  deps: ServiceDeps,
  input: { token: string; password: string },
): Promise<SignInResult> {
  const now = deps.clock.now();
  const accepted = await withSystem(deps.database, async (tx) => {
    const invitation = await findInvitationByTokenHash(tx, invitationHash(input.token));
    if (!invitation || invitation.acceptedAt || invitation.expiresAt < now) throw invitationInvalid();
    const user = await findUser(tx, invitation.userId);
    if (user?.status !== 'invited') throw invitationInvalid();
    const problems = passwordProblems(input.password, { email: user.email, fullName: user.fullName });
    if (problems.length > 0) {
      throw new AppError('WEAK_PASSWORD', {
        kind: 'VALIDATION_FAILED',
        userMessage: `Senha: ${problems.join(' ')}`,
        details: { field: 'password' },
      });
    }
    await setUserFields(tx, user.id, {
      passwordHash: await hashPassword(input.password),
      passwordChangedAt: now,
      status: 'active',
      updatedAt: now,
    });
    await markInvitationAccepted(tx, invitation.id, now);
    await recordAudit(tx, {
      organizationId: user.organizationId,
      action: 'staff.invitation.accept',
      entityType: 'user',
      entityId: user.id,
      changedFields: ['passwordHash', 'status'],
      actor: { userId: user.id },
      origin: auditOrigin(deps),
      occurredAt: now,
    });
    return { organizationId: user.organizationId, userId: user.id };
  });
  return createSessionForUser(deps, accepted.organizationId, accepted.userId);
}

/** Replaces a user's roles (a sensitive action: step-up required by the matrix). */
export async function updateRoles(
  deps: ServiceDeps,
  actor: Actor,
  input: { userId: string; assignments: Assignment[] },
): Promise<void> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUser(tx, input.userId);
    if (!user) throw new AppError('NOT_FOUND', { userMessage: 'Membro da equipe não encontrado.' });
    await checkAssignments(tx, actor.organizationId, input.assignments);
    const keepsManager = input.assignments.some((a) => a.role === 'gestor');
    if (!keepsManager && (await countActiveManagers(tx, actor.organizationId, input.userId)) === 0) {
      throw new AppError('LAST_MANAGER', {
        kind: 'INVALID_STATE',
        userMessage: 'A rede precisa de ao menos um gestor ativo.',
      });
    }
    await replaceMemberships(tx, actor.organizationId, input.userId, input.assignments);
    await recordActorAudit(tx, deps, actor, {
      action: 'staff.roles.change',
      entityType: 'user',
      entityId: input.userId,
      changedFields: ['roles'],
      occurredAt: now,
    });
  });
}

export async function deactivateStaff(deps: ServiceDeps, actor: Actor, userId: string): Promise<void> {
  const now = deps.clock.now();
  if (userId === actor.userId)
    throw new AppError('SELF_DEACTIVATION', {
      kind: 'INVALID_STATE',
      userMessage: 'Você não pode desativar o seu próprio usuário.',
    });
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUser(tx, userId);
    if (!user) throw new AppError('NOT_FOUND', { userMessage: 'Membro da equipe não encontrado.' });
    if ((await countActiveManagers(tx, actor.organizationId, userId)) === 0) {
      throw new AppError('LAST_MANAGER', {
        kind: 'INVALID_STATE',
        userMessage: 'A rede precisa de ao menos um gestor ativo.',
      });
    }
    await setUserFields(tx, userId, { status: 'deactivated', deactivatedAt: now, updatedAt: now });
    await revokeAllSessionsOfUser(tx, userId, 'deactivated', now);
    await recordActorAudit(tx, deps, actor, {
      action: 'staff.deactivate',
      entityType: 'user',
      entityId: userId,
      changedFields: ['status', 'sessions'],
      occurredAt: now,
    });
  });
}

/** Adds or edits licence data. Any change sends it back to "pendente" until verified again. */
export async function saveLicence(
  deps: ServiceDeps,
  actor: Actor,
  input: { userId: string; licence: TLicenceInput },
): Promise<LicenceView> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const user = await findUser(tx, input.userId);
    if (!user) throw new AppError('NOT_FOUND', { userMessage: 'Membro da equipe não encontrado.' });
    const saved = await upsertLicence(tx, {
      organizationId: actor.organizationId,
      userId: input.userId,
      ...input.licence,
      status: 'pendente',
      createdAt: now,
      updatedAt: now,
    });
    await updateLicence(tx, saved.id, {
      status: 'pendente',
      situation: null,
      situationLabel: null,
      verificationMethod: null,
      verifiedAt: null,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'staff.licence.save',
      entityType: 'licence',
      entityId: saved.id,
      changedFields: ['council', 'number', 'uf', 'specialties', 'rqe', 'status'],
      occurredAt: now,
    });
    const reloaded = await findLicenceById(tx, saved.id);
    return toLicenceView(reloaded ?? saved, deps);
  });
}

const STATUS_BY_OUTCOME = (result: LicenceCheckResult): LicenceView['status'] =>
  result.outcome === 'found'
    ? result.isActive
      ? 'ativa'
      : 'irregular'
    : result.outcome === 'not_found'
      ? 'nao_encontrada'
      : 'erro_verificacao';

/** Records a registry answer on a licence, inside the caller's tenant transaction. */
async function applyCheck(
  deps: ServiceDeps,
  tx: Tx,
  licence: LicenceRow,
  result: LicenceCheckResult,
  actor: Actor | null,
): Promise<LicenceRow> {
  const now = deps.clock.now();
  // A registry outage must not revoke a licence verified before: keep the status, note the failed check.
  const status =
    result.outcome === 'error' && licence.status === 'ativa' ? 'ativa' : STATUS_BY_OUTCOME(result);
  await insertLicenceCheck(tx, {
    organizationId: licence.organizationId,
    licenceId: licence.id,
    checkedAt: now,
    source: deps.licenceRegistry.source,
    outcome: result.outcome === 'found' ? (result.isActive ? 'active' : 'inactive') : result.outcome,
    situation: result.outcome === 'found' ? result.situation : null,
    raw: result.raw,
  });
  await updateLicence(tx, licence.id, {
    status,
    lastCheckedAt: now,
    ...(result.outcome === 'found'
      ? {
          situation: result.situation,
          situationLabel: result.situationLabel,
          verificationMethod: deps.licenceRegistry.source,
          verifiedAt: result.isActive ? now : licence.verifiedAt,
          specialties: result.specialties.length > 0 ? result.specialties : licence.specialties,
        }
      : result.outcome === 'not_found'
        ? { situation: null, situationLabel: 'Registro não encontrado no conselho' }
        : {}),
    updatedAt: now,
  });
  await recordAudit(tx, {
    organizationId: licence.organizationId,
    action: 'staff.licence.check',
    entityType: 'licence',
    entityId: licence.id,
    outcome: result.outcome === 'error' ? 'failure' : 'success',
    changedFields: status !== licence.status ? ['status'] : [],
    actor: actor ? auditActor(actor) : { role: 'system' },
    origin: actor ? auditOrigin(deps) : undefined,
    occurredAt: now,
  });
  return { ...licence, status };
}

/** Checks one licence against the council registry now. */
export async function verifyLicence(
  deps: ServiceDeps,
  actor: Actor,
  licenceId: string,
): Promise<LicenceView & { message: string }> {
  const licence = await withTenant(deps.database, actor.organizationId, (tx) =>
    findLicenceById(tx, licenceId),
  );
  if (!licence) throw new AppError('NOT_FOUND', { userMessage: 'Licença não encontrada.' });
  if (!deps.licenceRegistry.supports(licence.council as TCouncil)) {
    throw new AppError('NO_AUTOMATIC_CHECK', {
      kind: 'INVALID_STATE',
      userMessage: `O ${licence.council} não oferece consulta automática. Registre a verificação manual com o comprovante.`,
    });
  }
  // The network call happens outside any transaction.
  const result = await deps.licenceRegistry.check({
    council: licence.council as TCouncil,
    number: licence.number,
    uf: licence.uf,
  });
  const updated = await withTenant(deps.database, actor.organizationId, async (tx) => {
    const current = await findLicenceById(tx, licenceId);
    if (!current) throw new AppError('NOT_FOUND');
    await applyCheck(deps, tx, current, result, actor);
    return findLicenceById(tx, licenceId);
  });
  if (!updated) throw new AppError('NOT_FOUND');
  const message =
    result.outcome === 'found'
      ? result.isActive
        ? `Licença verificada: situação ${result.situationLabel}.`
        : `Licença irregular no conselho: situação ${result.situationLabel}. O profissional não poderá realizar atos clínicos.`
      : result.outcome === 'not_found'
        ? 'Registro não encontrado no conselho. Confira número e UF.'
        : `Não foi possível consultar o conselho agora: ${result.reason}`;
  return { ...toLicenceView(updated, deps), message };
}

/** An admin records a manual verification (councils without an API): proof, date, result. */
export async function verifyLicenceManually(
  deps: ServiceDeps,
  actor: Actor,
  input: { licenceId: string; proof: string; verifiedOn: string; isActive: boolean },
): Promise<LicenceView> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const licence = await findLicenceById(tx, input.licenceId);
    if (!licence) throw new AppError('NOT_FOUND', { userMessage: 'Licença não encontrada.' });
    await updateLicence(tx, licence.id, {
      status: input.isActive ? 'ativa' : 'irregular',
      situationLabel: input.isActive ? 'Regular (verificação manual)' : 'Irregular (verificação manual)',
      verificationMethod: 'manual',
      manualProof: input.proof,
      manualVerifierUserId: actor.userId,
      manualVerifiedOn: input.verifiedOn,
      verifiedAt: input.isActive ? now : licence.verifiedAt,
      lastCheckedAt: now,
      updatedAt: now,
    });
    await insertLicenceCheck(tx, {
      organizationId: licence.organizationId,
      licenceId: licence.id,
      checkedAt: now,
      source: 'manual',
      outcome: input.isActive ? 'active' : 'inactive',
      raw: null,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'staff.licence.verify_manual',
      entityType: 'licence',
      entityId: licence.id,
      changedFields: ['status', 'manualProof', 'manualVerifiedOn'],
      occurredAt: now,
    });
    const updated = await findLicenceById(tx, licence.id);
    return toLicenceView(updated ?? licence, deps);
  });
}

/**
 * Scheduled job: re-checks licences the registry can check that were not checked in the last
 * `licenceRecheckHours`, across all tenants (system scope to find them, tenant scope to update each).
 */
export async function recheckDueLicences(
  deps: ServiceDeps,
  options: { limit?: number } = {},
): Promise<{ checked: number; changed: number }> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - deps.config.licenceRecheckHours * 3_600_000);
  const councils = COUNCILS.filter((c) => deps.licenceRegistry.supports(c));
  if (councils.length === 0) return { checked: 0, changed: 0 };
  const due = await withSystem(deps.database, (tx) =>
    findLicencesDueForRecheck(tx, councils, before, options.limit ?? 200),
  );
  let changed = 0;
  for (const licence of due) {
    const result = await deps.licenceRegistry.check({
      council: licence.council as TCouncil,
      number: licence.number,
      uf: licence.uf,
    });
    const updated = await withTenant(deps.database, licence.organizationId, async (tx) => {
      const current = await findLicenceById(tx, licence.id);
      return current ? applyCheck(deps, tx, current, result, null) : null;
    });
    if (updated && updated.status !== licence.status) changed++;
  }
  return { checked: due.length, changed };
}
