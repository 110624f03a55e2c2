/**
 * What other modules may call in messaging: writing to the outbox inside their own transaction.
 * (Modules talk to each other through services; the outbox itself stays an internal file.)
 */
export { enqueueForEvent, type MessagingEvent } from './outbox';
