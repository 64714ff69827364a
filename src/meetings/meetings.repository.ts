// SQL for meetings, agenda items, reports and their files, agenda packs, bank holidays and the
// council's name. Bodies, membership and roles are in bodies.repository.ts, re-exported here so
// that this file stays the one entry to all of meetings' SQL.
import type { Queryable } from '../db/database.ts';
import type { ReportContent } from './report-template.ts';
import type { ItemInput, MeetingInput } from './meetings.schemas.ts';

export * from './bodies.repository.ts';

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
  params.push(f.limit ?? 1000, f.offset ?? 0);
  const dir = f.order === 'desc' ? 'desc' : 'asc';
  const rows = await db.query<MeetingRow & { total: number; items: number }>(
    `select ${MEETING_COLUMNS}, count(*) over ()::int as total,
       (select count(*)::int from agenda_items i where i.meeting_id = m.id and i.deleted_at is null) as items
     from meetings m join bodies b on b.id = m.body_id
     where ${where.join(' and ')}
     order by ${f.since ? 'm.modified, m.id' : `m.meeting_date ${dir}, m.start_time ${dir} nulls last, b.name`}
     limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
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

// ---- Agenda items and reports ----------------------------------------------------------------

export interface ItemRow {
  id: string;
  meetingId: string;
  position: number;
  section: string | null;
  title: string;
  purpose: string;
  leadOfficers: string;
  keyDecisionRef: string | null;
  keyDecisionNoticedOn: string | null;
  exemptParagraph: number | null;
  description: string;
  startTime: string | null;
  isLate: boolean;
  withdrawn: boolean;
  minutesOfMeetingId: string | null;
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
  reportId: string | null;
  reportKind: 'template' | 'upload' | null;
  reportStatus: 'draft' | 'published' | null;
  reportVersion: number | null;
  reportPublishedAt: Date | null;
  reportTitle: string | null;
  fileId: string | null;
  filename: string | null;
  contentType: string | null;
  sizeBytes: number | null;
}

const ITEM_COLUMNS = `i.id, i.meeting_id as "meetingId", i.position, i.section, i.title, i.purpose, i.lead_officers as "leadOfficers",
  i.key_decision_ref as "keyDecisionRef", i.key_decision_noticed_on as "keyDecisionNoticedOn", i.exempt_paragraph as "exemptParagraph",
  i.description, to_char(i.start_time, 'HH24:MI') as "startTime", i.is_late as "isLate", i.withdrawn, i.minutes_of_meeting_id as "minutesOfMeetingId", i.created, i.modified, i.deleted_at as "deletedAt", i.version,
  r.id as "reportId", r.kind as "reportKind", r.status as "reportStatus", r.version as "reportVersion", r.published_at as "reportPublishedAt",
  coalesce(r.document->>'title', f.filename) as "reportTitle",
  f.id as "fileId", f.filename, f.content_type as "contentType", f.size_bytes as "sizeBytes"`;
const ITEM_FROM = `agenda_items i left join reports r on r.agenda_item_id = i.id and r.deleted_at is null
  left join files f on f.id = r.file_id and f.deleted_at is null`;

export async function listItems(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<ItemRow>(
    `select ${ITEM_COLUMNS} from ${ITEM_FROM} where i.tenant_id = $1 and i.meeting_id = $2 and i.deleted_at is null
    order by i.position, i.created`,
    [tenantId, meetingId],
  );
}

/** Items of many meetings at once (the forward plan), keyed by meeting. */
export async function itemsOfMeetings(db: Queryable, tenantId: string, meetingIds: string[]) {
  if (meetingIds.length === 0) return new Map<string, ItemRow[]>();
  const rows = await db.query<ItemRow>(
    `select ${ITEM_COLUMNS} from ${ITEM_FROM} where i.tenant_id = $1 and i.meeting_id = any($2::uuid[])
    and i.deleted_at is null order by i.meeting_id, i.position, i.created`,
    [tenantId, meetingIds],
  );
  const map = new Map<string, ItemRow[]>();
  for (const r of rows) map.set(r.meetingId, [...(map.get(r.meetingId) ?? []), r]);
  return map;
}

export async function getItem(db: Queryable, tenantId: string, meetingId: string, itemId: string) {
  const rows = await db.query<ItemRow>(
    `select ${ITEM_COLUMNS} from ${ITEM_FROM} where i.tenant_id = $1 and i.meeting_id = $2 and i.id = $3
    and i.deleted_at is null`,
    [tenantId, meetingId, itemId],
  );
  return rows[0] ?? null;
}

type ItemWrite = Omit<ItemInput, 'minutesOfMeetingId'> & { minutesOfMeetingId?: string | null };

export async function itemCount(db: Queryable, tenantId: string, meetingId: string) {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from agenda_items where tenant_id = $1 and meeting_id = $2 and deleted_at is null`, [
    tenantId,
    meetingId,
  ]);
  return rows[0]!.n;
}

