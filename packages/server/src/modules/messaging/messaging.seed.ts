import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { appointments, inboundMessages, messageStatusEvents, outboxMessages } from '../../db/schema';
import type { Keyring } from '../../platform/crypto/keyring';
import { enqueueForEvent } from './outbox';

/**
 * Demo messaging: the reminders the demo agenda would have produced, through the same outbox path a
 * booking takes (`enqueueForEvent`, so consent and quiet hours apply exactly as in production).
 *
 * - Upcoming appointments get their reminder plan queued now; the outbox worker sends the due ones to
 *   the local simulated Graph API after start-up, and its status callbacks arrive at the webhook.
 * - Appointments of the last three weeks get the history those reminders would have: queued as if
 *   booked three days ahead, then marked sent / delivered / read (a few failed) with the provider's
 *   status events, and "Confirmar" replies for most of those who came. Nothing is sent for them.
 *
 * Appointments are read from the agenda's table (a seed is fixture code, like a test fixture); the
 * draw is deterministic per appointment id order, so the same seed gives the same history.
 */
export type DemoMessagingInput = {
  organizationId: string;
  clinicId: string;
  now: Date;
  chance: (p: number) => boolean;
};

const PAST_DAYS = 21;
const BOOKED_AHEAD_MS = 72 * 3_600_000;
const OPEN = ['agendado', 'confirmado'];
const PAST = ['confirmado', 'chegou', 'em_atendimento', 'concluido', 'faltou'];

export async function seedDemoMessaging(
  tx: Tx,
  keyring: Keyring,
  input: DemoMessagingInput,
): Promise<string> {
  const { organizationId, clinicId, now } = input;
  const rows = await tx
    .select({
      id: appointments.id,
      clientId: appointments.clientId,
      startsAt: appointments.startsAt,
      status: appointments.status,
    })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        gte(appointments.startsAt, new Date(now.getTime() - PAST_DAYS * 86_400_000)),
      ),
    )
    .orderBy(appointments.startsAt, appointments.id);

  let queued = 0;
  for (const a of rows.filter((r) => r.startsAt > now && OPEN.includes(r.status))) {
    const result = await enqueueForEvent(
      tx,
      { keyring, now },
      {
        type: 'appointment.booked',
        organizationId,
        clinicId,
        clientId: a.clientId,
        appointmentId: a.id,
        startsAt: a.startsAt,
      },
    );
    queued += result.enqueued;
  }

  const past = rows.filter((r) => r.startsAt <= now && PAST.includes(r.status));
  let delivered = 0;
  let confirmed = 0;
  for (const a of past) {
    await enqueueForEvent(
      tx,
      { keyring, now: new Date(a.startsAt.getTime() - BOOKED_AHEAD_MS) },
      {
        type: 'appointment.booked',
        organizationId,
        clinicId,
        clientId: a.clientId,
        appointmentId: a.id,
        startsAt: a.startsAt,
      },
    );
  }
  const messages = past.length
    ? await tx
        .select()
        .from(outboxMessages)
        .where(
          and(
            inArray(
              outboxMessages.appointmentId,
              past.map((a) => a.id),
            ),
            eq(outboxMessages.status, 'queued'),
          ),
        )
        .orderBy(outboxMessages.dueAt, outboxMessages.id)
    : [];
  const statusOf = new Map(past.map((a) => [a.id, a.status]));
  for (const m of messages) {
    const providerMessageId = `wamid.demo.${randomUUID()}`;
    // Sent when due (quiet hours already applied), and always before the appointment and before now.
    const latest = Math.min(now.getTime(), m.dueAt.getTime() + 3_600_000) - 40 * 60_000;
    const sentAt = new Date(Math.min(m.nextAttemptAt.getTime(), latest) + 4_000);
    const cameIn = statusOf.get(m.appointmentId ?? '') !== 'faltou';
    const failed = input.chance(0.03);
    const read = !failed && input.chance(cameIn ? 0.85 : 0.45);
    const deliveredAt = failed ? null : new Date(sentAt.getTime() + 3_000);
    const readAt = read ? new Date(sentAt.getTime() + 25 * 60_000) : null;
    await tx
      .update(outboxMessages)
      .set({
        status: failed ? 'failed' : read ? 'read' : 'delivered',
        attempts: 1,
        providerMessageId,
        sentAt,
        deliveredAt,
        readAt,
        failedAt: failed ? new Date(sentAt.getTime() + 2_000) : null,
        lastError: failed ? 'graph_131026' : null,
        updatedAt: readAt ?? deliveredAt ?? sentAt,
      })
      .where(eq(outboxMessages.id, m.id));
    const events: { status: string; occurredAt: Date; errorCode: string | null }[] = [
      { status: 'sent', occurredAt: sentAt, errorCode: null },
    ];
    if (failed)
      events.push({ status: 'failed', occurredAt: new Date(sentAt.getTime() + 2_000), errorCode: '131026' });
    if (deliveredAt) events.push({ status: 'delivered', occurredAt: deliveredAt, errorCode: null });
    if (readAt) events.push({ status: 'read', occurredAt: readAt, errorCode: null });
    await tx.insert(messageStatusEvents).values(
      events.map((e) => ({
        organizationId,
        messageId: m.id,
        providerMessageId,
        status: e.status,
        occurredAt: e.occurredAt,
        errorCode: e.errorCode,
        receivedAt: e.occurredAt,
      })),
    );
    if (!failed) delivered += 1;
    if (m.kind === 'pedido_confirmacao' && read && input.chance(cameIn ? 0.75 : 0.15)) {
      const inboundId = randomUUID();
      await tx.insert(inboundMessages).values({
        id: inboundId,
        organizationId,
        clientId: m.clientId,
        inReplyTo: m.id,
        appointmentId: m.appointmentId,
        providerMessageId: `wamid.demo.in.${randomUUID()}`,
        channel: 'whatsapp',
        intent: 'confirm',
        outcome: 'confirmed',
        bodySealed: keyring.seal('Confirmar', `inbound_messages.body:${inboundId}`),
        receivedAt: new Date((readAt ?? sentAt).getTime() + 60_000),
      });
      confirmed += 1;
    }
  }
  return `${queued} lembretes na fila, ${delivered} entregues nas últimas 3 semanas, ${confirmed} confirmações por WhatsApp`;
}
