// What the Principles health check (src/reports) reads about performance: how many indicators (live or retired: a past year had them)
// each partnership has on its scorecard, directly or through one of its bodies.
import type { Queryable } from '../db/database.ts';

export async function indicatorCounts(db: Queryable, tenantId: string, partnershipIds: string[]) {
  return db.query<{ partnershipId: string; count: number }>(
    `select coalesce(a.partnership_id, b.partnership_id) as "partnershipId", count(distinct i.id)::int as count
     from indicator_assignments a
     join indicators i on i.id = a.indicator_id and i.deleted_at is null
     left join bodies b on b.id = a.body_id and b.deleted_at is null
     where a.tenant_id = $1 and a.deleted_at is null and coalesce(a.partnership_id, b.partnership_id) = any($2::uuid[])
     group by 1`,
    [tenantId, partnershipIds],
  );
}
