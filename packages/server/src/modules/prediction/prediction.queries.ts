import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  appointmentRiskScores,
  clinics,
  modelVersions,
  organizations,
  riskActionPolicies,
  riskActions,
  trainingRuns,
} from '../../db/schema';

export type ModelVersionRow = typeof modelVersions.$inferSelect;
export type TrainingRunRow = typeof trainingRuns.$inferSelect;
export type RiskScoreRow = typeof appointmentRiskScores.$inferSelect;
export type RiskActionRow = typeof riskActions.$inferSelect;

export async function findClinic(
  db: DbOrTx,
  organizationId: string,
  clinicId: string | null,
): Promise<{ id: string; timeZone: string } | undefined> {
  const [row] = await db
    .select({ id: clinics.id, timeZone: clinics.timeZone })
    .from(clinics)
    .where(
      clinicId
        ? and(eq(clinics.organizationId, organizationId), eq(clinics.id, clinicId))
        : eq(clinics.organizationId, organizationId),
    )
    .orderBy(asc(clinics.createdAt))
    .limit(1);
  return row;
}

export async function findModelVersions(db: DbOrTx, organizationId: string): Promise<ModelVersionRow[]> {
  return db
    .select()
    .from(modelVersions)
    .where(eq(modelVersions.organizationId, organizationId))
    .orderBy(desc(modelVersions.version))
    .limit(50);
}

/** The promoted version for a clinic: its own, else the organisation-wide one. */
export async function findPromotedVersion(
  db: DbOrTx,
  organizationId: string,
  clinicId: string | null,
): Promise<ModelVersionRow | undefined> {
  const rows = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.organizationId, organizationId), eq(modelVersions.status, 'promoted')));
  return (
    rows.find((r) => clinicId !== null && r.clinicId === clinicId) ?? rows.find((r) => r.clinicId === null)
  );
}

export async function nextVersionNumber(db: DbOrTx, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ max: sql<number | null>`max(${modelVersions.version})` })
    .from(modelVersions)
    .where(eq(modelVersions.organizationId, organizationId));
  return Number(row?.max ?? 0) + 1;
}

export async function insertModelVersion(
  db: DbOrTx,
  values: typeof modelVersions.$inferInsert,
): Promise<ModelVersionRow> {
  const [row] = await db.insert(modelVersions).values(values).returning();
  return row as ModelVersionRow;
}

export async function retirePromoted(
  db: DbOrTx,
  organizationId: string,
  clinicId: string | null,
  now: Date,
): Promise<void> {
  await db
    .update(modelVersions)
    .set({ status: 'retired', retiredAt: now })
    .where(
      and(
        eq(modelVersions.organizationId, organizationId),
        eq(modelVersions.status, 'promoted'),
        clinicId === null ? isNull(modelVersions.clinicId) : eq(modelVersions.clinicId, clinicId),
      ),
    );
}

export async function findTrainingRuns(db: DbOrTx, organizationId: string): Promise<TrainingRunRow[]> {
  return db
    .select()
    .from(trainingRuns)
    .where(eq(trainingRuns.organizationId, organizationId))
    .orderBy(desc(trainingRuns.createdAt))
    .limit(50);
}

/** A queued or running run created after `since` (older ones died with their process). */
export async function findActiveTrainingRun(
  db: DbOrTx,
  organizationId: string,
  since: Date,
): Promise<TrainingRunRow | undefined> {
  const [row] = await db
    .select()
    .from(trainingRuns)
    .where(
      and(
        eq(trainingRuns.organizationId, organizationId),
        inArray(trainingRuns.state, ['queued', 'running']),
        gte(trainingRuns.createdAt, since),
      ),
    )
    .limit(1);
  return row;
}

export async function insertTrainingRun(
  db: DbOrTx,
  values: typeof trainingRuns.$inferInsert,
): Promise<TrainingRunRow> {
  const [row] = await db.insert(trainingRuns).values(values).returning();
  return row as TrainingRunRow;
}

export async function updateTrainingRun(
  db: DbOrTx,
  id: string,
  values: Partial<typeof trainingRuns.$inferInsert>,
): Promise<void> {
  await db.update(trainingRuns).set(values).where(eq(trainingRuns.id, id));
}

export async function findPolicy(db: DbOrTx, organizationId: string): Promise<unknown | undefined> {
  const [row] = await db
    .select({ policy: riskActionPolicies.policy })
    .from(riskActionPolicies)
    .where(eq(riskActionPolicies.organizationId, organizationId));
  return row?.policy;
}

