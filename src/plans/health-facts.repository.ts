// What the Principles health check (src/reports) reads about plans: each partnership's plans and open risks.
import type { Queryable } from '../db/database.ts';

export async function plansOfPartnerships(db: Queryable, tenantId: string, partnershipIds: string[]) {
  return db.query<{ partnershipId: string; id: string; title: string }>(
    `select partnership_id as "partnershipId", id, title from plans
     where tenant_id = $1 and partnership_id = any($2::uuid[]) and deleted_at is null order by lower(title)`,
    [tenantId, partnershipIds],
  );
}

export async function openRisksOfPartnerships(db: Queryable, tenantId: string, partnershipIds: string[]) {
  return db.query<{ partnershipId: string; id: string; title: string; reviewDate: string | null }>(
    `select partnership_id as "partnershipId", id, title, review_date as "reviewDate" from risks
     where tenant_id = $1 and partnership_id = any($2::uuid[]) and deleted_at is null and status = 'open' order by reference, lower(title)`,
    [tenantId, partnershipIds],
  );
}
