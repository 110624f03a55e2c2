import { createHash } from 'node:crypto';
import {
  DEFAULT_RISK_ACTION_POLICY,
  RISK_ACTIONS,
  type TActionComparisonRow,
  type TModelVersion,
  type TRiskAction,
  type TRiskActionItem,
  type TRiskActionPolicy,
  type TRiskBand,
  type TRiskFactor,
  type TTrainingRun,
  ZRiskActionPolicy,
} from '@clinia/contracts';
import type { Tx } from '../../db/client';
import { auditActor, auditOrigin, recordActorAudit, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { withSystem, withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { explainScore } from './explain';
import { fitBaseRates, leadTimeBand, PRIOR_BAND_RATES } from './fallback';
import {
  expectedNoShows,
  FEATURE_SCHEMA_VERSION,
  featuresAt,
  indexHistory,
  type OutcomeTotals,
  withOutcomeTotals,
} from './features';
import { type AppointmentHistoryRecord, type AppointmentStatus, knownAt } from './history';
import type { NoShowModel } from './model';
import { scoreRow } from './model';
import { clinicNotFound, trainingAlreadyRunning } from './prediction.errors';
import * as q from './prediction.queries';
import { trainInWorker } from './training-thread';

/**
 * No-show prediction use cases: training runs (background, with progress) that produce model
 * versions and promote them only when not worse on a recent holdout, scoring of appointments with
 * explanations, the action policy by risk band and the treated-vs-holdout comparison.
 *
 * Appointments live in the scheduling module. It feeds this module plain appointment-history records:
 * `scoreAppointments(tx, …)` inside its own transaction when inputs change, and a history source
 * (`registerAppointmentHistorySource`) that training reads from. Until one is registered, training
 * sees no history and the fallback (base rates by lead-time band) is what a version holds.
 */

// ─── History source (scheduling registers it) ─────────────────────────────────

export type AppointmentHistorySource = (
  tx: Tx,
  organizationId: string,
  clinicId: string | null,
) => Promise<AppointmentHistoryRecord[]>;

let historySource: AppointmentHistorySource = async () => [];

export function registerAppointmentHistorySource(source: AppointmentHistorySource): void {
  historySource = source;
}

// ─── Policy ───────────────────────────────────────────────────────────────────

async function readPolicy(tx: Tx, organizationId: string): Promise<TRiskActionPolicy> {
  const stored = await q.findPolicy(tx, organizationId);
  const parsed = ZRiskActionPolicy.safeParse(stored);
  return parsed.success ? parsed.data : DEFAULT_RISK_ACTION_POLICY;
}

/** The organisation's action policy inside the caller's transaction (default until one is saved). */
export const riskPolicyInTx = readPolicy;

export async function getRiskActionPolicy(deps: ServiceDeps, actor: Actor): Promise<TRiskActionPolicy> {
  return withTenant(deps.database, actor.organizationId, (tx) => readPolicy(tx, actor.organizationId));
}

export async function saveRiskActionPolicy(
  deps: ServiceDeps,
  actor: Actor,
  policy: TRiskActionPolicy,
): Promise<TRiskActionPolicy> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    await q.upsertPolicy(tx, actor.organizationId, policy, actor.userId, now);
    await recordActorAudit(tx, deps, actor, {
      action: 'prediction.policy.update',
      entityType: 'risk_action_policy',
      entityId: actor.organizationId,
      changedFields: ['mediumFrom', 'highFrom', 'actions', 'holdoutPercent'],
      occurredAt: now,
    });
    return policy;
  });
}

export function bandOf(score: number, policy: TRiskActionPolicy): TRiskBand {
  if (score >= policy.highFrom) return 'alto';
  if (score >= policy.mediumFrom) return 'medio';
  return 'baixo';
}

/** Deterministic holdout draw: the same appointment always falls in the same group. */
export function inHoldout(appointmentId: string, holdoutPercent: number): boolean {
  const h = createHash('sha256').update(`noshow-holdout:${appointmentId}`).digest();
  return h.readUInt32BE(0) % 100 < holdoutPercent;
}

// ─── Scoring ──────────────────────────────────────────────────────────────────

export type AppointmentRiskScore = {
  appointmentId: string;
  score: number;
  band: TRiskBand;
  factors: TRiskFactor[];
  modelVersionId: string | null;
  computedAt: Date;
  actions: { action: TRiskAction; assignment: 'treated' | 'holdout' }[];
};

