// SQL for plans, their priorities and actions (dependencies, links, progress updates, reminders) and
// work programme tasks (scores, dependencies, resources).
import type { Queryable } from '../db/database.ts';
import { isPublic, shownTo } from '../publication/visibility.ts';
import type { ActionStatus, Recurrence } from './rules.ts';
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
  to_char(pl.endorsed_on, 'YYYY-MM-DD') as "endorsedOn", pl.version, pl.modified`;
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
    `insert into plans (tenant_id, kind, title, period_label, introduction, partnership_id, body_id, publication_state)
    values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [tenantId, p.kind, p.title, p.periodLabel, p.introduction, p.partnershipId, p.bodyId, publicationState],
  );
  return rows[0]!.id;
}

export async function updatePlan(tx: Queryable, tenantId: string, id: string, version: number, p: PlanInput) {
  const rows = await tx.query<{ id: string }>(
    `update plans set title = $4, period_label = $5, introduction = $6, partnership_id = $7, body_id = $8
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, p.title, p.periodLabel, p.introduction, p.partnershipId, p.bodyId],
  );
  return rows.length === 1;
}

export async function setPlanPublication(tx: Queryable, tenantId: string, id: string, state: 'draft' | 'published') {
  await tx.query(`update plans set publication_state = $3 where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id, state]);
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

// ---- Actions ---------------------------------------------------------------------------------------------

export interface ActionRow {
  id: string;
  planId: string;
  planTitle: string;
  priorityId: string;
  priorityNumber: number;
  reference: string;
  description: string;
  leadOfficer: string;
  leadPersonId: string | null;
  leadName: string | null;
  leadEmail: string | null;
  firstMilestone: string | null;
  firstMilestoneNote: string;
  continuesUntil: string | null;
  recurrence: Recurrence | null;
  recurrenceLabel: string;
  nextReview: string | null;
  resources: string;
  keyRisks: string;
  outputs: string;
  decisionRoute: string;
  status: ActionStatus;
  percentComplete: number | null;
  ragOverride: 'green' | 'amber' | 'red' | null;
  ragOverrideReason: string;
  lastUpdateOn: string | null;
  completedOn: string | null;
  version: number;
}

const d = (col: string, as: string) => `to_char(${col}, 'YYYY-MM-DD') as "${as}"`;
const ACTION_COLUMNS = `a.id, a.plan_id as "planId", pl.title as "planTitle", a.priority_id as "priorityId", pr.number as "priorityNumber", a.reference,
  a.description, a.lead_officer as "leadOfficer", a.lead_person_id as "leadPersonId", pe.name as "leadName", pe.email as "leadEmail",
  ${d('a.first_milestone', 'firstMilestone')}, a.first_milestone_note as "firstMilestoneNote", ${d('a.continues_until', 'continuesUntil')},
  a.recurrence, a.recurrence_label as "recurrenceLabel", ${d('a.next_review', 'nextReview')}, a.resources, a.key_risks as "keyRisks", a.outputs,
  a.decision_route as "decisionRoute", a.status, a.percent_complete as "percentComplete", a.rag_override as "ragOverride",
  a.rag_override_reason as "ragOverrideReason", ${d('a.last_update_on', 'lastUpdateOn')}, ${d('a.completed_on', 'completedOn')}, a.version`;
const ACTION_FROM = `plan_actions a join plan_priorities pr on pr.id = a.priority_id join plans pl on pl.id = a.plan_id
  left join people pe on pe.id = a.lead_person_id`;
// References sort as numbers: 1.2 before 1.10.
const ACTION_ORDER = `pr.number, split_part(a.reference, '.', 2)::int, a.reference`;

export async function listActions(db: Queryable, tenantId: string, planId: string) {
  return db.query<ActionRow>(
    `select ${ACTION_COLUMNS} from ${ACTION_FROM}
    where a.tenant_id = $1 and a.plan_id = $2 and a.deleted_at is null and pr.deleted_at is null order by ${ACTION_ORDER}`,
    [tenantId, planId],
  );
}

