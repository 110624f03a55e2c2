import type {
  TDeliveryDashboard,
  TMessageStatus,
  TMessageSummary,
  TMessageTimeline,
  TReminderPlan,
  TSaveTemplateInput,
  TTemplate,
} from '@clinia/contracts';
import { recordActorAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/authz/permissions';
import { withTenant } from '../../platform/tenancy/tenancy';
import type { ServiceDeps } from '../../trpc/context';
import { getClinicForMessaging } from '../organizations/organizations.service';
import {
  clinicNotInOrganization,
  messageNotFound,
  messageNotRetriable,
  templateNotFound,
  templateVariableInvalid,
} from './messaging.errors';
import {
  confirmationFigures,
  countByStatus,
  findAppointmentInbound,
  findAppointmentMessages,
  findClientInbound,
  findClientMessages,
  findOutboxById,
  findOutboxPage,
  findReminderPlan,
  findStatusEvents,
  findTemplate,
  findTemplates,
  insertTemplates,
  type OutboxRow,
  requeueMessage,
  updateTemplateRow,
  upsertReminderPlan,
} from './messaging.queries';
import { DEFAULT_PLAN } from './outbox';
import { DEFAULT_TEMPLATES } from './templates';

/**
 * The messaging screens' services: timelines per client and per appointment, the template editor,
 * the delivery dashboard, the outbox/dead-letter view with requeue, and the clinic's reminder plan.
 * Lists carry kinds, statuses and times, never the sealed text or the recipient.
 */
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toSummary(row: OutboxRow): TMessageSummary {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel as 'whatsapp' | 'email',
    status: row.status as TMessageStatus,
    purpose: row.purpose as 'care' | 'marketing',
    clientId: row.clientId,
    appointmentId: row.appointmentId,
    dueAt: row.dueAt.toISOString(),
    sentAt: iso(row.sentAt),
    deliveredAt: iso(row.deliveredAt),
    readAt: iso(row.readAt),
    failedAt: iso(row.failedAt),
    attempts: row.attempts,
    lastError: row.lastError,
    consentVersion: row.consentVersion,
    updatedAt: row.updatedAt.toISOString(),
  };
}

type InboundRow = Awaited<ReturnType<typeof findClientInbound>>[number];
const toInbound = (row: InboundRow) => ({
  id: row.id,
  channel: row.channel,
  intent: row.intent as 'confirm' | 'cancel' | 'stop' | 'other',
  outcome: row.outcome,
  appointmentId: row.appointmentId,
  receivedAt: row.receivedAt.toISOString(),
});

async function withEvents(tx: Parameters<typeof findStatusEvents>[0], rows: OutboxRow[]) {
  const events = await findStatusEvents(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    ...toSummary(row),
    events: events
      .filter((e) => e.messageId === row.id)
      .map((e) => ({ status: e.status, occurredAt: e.occurredAt.toISOString() })),
  }));
}

export async function clientTimeline(
  deps: ServiceDeps,
  actor: Actor,
  input: { clientId: string; limit: number },
): Promise<TMessageTimeline> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await findClientMessages(tx, input.clientId, input.limit);
    const replies = await findClientInbound(tx, input.clientId, input.limit);
    return { messages: await withEvents(tx, rows), replies: replies.map(toInbound) };
  });
}

export async function appointmentTimeline(
  deps: ServiceDeps,
  actor: Actor,
  input: { appointmentId: string },
): Promise<TMessageTimeline> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const rows = await findAppointmentMessages(tx, input.appointmentId);
    const replies = await findAppointmentInbound(tx, input.appointmentId);
    return { messages: await withEvents(tx, rows), replies: replies.map(toInbound) };
  });
}

