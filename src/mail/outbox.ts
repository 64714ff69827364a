// The e-mail outbox: every message the service sends is written here first, in the same
// transaction as the change that caused it, then delivered by the sender (sender.ts).
// Its SQL is in outbox.repository.ts; this is the name the rest of the service knows it by.
export { enqueueEmail, listOutbox, type OutboxRow } from './outbox.repository.ts';