/** Actions of every plan that are not completed or deferred, for the overdue list and reminders. */
export async function listOpenActions(db: Queryable, tenantId: string) {
  return db.query<ActionRow>(
    `select ${ACTION_COLUMNS} from ${ACTION_FROM}
    where a.tenant_id = $1 and a.deleted_at is null and pr.deleted_at is null and pl.deleted_at is null and a.status not in ('completed', 'deferred')
    order by pl.title, ${ACTION_ORDER}`,
    [tenantId],
  );
}

export async function getAction(db: Queryable, tenantId: string, planId: string, id: string) {
  const rows = await db.query<ActionRow>(
    `select ${ACTION_COLUMNS} from ${ACTION_FROM}
    where a.tenant_id = $1 and a.plan_id = $2 and a.id = $3 and a.deleted_at is null`,
    [tenantId, planId, id],
  );
  return rows[0] ?? null;
}

export interface ActionFields {
  priorityId: string;
  reference: string;
  description: string;
  leadOfficer: string;
  leadPersonId: string | null;
  firstMilestone: string | null;
  firstMilestoneNote: string;
  continuesUntil: string | null;
  recurrence: Recurrence | null;
  recurrenceLabel: string;
  nextReview: string | null;
  resources: string;
  keyRisks: string;
  outputs: string;
  decisionRoute: string;
}
const actionValues = (a: ActionFields) => [
  a.priorityId,
  a.reference,
  a.description,
  a.leadOfficer,
  a.leadPersonId,
  a.firstMilestone,
  a.firstMilestoneNote,
  a.continuesUntil,
  a.recurrence,
  a.recurrenceLabel,
  a.nextReview,
  a.resources,
  a.keyRisks,
  a.outputs,
  a.decisionRoute,
];

export async function insertAction(tx: Queryable, tenantId: string, planId: string, a: ActionFields) {
  const rows = await tx.query<{ id: string }>(
    `insert into plan_actions (tenant_id, plan_id, priority_id, reference, description, lead_officer, lead_person_id,
      first_milestone, first_milestone_note, continues_until, recurrence, recurrence_label, next_review, resources, key_risks, outputs, decision_route)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) returning id`,
    [tenantId, planId, ...actionValues(a)],
  );
  return rows[0]!.id;
}

