import type { Tx } from '../../db/client';

/**
 * Ports of the messaging module. Providers (WhatsApp Cloud API, SMTP) and the appointments of the
 * scheduling module sit behind these; messaging never imports scheduling.
 */

/** A provider refusal: `retriable` errors are tried again with backoff, the others fail the message. */
export class ProviderError extends Error {
  constructor(
    readonly code: string,
    readonly retriable: boolean,
  ) {
    super(`provider error ${code}`);
    this.name = 'ProviderError';
  }
}

export type WhatsAppTemplateSend = {
  to: string;
  templateName: string;
  language: string;
  bodyParameters: string[];
  /** Quick-reply button payloads, in the template's button order. */
  buttonPayloads: string[];
  /** Stable across retries; echoed back in status callbacks. */
  idempotencyKey: string;
};

export type WhatsAppSender = {
  sendTemplate(message: WhatsAppTemplateSend): Promise<{ providerMessageId: string }>;
  sendText(message: {
    to: string;
    body: string;
    idempotencyKey: string;
  }): Promise<{ providerMessageId: string }>;
};

export type EmailSender = {
  send(message: {
    to: string;
    subject: string;
    text: string;
    /** Stable across retries (the Message-ID), so a resend is recognisable. */
    idempotencyKey: string;
  }): Promise<{ providerMessageId: string }>;
};

export type AppointmentStatusForMessaging = 'agendado' | 'confirmado' | 'cancelado' | 'concluido' | 'faltou';

export type AppointmentForReminder = {
  appointmentId: string;
  clinicId: string;
  clientId: string;
  startsAt: Date;
  status: AppointmentStatusForMessaging;
};

export type ReplySource = { channel: 'whatsapp' | 'email'; inboundMessageId: string };

/**
 * What messaging needs from scheduling. Calls run inside messaging's tenant transaction, so a reply
 * that confirms an appointment and the record of the reply commit together; scheduling publishes its
 * own live agenda event after commit.
 */
export type AppointmentMessagingPort = {
  getForReminder(
    tx: Tx,
    organizationId: string,
    appointmentId: string,
  ): Promise<AppointmentForReminder | null>;
  confirm(
    tx: Tx,
    organizationId: string,
    appointmentId: string,
    source: ReplySource,
  ): Promise<'confirmed' | 'unchanged' | 'not_found'>;
  cancel(
    tx: Tx,
    organizationId: string,
    appointmentId: string,
    source: ReplySource,
  ): Promise<'cancelled' | 'unchanged' | 'not_found'>;
};

/** Until scheduling is wired in: no appointment exists, so appointment messages are skipped, never guessed. */
export const noAppointmentsPort: AppointmentMessagingPort = {
  getForReminder: async () => null,
  confirm: async () => 'not_found',
  cancel: async () => 'not_found',
};

/** What a reply did to the appointment, as scheduling reports it. */
export type ReplyConfirmOutcome = 'confirmed' | 'unchanged' | 'not_found';
export type ReplyCancelOutcome = 'cancelled' | 'unchanged' | 'not_found';

/**
 * The reply side of scheduling, named as scheduling exports it (`confirmAppointmentFromReply`,
 * `cancelAppointmentFromReply`). Both run in messaging's tenant transaction (`tx`), so the status
 * change and the record of the reply commit together; scheduling emits its own
 * `pg_notify('clinia_agenda', …)` in that transaction, delivered to open agendas after commit.
 * The composition root (apps/api) wires scheduling's functions here.
 */
export type AppointmentReplies = {
  confirmAppointmentFromReply(
    tx: Tx,
    input: { organizationId: string; appointmentId: string },
  ): Promise<ReplyConfirmOutcome>;
  cancelAppointmentFromReply(
    tx: Tx,
    input: { organizationId: string; appointmentId: string },
  ): Promise<ReplyCancelOutcome>;
};

/** Builds the port messaging uses from scheduling's reply functions and its reminder lookup. */
export function appointmentPortFromReplies(
  replies: AppointmentReplies,
  getForReminder: AppointmentMessagingPort['getForReminder'],
): AppointmentMessagingPort {
  return {
    getForReminder,
    confirm: (tx, organizationId, appointmentId) =>
      replies.confirmAppointmentFromReply(tx, { organizationId, appointmentId }),
    cancel: (tx, organizationId, appointmentId) =>
      replies.cancelAppointmentFromReply(tx, { organizationId, appointmentId }),
  };
}
