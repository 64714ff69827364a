// SQL for plans and their priorities, which records' ids are live, and the owners a plan, action or
// task may name. Actions are in plan-actions.repository.ts, work programme tasks in programme-tasks.repository.ts.
import type { Queryable } from '../db/database.ts';
import { isPublic, shownTo } from '../publication/visibility.ts';
import type { PlanInput, PriorityInput } from './plans.schemas.ts';

export interface PlanRow {
  id: string;
  kind: 'delivery_plan' | 'work_programme';
  title: string;
  periodLabel: string;
  introduction: string;
  partnershipId: string | null;
  partnershipName: string | null;
  bodyId: string | null;
  bodyName: string | null;
  publicationState: 'draft' | 'published';
  endorsedMeetingId: string | null;
  endorsedMeetingDate: string | null;
  endorsedResolutionId: string | null;
  endorsedResolutionText: string | null;
  endorsedMinuteNumber: number | null;
  endorsedOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  closedOn: string | null;
  closingNote: string;
  version: number;
  modified: Date;
}

/**
 * A plan's columns. For the public, what it names (its partnership or committee, the meeting and
 * resolution that endorsed it) appears only where the public may see that record too.
 */
const planColumns = (publicOnly: boolean) => `pl.id, pl.kind, pl.title, pl.period_label as "periodLabel", pl.introduction,
  ${shownTo(publicOnly, 'partnership', 'pl.partnership_id', 'pl.partnership_id')} as "partnershipId",
  ${shownTo(publicOnly, 'partnership', 'pl.partnership_id', 'pa.name')} as "partnershipName",
  ${shownTo(publicOnly, 'body', 'pl.body_id', 'pl.body_id')} as "bodyId", ${shownTo(publicOnly, 'body', 'pl.body_id', 'b.name')} as "bodyName",
  pl.publication_state as "publicationState",
  ${shownTo(publicOnly, 'meeting', 'pl.endorsed_meeting_id', 'pl.endorsed_meeting_id')} as "endorsedMeetingId",
  ${shownTo(publicOnly, 'meeting', 'pl.endorsed_meeting_id', "to_char(m.meeting_date, 'YYYY-MM-DD')")} as "endorsedMeetingDate",
  ${shownTo(publicOnly, 'resolution', 'pl.endorsed_resolution_id', 'pl.endorsed_resolution_id')} as "endorsedResolutionId",
  ${shownTo(publicOnly, 'resolution', 'pl.endorsed_resolution_id', 'r.text')} as "endorsedResolutionText",
  ${shownTo(publicOnly, 'resolution', 'pl.endorsed_resolution_id', 'mi.number')} as "endorsedMinuteNumber",
  to_char(pl.endorsed_on, 'YYYY-MM-DD') as "endorsedOn", to_char(pl.starts_on, 'YYYY-MM-DD') as "startsOn",
  to_char(pl.ends_on, 'YYYY-MM-DD') as "endsOn", to_char(pl.closed_on, 'YYYY-MM-DD') as "closedOn", pl.closing_note as "closingNote", pl.version, pl.modified`;
const PLAN_FROM = `plans pl left join partnerships pa on pa.id = pl.partnership_id left join bodies b on b.id = pl.body_id
  left join meetings m on m.id = pl.endorsed_meeting_id left join resolutions r on r.id = pl.endorsed_resolution_id
  left join minutes mi on mi.id = r.minute_id`;

/** Plans, or those of one partnership or body (the public see published plans only). */
export async function listPlans(
  db: Queryable,
  tenantId: string,
  { publicOnly = false, partnershipId = null as string | null, bodyId = null as string | null } = {},
) {
  return db.query<PlanRow & { actionCount: number; taskCount: number }>(
    `select ${planColumns(publicOnly)},
      (select count(*)::int from plan_actions a where a.plan_id = pl.id and a.deleted_at is null) as "actionCount",
      (select count(*)::int from programme_tasks t where t.plan_id = pl.id and t.deleted_at is null) as "taskCount"
    from ${PLAN_FROM} where pl.tenant_id = $1 and pl.deleted_at is null ${publicOnly ? `and ${isPublic('plan', 'pl.id')}` : ''}
      and ($2::uuid is null or pl.partnership_id = $2) and ($3::uuid is null or pl.body_id = $3)
    order by pl.kind, pl.title`,
    [tenantId, partnershipId, bodyId],
  );
}

export async function getPlan(db: Queryable, tenantId: string, id: string, { publicOnly = false } = {}) {
  const rows = await db.query<PlanRow>(
    `select ${planColumns(publicOnly)} from ${PLAN_FROM}
    where pl.tenant_id = $1 and pl.id = $2 and pl.deleted_at is null ${publicOnly ? `and ${isPublic('plan', 'pl.id')}` : ''}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function insertPlan(tx: Queryable, tenantId: string, p: PlanInput, publicationState: 'draft' | 'published' = 'draft') {
  const rows = await tx.query<{ id: string }>(
    `insert into plans (tenant_id, kind, title, period_label, introduction, partnership_id, body_id, publication_state, starts_on, ends_on)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [tenantId, p.kind, p.title, p.periodLabel, p.introduction, p.partnershipId, p.bodyId, publicationState, p.startsOn, p.endsOn],
  );
  return rows[0]!.id;
}

