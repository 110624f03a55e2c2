import { and, desc, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  inboundMessages,
  messageStatusEvents,
  messageTemplates,
  outboxMessages,
  reminderPlans,
} from '../../db/schema';

export type OutboxRow = typeof outboxMessages.$inferSelect;
export type TemplateRow = typeof messageTemplates.$inferSelect;
export type ReminderPlanRow = typeof reminderPlans.$inferSelect;

/** Inserts unless the idempotency key exists; returns the new id or null when it was a repeat. */
export async function insertOutboxMessage(
  db: DbOrTx,
  row: typeof outboxMessages.$inferInsert,
): Promise<string | null> {
  const [inserted] = await db
    .insert(outboxMessages)
    .values(row)
    .onConflictDoNothing({ target: [outboxMessages.organizationId, outboxMessages.idempotencyKey] })
    .returning({ id: outboxMessages.id });
  return inserted?.id ?? null;
}

/** Queued messages about an appointment are superseded (cancelled or moved). */
export async function cancelQueuedForAppointment(
  db: DbOrTx,
  appointmentId: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'cancelled', lastError: 'consulta_alterada', updatedAt: now })
    .where(and(eq(outboxMessages.appointmentId, appointmentId), eq(outboxMessages.status, 'queued')))
    .returning({ id: outboxMessages.id });
  return rows.length;
}

export async function cancelQueuedForClientChannel(
  db: DbOrTx,
  clientId: string,
  channel: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(outboxMessages)
    .set({ status: 'skipped', lastError: 'consentimento_revogado', updatedAt: now })
    .where(
      and(
        eq(outboxMessages.clientId, clientId),
        eq(outboxMessages.channel, channel),
        eq(outboxMessages.status, 'queued'),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length;
}

/**
 * Claims due messages for one worker: in-flight ones whose lease ran out (their worker died) first,
 * then queued ones whose time has come, oldest due first. SKIP LOCKED lets several workers claim side
 * by side without waiting. Two statements instead of one `or`: each side then walks the
 * (status, next_attempt_at) index and stops at the limit, where the `or` made PostgreSQL read every
 * due row and sort them on each claim (100k rows in a morning burst).
 */
export async function claimDueMessages(
  db: DbOrTx,
  input: { now: Date; limit: number; owner: string; leaseMs: number },
): Promise<OutboxRow[]> {
  const claim = (where: SQL, order: SQL, limit: number) =>
    db
      .update(outboxMessages)
      .set({
        status: 'sending',
        leaseOwner: input.owner,
        leaseExpiresAt: new Date(input.now.getTime() + input.leaseMs),
        attempts: sql`${outboxMessages.attempts} + 1`,
        updatedAt: input.now,
      })
      .where(
        inArray(
          outboxMessages.id,
          db
            .select({ id: outboxMessages.id })
            .from(outboxMessages)
            .where(where)
            .orderBy(order)
            .limit(limit)
            .for('update', { skipLocked: true }),
        ),
      )
      .returning();
  const expired = await claim(
    and(eq(outboxMessages.status, 'sending'), lte(outboxMessages.leaseExpiresAt, input.now)) as SQL,
    sql`${outboxMessages.leaseExpiresAt}`,
    input.limit,
  );
  if (expired.length >= input.limit) return expired;
  const due = await claim(
    and(eq(outboxMessages.status, 'queued'), lte(outboxMessages.nextAttemptAt, input.now)) as SQL,
    sql`${outboxMessages.nextAttemptAt}`,
    input.limit - expired.length,
  );
  return [...expired, ...due];
}

/** What the provider answered for one claimed message, to record in bulk. */
export type AcceptedRecord = {
  id: string;
  providerMessageId: string;
  sentAt: Date;
  consentEventId: string;
  consentVersion: number;
};

/**
 * Records provider acceptances in one statement, fenced like updateClaimedMessage: only rows still
 * `sending` under this worker's lease change (a row another worker took over keeps that worker's
 * result). Returns the ids recorded.
 */
export async function recordAcceptedMessages(
  db: DbOrTx,
  owner: string,
  records: AcceptedRecord[],
): Promise<string[]> {
  if (records.length === 0) return [];
  const values = sql.join(
    records.map(
      (r) =>
        sql`(${r.id}::uuid, ${r.providerMessageId}::text, ${r.sentAt.toISOString()}::timestamptz, ${r.consentEventId}::uuid, ${r.consentVersion}::integer)`,
    ),
    sql`, `,
  );
  const result = (await db.execute(sql`update ${outboxMessages} as o
      set status = 'accepted', provider_message_id = v.provider_message_id, sent_at = v.sent_at,
        consent_event_id = v.consent_event_id, consent_version = v.consent_version, last_error = null,
        updated_at = v.sent_at, lease_owner = null, lease_expires_at = null
      from (values ${values}) as v(id, provider_message_id, sent_at, consent_event_id, consent_version)
      where o.id = v.id and o.lease_owner = ${owner} and o.status = 'sending'
      returning o.id`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => r.id);
}

/** Updates a claimed message only while this worker still holds its lease (fencing a stale worker). */
export async function updateClaimedMessage(
  db: DbOrTx,
  id: string,
  owner: string,
  values: Partial<typeof outboxMessages.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(outboxMessages)
    .set({ ...values, leaseOwner: null, leaseExpiresAt: null })
    .where(
      and(
        eq(outboxMessages.id, id),
        eq(outboxMessages.leaseOwner, owner),
        eq(outboxMessages.status, 'sending'),
      ),
    )
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

export async function findOutboxById(db: DbOrTx, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id)).limit(1);
  return row;
}

export async function findOutboxByProviderId(db: DbOrTx, providerMessageId: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.providerMessageId, providerMessageId))
    .limit(1);
  return row;
}

