// Reading the audit trail. Rows are written only by the audit_row() trigger (migration 0001).
import type { Queryable } from '../db/database.ts';

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
  return Object.keys(row.after).filter(
    (k) => !IGNORED.has(k) && JSON.stringify(row.before![k]) !== JSON.stringify(row.after![k]),
  );
}