export async function updateAction(tx: Queryable, tenantId: string, id: string, version: number, a: ActionFields) {
  const rows = await tx.query<{ id: string }>(
    `update plan_actions set priority_id = $4, reference = $5, description = $6, lead_officer = $7, lead_person_id = $8,
      first_milestone = $9, first_milestone_note = $10, continues_until = $11, recurrence = $12, recurrence_label = $13, next_review = $14,
      resources = $15, key_risks = $16, outputs = $17, decision_route = $18
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...actionValues(a)],
  );
  return rows.length === 1;
}

export async function setActionProgress(
  tx: Queryable,
  tenantId: string,
  id: string,
  p: {
    status: ActionStatus;
    percentComplete: number | null;
    ragOverride: string | null;
    ragOverrideReason: string;
    lastUpdateOn: string;
    nextReview: string | null;
    completedOn: string | null;
  },
) {
  await tx.query(
    `update plan_actions set status = $3, percent_complete = $4, rag_override = $5, rag_override_reason = $6, last_update_on = $7,
      next_review = $8, completed_on = $9 where tenant_id = $1 and id = $2`,
    [tenantId, id, p.status, p.percentComplete, p.ragOverride, p.ragOverrideReason, p.lastUpdateOn, p.nextReview, p.completedOn],
  );
}

// ---- Dependencies and links ----------------------------------------------------------------------------------

export async function planDependencies(db: Queryable, tenantId: string, planId: string) {
  return db.query<{ actionId: string; dependsOnId: string }>(
    `select dep.action_id as "actionId", dep.depends_on_action_id as "dependsOnId"
    from plan_action_dependencies dep join plan_actions a on a.id = dep.action_id
    where dep.tenant_id = $1 and a.plan_id = $2 and dep.deleted_at is null and a.deleted_at is null`,
    [tenantId, planId],
  );
}

export async function replaceDependencies(tx: Queryable, tenantId: string, actionId: string, dependsOnIds: string[]) {
  await tx.query(
    `update plan_action_dependencies set deleted_at = clock_timestamp()
    where tenant_id = $1 and action_id = $2 and deleted_at is null and not (depends_on_action_id = any($3::uuid[]))`,
    [tenantId, actionId, dependsOnIds],
  );
  await tx.query(
    `insert into plan_action_dependencies (tenant_id, action_id, depends_on_action_id)
    select $1, $2, x from unnest($3::uuid[]) x where not exists (select 1 from plan_action_dependencies d
      where d.action_id = $2 and d.depends_on_action_id = x and d.deleted_at is null)`,
    [tenantId, actionId, dependsOnIds],
  );
}

export interface LinkRow {
  kind: 'indicator' | 'meeting' | 'resolution';
  id: string;
  label: string;
  date: string | null;
  published: boolean;
  meetingId: string | null;
}

export async function actionLinks(db: Queryable, tenantId: string, actionId: string) {
  return db.query<LinkRow>(
    `select case when l.indicator_id is not null then 'indicator' when l.meeting_id is not null then 'meeting' else 'resolution' end as kind,
      coalesce(l.indicator_id, l.meeting_id, l.resolution_id) as id,
      coalesce(i.title, b.name || ', ' || to_char(m.meeting_date, 'FMDD FMMonth YYYY'),
        'Minute ' || mi.number || ' (' || chr(96 + r.position) || '), ' || rb.name || ', ' || to_char(rm.meeting_date, 'FMDD FMMonth YYYY') || ': ' || left(r.text, 200)) as label,
      to_char(coalesce(m.meeting_date, rm.meeting_date), 'YYYY-MM-DD') as date,
      coalesce(public_indicator(l.indicator_id), false) or coalesce(public_meeting(l.meeting_id), false)
        or coalesce(public_resolution(l.resolution_id), false) as published,
      coalesce(m.id, rm.id) as "meetingId"
    from plan_action_links l left join indicators i on i.id = l.indicator_id
      left join meetings m on m.id = l.meeting_id left join bodies b on b.id = m.body_id
      left join resolutions r on r.id = l.resolution_id left join minutes mi on mi.id = r.minute_id left join meetings rm on rm.id = mi.meeting_id
      left join bodies rb on rb.id = rm.body_id
    where l.tenant_id = $1 and l.action_id = $2 and l.deleted_at is null order by kind, date nulls last, label`,
    [tenantId, actionId],
  );
}

export async function replaceLinks(
  tx: Queryable,
  tenantId: string,
  actionId: string,
  l: { indicatorIds: string[]; meetingIds: string[]; resolutionIds: string[] },
) {
  await tx.query(
    `update plan_action_links set deleted_at = clock_timestamp() where tenant_id = $1 and action_id = $2 and deleted_at is null
    and not (coalesce(indicator_id = any($3::uuid[]), false) or coalesce(meeting_id = any($4::uuid[]), false) or coalesce(resolution_id = any($5::uuid[]), false))`,
    [tenantId, actionId, l.indicatorIds, l.meetingIds, l.resolutionIds],
  );
  // Then the links it does not have yet, one fixed statement for each kind of record.
  await tx.query(
    `insert into plan_action_links (tenant_id, action_id, indicator_id) select $1, $2, x from unnest($3::uuid[]) x
    where not exists (select 1 from plan_action_links k where k.action_id = $2 and k.indicator_id = x and k.deleted_at is null)`,
    [tenantId, actionId, l.indicatorIds],
  );
  await tx.query(
    `insert into plan_action_links (tenant_id, action_id, meeting_id) select $1, $2, x from unnest($3::uuid[]) x
    where not exists (select 1 from plan_action_links k where k.action_id = $2 and k.meeting_id = x and k.deleted_at is null)`,
    [tenantId, actionId, l.meetingIds],
  );
  await tx.query(
    `insert into plan_action_links (tenant_id, action_id, resolution_id) select $1, $2, x from unnest($3::uuid[]) x
    where not exists (select 1 from plan_action_links k where k.action_id = $2 and k.resolution_id = x and k.deleted_at is null)`,
    [tenantId, actionId, l.resolutionIds],
  );
}

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

/** What an action may link to: indicators, meetings of the plan's bodies (and all others), and their decisions. */
export async function linkChoices(db: Queryable, tenantId: string) {
  const [indicators, meetings, resolutions] = await Promise.all([
    db.query<{ id: string; label: string }>(
      `select id, coalesce(code || ' ', '') || title as label from indicators
      where tenant_id = $1 and deleted_at is null order by title`,
      [tenantId],
    ),
    db.query<{ id: string; label: string }>(
      `select m.id, b.name || ', ' || to_char(m.meeting_date, 'FMDD FMMonth YYYY') as label
      from meetings m join bodies b on b.id = m.body_id where m.tenant_id = $1 and m.deleted_at is null order by m.meeting_date desc, b.name`,
      [tenantId],
    ),
    db.query<{ id: string; label: string; meetingId: string }>(
      `select r.id, 'Minute ' || mi.number || ' (' || chr(96 + r.position) || '), '
        || to_char(m.meeting_date, 'FMDD FMMonth YYYY') || ': ' || left(r.text, 120) as label, m.id as "meetingId"
      from resolutions r join minutes mi on mi.id = r.minute_id join meetings m on m.id = mi.meeting_id
      where r.tenant_id = $1 and r.deleted_at is null and mi.deleted_at is null order by m.meeting_date desc, mi.number, r.position`,
      [tenantId],
    ),
  ]);
  return { indicators, meetings, resolutions };
}

// ---- Progress updates and reminders ----------------------------------------------------------------------

export interface UpdateRow {
  id: string;
  updateOn: string;
  narrative: string;
  percentComplete: number | null;
  status: ActionStatus;
  rag: string;
  ragOverride: string | null;
  ragOverrideReason: string;
  nextReview: string | null;
  author: string;
  created: Date;
}

export async function listUpdates(db: Queryable, tenantId: string, actionId: string) {
  return db.query<UpdateRow>(
    `select id, ${d('update_on', 'updateOn')}, narrative, percent_complete as "percentComplete", status, rag,
      rag_override as "ragOverride", rag_override_reason as "ragOverrideReason", ${d('next_review', 'nextReview')}, author, created
    from plan_action_updates where tenant_id = $1 and action_id = $2 and deleted_at is null order by update_on desc, created desc`,
    [tenantId, actionId],
  );
}

export async function insertUpdate(tx: Queryable, tenantId: string, actionId: string, u: Omit<UpdateRow, 'id' | 'created'>) {
  await tx.query(
    `insert into plan_action_updates (tenant_id, action_id, update_on, narrative, percent_complete, status, rag, rag_override,
      rag_override_reason, next_review, author) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [tenantId, actionId, u.updateOn, u.narrative, u.percentComplete, u.status, u.rag, u.ragOverride, u.ragOverrideReason, u.nextReview, u.author],
  );
}

