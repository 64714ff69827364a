// SQL for meetings, agenda packs, bank holidays and the council's name. Bodies, membership and roles
// are in bodies.repository.ts, agenda items in agenda-items.repository.ts, reports and their files in
// reports.repository.ts, all re-exported here so that this file stays the one entry to all of meetings' SQL.
import type { Queryable } from '../db/database.ts';
import { queryPage } from '../db/paging.ts';
import { inPublicSet } from '../publication/visibility.ts';
import type { MeetingInput } from './meetings.schemas.ts';

export * from './agenda-items.repository.ts';
export * from './bodies.repository.ts';
export * from './reports.repository.ts';

// ---- Meetings ------------------------------------------------------------------------------

export interface MeetingRow {
  id: string;
  bodyId: string;
  bodyName: string;
  bodyPublished: boolean;
  meetingDate: string;
  startTime: string | null;
  endTime: string | null;
  venue: string;
  kind: string;
  status: string;
  isPublic: boolean;
  title: string | null;
  plannedDraftDeadline: string | null;
  plannedDespatch: string | null;
  agendaPublishedOn: string | null;
  draftReportClearDays: number;
  despatchClearDays: number;
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

const MEETING_COLUMNS = `m.id, m.body_id as "bodyId", b.name as "bodyName", (b.publication_state = 'published') as "bodyPublished",
  m.meeting_date as "meetingDate", to_char(m.start_time, 'HH24:MI') as "startTime", to_char(m.end_time, 'HH24:MI') as "endTime",
  m.venue, m.kind, m.status, m.is_public as "isPublic", m.title, m.planned_draft_deadline as "plannedDraftDeadline",
  m.planned_despatch as "plannedDespatch", m.agenda_published_on as "agendaPublishedOn",
  b.draft_report_clear_days as "draftReportClearDays", b.despatch_clear_days as "despatchClearDays",
  m.created, m.modified, m.deleted_at as "deletedAt", m.version`;

export interface MeetingFilter {
  bodyId?: string;
  from?: string;
  to?: string;
  publicOnly: boolean;
  since?: Date;
  limit?: number;
  offset?: number;
  order?: 'asc' | 'desc';
}

export async function listMeetings(db: Queryable, tenantId: string, f: MeetingFilter) {
  const params: unknown[] = [tenantId];
  const where = ['m.tenant_id = $1', 'b.deleted_at is null'];
  if (f.since) {
    params.push(f.since);
    where.push(`m.modified > $${params.length}`);
  } else where.push('m.deleted_at is null');
  if (f.publicOnly) where.push(`b.publication_state = 'published' and m.is_public`);
  if (f.bodyId) {
    params.push(f.bodyId);
    where.push(`m.body_id = $${params.length}`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`m.meeting_date >= $${params.length}`);
  }
  if (f.to) {
    params.push(f.to);
    where.push(`m.meeting_date <= $${params.length}`);
  }
  const dir = f.order === 'desc' ? 'desc' : 'asc';
  return queryPage<MeetingRow & { items: number }>(
    db,
    `select ${MEETING_COLUMNS}, count(*) over ()::int as total,
       (select count(*)::int from agenda_items i where i.meeting_id = m.id and i.deleted_at is null) as items
     from meetings m join bodies b on b.id = m.body_id
     where ${where.join(' and ')}
     order by ${f.since ? 'm.modified, m.id' : `m.meeting_date ${dir}, m.start_time ${dir} nulls last, b.name`}`,
    params,
    { limit: f.limit ?? 1000, offset: f.offset ?? 0 },
  );
}

export async function getMeeting(db: Queryable, tenantId: string, id: string, { withDeleted = false } = {}) {
  const rows = await db.query<MeetingRow>(
    `select ${MEETING_COLUMNS} from meetings m join bodies b on b.id = m.body_id
     where m.tenant_id = $1 and m.id = $2 and b.deleted_at is null ${withDeleted ? '' : 'and m.deleted_at is null'}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

const meetingValues = (m: MeetingInput) => [
  m.meetingDate,
  m.startTime,
  m.endTime,
  m.venue,
  m.kind,
  m.status,
  m.isPublic,
  m.title,
  m.plannedDraftDeadline,
  m.plannedDespatch,
];

export async function insertMeeting(tx: Queryable, tenantId: string, bodyId: string, m: MeetingInput, agendaPublishedOn: string | null = null) {
  const rows = await tx.query<{ id: string }>(
    `insert into meetings (tenant_id, body_id, meeting_date, start_time, end_time, venue, kind, status, is_public, title,
       planned_draft_deadline, planned_despatch, agenda_published_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [tenantId, bodyId, ...meetingValues(m), agendaPublishedOn],
  );
  return rows[0]!.id;
}

export async function updateMeeting(tx: Queryable, tenantId: string, id: string, version: number, m: MeetingInput) {
  const rows = await tx.query<{ id: string }>(
    `update meetings set meeting_date = $4, start_time = $5, end_time = $6, venue = $7, kind = $8, status = $9, is_public = $10,
       title = $11, planned_draft_deadline = $12, planned_despatch = $13
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...meetingValues(m)],
  );
  return rows.length === 1;
}

export async function setAgendaPublished(tx: Queryable, tenantId: string, id: string, version: number, on: string | null) {
  const rows = await tx.query<{ id: string }>(
    `update meetings set agenda_published_on = $4 where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, on],
  );
  return rows.length === 1;
}

// ---- Agenda packs ------------------------------------------------------------------------------

export interface PackRow {
  id: string;
  signature: string;
  pageCount: number;
  pageRanges: { number: number; firstPage: number; lastPage: number }[];
  separateDownloads: { number: number; filename: string; reason: string }[];
  created: Date;
}

export async function getPack(db: Queryable, tenantId: string, meetingId: string, kind: 'main' | 'supplement', audience: 'public' | 'members') {
  const rows = await db.query<PackRow>(
    `select id, signature, page_count as "pageCount", page_ranges as "pageRanges", separate_downloads as "separateDownloads", created
     from agenda_packs where tenant_id = $1 and meeting_id = $2 and kind = $3 and audience = $4 and deleted_at is null`,
    [tenantId, meetingId, kind, audience],
  );
  return rows[0] ?? null;
}

export async function packContent(db: Queryable, tenantId: string, packId: string) {
  const rows = await db.query<{ content: Uint8Array }>(`select content from agenda_packs where tenant_id = $1 and id = $2`, [tenantId, packId]);
  return rows[0]?.content ?? null;
}

export async function savePack(
  tx: Queryable,
  tenantId: string,
  p: {
    meetingId: string;
    kind: 'main' | 'supplement';
    audience: 'public' | 'members';
    signature: string;
    pageCount: number;
    pageRanges: unknown;
    separateDownloads: unknown;
    content: Uint8Array;
  },
) {
  // Two first requests for a pack may build it at once: the meeting row lock makes the second replace the first.
  await tx.query<{ id: string }>(`select id from meetings where tenant_id = $1 and id = $2 for update`, [tenantId, p.meetingId]);
  await tx.query<never>(
    `update agenda_packs set deleted_at = clock_timestamp() where tenant_id = $1 and meeting_id = $2 and kind = $3 and audience = $4 and deleted_at is null`,
    [tenantId, p.meetingId, p.kind, p.audience],
  );
  const rows = await tx.query<{ id: string }>(
    `insert into agenda_packs (tenant_id, meeting_id, kind, audience, signature, page_count, page_ranges, separate_downloads, content)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, p.meetingId, p.kind, p.audience, p.signature, p.pageCount, JSON.stringify(p.pageRanges), JSON.stringify(p.separateDownloads), p.content],
  );
  return rows[0]!.id;
}

// ---- Bank holidays -------------------------------------------------------------------------------

export async function latestBankHolidayUpload(db: Queryable, tenantId: string) {
  const rows = await db.query<{ id: string; filename: string; dates: string[]; firstYear: number; lastYear: number; created: Date }>(
    `select id, filename, dates::text[] as dates, first_year as "firstYear", last_year as "lastYear", created from bank_holiday_uploads
     where tenant_id = $1 and deleted_at is null order by created desc limit 1`,
    [tenantId],
  );
  return rows[0] ?? null;
}

export async function insertBankHolidayUpload(tx: Queryable, tenantId: string, u: { filename: string; dates: string[]; firstYear: number; lastYear: number }) {
  await tx.query<never>(`insert into bank_holiday_uploads (tenant_id, filename, dates, first_year, last_year) values ($1, $2, $3::date[], $4, $5)`, [
    tenantId,
    u.filename,
    u.dates,
    u.firstYear,
    u.lastYear,
  ]);
}

/** Where the minutes of a meeting stand: none, draft, published or approved (and at which meeting). */
export async function minutesStateOf(db: Queryable, tenantId: string, meetingId: string) {
  const rows = await db.query<{
    state: string;
    publishedOn: string | null;
    approvedOn: string | null;
    approvedAtMeetingId: string | null;
    approvedAtDate: string | null;
  }>(
    `select m.minutes_state as state, m.minutes_published_on as "publishedOn", m.minutes_approved_on as "approvedOn",
       m.minutes_approved_at_meeting_id as "approvedAtMeetingId", a.meeting_date as "approvedAtDate"
     from meetings m left join meetings a on a.id = m.minutes_approved_at_meeting_id where m.tenant_id = $1 and m.id = $2`,
    [tenantId, meetingId],
  );
  return rows[0] ?? null;
}

/** The tenant's own name, for the front sheet of agenda packs and the names of feeds. */
export async function tenantName(db: Queryable, tenantId: string) {
  const rows = await db.query<{ name: string }>('select name from tenants where id = $1', [tenantId]);
  return rows[0]?.name ?? null;
}

// ---- The public front door -----------------------------------------------------------------------

export interface PublicPaperRow {
  itemId: string;
  meetingId: string;
  meetingDate: string;
  bodyName: string;
  position: number;
  title: string;
}

/** The latest published papers on public agendas, newest meeting first: asked of the public view (public_agenda_item). */
export async function latestPublicPapers(db: Queryable, tenantId: string, limit: number) {
  return db.query<PublicPaperRow>(
    `select i.id as "itemId", m.id as "meetingId", m.meeting_date as "meetingDate", b.name as "bodyName", i.position,
       coalesce(r.document->>'title', f.filename, i.title) as title
     from agenda_items i join meetings m on m.id = i.meeting_id join bodies b on b.id = m.body_id
       join reports r on r.agenda_item_id = i.id and r.deleted_at is null and r.status = 'published'
       left join files f on f.id = r.file_id and f.deleted_at is null
     where i.tenant_id = $1 and ${inPublicSet('agenda_item', 'i.id')}
     order by m.meeting_date desc, b.name, i.position limit $2`,
    [tenantId, limit],
  );
}

/** Where the minutes of each meeting stand (none, draft, published, approved), keyed by meeting. */
export async function minutesStatesOf(db: Queryable, tenantId: string, meetingIds: string[]) {
  if (meetingIds.length === 0) return new Map<string, string>();
  const rows = await db.query<{ id: string; state: string }>(`select id, minutes_state as state from meetings where tenant_id = $1 and id = any($2::uuid[])`, [
    tenantId,
    meetingIds,
  ]);
  return new Map(rows.map((r) => [r.id, r.state]));
}