export async function findLatestOutboundToRecipient(db: DbOrTx, recipientIndex: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipientIndex, recipientIndex), eq(outboxMessages.channel, 'whatsapp')))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  return row;
}

export async function updateOutboxMessage(
  db: DbOrTx,
  id: string,
  values: Partial<typeof outboxMessages.$inferInsert>,
): Promise<void> {
  await db.update(outboxMessages).set(values).where(eq(outboxMessages.id, id));
}

/** Records a callback once per (provider id, status); false when it was a duplicate. */
export async function insertStatusEvent(
  db: DbOrTx,
  row: typeof messageStatusEvents.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(messageStatusEvents)
    .values(row)
    .onConflictDoNothing({ target: [messageStatusEvents.providerMessageId, messageStatusEvents.status] })
    .returning({ id: messageStatusEvents.id });
  return rows.length > 0;
}

export async function insertInbound(
  db: DbOrTx,
  row: typeof inboundMessages.$inferInsert,
): Promise<string | null> {
  const [inserted] = await db
    .insert(inboundMessages)
    .values(row)
    .onConflictDoNothing({ target: inboundMessages.providerMessageId })
    .returning({ id: inboundMessages.id });
  return inserted?.id ?? null;
}

export async function findLastInboundAt(db: DbOrTx, clientId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: inboundMessages.receivedAt })
    .from(inboundMessages)
    .where(and(eq(inboundMessages.clientId, clientId), eq(inboundMessages.channel, 'whatsapp')))
    .orderBy(desc(inboundMessages.receivedAt))
    .limit(1);
  return row?.at ?? null;
}

export async function findReminderPlan(db: DbOrTx, clinicId: string): Promise<ReminderPlanRow | undefined> {
  const [row] = await db.select().from(reminderPlans).where(eq(reminderPlans.clinicId, clinicId)).limit(1);
  return row;
}

export async function upsertReminderPlan(db: DbOrTx, row: typeof reminderPlans.$inferInsert): Promise<void> {
  const { clinicId: _clinicId, organizationId: _org, ...rest } = row;
  await db
    .insert(reminderPlans)
    .values(row)
    .onConflictDoUpdate({ target: reminderPlans.clinicId, set: rest });
}

export async function findTemplates(db: DbOrTx, organizationId: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(messageTemplates)
    .where(eq(messageTemplates.organizationId, organizationId))
    .orderBy(messageTemplates.key, messageTemplates.channel);
}

export async function findTemplate(db: DbOrTx, organizationId: string, key: string, channel: string) {
  const [row] = await db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.organizationId, organizationId),
        eq(messageTemplates.key, key),
        eq(messageTemplates.channel, channel),
      ),
    )
    .limit(1);
  return row;
}