function priorModel(timeZone: string): NoShowModel {
  const rates = fitBaseRates([], []);
  return {
    featureSchemaVersion: FEATURE_SCHEMA_VERSION,
    timeZone,
    horizonHours: 24,
    vocabulary: { treatmentCategory: [], channel: [] },
    learner: rates,
    calibrator: { kind: 'none' },
    baseRates: rates,
  };
}

type LoadedModel = { id: string; model: NoShowModel } | null;

/**
 * Scores appointments inside the caller's transaction and stores the score, band, factors and model
 * version per appointment, then plans the policy's actions for its band (treated or holdout group).
 *
 * `facts` are plain appointment-history records: the appointments to score (status `scheduled`, or
 * those named in `appointmentIds`) and the clients' other appointments, which the features read.
 * Features are taken as known at `now` (never later facts), like training takes them at each
 * appointment's prediction instant.
 */
export async function scoreAppointments(
  tx: Tx,
  organizationId: string,
  facts: readonly AppointmentHistoryRecord[],
  options: {
    now: Date;
    appointmentIds?: readonly string[];
    /**
     * The unit and overall outcome totals known at `now` (see `outcomeTotalsFrom`). With them, `facts`
     * need hold only the scored clients' records: the unit rate features read the totals instead.
     */
    outcomeTotals?: { clinics: ReadonlyMap<string, OutcomeTotals>; all: OutcomeTotals };
  },
): Promise<AppointmentRiskScore[]> {
  const now = options.now;
  const wanted = options.appointmentIds ? new Set(options.appointmentIds) : null;
  const targets = facts.filter((r) =>
    wanted ? wanted.has(r.appointmentId) : knownAt(r, now)?.status === 'scheduled',
  );
  if (targets.length === 0) return [];
  const policy = await readPolicy(tx, organizationId);
  const models = new Map<string, LoadedModel>();
  const modelFor = async (clinicId: string): Promise<LoadedModel> => {
    if (!models.has(clinicId)) {
      const row = await q.findPromotedVersion(tx, organizationId, clinicId);
      const usable = row && (row.model as NoShowModel).featureSchemaVersion === FEATURE_SCHEMA_VERSION;
      models.set(clinicId, usable ? { id: row.id, model: row.model as NoShowModel } : null);
    }
    return models.get(clinicId) ?? null;
  };
  const indexes = new Map<string, ReturnType<typeof indexHistory>>();
  const out: AppointmentRiskScore[] = [];
  for (const record of targets) {
    const loaded = await modelFor(record.clinicId);
    const timeZone = loaded?.model.timeZone ?? 'America/Sao_Paulo';
    let index = indexes.get(timeZone);
    if (!index) {
      index = indexHistory(facts, timeZone);
      if (options.outcomeTotals) index = withOutcomeTotals(index, options.outcomeTotals);
      indexes.set(timeZone, index);
    }
    const at = new Date(
      Math.max(record.bookedAt.getTime(), Math.min(now.getTime(), record.startsAt.getTime())),
    );
    const row = featuresAt(index, { record, at }, timeZone);
    let score: number;
    let factors: TRiskFactor[];
    if (loaded) {
      score = scoreRow(loaded.model, row);
      factors = explainScore(loaded.model, row);
    } else {
      // No version yet: the documented prior band rates (fallback.ts).
      score = PRIOR_BAND_RATES[leadTimeBand(row.leadDays)];
      factors = explainScore(priorModel(timeZone), row);
    }
    const band = bandOf(score, policy);
    const assignment = inHoldout(record.appointmentId, policy.holdoutPercent) ? 'holdout' : 'treated';
    out.push({
      appointmentId: record.appointmentId,
      score,
      band,
      factors,
      modelVersionId: loaded?.id ?? null,
      computedAt: now,
      actions: policy.actions[band].map((action) => ({ action, assignment })),
    });
  }
  await q.upsertRiskScores(
    tx,
    out.map((s) => ({
      appointmentId: s.appointmentId,
      organizationId,
      clinicId: (targets.find((t) => t.appointmentId === s.appointmentId) as AppointmentHistoryRecord)
        .clinicId,
      score: s.score,
      band: s.band,
      factors: s.factors,
      modelVersionId: s.modelVersionId,
      computedAt: s.computedAt,
    })),
  );
  await q.insertRiskActions(
    tx,
    out.flatMap((s) =>
      s.actions.map((a) => ({
        organizationId,
        appointmentId: s.appointmentId,
        action: a.action,
        band: s.band,
        score: s.score,
        assignment: a.assignment,
        status: a.assignment === 'holdout' ? 'withheld' : 'planned',
        createdAt: now,
      })),
    ),
  );
  return out;
}

