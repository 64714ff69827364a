// Reading the audit trail. Rows are written only by the audit_row() trigger (migration 0001).
import type { Queryable } from '../db/database.ts';
import { likePattern } from '../web/schema.ts';

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: 'insert' | 'update' | 'delete' | 'restore';
  entityType: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

/** The history of one record and of its parts, newest first. */
export async function historyOf(db: Queryable, tenantId: string, entityId: string, limit = 50) {
  return db.query<AuditRow>(
    `select id, at, actor, action, entity_type as "entityType", entity_id as "entityId", before, after,
       request_id as "requestId"
     from audit_log where tenant_id = $1 and (entity_id = $2 or parent_entity_id = $2)
     order by at desc, id desc limit $3`,
    [tenantId, entityId, limit],
  );
}

const IGNORED = new Set(['modified', 'version', 'created', 'tenant_id', 'id']);

/** The fields an update changed, for a readable history ("name, purpose"). */
export function changedFields(row: Pick<AuditRow, 'before' | 'after'>): string[] {
  if (!row.before || !row.after) return [];
  return Object.keys(row.after).filter((k) => !IGNORED.has(k) && JSON.stringify(row.before![k]) !== JSON.stringify(row.after![k]));
}

export interface AuditFilters {
  tenantId: string;
  actor?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** Audit rows matching the filters, newest first. Dates are whole days in UK time. */
export async function searchAudit(db: Queryable, f: AuditFilters) {
  const params: unknown[] = [f.tenantId];
  const where = ['tenant_id = $1'];
  if (f.actor) {
    params.push(likePattern(f.actor));
    where.push(`actor ilike $${params.length}`);
  }
  if (f.entityType) {
    params.push(f.entityType);
    where.push(`entity_type = $${params.length}`);
  }
  if (f.entityId) {
    params.push(f.entityId);
    where.push(`(entity_id = $${params.length}::uuid or parent_entity_id = $${params.length}::uuid)`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`at >= ($${params.length}::date::timestamp at time zone 'Europe/London')`);
  }
  if (f.to) {
    params.push(f.to);
    where.push(`at < (($${params.length}::date + 1)::timestamp at time zone 'Europe/London')`);
  }
  params.push(f.limit);
  return db.query<AuditRow>(
    `select id, at, actor, action, entity_type as "entityType", entity_id as "entityId", before, after, request_id as "requestId"
     from audit_log where ${where.join(' and ')} order by at desc, id desc limit $${params.length}`,
    params,
  );
}