export async function insertItem(tx: Queryable, tenantId: string, meetingId: string, it: ItemWrite, opts: { isLate: boolean; noticedOn: string | null }) {
  const rows = await tx.query<{ id: string }>(
    `insert into agenda_items (tenant_id, meeting_id, position, section, title, purpose, lead_officers, key_decision_ref, key_decision_noticed_on,
       exempt_paragraph, description, start_time, is_late, minutes_of_meeting_id)
     values ($1, $2, (select coalesce(max(position), 0) + 1 from agenda_items where meeting_id = $2 and deleted_at is null),
       $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [
      tenantId,
      meetingId,
      it.section,
      it.title,
      it.purpose,
      it.leadOfficers,
      it.keyDecisionRef,
      it.keyDecisionRef ? opts.noticedOn : null,
      it.exemptParagraph,
      it.description,
      it.startTime,
      opts.isLate,
      it.minutesOfMeetingId ?? null,
    ],
  );
  return rows[0]!.id;
}

export async function updateItem(tx: Queryable, tenantId: string, itemId: string, version: number, it: ItemWrite, noticedOn: string) {
  // The Forward Plan notice date is when a key decision reference first appeared; it survives edits.
  const rows = await tx.query<{ id: string }>(
    `update agenda_items set section = $4, title = $5, purpose = $6, lead_officers = $7, key_decision_ref = $8,
       key_decision_noticed_on = case when $8::text is null then null else coalesce(key_decision_noticed_on, $9::date) end,
       exempt_paragraph = $10, description = $11, start_time = $12, minutes_of_meeting_id = $13
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [
      tenantId,
      itemId,
      version,
      it.section,
      it.title,
      it.purpose,
      it.leadOfficers,
      it.keyDecisionRef,
      noticedOn,
      it.exemptParagraph,
      it.description,
      it.startTime,
      it.minutesOfMeetingId ?? null,
    ],
  );
  return rows.length === 1;
}

/** Closes the gap an item leaves, so items stay numbered 1, 2, 3 ... */
export async function renumber(tx: Queryable, tenantId: string, meetingId: string) {
  await tx.query<never>(
    `update agenda_items i set position = n.pos from (
       select id, row_number() over (order by position, created)::int as pos from agenda_items where tenant_id = $1 and meeting_id = $2 and deleted_at is null
     ) n where i.id = n.id and i.position <> n.pos`,
    [tenantId, meetingId],
  );
}

export async function deleteItem(tx: Queryable, tenantId: string, itemId: string, version: number) {
  const rows = await tx.query<{ id: string }>(
    `update agenda_items set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and version = $3
    and deleted_at is null returning id`,
    [tenantId, itemId, version],
  );
  await tx.query<never>(`update reports set deleted_at = clock_timestamp() where tenant_id = $1 and agenda_item_id = $2 and deleted_at is null`, [
    tenantId,
    itemId,
  ]);
  return rows.length === 1;
}

/** Swaps an item with its neighbour above (-1) or below (+1). */
export async function swapWithNeighbour(tx: Queryable, tenantId: string, meetingId: string, itemId: string, direction: -1 | 1) {
  await renumber(tx, tenantId, meetingId);
  const rows = await tx.query<{ id: string; position: number }>(
    `select id, position from agenda_items where tenant_id = $1 and meeting_id = $2 and deleted_at is null order by position`,
    [tenantId, meetingId],
  );
  const at = rows.findIndex((r) => r.id === itemId);
  const other = rows[at + direction];
  if (at < 0 || !other) return false;
  await tx.query<never>(`update agenda_items set position = $3 where tenant_id = $1 and id = $2`, [tenantId, itemId, other.position]);
  await tx.query<never>(`update agenda_items set position = $3 where tenant_id = $1 and id = $2`, [tenantId, other.id, rows[at]!.position]);
  return true;
}