/** Every template key × channel: the organisation's text when changed, otherwise the default. */
export async function listTemplates(deps: ServiceDeps, actor: Actor): Promise<TTemplate[]> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const stored = await findTemplates(tx, actor.organizationId);
    const result: TTemplate[] = [];
    for (const def of DEFAULT_TEMPLATES) {
      for (const channel of ['whatsapp', 'email'] as const) {
        const row = stored.find((s) => s.key === def.key && s.channel === channel);
        result.push({
          id: row?.id ?? null,
          key: def.key,
          channel,
          category: def.category,
          providerTemplateName:
            channel === 'whatsapp' ? (row?.providerTemplateName ?? def.whatsapp.name) : null,
          subject: channel === 'email' ? (row?.subject ?? def.email.subject) : null,
          body: row?.body ?? (channel === 'whatsapp' ? def.whatsapp.body : def.email.body),
          variables: def.variables,
          version: row?.version ?? 0,
          isDefault: !row,
        });
      }
    }
    return result;
  });
}

function checkVariables(text: string | null, max: number, field: 'body' | 'subject') {
  for (const match of (text ?? '').matchAll(/\{\{(\d+)\}\}/g)) {
    const n = Number(match[1]);
    if (n < 1 || n > max) throw templateVariableInvalid(field, max);
  }
}

export async function saveTemplate(
  deps: ServiceDeps,
  actor: Actor,
  input: TSaveTemplateInput,
): Promise<TTemplate> {
  const def = DEFAULT_TEMPLATES.find((t) => t.key === input.key);
  if (!def) throw templateNotFound();
  checkVariables(input.body, def.variables.length, 'body');
  if (input.channel === 'email') checkVariables(input.subject, def.variables.length, 'subject');
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    const existing = await findTemplate(tx, actor.organizationId, input.key, input.channel);
    const subject = input.channel === 'email' ? (input.subject ?? def.email.subject) : null;
    if (existing) {
      await updateTemplateRow(tx, existing.id, {
        body: input.body,
        subject,
        version: existing.version + 1,
        updatedBy: actor.userId,
        updatedAt: now,
      });
    } else {
      await insertTemplates(tx, [
        {
          organizationId: actor.organizationId,
          key: input.key,
          channel: input.channel,
          category: def.category,
          providerTemplateName: input.channel === 'whatsapp' ? def.whatsapp.name : null,
          subject,
          body: input.body,
          variables: def.variables,
          version: 1,
          updatedBy: actor.userId,
          updatedAt: now,
        },
      ]);
    }
    await recordActorAudit(tx, deps, actor, {
      action: 'message_template.update',
      entityType: 'message_template',
      entityId: `${input.key}:${input.channel}`,
      changedFields: input.channel === 'email' ? ['subject', 'body'] : ['body'],
      occurredAt: now,
    });
  });
  const all = await listTemplates(deps, actor);
  const saved = all.find((t) => t.key === input.key && t.channel === input.channel);
  if (!saved) throw templateNotFound();
  return saved;
}

const SENT = new Set(['accepted', 'sent', 'delivered', 'read']);

export async function deliveryDashboard(
  deps: ServiceDeps,
  actor: Actor,
  input: { from: string; to: string },
): Promise<TDeliveryDashboard> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const byStatus = await countByStatus(tx, actor.organizationId, from, to);
    const sum = (pred: (s: string) => boolean) =>
      byStatus.filter((r) => pred(r.status)).reduce((n, r) => n + r.n, 0);
    const figures = await confirmationFigures(tx, actor.organizationId, from, to);
    return {
      byStatus: byStatus.map((r) => ({ status: r.status, channel: r.channel, count: r.n })),
      totals: {
        // Each later status implies the earlier ones: a read message was also sent and delivered.
        sent: sum((s) => SENT.has(s)),
        delivered: sum((s) => s === 'delivered' || s === 'read'),
        read: sum((s) => s === 'read'),
        failed: sum((s) => s === 'failed' || s === 'dead'),
        pending: sum((s) => s === 'queued' || s === 'sending'),
        skipped: sum((s) => s === 'skipped' || s === 'cancelled'),
      },
      confirmation: {
        requested: figures.requested,
        confirmed: figures.confirmed,
        rate: figures.requested > 0 ? figures.confirmed / figures.requested : null,
      },
    };
  });
}