/** The band each of these appointments was last scored in (absent: never scored). */
export async function storedRiskBands(
  tx: Tx,
  organizationId: string,
  appointmentIds: string[],
): Promise<Map<string, TRiskBand>> {
  const rows = await q.findRiskScores(tx, organizationId, appointmentIds);
  return new Map(rows.map((r) => [r.appointmentId, r.band as TRiskBand]));
}

export type { OutcomeTotals } from './features';
export type { AppointmentHistoryRecord, BookingChannel } from './history';

/**
 * Totals for `scoreAppointments`' `outcomeTotals` from kept/missed counts grouped by unit and lead
 * days (an aggregate the caller runs), with the no-shows the prior band rates expect for that mix.
 */
export function outcomeTotalsFrom(
  rows: readonly { clinicId: string; leadDays: number; n: number; noShows: number }[],
): { clinics: Map<string, OutcomeTotals>; all: OutcomeTotals } {
  const clinics = new Map<string, OutcomeTotals>();
  const all: OutcomeTotals = { n: 0, noShows: 0, expected: 0 };
  for (const r of rows) {
    const t = clinics.get(r.clinicId) ?? { n: 0, noShows: 0, expected: 0 };
    const expected = expectedNoShows(r.leadDays, r.n);
    t.n += r.n;
    t.noShows += r.noShows;
    t.expected += expected;
    clinics.set(r.clinicId, t);
    all.n += r.n;
    all.noShows += r.noShows;
    all.expected += expected;
  }
  return { clinics, all };
}

// ─── Planned actions ──────────────────────────────────────────────────────────

export type RiskActionRecord = TRiskActionItem & {
  appointmentId: string;
  band: TRiskBand;
  doneAt: Date | null;
};

function toRiskAction(row: q.RiskActionRow): RiskActionRecord {
  return {
    id: row.id,
    appointmentId: row.appointmentId,
    action: row.action as TRiskAction,
    assignment: row.assignment as 'treated' | 'holdout',
    status: (row.status === 'skipped' ? 'dismissed' : row.status) as TRiskActionItem['status'],
    detail: row.detail,
    band: row.band as TRiskBand,
    doneAt: row.doneAt,
  };
}

/** The actions planned for these appointments (all bands they were ever scored in), oldest first, in the policy's order. */
export async function riskActionsFor(
  tx: Tx,
  organizationId: string,
  appointmentIds: string[],
): Promise<RiskActionRecord[]> {
  const order = (action: string) => RISK_ACTIONS.indexOf(action as TRiskAction);
  return (await q.findRiskActions(tx, organizationId, appointmentIds))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || order(a.action) - order(b.action))
    .map(toRiskAction);
}

export async function lockRiskAction(
  tx: Tx,
  organizationId: string,
  actionId: string,
): Promise<RiskActionRecord | null> {
  const row = await q.lockRiskAction(tx, organizationId, actionId);
  return row ? toRiskAction(row) : null;
}

/** Marks an action done or dismissed, with its pt-BR detail and who did it (null: the system). */
export async function settleRiskAction(
  tx: Tx,
  organizationId: string,
  target: { id: string } | { appointmentId: string; action: TRiskAction },
  change: { status: 'done' | 'dismissed'; detail: string; by: string | null; at: Date },
): Promise<RiskActionRecord | null> {
  const row = await q.updateRiskAction(tx, organizationId, target, {
    status: change.status,
    detail: change.detail,
    doneBy: change.by,
    doneAt: change.at,
  });
  return row ? toRiskAction(row) : null;
}

/** Records the outcome of an appointment on its planned actions (scheduling calls it on check-in / no-show). */
export async function recordAppointmentOutcome(
  tx: Tx,
  organizationId: string,
  appointmentId: string,
  outcome: Extract<AppointmentStatus, 'attended' | 'no_show' | 'cancelled' | 'late_cancellation'>,
  at: Date,
): Promise<void> {
  await q.setActionOutcome(tx, organizationId, appointmentId, outcome, at);
}

export async function getActionComparison(deps: ServiceDeps, actor: Actor): Promise<TActionComparisonRow[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await q.actionComparison(tx, actor.organizationId);
    const actions = [...new Set(rows.map((r) => r.action))].sort() as TRiskAction[];
    const group = (action: string, assignment: string) => {
      const r = rows.find((x) => x.action === action && x.assignment === assignment);
      const appointments = r?.appointments ?? 0;
      const noShows = r?.noShows ?? 0;
      return { appointments, noShows, rate: appointments === 0 ? null : noShows / appointments };
    };
    return actions.map((action) => ({
      action,
      treated: group(action, 'treated'),
      holdout: group(action, 'holdout'),
    }));
  });
}