export async function insertTemplates(
  db: DbOrTx,
  rows: (typeof messageTemplates.$inferInsert)[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(messageTemplates).values(rows).onConflictDoNothing();
}

export async function updateTemplateRow(
  db: DbOrTx,
  id: string,
  values: Partial<typeof messageTemplates.$inferInsert>,
): Promise<void> {
  await db.update(messageTemplates).set(values).where(eq(messageTemplates.id, id));
}

export async function findClientMessages(db: DbOrTx, clientId: string, limit: number) {
  return db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.clientId, clientId))
    .orderBy(desc(outboxMessages.dueAt))
    .limit(limit);
}

export async function findAppointmentMessages(db: DbOrTx, appointmentId: string) {
  return db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.appointmentId, appointmentId))
    .orderBy(desc(outboxMessages.dueAt));
}

export async function findStatusEvents(db: DbOrTx, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return db
    .select()
    .from(messageStatusEvents)
    .where(inArray(messageStatusEvents.messageId, messageIds))
    .orderBy(messageStatusEvents.occurredAt);
}

export async function findClientInbound(db: DbOrTx, clientId: string, limit: number) {
  return db
    .select()
    .from(inboundMessages)
    .where(eq(inboundMessages.clientId, clientId))
    .orderBy(desc(inboundMessages.receivedAt))
    .limit(limit);
}

/** Messages per status created in [from, to), for the delivery dashboard. */
export async function countByStatus(db: DbOrTx, organizationId: string, from: Date, to: Date) {
  return db
    .select({ status: outboxMessages.status, channel: outboxMessages.channel, n: sql<number>`count(*)::int` })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.organizationId, organizationId),
        gte(outboxMessages.dueAt, from),
        lt(outboxMessages.dueAt, to),
      ),
    )
    .groupBy(outboxMessages.status, outboxMessages.channel);
}

/**
 * Confirmation requests that went out in [from, to), and how many got a "confirm" reply. The outer
 * column is written out: in a single-table select Drizzle renders `${outboxMessages.id}` as a bare
 * "id", which inside the subquery would mean the reply's own id (the rate then read 0 %).
 */
export async function confirmationFigures(db: DbOrTx, organizationId: string, from: Date, to: Date) {
  const [row] = await db
    .select({
      requested: sql<number>`count(*)::int`,
      confirmed: sql<number>`count(*) filter (where exists (
        select 1 from ${inboundMessages} i where i.in_reply_to = "outbox_messages"."id" and i.intent = 'confirm'))::int`,
    })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.organizationId, organizationId),
        eq(outboxMessages.kind, 'pedido_confirmacao'),
        inArray(outboxMessages.status, ['accepted', 'sent', 'delivered', 'read']),
        gte(outboxMessages.dueAt, from),
        lt(outboxMessages.dueAt, to),
      ),
    );
  return row ?? { requested: 0, confirmed: 0 };
}

export async function findOutboxPage(db: DbOrTx, organizationId: string, statuses: string[], limit: number) {
  return db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organizationId, organizationId), inArray(outboxMessages.status, statuses)))
    .orderBy(desc(outboxMessages.updatedAt))
    .limit(limit);
}

/** Puts a failed or dead message back in the queue, with a fresh attempt budget. */
export async function requeueMessage(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(outboxMessages)
    .set({
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      failedAt: null,
      updatedAt: now,
    })
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.status, ['failed', 'dead'])))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

export async function lockOutboxMessage(db: DbOrTx, id: string): Promise<OutboxRow | undefined> {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.id, id))
    .for('update')
    .limit(1);
  return row;
}

export async function findAppointmentInbound(db: DbOrTx, appointmentId: string) {
  return db
    .select()
    .from(inboundMessages)
    .where(eq(inboundMessages.appointmentId, appointmentId))
    .orderBy(desc(inboundMessages.receivedAt));
}

/** Every message and reply of one client, oldest first (data-subject export). */
export async function findAllClientMessages(db: DbOrTx, clientId: string) {
  return db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.clientId, clientId))
    .orderBy(outboxMessages.createdAt);
}

export async function findAllClientInbound(db: DbOrTx, clientId: string) {
  return db
    .select()
    .from(inboundMessages)
    .where(eq(inboundMessages.clientId, clientId))
    .orderBy(inboundMessages.receivedAt);
}

export async function updateInboundRow(
  db: DbOrTx,
  id: string,
  values: Partial<typeof inboundMessages.$inferInsert>,
): Promise<void> {
  await db.update(inboundMessages).set(values).where(eq(inboundMessages.id, id));
}