export async function claimActionReminder(tx: Queryable, tenantId: string, actionId: string, kind: 'due_soon' | 'overdue', dueOn: string) {
  const rows = await tx.query<{ id: string }>(
    `insert into plan_action_reminders (tenant_id, action_id, kind, due_on) values ($1, $2, $3, $4)
    on conflict (action_id, due_on, kind) do nothing returning id`,
    [tenantId, actionId, kind, dueOn],
  );
  return rows.length === 1;
}

// ---- Work programme tasks ------------------------------------------------------------------------------------

export interface TaskRow {
  id: string;
  planId: string;
  number: number;
  title: string;
  comments: string;
  source: string;
  leadOrganisationId: string | null;
  leadOrganisationName: string | null;
  likelihood: number | null;
  impact: number | null;
  levelOverride: number | null;
  levelOverrideReason: string;
  version: number;
}

const TASK_COLUMNS = `t.id, t.plan_id as "planId", t.number, t.title, t.comments, t.source, t.lead_organisation_id as "leadOrganisationId",
  o.name as "leadOrganisationName", t.likelihood, t.impact, t.level_override as "levelOverride", t.level_override_reason as "levelOverrideReason", t.version`;

export async function listTasks(db: Queryable, tenantId: string, planId: string) {
  return db.query<TaskRow>(
    `select ${TASK_COLUMNS} from programme_tasks t left join organisations o on o.id = t.lead_organisation_id
    where t.tenant_id = $1 and t.plan_id = $2 and t.deleted_at is null order by t.number`,
    [tenantId, planId],
  );
}