// ─── Versions and training runs ───────────────────────────────────────────────

type StoredMetrics = {
  nTrain?: number;
  holdoutFrom?: string | null;
  holdout?: TModelVersion['holdout'];
  comparedWith?: TModelVersion['comparedWith'];
  calibration?: TModelVersion['calibration'];
};

function toModelVersion(row: q.ModelVersionRow): TModelVersion {
  const m = row.metrics as StoredMetrics;
  return {
    id: row.id,
    version: row.version,
    clinicId: row.clinicId,
    method: row.method as TModelVersion['method'],
    status: row.status as TModelVersion['status'],
    featureSchemaVersion: row.featureSchemaVersion,
    windowFrom: row.windowFrom?.toISOString() ?? null,
    windowTo: row.windowTo?.toISOString() ?? null,
    nTrain: m.nTrain ?? 0,
    holdoutFrom: m.holdout ? (m.holdoutFrom ?? null) : null,
    holdout: m.holdout ?? null,
    comparedWith: m.comparedWith ?? null,
    calibration: m.calibration ?? [],
    createdAt: row.createdAt.toISOString(),
    promotedAt: row.promotedAt?.toISOString() ?? null,
  };
}

function toTrainingRun(row: q.TrainingRunRow): TTrainingRun {
  return {
    id: row.id,
    state: row.state as TTrainingRun['state'],
    phase: row.phase,
    progress: row.progress,
    trigger: row.trigger as TTrainingRun['trigger'],
    decision: row.decision as TTrainingRun['decision'],
    modelVersionId: row.modelVersionId,
    errorCode: row.errorCode,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

export async function listModelVersions(deps: ServiceDeps, actor: Actor): Promise<TModelVersion[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    (await q.findModelVersions(tx, actor.organizationId)).map(toModelVersion),
  );
}

export async function listTrainingRuns(deps: ServiceDeps, actor: Actor): Promise<TTrainingRun[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    (await q.findTrainingRuns(tx, actor.organizationId)).map(toTrainingRun),
  );
}

const jobs = new Map<string, Promise<void>>();

/** What training needs of the service deps (the demo seed trains too, outside any request). */
export type TrainingDeps = Pick<ServiceDeps, 'database' | 'clock' | 'logger'> &
  Partial<Pick<ServiceDeps, 'requestId' | 'ip' | 'userAgent'>>;

/** A run still queued or running after this long died with its process (restart, crash) and blocks nothing. */
const STALE_RUN_MS = 2 * 3_600_000;
const staleRunCutoff = (now: Date) => new Date(now.getTime() - STALE_RUN_MS);

/** Resolves when a background training run has finished (tests, CLI). */
export function trainingSettled(runId: string): Promise<void> {
  return jobs.get(runId) ?? Promise.resolve();
}

/**
 * Queues a training run and starts it in the background of this process. The run's row carries
 * state, phase and progress; the promotion decision is recorded on it when done.
 */
export async function startTraining(
  deps: TrainingDeps,
  actor: Actor | null,
  input: { organizationId: string; clinicId: string | null; trigger: 'manual' | 'scheduled' },
): Promise<TTrainingRun> {
  const now = deps.clock.now();
  const run = await withTenant(deps.database, input.organizationId, async (tx) => {
    if (input.clinicId && !(await q.findClinic(tx, input.organizationId, input.clinicId)))
      throw clinicNotFound();
    if (await q.findActiveTrainingRun(tx, input.organizationId, staleRunCutoff(now)))
      throw trainingAlreadyRunning();
    const row = await q.insertTrainingRun(tx, {
      organizationId: input.organizationId,
      clinicId: input.clinicId,
      trigger: input.trigger,
      requestedBy: actor?.userId ?? null,
      createdAt: now,
    });
    if (actor)
      await recordAudit(tx, {
        organizationId: input.organizationId,
        action: 'prediction.training.start',
        entityType: 'training_run',
        entityId: row.id,
        actor: auditActor(actor),
        origin: auditOrigin(deps),
        occurredAt: now,
      });
    return row;
  });
  const job = new Promise<void>((resolve) => {
    setImmediate(() => {
      runTraining(deps, input.organizationId, run.id).finally(() => {
        jobs.delete(run.id);
        resolve();
      });
    });
  });
  jobs.set(run.id, job);
  return toTrainingRun(run);
}

