// SQL the demo loaders need that no capability's repository has: finding the demo's own meetings
// and decisions again by date and number, and recording the seeds' facts as they were (a report
// published on the agenda's day, minutes already approved, a plan endorsed at a meeting, tasks with
// their scores). Everything else the demo writes goes through the capabilities' repositories.
import type { Queryable } from '../db/database.ts';

/** True when the tenant has nothing in its register yet (no partnership and no organisation). */
export async function isEmpty(db: Queryable, tenantId: string): Promise<boolean> {
  const rows = await db.query<{ found: number }>(
    `select 1 as found from partnerships where tenant_id = $1 union all select 1 from organisations where tenant_id = $1 limit 1`,
    [tenantId],
  );
  return rows.length === 0;
}

/** The demo register is what the seed papers published: every partnership of the tenant. */
export async function publishAllPartnerships(tx: Queryable, tenantId: string) {
  await tx.query<never>(`update partnerships set publication_state = 'published', published_at = clock_timestamp() where tenant_id = $1`, [tenantId]);
}

// ---- Meetings and minutes ------------------------------------------------------------------------

/** A report published at 9am on a date (the day its agenda was published). */
export async function publishReportOn(tx: Queryable, tenantId: string, reportId: string, date: string) {
  await tx.query<never>(`update reports set status = 'published', published_at = $3::date + time '09:00' where tenant_id = $1 and id = $2`, [
    tenantId,
    reportId,
    date,
  ]);
}

/** The body's formal meeting on a date, or null. */
export async function formalMeetingOn(tx: Queryable, tenantId: string, bodyId: string, date: string) {
  const rows = await tx.query<{ id: string }>(
    `select id from meetings where tenant_id = $1 and body_id = $2 and meeting_date = $3 and kind = 'formal' and deleted_at is null`,
    [tenantId, bodyId, date],
  );
  return rows[0]?.id ?? null;
}

export async function agendaItemTitles(tx: Queryable, meetingId: string) {
  return tx.query<{ id: string; title: string }>(`select id, title from agenda_items where meeting_id = $1 and deleted_at is null`, [meetingId]);
}

export async function withdrawMinute(tx: Queryable, minuteId: string) {
  await tx.query<never>(`update minutes set withdrawn = true where id = $1`, [minuteId]);
}

/** The approving meeting's "Minutes ..." item carries the minutes of the earlier meeting in its pack. */
export async function attachMinutesToItem(tx: Queryable, approvingMeetingId: string, minutedMeetingId: string) {
  await tx.query<never>(`update agenda_items set minutes_of_meeting_id = $2 where meeting_id = $1 and title ilike 'minutes%' and deleted_at is null`, [
    approvingMeetingId,
    minutedMeetingId,
  ]);
}

/** The formal meeting of one of a partnership's bodies on a date (the first body by name), or null. */
export async function partnershipMeetingOn(tx: Queryable, tenantId: string, partnershipId: string, date: string) {
  const rows = await tx.query<{ id: string }>(
    `select m.id from meetings m join bodies b on b.id = m.body_id and b.deleted_at is null
      where m.tenant_id = $1 and b.partnership_id = $2 and m.meeting_date = $3 and m.kind = 'formal' and m.deleted_at is null
      order by b.name limit 1`,
    [tenantId, partnershipId, date],
  );
  return rows[0]?.id ?? null;
}

/** Minutes published (public, not yet approved) on a date. */
export async function markMinutesPublished(tx: Queryable, meetingId: string, publishedOn: string) {
  await tx.query<never>(`update meetings set minutes_state = 'published', minutes_published_on = $2 where id = $1`, [meetingId, publishedOn]);
}

export async function markMinutesApproved(tx: Queryable, meetingId: string, a: { publishedOn: string; approvedAtMeetingId: string; approvedOn: string }) {
  await tx.query<never>(
    `update meetings set minutes_state = 'approved', minutes_published_on = $2, minutes_approved_at_meeting_id = $3, minutes_approved_on = $4
    where id = $1`,
    [meetingId, a.publishedOn, a.approvedAtMeetingId, a.approvedOn],
  );
}

