// SQL for variance commentary (on one line or a group of lines) and the finance reports committees receive.
import type { Queryable } from '../db/database.ts';

export interface CommentaryRow {
  id: string;
  period: number;
  title: string;
  body: string;
  lineIds: string[];
  version: number;
}

export async function commentariesForYear(db: Queryable, tenantId: string, year: number, period: number | null = null): Promise<CommentaryRow[]> {
  return db.query<CommentaryRow>(
    `select c.id, c.period, c.title, c.body, c.version,
       coalesce(array_agg(cl.line_id order by l.position, l.code) filter (where cl.id is not null), '{}') as "lineIds"
     from finance_commentaries c
     left join finance_commentary_lines cl on cl.commentary_id = c.id and cl.deleted_at is null
     left join budget_lines l on l.id = cl.line_id
     where c.tenant_id = $1 and c.financial_year = $2 and c.deleted_at is null and ($3::int is null or c.period = $3)
     group by c.tenant_id, c.id order by c.period, min(l.position), c.created`,
    [tenantId, year, period],
  );
}

export async function commentaryById(db: Queryable, tenantId: string, id: string): Promise<(CommentaryRow & { year: number }) | null> {
  const rows = await db.query<CommentaryRow & { year: number }>(
    `select c.id, c.period, c.title, c.body, c.version, c.financial_year as year,
       coalesce(array_agg(cl.line_id) filter (where cl.id is not null), '{}') as "lineIds"
     from finance_commentaries c left join finance_commentary_lines cl on cl.commentary_id = c.id and cl.deleted_at is null
     where c.tenant_id = $1 and c.id = $2 and c.deleted_at is null group by c.tenant_id, c.id`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function insertCommentary(db: Queryable, tenantId: string, c: { year: number; period: number; title: string; body: string }): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'insert into finance_commentaries (tenant_id, financial_year, period, title, body) values ($1, $2, $3, $4, $5) returning id',
    [tenantId, c.year, c.period, c.title, c.body],
  );
  return rows[0]!.id;
}

/** Returns false when someone else changed the commentary since `version` was read. */
export async function updateCommentary(db: Queryable, tenantId: string, id: string, c: { title: string; body: string; version: number }): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'update finance_commentaries set title = $3, body = $4 where tenant_id = $1 and id = $2 and version = $5 and deleted_at is null returning id',
    [tenantId, id, c.title, c.body, c.version],
  );
  return rows.length > 0;
}

/** Makes the commentary cover exactly these lines: links no longer wanted are tombstoned, new ones added. */
export async function setCommentaryLines(db: Queryable, tenantId: string, commentaryId: string, lineIds: string[]) {
  await db.query(
    `update finance_commentary_lines set deleted_at = clock_timestamp()
     where tenant_id = $1 and commentary_id = $2 and deleted_at is null and not (line_id = any($3::uuid[]))`,
    [tenantId, commentaryId, lineIds],
  );
  await db.query(
    `insert into finance_commentary_lines (tenant_id, commentary_id, line_id)
     select $1, $2, x from unnest($3::uuid[]) as x
     where not exists (select 1 from finance_commentary_lines where commentary_id = $2 and line_id = x and deleted_at is null)`,
    [tenantId, commentaryId, lineIds],
  );
}

// ---- Finance reports -------------------------------------------------------------------------------------

export interface ReportRow {
  id: string;
  bodyId: string;
  bodyName: string;
  year: number;
  period: number;
  title: string;
  state: 'draft' | 'published';
  publishedAt: Date | null;
  version: number;
  agendaItemId: string | null;
}

const REPORT_SELECT = `select r.id, r.body_id as "bodyId", b.name as "bodyName", r.financial_year as year, r.period, r.title, r.state,
    r.published_at as "publishedAt", r.version, r.agenda_item_id as "agendaItemId"
  from finance_reports r join bodies b on b.id = r.body_id`;

export async function reports(db: Queryable, tenantId: string): Promise<ReportRow[]> {
  return db.query<ReportRow>(`${REPORT_SELECT} where r.tenant_id = $1 and r.deleted_at is null order by r.financial_year desc, r.period desc, b.name`, [
    tenantId,
  ]);
}

