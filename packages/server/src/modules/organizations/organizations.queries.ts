import { and, desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  type ClinicAddress,
  clinics,
  competencePolicyVersions,
  competenceRules,
  memberships,
  type OpeningHours,
  professionalLicences,
  users,
} from '../../db/schema';

export async function findClinic(db: DbOrTx, id: string) {
  const [row] = await db.select().from(clinics).where(eq(clinics.id, id)).limit(1);
  return row;
}

export async function updateClinic(
  db: DbOrTx,
  id: string,
  set: {
    name?: string;
    timeZone?: string;
    address?: ClinicAddress;
    openingHours?: OpeningHours;
    technicalDirectorUserId?: string | null;
    updatedAt: Date;
  },
): Promise<void> {
  await db.update(clinics).set(set).where(eq(clinics.id, id));
}

/** Physicians of a clinic with an active CRM licence: who may be technical director. */
export async function findTechnicalDirectorCandidates(db: DbOrTx, clinicId: string) {
  return db
    .selectDistinct({
      userId: users.id,
      fullName: users.fullName,
      crm: professionalLicences.number,
      uf: professionalLicences.uf,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(
      professionalLicences,
      and(
        eq(professionalLicences.userId, users.id),
        eq(professionalLicences.council, 'CRM'),
        eq(professionalLicences.status, 'ativa'),
      ),
    )
    .where(
      and(eq(memberships.clinicId, clinicId), eq(memberships.role, 'medico'), eq(users.status, 'active')),
    );
}

export async function findActivePolicy(db: DbOrTx, organizationId: string) {
  const [version] = await db
    .select()
    .from(competencePolicyVersions)
    .where(
      and(
        eq(competencePolicyVersions.organizationId, organizationId),
        eq(competencePolicyVersions.isActive, true),
      ),
    )
    .limit(1);
  if (!version) return undefined;
  const rules = await db.select().from(competenceRules).where(eq(competenceRules.versionId, version.id));
  return { version, rules };
}

export async function findPolicyHistory(db: DbOrTx, organizationId: string) {
  return db
    .select({
      id: competencePolicyVersions.id,
      version: competencePolicyVersions.version,
      note: competencePolicyVersions.note,
      isActive: competencePolicyVersions.isActive,
      createdAt: competencePolicyVersions.createdAt,
      createdByName: users.fullName,
    })
    .from(competencePolicyVersions)
    .leftJoin(users, eq(users.id, competencePolicyVersions.createdBy))
    .where(eq(competencePolicyVersions.organizationId, organizationId))
    .orderBy(desc(competencePolicyVersions.version));
}

export async function insertPolicyVersion(
  db: DbOrTx,
  organizationId: string,
  input: {
    note: string;
    createdBy: string | null;
    rules: { role: string; category: string; decision: string; citation: string }[];
    now: Date;
  },
): Promise<{ id: string; version: number }> {
  const [max] = await db
    .select({ v: sql<number>`coalesce(max(${competencePolicyVersions.version}), 0)::int` })
    .from(competencePolicyVersions)
    .where(eq(competencePolicyVersions.organizationId, organizationId));
  await db
    .update(competencePolicyVersions)
    .set({ isActive: false })
    .where(eq(competencePolicyVersions.organizationId, organizationId));
  const [created] = await db
    .insert(competencePolicyVersions)
    .values({
      organizationId,
      version: (max?.v ?? 0) + 1,
      note: input.note,
      isActive: true,
      createdBy: input.createdBy,
      createdAt: input.now,
    })
    .returning({ id: competencePolicyVersions.id, version: competencePolicyVersions.version });
  if (!created) throw new Error('policy version insert returned no row');
  await db
    .insert(competenceRules)
    .values(input.rules.map((r) => ({ organizationId, versionId: created.id, ...r })));
  return created;
}
