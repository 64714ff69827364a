// SQL for the e-mail outbox: writing a message (in the transaction of the change that caused it),
// listing messages for administrators, and the sender's claiming and marking of messages (sender.ts).
import type { Queryable } from '../db/database.ts';

export interface OutboxRow {
  id: string;
  toAddress: string;
  subject: string;
  bodyText: string;
  created: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

/** headers: extra mail headers by name (such as List-Unsubscribe), carried to the sender. */
export async function enqueueEmail(tx: Queryable, tenantId: string, m: { to: string; subject: string; text: string; headers?: Record<string, string> }) {
  const rows = await tx.query<{ id: string }>(
    `insert into outbox (tenant_id, to_address, subject, body_text, headers) values ($1, $2, $3, $4, $5::jsonb) returning id`,
    [tenantId, m.to, m.subject, m.text, JSON.stringify(m.headers ?? {})],
  );
  return rows[0]!.id;
}

export async function listOutbox(db: Queryable, tenantId: string, limit = 100) {
  return db.query<OutboxRow>(
    `select id, to_address as "toAddress", subject, body_text as "bodyText", created, sent_at as "sentAt", attempts,
       last_error as "lastError"
     from outbox where tenant_id = $1 order by created desc limit $2`,
    [tenantId, limit],
  );
}

/**
 * The oldest unsent messages that have not failed too often, locked until the transaction ends.
 * `skip locked` makes another app instance running the same query take the next rows instead of
 * waiting for (and re-sending) these.
 */
export async function claimPendingEmails(tx: Queryable, maxAttempts: number, batchSize: number) {
  return tx.query<{ id: string; to_address: string; subject: string; body_text: string; headers: Record<string, string> }>(
    `select id, to_address, subject, body_text, headers from outbox
     where sent_at is null and attempts < $1
     order by created, id limit $2
     for update skip locked`,
    [maxAttempts, batchSize],
  );
}

export async function recordSendFailure(tx: Queryable, id: string, error: string) {
  await tx.query<never>('update outbox set attempts = attempts + 1, last_error = $2 where id = $1', [id, error]);
}

export async function markSent(tx: Queryable, id: string) {
  await tx.query<never>('update outbox set sent_at = clock_timestamp() where id = $1', [id]);
}
