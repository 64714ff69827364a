// SQL for exception reports: an indicator's reports, recording one, and its status (submitted, considered).
import type { Queryable } from '../db/database.ts';
import { num } from './performance.repository.ts';

export interface ExceptionReportRow {
  id: string;
  indicatorId: string;
  indicatorTitle: string;
  periodStart: string;
  cause: string;
  actions: string;
  costPence: number | null;
  owner: string;
  partnershipId: string | null;
  partnershipName: string | null;
  meetingId: string | null;
  meetingDate: string | null;
  consideredOn: string | null;
  status: 'open' | 'submitted' | 'considered';
  version: number;
}

export async function exceptionReports(db: Queryable, tenantId: string, f: { indicatorId?: string; openOnly?: boolean }) {
  const params: unknown[] = [tenantId];
  const where = ['e.tenant_id = $1', 'e.deleted_at is null'];
  if (f.indicatorId) {
    params.push(f.indicatorId);
    where.push(`e.indicator_id = $${params.length}`);
  }
  if (f.openOnly) where.push(`e.status <> 'considered'`);
  const rows = await db.query<ExceptionReportRow>(
    `select e.id, e.indicator_id as "indicatorId", i.title as "indicatorTitle", e.period_start as "periodStart", e.cause, e.actions,
       e.cost_pence as "costPence", e.owner, e.partnership_id as "partnershipId", p.name as "partnershipName", e.meeting_id as "meetingId",
       m.meeting_date as "meetingDate", e.considered_on as "consideredOn", e.status, e.version
     from exception_reports e join indicators i on i.id = e.indicator_id left join partnerships p on p.id = e.partnership_id
       left join meetings m on m.id = e.meeting_id
     where ${where.join(' and ')} order by e.period_start desc, e.created desc`,
    params,
  );
  return rows.map((r) => ({ ...r, costPence: num(r.costPence) }));
}

export async function insertExceptionReport(
  tx: Queryable,
  tenantId: string,
  e: {
    indicatorId: string;
    periodStart: string;
    cause: string;
    actions: string;
    costPence: number | null;
    owner: string;
    partnershipId: string | null;
    meetingId: string | null;
    status: string;
    consideredOn: string | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into exception_reports (tenant_id, indicator_id, period_start, cause, actions, cost_pence, owner, partnership_id, meeting_id, status, considered_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [tenantId, e.indicatorId, e.periodStart, e.cause, e.actions, e.costPence, e.owner, e.partnershipId, e.meetingId, e.status, e.consideredOn],
  );
  return rows[0]!.id;
}

export async function setExceptionStatus(
  tx: Queryable,
  tenantId: string,
  indicatorId: string,
  id: string,
  version: number,
  s: { status: string; meetingId: string | null; consideredOn: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `update exception_reports set status = $4, meeting_id = coalesce($5, meeting_id), considered_on = $6
    where tenant_id = $1 and id = $2 and version = $3 and indicator_id = $7 and deleted_at is null returning id`,
    [tenantId, id, version, s.status, s.meetingId, s.consideredOn, indicatorId],
  );
  return rows.length === 1;
}
