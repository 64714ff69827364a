// SQL for the action log: actions arising from minutes, their progress, and the reminders sent about them.
import type { Queryable } from '../db/database.ts';

export interface ActionRow {
  id: string;
  bodyId: string;
  bodyName: string;
  meetingId: string | null;
  meetingDate: string | null;
  minuteId: string | null;
  minuteNumber: number | null;
  reportTitle: string;
  ownerPersonId: string | null;
  ownerName: string;
  ownerEmail: string | null;
  description: string;
  dueDate: string | null;
  comments: string;
  status: 'ongoing' | 'completed';
  completedOn: string | null;
  version: number;
  minutesPublic: boolean;
}

const ACTION_COLUMNS = `a.id, a.body_id as "bodyId", b.name as "bodyName", a.meeting_id as "meetingId", me.meeting_date as "meetingDate",
  a.minute_id as "minuteId", mi.number as "minuteNumber", a.report_title as "reportTitle", a.owner_person_id as "ownerPersonId",
  coalesce(nullif(a.owner_name, ''), p.name, '') as "ownerName", p.email as "ownerEmail", a.description, a.due_date as "dueDate", a.comments,
  a.status, a.completed_on as "completedOn", a.version,
  coalesce(me.minutes_state in ('published', 'approved') and me.is_public and b.publication_state = 'published', false) as "minutesPublic"`;
const ACTION_FROM = `actions a join bodies b on b.id = a.body_id left join meetings me on me.id = a.meeting_id left join minutes mi on mi.id = a.minute_id
  left join people p on p.id = a.owner_person_id`;

export async function listActions(db: Queryable, tenantId: string, f: { bodyId?: string; meetingId?: string; ownerPersonId?: string; openOnly?: boolean }) {
  const params: unknown[] = [tenantId];
  const where = ['a.tenant_id = $1', 'a.deleted_at is null'];
  if (f.bodyId) {
    params.push(f.bodyId);
    where.push(`a.body_id = $${params.length}`);
  }
  if (f.meetingId) {
    params.push(f.meetingId);
    where.push(`a.meeting_id = $${params.length}`);
  }
  if (f.ownerPersonId) {
    params.push(f.ownerPersonId);
    where.push(`a.owner_person_id = $${params.length}`);
  }
  if (f.openOnly) where.push(`a.status = 'ongoing'`);
  return db.query<ActionRow>(
    `select ${ACTION_COLUMNS} from ${ACTION_FROM} where ${where.join(' and ')}
    order by me.meeting_date desc nulls last, mi.number nulls last, a.created`,
    params,
  );
}

export async function getAction(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<ActionRow>(`select ${ACTION_COLUMNS} from ${ACTION_FROM} where a.tenant_id = $1 and a.id = $2 and a.deleted_at is null`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function insertAction(
  tx: Queryable,
  tenantId: string,
  a: {
    bodyId: string;
    meetingId: string | null;
    minuteId: string | null;
    reportTitle: string;
    ownerPersonId: string | null;
    ownerName: string;
    description: string;
    dueDate: string | null;
    comments: string;
    status: string;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into actions (tenant_id, body_id, meeting_id, minute_id, report_title, owner_person_id, owner_name, description, due_date, comments, status, completed_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $11 = 'completed' then current_date end) returning id`,
    [tenantId, a.bodyId, a.meetingId, a.minuteId, a.reportTitle, a.ownerPersonId, a.ownerName, a.description, a.dueDate, a.comments, a.status],
  );
  return rows[0]!.id;
}

export async function updateActionProgress(
  tx: Queryable,
  tenantId: string,
  id: string,
  version: number,
  a: { comments: string; status: string; dueDate: string | null; completedOn: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `update actions set comments = $4, status = $5, due_date = $6, completed_on = $7
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, a.comments, a.status, a.dueDate, a.completedOn],
  );
  return rows.length === 1;
}

/** Records a reminder; false when that reminder was already sent (so it is sent once). */
export async function claimReminder(tx: Queryable, tenantId: string, actionId: string, kind: 'due_soon' | 'overdue', dueDate: string) {
  const rows = await tx.query<{ id: string }>(
    `insert into action_reminders (tenant_id, action_id, kind, due_date) values ($1, $2, $3, $4)
    on conflict (tenant_id, action_id, kind, due_date) do nothing returning id`,
    [tenantId, actionId, kind, dueDate],
  );
  return rows.length === 1;
}
