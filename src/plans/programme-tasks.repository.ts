// SQL for work programme tasks: the tasks, their scores, the tasks they depend on or incorporate, and
// the resources partners commit to them.
import type { Queryable } from '../db/database.ts';

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