export async function upsertPolicy(
  db: DbOrTx,
  organizationId: string,
  policy: unknown,
  userId: string | null,
  now: Date,
): Promise<void> {
  await db
    .insert(riskActionPolicies)
    .values({ organizationId, policy, updatedBy: userId, updatedAt: now })
    .onConflictDoUpdate({
      target: riskActionPolicies.organizationId,
      set: { policy, updatedBy: userId, updatedAt: now },
    });
}

export async function upsertRiskScores(
  db: DbOrTx,
  rows: (typeof appointmentRiskScores.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(appointmentRiskScores)
    .values(rows)
    .onConflictDoUpdate({
      target: [appointmentRiskScores.organizationId, appointmentRiskScores.appointmentId],
      set: {
        score: sql`excluded.score`,
        band: sql`excluded.band`,
        factors: sql`excluded.factors`,
        modelVersionId: sql`excluded.model_version_id`,
        clinicId: sql`excluded.clinic_id`,
        computedAt: sql`excluded.computed_at`,
      },
    });
}

export async function findRiskScores(
  db: DbOrTx,
  organizationId: string,
  appointmentIds: string[],
): Promise<RiskScoreRow[]> {
  if (appointmentIds.length === 0) return [];
  return db
    .select()
    .from(appointmentRiskScores)
    .where(
      and(
        eq(appointmentRiskScores.organizationId, organizationId),
        inArray(appointmentRiskScores.appointmentId, appointmentIds),
      ),
    );
}

/** Planned actions are written once per (appointment, action): re-scoring never re-draws the group. */
export async function insertRiskActions(
  db: DbOrTx,
  rows: (typeof riskActions.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(riskActions).values(rows).onConflictDoNothing();
}

export async function findRiskActions(db: DbOrTx, organizationId: string, appointmentIds: string[]) {
  if (appointmentIds.length === 0) return [];
  return db
    .select()
    .from(riskActions)
    .where(
      and(eq(riskActions.organizationId, organizationId), inArray(riskActions.appointmentId, appointmentIds)),
    );
}

export async function lockRiskAction(
  db: DbOrTx,
  organizationId: string,
  id: string,
): Promise<RiskActionRow | undefined> {
  const [row] = await db
    .select()
    .from(riskActions)
    .where(and(eq(riskActions.organizationId, organizationId), eq(riskActions.id, id)))
    .for('update')
    .limit(1);
  return row;
}

/** Settles a still-open action (planned); a withheld, done or dismissed one is left as it is. */
export async function updateRiskAction(
  db: DbOrTx,
  organizationId: string,
  target: { id: string } | { appointmentId: string; action: string },
  values: Pick<typeof riskActions.$inferInsert, 'status' | 'detail' | 'doneBy' | 'doneAt'>,
): Promise<RiskActionRow | undefined> {
  const [row] = await db
    .update(riskActions)
    .set(values)
    .where(
      and(
        eq(riskActions.organizationId, organizationId),
        eq(riskActions.status, 'planned'),
        ...('id' in target
          ? [eq(riskActions.id, target.id)]
          : [eq(riskActions.appointmentId, target.appointmentId), eq(riskActions.action, target.action)]),
      ),
    )
    .returning();
  return row;
}

export async function setActionOutcome(
  db: DbOrTx,
  organizationId: string,
  appointmentId: string,
  outcome: string,
  at: Date,
): Promise<void> {
  await db
    .update(riskActions)
    .set({ outcome, outcomeAt: at })
    .where(and(eq(riskActions.organizationId, organizationId), eq(riskActions.appointmentId, appointmentId)));
}

/** No-show rate per action and group, over appointments whose outcome is attended or no-show. */
export async function actionComparison(db: DbOrTx, organizationId: string) {
  return db
    .select({
      action: riskActions.action,
      assignment: riskActions.assignment,
      appointments: sql<number>`count(*)::int`,
      noShows: sql<number>`count(*) filter (where ${riskActions.outcome} = 'no_show')::int`,
    })
    .from(riskActions)
    .where(
      and(
        eq(riskActions.organizationId, organizationId),
        inArray(riskActions.outcome, ['attended', 'no_show']),
      ),
    )
    .groupBy(riskActions.action, riskActions.assignment);
}

/**
 * Organisations whose newest model version is older than `before` (or that have none) and that
 * have no training queued or running. Cross-tenant: only for the scheduled retraining job (withSystem).
 */
export async function findOrganizationsDueForRetraining(
  db: DbOrTx,
  before: Date,
  staleBefore: Date,
): Promise<string[]> {
  const rows = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(
      sql`not exists (select 1 from ${modelVersions} v where v.organization_id = ${organizations.id} and v.created_at >= ${before})
      and not exists (select 1 from ${trainingRuns} r where r.organization_id = ${organizations.id} and r.state in ('queued', 'running') and r.created_at >= ${staleBefore})`,
    );
  return rows.map((r) => r.id);
}
