// The e-mail outbox: every message the service sends is written here first, in the same
// transaction as the change that caused it, then delivered by the sender (sender.ts).
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

export async function enqueueEmail(tx: Queryable, tenantId: string, m: { to: string; subject: string; text: string }) {
  const rows = await tx.query<{ id: string }>(
    `insert into outbox (tenant_id, to_address, subject, body_text) values ($1, $2, $3, $4) returning id`,
    [tenantId, m.to, m.subject, m.text]);
  return rows[0]!.id;
}

export async function listOutbox(db: Queryable, tenantId: string, limit = 100) {
  return db.query<OutboxRow>(
    `select id, to_address as "toAddress", subject, body_text as "bodyText", created, sent_at as "sentAt", attempts,
       last_error as "lastError"
     from outbox where tenant_id = $1 order by created desc limit $2`, [tenantId, limit]);
}