export async function updatePlan(tx: Queryable, tenantId: string, id: string, version: number, p: PlanInput) {
  const rows = await tx.query<{ id: string }>(
    `update plans set title = $4, period_label = $5, introduction = $6, partnership_id = $7, body_id = $8, starts_on = $9, ends_on = $10
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, p.title, p.periodLabel, p.introduction, p.partnershipId, p.bodyId, p.startsOn, p.endsOn],
  );
  return rows.length === 1;
}

export async function setPlanPublication(tx: Queryable, tenantId: string, id: string, state: 'draft' | 'published') {
  await tx.query(`update plans set publication_state = $3 where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id, state]);
}

/** The period a plan covers (the demo data sets it after inserting the plan as published). */
export async function setPlanPeriod(tx: Queryable, tenantId: string, id: string, startsOn: string | null, endsOn: string | null) {
  await tx.query(`update plans set starts_on = $3, ends_on = $4 where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id, startsOn, endsOn]);
}

/** Closes a plan as at a date (null reopens it); the audit trigger records who did it. */
export async function setPlanClosed(tx: Queryable, tenantId: string, id: string, closed: { closedOn: string; note: string } | null) {
  await tx.query(`update plans set closed_on = $3, closing_note = $4 where tenant_id = $1 and id = $2 and deleted_at is null`, [
    tenantId,
    id,
    closed?.closedOn ?? null,
    closed?.note ?? '',
  ]);
}

/** The date of the latest progress update on any action of the plan. */
export async function latestUpdateOn(db: Queryable, tenantId: string, planId: string) {
  const rows = await db.query<{ latest: string | null }>(
    `select to_char(max(u.update_on), 'YYYY-MM-DD') as latest from plan_action_updates u join plan_actions a on a.id = u.action_id
    where u.tenant_id = $1 and a.plan_id = $2 and u.deleted_at is null and a.deleted_at is null`,
    [tenantId, planId],
  );
  return rows[0]?.latest ?? null;
}

export async function setEndorsement(
  tx: Queryable,
  tenantId: string,
  id: string,
  e: { meetingId: string; resolutionId: string | null; endorsedOn: string | null },
) {
  await tx.query(
    `update plans set endorsed_meeting_id = $3, endorsed_resolution_id = $4, endorsed_on = $5 where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, id, e.meetingId, e.resolutionId, e.endorsedOn],
  );
}

// ---- Priorities ------------------------------------------------------------------------------------------

export interface PriorityRow {
  id: string;
  planId: string;
  number: number;
  title: string;
  outcomes: string[];
  version: number;
}

export async function listPriorities(db: Queryable, tenantId: string, planId: string) {
  return db.query<PriorityRow>(
    `select id, plan_id as "planId", number, title, outcomes, version from plan_priorities
    where tenant_id = $1 and plan_id = $2 and deleted_at is null order by number`,
    [tenantId, planId],
  );
}

export async function insertPriority(tx: Queryable, tenantId: string, planId: string, p: PriorityInput) {
  const rows = await tx.query<{ id: string }>(
    `insert into plan_priorities (tenant_id, plan_id, number, title, outcomes) values ($1, $2, $3, $4, $5) returning id`,
    [tenantId, planId, p.number, p.title, p.outcomes],
  );
  return rows[0]!.id;
}

export async function updatePriority(tx: Queryable, tenantId: string, id: string, version: number, p: PriorityInput) {
  const rows = await tx.query<{ id: string }>(
    `update plan_priorities set number = $4, title = $5, outcomes = $6
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, p.number, p.title, p.outcomes],
  );
  return rows.length === 1;
}

// ---- Live records and choices ----------------------------------------------------------------------------

/** One fixed statement for each table whose records a plan, action, task or portfolio item may name: the ids among these that are live. */
const LIVE_IDS = {
  indicators: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from indicators where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  meetings: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from meetings where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  resolutions: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from resolutions where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  organisations: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from organisations where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  partnerships: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from partnerships where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  bodies: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from bodies where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
} as const;

/** Which of these ids are live records of the tenant in the table. */
export async function existingIds(db: Queryable, tenantId: string, table: keyof typeof LIVE_IDS, idList: string[]) {
  if (!idList.length) return new Set<string>();
  const rows = await LIVE_IDS[table](db, [tenantId, idList]);
  return new Set(rows.map((r) => r.id));
}

export async function ownerChoices(db: Queryable, tenantId: string) {
  const [partnerships, bodies, organisations, people] = await Promise.all([
    db.query<{ id: string; name: string }>(`select id, name from partnerships where tenant_id = $1 and deleted_at is null order by name`, [tenantId]),
    db.query<{ id: string; name: string }>(`select id, name from bodies where tenant_id = $1 and deleted_at is null order by name`, [tenantId]),
    db.query<{ id: string; name: string }>(`select id, name from organisations where tenant_id = $1 and deleted_at is null order by name`, [tenantId]),
    db.query<{ id: string; name: string }>(`select id, name from people where tenant_id = $1 and deleted_at is null and email is not null order by name`, [
      tenantId,
    ]),
  ]);
  return { partnerships, bodies, organisations, people };
}

export async function meetingResolutions(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<{ id: string }>(
    `select r.id from resolutions r join minutes mi on mi.id = r.minute_id
    where r.tenant_id = $1 and mi.meeting_id = $2 and r.deleted_at is null`,
    [tenantId, meetingId],
  );
}