async function runTraining(deps: TrainingDeps, organizationId: string, runId: string): Promise<void> {
  const progress = (phase: string, value: number) =>
    withTenant(deps.database, organizationId, (tx) =>
      q.updateTrainingRun(tx, runId, { phase, progress: value }),
    );
  try {
    const loaded = await withTenant(deps.database, organizationId, async (tx) => {
      const run = (await q.findTrainingRuns(tx, organizationId)).find((r) => r.id === runId);
      if (!run) throw new Error('training run vanished');
      await q.updateTrainingRun(tx, runId, {
        state: 'running',
        phase: 'loading',
        progress: 0.05,
        startedAt: deps.clock.now(),
      });
      const clinic = await q.findClinic(tx, organizationId, run.clinicId);
      const history = await historySource(tx, organizationId, run.clinicId);
      const incumbent = await q.findPromotedVersion(tx, organizationId, run.clinicId);
      return { run, timeZone: clinic?.timeZone ?? 'America/Sao_Paulo', history, incumbent };
    });
    await progress('fitting', 0.1);
    // CPU-bound for seconds: off this thread, so the clinic's requests keep being answered. The fit's
    // own progress (0…1) fills 0.1…0.9 of the run's, written one after the other.
    let written = Promise.resolve();
    const result = await trainInWorker(
      {
        history: loaded.history,
        timeZone: loaded.timeZone,
        incumbent:
          loaded.incumbent &&
          (loaded.incumbent.model as NoShowModel).featureSchemaVersion === FEATURE_SCHEMA_VERSION
            ? { version: loaded.incumbent.version, model: loaded.incumbent.model as NoShowModel }
            : null,
      },
      (fraction) => {
        written = written.then(() => progress('fitting', 0.1 + 0.8 * fraction)).catch(() => undefined);
      },
    );
    await written;
    await progress('evaluating', 0.9);
    await withTenant(deps.database, organizationId, async (tx) => {
      const now = deps.clock.now();
      const promote = result.decision !== 'kept_previous';
      if (promote) await q.retirePromoted(tx, organizationId, loaded.run.clinicId, now);
      const version = await q.insertModelVersion(tx, {
        organizationId,
        clinicId: loaded.run.clinicId,
        version: await q.nextVersionNumber(tx, organizationId),
        trainingRunId: runId,
        method: result.summary.method,
        windowFrom: result.summary.windowFrom,
        windowTo: result.summary.windowTo,
        featureSchemaVersion: result.model.featureSchemaVersion,
        metrics: {
          nTrain:
            result.summary.nFit +
            (result.summary.calibrationWindow === 'crossfit' ? 0 : result.summary.nCalibration),
          training: result.summary.calibrationMetrics,
          holdoutFrom: result.holdoutFrom?.toISOString() ?? null,
          holdout: result.holdout,
          comparedWith: result.comparedWith,
          calibration: result.calibration,
        },
        status: promote ? 'promoted' : 'candidate',
        model: result.model,
        createdAt: now,
        promotedAt: promote ? now : null,
      });
      await q.updateTrainingRun(tx, runId, {
        state: 'succeeded',
        phase: 'done',
        progress: 1,
        decision: result.decision,
        modelVersionId: version.id,
        finishedAt: now,
      });
    });
  } catch (error) {
    deps.logger.error({ err: error, runId }, 'no-show training failed');
    await withTenant(deps.database, organizationId, (tx) =>
      q.updateTrainingRun(tx, runId, {
        state: 'failed',
        phase: 'done',
        errorCode: 'TRAINING_FAILED',
        finishedAt: deps.clock.now(),
      }),
    ).catch(() => {});
  }
}

/** Scheduled retraining: a version older than this is retrained (weekly, like a clinic's agenda cycle). */
export const RETRAIN_AFTER_DAYS = 7;

/**
 * Starts a scheduled training run for every organisation whose newest version is older than
 * RETRAIN_AFTER_DAYS and that has appointment history; runs one after the other (each is CPU-bound).
 */
export async function retrainDueModels(deps: TrainingDeps): Promise<{ started: number }> {
  const before = new Date(deps.clock.now().getTime() - RETRAIN_AFTER_DAYS * 86_400_000);
  // Cross-tenant by nature: which organisations are due is not any one tenant's data.
  const due = await withSystem(deps.database, (tx) =>
    q.findOrganizationsDueForRetraining(tx, before, staleRunCutoff(deps.clock.now())),
  );
  let started = 0;
  for (const organizationId of due) {
    const hasHistory = await withTenant(deps.database, organizationId, async (tx) => {
      return (await historySource(tx, organizationId, null)).length > 0;
    });
    if (!hasHistory) continue;
    const run = await startTraining(deps, null, { organizationId, clinicId: null, trigger: 'scheduled' });
    started++;
    await trainingSettled(run.id);
  }
  return { started };
}