export async function reportById(db: Queryable, tenantId: string, id: string): Promise<ReportRow | null> {
  const rows = await db.query<ReportRow>(`${REPORT_SELECT} where r.tenant_id = $1 and r.id = $2 and r.deleted_at is null`, [tenantId, id]);
  return rows[0] ?? null;
}

/** The latest published report to the committee before this period: "since the last report to this committee". */
export async function lastReportBefore(db: Queryable, tenantId: string, bodyId: string, year: number, period: number): Promise<{ period: number } | null> {
  const rows = await db.query<{ period: number }>(
    `select period from finance_reports where tenant_id = $1 and body_id = $2 and financial_year = $3 and period < $4 and state = 'published'
       and deleted_at is null order by period desc limit 1`,
    [tenantId, bodyId, year, period],
  );
  return rows[0] ?? null;
}

export async function insertReport(db: Queryable, tenantId: string, r: { bodyId: string; year: number; period: number; title: string }): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'insert into finance_reports (tenant_id, body_id, financial_year, period, title) values ($1, $2, $3, $4, $5) returning id',
    [tenantId, r.bodyId, r.year, r.period, r.title],
  );
  return rows[0]!.id;
}

export async function publishReport(db: Queryable, tenantId: string, id: string): Promise<void> {
  await db.query(
    `update finance_reports set state = 'published', published_at = clock_timestamp() where tenant_id = $1 and id = $2 and state = 'draft' and deleted_at is null`,
    [tenantId, id],
  );
}

/** Committees and boards to choose from (the reporting committee of a line or a report). */
export async function bodies(db: Queryable, tenantId: string): Promise<{ id: string; name: string }[]> {
  return db.query<{ id: string; name: string }>('select id, name from bodies where tenant_id = $1 and deleted_at is null order by name', [tenantId]);
}

// ---- The agenda item a report is the paper of ------------------------------------------------------------

export interface AgendaItemChoice {
  id: string;
  position: number;
  title: string;
  meetingDate: string;
  exempt: boolean;
}

/** The agenda items of the committee's meetings, latest meeting first, to attach a report to. */
export async function agendaItemChoices(db: Queryable, tenantId: string, bodyId: string): Promise<AgendaItemChoice[]> {
  return db.query<AgendaItemChoice>(
    `select i.id, i.position, i.title, to_char(m.meeting_date, 'YYYY-MM-DD') as "meetingDate", i.exempt_paragraph is not null as exempt
     from agenda_items i join meetings m on m.id = i.meeting_id
     where i.tenant_id = $1 and m.body_id = $2 and i.deleted_at is null and m.deleted_at is null
     order by m.meeting_date desc, i.position`,
    [tenantId, bodyId],
  );
}

/** Returns false when someone else changed the report since `version` was read. */
export async function setReportAgendaItem(db: Queryable, tenantId: string, id: string, itemId: string | null, version: number): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'update finance_reports set agenda_item_id = $3 where tenant_id = $1 and id = $2 and version = $4 and deleted_at is null returning id',
    [tenantId, id, itemId, version],
  );
  return rows.length > 0;
}

/** The published report attached to an agenda item, if any: a draft is never anyone's paper. */
export async function publishedReportForItem(db: Queryable, tenantId: string, itemId: string): Promise<{ id: string; version: number } | null> {
  const rows = await db.query<{ id: string; version: number }>(
    `select id, version from finance_reports where tenant_id = $1 and agenda_item_id = $2 and state = 'published' and deleted_at is null
     order by published_at desc limit 1`,
    [tenantId, itemId],
  );
  return rows[0] ?? null;
}

/** The agenda item at a position of the committee's meeting on a date (the demo attaches its reports so). */
export async function agendaItemAt(db: Queryable, tenantId: string, bodyId: string, meetingDate: string, position: number): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    `select i.id from agenda_items i join meetings m on m.id = i.meeting_id
     where i.tenant_id = $1 and m.body_id = $2 and m.meeting_date = $3 and i.position = $4 and i.deleted_at is null and m.deleted_at is null`,
    [tenantId, bodyId, meetingDate, position],
  );
  return rows[0]?.id ?? null;
}