export async function listOutbox(
  deps: ServiceDeps,
  actor: Actor,
  input: { view: 'dead_letters' | 'pending'; limit: number },
): Promise<TMessageSummary[]> {
  const statuses = input.view === 'dead_letters' ? ['dead', 'failed'] : ['queued', 'sending'];
  return withTenant(deps.database, actor.organizationId, async (tx) =>
    (await findOutboxPage(tx, actor.organizationId, statuses, input.limit)).map(toSummary),
  );
}

/** Puts a failed or dead message back in the queue with a fresh attempt budget; audited. */
export async function retryMessage(
  deps: ServiceDeps,
  actor: Actor,
  input: { id: string },
): Promise<TMessageSummary> {
  const now = deps.clock.now();
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    const row = await findOutboxById(tx, input.id);
    if (!row) throw messageNotFound();
    if (!(await requeueMessage(tx, input.id, now))) throw messageNotRetriable();
    await recordActorAudit(tx, deps, actor, {
      action: 'message.retry',
      entityType: 'outbox_message',
      entityId: input.id,
      changedFields: ['status', 'attempts', 'nextAttemptAt'],
      occurredAt: now,
    });
    const updated = await findOutboxById(tx, input.id);
    if (!updated) throw messageNotFound();
    return toSummary(updated);
  });
}

export async function getReminderPlan(
  deps: ServiceDeps,
  actor: Actor,
  input: { clinicId: string },
): Promise<TReminderPlan> {
  return withTenant(deps.database, actor.organizationId, async (tx) => {
    if (!(await getClinicForMessaging(tx, input.clinicId))) throw clinicNotInOrganization();
    const row = await findReminderPlan(tx, input.clinicId);
    const plan = row ?? DEFAULT_PLAN;
    return {
      clinicId: input.clinicId,
      reminderHours: [...plan.reminderHours].sort((a, b) => b - a),
      highRiskConfirmationHours: plan.highRiskConfirmationHours,
      postCareDelayHours: plan.postCareDelayHours,
      followUpDays: plan.followUpDays,
      waitlistHoldMinutes: plan.waitlistHoldMinutes,
      quietStart: plan.quietStart,
      quietEnd: plan.quietEnd,
      isDefault: !row,
    };
  });
}

export async function saveReminderPlan(
  deps: ServiceDeps,
  actor: Actor,
  input: Omit<TReminderPlan, 'isDefault'>,
): Promise<TReminderPlan> {
  const now = deps.clock.now();
  await withTenant(deps.database, actor.organizationId, async (tx) => {
    if (!(await getClinicForMessaging(tx, input.clinicId))) throw clinicNotInOrganization();
    await upsertReminderPlan(tx, {
      clinicId: input.clinicId,
      organizationId: actor.organizationId,
      reminderHours: [...new Set(input.reminderHours)].sort((a, b) => b - a),
      highRiskConfirmationHours: input.highRiskConfirmationHours,
      postCareDelayHours: input.postCareDelayHours,
      followUpDays: input.followUpDays,
      waitlistHoldMinutes: input.waitlistHoldMinutes,
      quietStart: input.quietStart,
      quietEnd: input.quietEnd,
      updatedBy: actor.userId,
      updatedAt: now,
    });
    await recordActorAudit(tx, deps, actor, {
      action: 'reminder_plan.update',
      entityType: 'clinic',
      entityId: input.clinicId,
      changedFields: ['reminderHours', 'highRiskConfirmationHours', 'quietStart', 'quietEnd'],
      occurredAt: now,
    });
  });
  return getReminderPlan(deps, actor, { clinicId: input.clinicId });
}

export {
  anonymiseClientMessages,
  type ClientMessagesExport,
  readClientMessagesForExport,
} from './messaging.lgpd';
// Writing to the outbox inside the caller's own transaction (booking, cancellation, waitlist offer).
export { enqueueForEvent, type MessagingEvent } from './outbox';
// Other modules call messaging only through this service (dependency rule): the schedule functions.
export {
  type AppointmentFacts,
  highRiskConfirmationFor,
  requestConfirmationNowInTx,
  type ScheduleDeps,
  type SessionFacts,
  scheduleFollowUpInTx,
  schedulePostCareInTx,
  scheduleRemindersInTx,
} from './schedules';