// ---- Plans ---------------------------------------------------------------------------------------

/** The meeting and resolution that endorsed a plan: a resolution by its minute's number and its own position and opening words. */
export async function findResolution(
  tx: Queryable,
  tenantId: string,
  r: {
    bodyId: string | null;
    minuteNumber: number;
    meetingDate: string;
    position: number;
    startsWith: string;
  },
) {
  const rows = await tx.query<{ meeting_id: string; resolution_id: string }>(
    `select mi.meeting_id, r.id as resolution_id
       from minutes mi join meetings mt on mt.id = mi.meeting_id join resolutions r on r.minute_id = mi.id
      where mi.tenant_id = $1 and mi.body_id = $2 and mi.number = $3 and mt.meeting_date = $4 and r.position = $5
        and r.text like $6 || '%' and mi.deleted_at is null and r.deleted_at is null`,
    [tenantId, r.bodyId, r.minuteNumber, r.meetingDate, r.position, r.startsWith],
  );
  return rows[0] ?? null;
}

/** A plan as published, with its endorsement (the date stands even when the meeting is not in the demo). */
export async function insertEndorsedPlan(
  tx: Queryable,
  tenantId: string,
  p: {
    kind: string;
    title: string;
    periodLabel: string;
    introduction: string;
    partnershipId: string | null;
    bodyId: string | null;
    publicationState: string;
    endorsedMeetingId: string | null;
    endorsedResolutionId: string | null;
    endorsedOn: string | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into plans (tenant_id, kind, title, period_label, introduction, partnership_id, body_id, publication_state,
       endorsed_meeting_id, endorsed_resolution_id, endorsed_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      tenantId,
      p.kind,
      p.title,
      p.periodLabel,
      p.introduction,
      p.partnershipId,
      p.bodyId,
      p.publicationState,
      p.endorsedMeetingId,
      p.endorsedResolutionId,
      p.endorsedOn,
    ],
  );
  return rows[0]!.id;
}

export async function insertActionDependency(tx: Queryable, tenantId: string, actionId: string, dependsOnActionId: string) {
  await tx.query<never>(`insert into plan_action_dependencies (tenant_id, action_id, depends_on_action_id) values ($1, $2, $3)`, [
    tenantId,
    actionId,
    dependsOnActionId,
  ]);
}

export async function insertActionMeetingLink(tx: Queryable, tenantId: string, actionId: string, meetingId: string) {
  await tx.query<never>(`insert into plan_action_links (tenant_id, action_id, meeting_id) values ($1, $2, $3)`, [tenantId, actionId, meetingId]);
}

/** A work programme task as the seed printed it: with its scores and any agreed level. */
export async function insertScoredTask(
  tx: Queryable,
  tenantId: string,
  planId: string,
  t: {
    number: number;
    title: string;
    comments: string;
    source: string;
    leadOrganisationId: string | null;
    likelihood: number | null;
    impact: number | null;
    levelOverride: number | null;
    levelOverrideReason: string;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into programme_tasks (tenant_id, plan_id, number, title, comments, source, lead_organisation_id, likelihood, impact,
       level_override, level_override_reason)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [tenantId, planId, t.number, t.title, t.comments, t.source, t.leadOrganisationId, t.likelihood, t.impact, t.levelOverride, t.levelOverrideReason],
  );
  return rows[0]!.id;
}

export async function insertTaskDependency(tx: Queryable, tenantId: string, taskId: string, otherTaskId: string, kind: 'depends_on' | 'incorporates') {
  await tx.query<never>(`insert into programme_task_dependencies (tenant_id, task_id, other_task_id, kind) values ($1, $2, $3, $4)`, [
    tenantId,
    taskId,
    otherTaskId,
    kind,
  ]);
}
