// SQL for the actions of delivery plans: the actions, their dependencies and links (with what they may
// link to), progress updates and reminders to leads.
import type { Queryable } from '../db/database.ts';
import type { ActionStatus, Recurrence } from './rules.ts';

// ---- Actions ---------------------------------------------------------------------------------------------

/** What an action's form writes. */
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

/** An action as read: what its form writes, with its plan, priority, lead and progress. */
export interface ActionRow extends ActionFields {
  id: string;
  planId: string;
  planTitle: string;
  priorityNumber: number;
  leadName: string | null;
  leadEmail: string | null;
  status: ActionStatus;
  percentComplete: number | null;
  ragOverride: 'green' | 'amber' | 'red' | null;
  ragOverrideReason: string;
  lastUpdateOn: string | null;
  completedOn: string | null;
  version: number;
  /** The period of its plan and when it was closed, which decide the date its RAG is judged at. */
  planStartsOn: string | null;
  planEndsOn: string | null;
  planClosedOn: string | null;
}

const d = (col: string, as: string) => `to_char(${col}, 'YYYY-MM-DD') as "${as}"`;
const ACTION_COLUMNS = `a.id, a.plan_id as "planId", pl.title as "planTitle", a.priority_id as "priorityId", pr.number as "priorityNumber", a.reference,
  a.description, a.lead_officer as "leadOfficer", a.lead_person_id as "leadPersonId", pe.name as "leadName", pe.email as "leadEmail",
  ${d('a.first_milestone', 'firstMilestone')}, a.first_milestone_note as "firstMilestoneNote", ${d('a.continues_until', 'continuesUntil')},
  a.recurrence, a.recurrence_label as "recurrenceLabel", ${d('a.next_review', 'nextReview')}, a.resources, a.key_risks as "keyRisks", a.outputs,
  a.decision_route as "decisionRoute", a.status, a.percent_complete as "percentComplete", a.rag_override as "ragOverride",
  a.rag_override_reason as "ragOverrideReason", ${d('a.last_update_on', 'lastUpdateOn')}, ${d('a.completed_on', 'completedOn')}, a.version,
  ${d('pl.starts_on', 'planStartsOn')}, ${d('pl.ends_on', 'planEndsOn')}, ${d('pl.closed_on', 'planClosedOn')}`;
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

/** Actions of every plan not closed that are not completed or deferred, for the overdue list and reminders. */
export async function listOpenActions(db: Queryable, tenantId: string) {
  return db.query<ActionRow>(
    `select ${ACTION_COLUMNS} from ${ACTION_FROM}
    where a.tenant_id = $1 and a.deleted_at is null and pr.deleted_at is null and pl.deleted_at is null and pl.closed_on is null
      and a.status not in ('completed', 'deferred')
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
    on conflict (tenant_id, action_id, due_on, kind) do nothing returning id`,
    [tenantId, actionId, kind, dueOn],
  );
  return rows.length === 1;
}