export async function getTask(db: Queryable, tenantId: string, planId: string, id: string) {
  const rows = await db.query<TaskRow>(
    `select ${TASK_COLUMNS} from programme_tasks t left join organisations o on o.id = t.lead_organisation_id
    where t.tenant_id = $1 and t.plan_id = $2 and t.id = $3 and t.deleted_at is null`,
    [tenantId, planId, id],
  );
  return rows[0] ?? null;
}

export async function insertTask(
  tx: Queryable,
  tenantId: string,
  planId: string,
  t: { number: number; title: string; comments: string; source: string; leadOrganisationId: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into programme_tasks (tenant_id, plan_id, number, title, comments, source, lead_organisation_id)
    values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [tenantId, planId, t.number, t.title, t.comments, t.source, t.leadOrganisationId],
  );
  return rows[0]!.id;
}

export async function updateTask(
  tx: Queryable,
  tenantId: string,
  id: string,
  version: number,
  t: { number: number; title: string; comments: string; source: string; leadOrganisationId: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `update programme_tasks set number = $4, title = $5, comments = $6, source = $7, lead_organisation_id = $8
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, t.number, t.title, t.comments, t.source, t.leadOrganisationId],
  );
  return rows.length === 1;
}

export async function scoreTask(
  tx: Queryable,
  tenantId: string,
  id: string,
  version: number,
  s: { likelihood: number; impact: number; levelOverride: number | null; levelOverrideReason: string },
) {
  const rows = await tx.query<{ id: string }>(
    `update programme_tasks set likelihood = $4, impact = $5, level_override = $6, level_override_reason = $7
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, s.likelihood, s.impact, s.levelOverride, s.levelOverrideReason],
  );
  return rows.length === 1;
}

export async function taskDependencies(db: Queryable, tenantId: string, planId: string) {
  return db.query<{ taskId: string; otherTaskId: string; kind: 'depends_on' | 'incorporates' }>(
    `select dep.task_id as "taskId",
      dep.other_task_id as "otherTaskId", dep.kind from programme_task_dependencies dep join programme_tasks t on t.id = dep.task_id
    where dep.tenant_id = $1 and t.plan_id = $2 and dep.deleted_at is null and t.deleted_at is null`,
    [tenantId, planId],
  );
}

export async function replaceTaskDependencies(tx: Queryable, tenantId: string, taskId: string, kind: 'depends_on' | 'incorporates', otherIds: string[]) {
  await tx.query(
    `update programme_task_dependencies set deleted_at = clock_timestamp()
    where tenant_id = $1 and task_id = $2 and kind = $3 and deleted_at is null and not (other_task_id = any($4::uuid[]))`,
    [tenantId, taskId, kind, otherIds],
  );
  await tx.query(
    `insert into programme_task_dependencies (tenant_id, task_id, other_task_id, kind) select $1, $2, x, $3 from unnest($4::uuid[]) x
    where not exists (select 1 from programme_task_dependencies k where k.task_id = $2 and k.other_task_id = x and k.kind = $3 and k.deleted_at is null)`,
    [tenantId, taskId, kind, otherIds],
  );
}

export async function taskResources(db: Queryable, tenantId: string, planId: string) {
  return db.query<{ id: string; taskId: string; organisationId: string; organisationName: string; resources: string }>(
    `select r.id, r.task_id as "taskId",
      r.organisation_id as "organisationId", o.name as "organisationName", r.resources
    from programme_task_resources r join programme_tasks t on t.id = r.task_id join organisations o on o.id = r.organisation_id
    where r.tenant_id = $1 and t.plan_id = $2 and r.deleted_at is null order by o.name`,
    [tenantId, planId],
  );
}

export async function insertTaskResource(tx: Queryable, tenantId: string, taskId: string, r: { organisationId: string; resources: string }) {
  await tx.query(`insert into programme_task_resources (tenant_id, task_id, organisation_id, resources) values ($1, $2, $3, $4)`, [
    tenantId,
    taskId,
    r.organisationId,
    r.resources,
  ]);
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