export async function moveItem(tx: Queryable, tenantId: string, itemId: string, version: number, toMeetingId: string) {
  const rows = await tx.query<{ id: string }>(
    `update agenda_items set meeting_id = $4,
       position = (select coalesce(max(position), 0) + 1 from agenda_items where meeting_id = $4 and deleted_at is null)
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, itemId, version, toMeetingId],
  );
  return rows.length === 1;
}

export async function insertMove(tx: Queryable, tenantId: string, m: { itemId: string; from: string; to: string; reason: string; movedBy: string }) {
  await tx.query<never>(
    `insert into agenda_item_moves (tenant_id, agenda_item_id, from_meeting_id, to_meeting_id, reason, moved_by)
    values ($1, $2, $3, $4, $5, $6)`,
    [tenantId, m.itemId, m.from, m.to, m.reason, m.movedBy],
  );
}

export async function movesOf(db: Queryable, tenantId: string, itemId: string) {
  return db.query<{ fromDate: string; toDate: string; fromMeetingId: string; toMeetingId: string; reason: string; created: Date }>(
    `select fm.meeting_date as "fromDate", tm.meeting_date as "toDate", mv.from_meeting_id as "fromMeetingId", mv.to_meeting_id as "toMeetingId",
       mv.reason, mv.created
     from agenda_item_moves mv join meetings fm on fm.id = mv.from_meeting_id join meetings tm on tm.id = mv.to_meeting_id
     where mv.tenant_id = $1 and mv.agenda_item_id = $2 and mv.deleted_at is null order by mv.created`,
    [tenantId, itemId],
  );
}

export interface ReportRow {
  id: string;
  agendaItemId: string;
  kind: 'template' | 'upload';
  document: ReportContent | null;
  fileId: string | null;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  modified: Date;
  version: number;
}

export async function getReport(db: Queryable, tenantId: string, itemId: string) {
  const rows = await db.query<ReportRow>(
    `select id, agenda_item_id as "agendaItemId", kind, document, file_id as "fileId", status, published_at as "publishedAt", modified, version
     from reports where tenant_id = $1 and agenda_item_id = $2 and deleted_at is null`,
    [tenantId, itemId],
  );
  return rows[0] ?? null;
}

export async function insertTemplateReport(tx: Queryable, tenantId: string, itemId: string, doc: ReportContent) {
  const rows = await tx.query<{ id: string }>(`insert into reports (tenant_id, agenda_item_id, kind, document) values ($1, $2, 'template', $3) returning id`, [
    tenantId,
    itemId,
    JSON.stringify(doc),
  ]);
  return rows[0]!.id;
}

/** Saving a report's text makes it a draft again: a changed report must be cleared and published afresh. */
export async function updateReportDocument(tx: Queryable, tenantId: string, reportId: string, version: number, doc: ReportContent) {
  const rows = await tx.query<{ id: string }>(
    `update reports set document = $4, kind = 'template', file_id = null, status = 'draft', published_at = null
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, reportId, version, JSON.stringify(doc)],
  );
  return rows.length === 1;
}

export async function upsertUploadReport(tx: Queryable, tenantId: string, itemId: string, fileId: string) {
  const rows = await tx.query<{ id: string }>(
    `update reports set kind = 'upload', file_id = $3, document = null, status = 'draft', published_at = null where tenant_id = $1 and agenda_item_id = $2 and deleted_at is null returning id`,
    [tenantId, itemId, fileId],
  );
  if (rows[0]) return rows[0].id;
  const inserted = await tx.query<{ id: string }>(`insert into reports (tenant_id, agenda_item_id, kind, file_id) values ($1, $2, 'upload', $3) returning id`, [
    tenantId,
    itemId,
    fileId,
  ]);
  return inserted[0]!.id;
}

export async function setReportStatus(tx: Queryable, tenantId: string, reportId: string, version: number, status: 'draft' | 'published') {
  const rows = await tx.query<{ id: string }>(
    `update reports set status = $4, published_at = case when $4 = 'published' then clock_timestamp() else null end
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, reportId, version, status],
  );
  return rows.length === 1;
}

export interface StoredFile {
  content: Uint8Array;
  contentType: string;
  filename: string;
}

/** The bytes of an uploaded paper, for staff and for rendering. */
export async function getFile(db: Queryable, tenantId: string, fileId: string) {
  const rows = await db.query<StoredFile>(`select content, content_type as "contentType", filename from files where tenant_id = $1 and id = $2`, [
    tenantId,
    fileId,
  ]);
  return rows[0] ?? null;
}

/** The bytes of an uploaded paper for the public download: never a deleted file. */
export async function getLiveFile(db: Queryable, tenantId: string, fileId: string) {
  const rows = await db.query<StoredFile>(
    `select content, content_type as "contentType", filename from files where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, fileId],
  );
  return rows[0] ?? null;
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
