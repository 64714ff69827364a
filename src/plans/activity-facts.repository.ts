// What a partnership's quarterly summary of activity (src/reports, issue 16) reads from plans: the actions of its
// plans completed between two dates, and those late at the end of them (past their date, not completed or
// deferred, in a plan neither closed nor ended by then).
import type { Queryable } from '../db/database.ts';

export interface PlanActionFactRow {
  partnershipId: string;
  planId: string;
  planTitle: string;
  actionId: string;
  reference: string;
  description: string;
  state: 'completed' | 'late';
  /** Completed on, or the date it fell due. */
  date: string;
}

export async function planActionsBetween(db: Queryable, tenantId: string, partnershipIds: string[], from: string, to: string) {
  return db.query<PlanActionFactRow>(
    `select p.partnership_id as "partnershipId", p.id as "planId", p.title as "planTitle", a.id as "actionId", a.reference, a.description,
       case when a.completed_on between $3::date and $4::date then 'completed' else 'late' end as state,
       case when a.completed_on between $3::date and $4::date then a.completed_on else coalesce(a.continues_until, a.first_milestone) end as date
     from plan_actions a join plans p on p.id = a.plan_id and p.deleted_at is null
     where a.tenant_id = $1 and p.partnership_id = any($2::uuid[]) and a.deleted_at is null
       and (a.completed_on between $3::date and $4::date
         or (a.status not in ('completed', 'deferred') and a.completed_on is null and a.recurrence is null
             and coalesce(a.continues_until, a.first_milestone) < $4::date
             and (p.closed_on is null or p.closed_on > $4::date) and (p.ends_on is null or p.ends_on >= $4::date)))
     order by 7, lower(p.title), a.reference`,
    [tenantId, partnershipIds, from, to],
  );
}
