// Every read of the OParl interface. Each kind of object is one query over the public view functions of
// migration 0010 (public_body, public_meeting, public_agenda_item, public_minute, public_partnership), so
// an object is listed only when the public may see it, and every join names another record only when
// that record is public too. A record the public once saw and that is now deleted stays as a row marked
// `deleted`, for the tombstones OParl 1.1 asks for when a client syncs with modified_since.
import type { Queryable } from '../db/database.ts';
import type { ListFilter } from './oparl.query.ts';

export type ListKind = 'organization' | 'person' | 'membership' | 'meeting' | 'agendaItem' | 'paper' | 'file' | 'consultation' | 'location';

interface Row {
  id: string;
  created: Date;
  modified: Date;
  deleted: boolean;
}

export interface OrganizationRow extends Row {
  name: string;
  shortName: string | null;
  source: 'body' | 'partnership';
  classification: string;
  parentId: string | null;
  memberships: string[];
}

export interface PersonRow extends Row {
  name: string;
  formOfAddress: string | null;
  kind: string;
  memberships: { id: string; bodyId: string; role: string; startDate: string | null; endDate: string | null }[];
}

export interface MembershipRow extends Row {
  personId: string;
  bodyId: string;
  role: string;
  startDate: string | null;
  endDate: string | null;
}

export interface MeetingRow extends Row {
  bodyId: string;
  bodyName: string;
  title: string | null;
  kind: string;
  status: string;
  meetingDate: string;
  startTime: string | null;
  endTime: string | null;
  venue: string;
  agendaPublishedOn: string | null;
  minutesState: string;
  hasPack: boolean;
}

export interface AgendaItemRow extends Row {
  meetingId: string;
  position: number;
  title: string;
  exemptParagraph: number | null;
  reportId: string | null;
  result: string | null;
  resolutionText: string | null;
}

export interface PaperRow extends Row {
  name: string;
  reportKind: 'template' | 'upload';
  fileName: string | null;
  mimeType: string | null;
  size: number | null;
  publishedAt: Date | null;
  itemId: string;
  meetingId: string;
  bodyId: string;
  purpose: string;
}

export interface FileRow extends Row {
  source: 'paper' | 'agenda' | 'minutes';
  name: string;
  fileName: string | null;
  mimeType: string;
  size: number | null;
  fileDate: string | null;
  meetingId: string;
  itemId: string | null;
  paperId: string | null;
  reportKind: string | null;
}

export interface RowOf {
  organization: OrganizationRow;
  person: PersonRow;
  membership: MembershipRow;
  meeting: MeetingRow;
  agendaItem: AgendaItemRow;
  paper: PaperRow;
  file: FileRow;
  consultation: PaperRow;
  location: MeetingRow;
}

// A committee or board is public through public_body; one the public saw and that is now deleted is a tombstone.
const ORGANIZATIONS = `
  select b.id::text as id, b.created, b.modified, b.deleted_at is not null as deleted, b.name, null::text as "shortName",
    'body' as source, b.kind as classification,
    case when b.partnership_id is not null and public_partnership(b.partnership_id) then b.partnership_id::text end as "parentId",
    coalesce((select json_agg(bm.id::text order by bm.created, bm.id) from body_members bm join people p on p.id = bm.person_id
      where bm.body_id = b.id and bm.deleted_at is null and p.deleted_at is null), '[]') as memberships
  from bodies b
  where b.tenant_id = $1 and (public_body(b.id) or (b.deleted_at is not null and b.publication_state = 'published'))
  union all
  select p.id::text, p.created, p.modified, p.deleted_at is not null, p.name, p.short_name, 'partnership', p.kind, null, '[]'
  from partnerships p
  where p.tenant_id = $1 and (public_partnership(p.id) or (p.deleted_at is not null and p.publication_state = 'published'))`;

// A person is public while they sit on a public committee or board; only their name and form of address.
const PEOPLE = `
  select p.id::text as id, p.created, p.modified, p.deleted_at is not null as deleted, p.name, p.honorific_prefix as "formOfAddress", p.kind,
    coalesce((select json_agg(json_build_object('id', bm.id, 'bodyId', bm.body_id, 'role', bm.role, 'startDate', bm.start_date, 'endDate', bm.end_date)
        order by bm.created, bm.id)
      from body_members bm where bm.person_id = p.id and bm.deleted_at is null and public_body(bm.body_id)), '[]') as memberships
  from people p
  where p.tenant_id = $1
    and exists (select 1 from body_members bm where bm.person_id = p.id and bm.deleted_at is null and public_body(bm.body_id))`;

const MEMBERSHIPS = `
  select bm.id::text as id, bm.created, bm.modified, (bm.deleted_at is not null or p.deleted_at is not null or b.deleted_at is not null) as deleted,
    bm.person_id::text as "personId", bm.body_id::text as "bodyId", bm.role, bm.start_date as "startDate", bm.end_date as "endDate"
  from body_members bm join people p on p.id = bm.person_id join bodies b on b.id = bm.body_id
  where bm.tenant_id = $1 and (public_body(b.id) or (b.deleted_at is not null and b.publication_state = 'published'))`;

// An agenda pack is offered once a public item of the published agenda has a published paper.
const MEETINGS = `
  select m.id::text as id, m.created, m.modified, m.deleted_at is not null as deleted, m.body_id::text as "bodyId", b.name as "bodyName",
    m.title, m.kind, m.status, m.meeting_date as "meetingDate", to_char(m.start_time, 'HH24:MI') as "startTime",
    to_char(m.end_time, 'HH24:MI') as "endTime", m.venue, m.agenda_published_on as "agendaPublishedOn", m.minutes_state as "minutesState",
    (m.agenda_published_on is not null and exists (select 1 from agenda_items i join reports r on r.agenda_item_id = i.id
      where i.meeting_id = m.id and r.deleted_at is null and r.status = 'published' and public_agenda_item(i.id))) as "hasPack"
  from meetings m join bodies b on b.id = m.body_id
  where m.tenant_id = $1
    and (public_meeting(m.id) or (m.deleted_at is not null and m.is_public and b.publication_state = 'published' and b.deleted_at is null))`;

const LOCATIONS = `select * from (${MEETINGS}) meeting where venue <> ''`;

// The items of a public meeting's published agenda. An exempt item is listed (the public agenda says it
// exists), but its title, paper and outcome are not read: only its number and Schedule 12A paragraph.
const AGENDA_ITEMS = `
  select i.id::text as id, i.created, i.modified, i.deleted_at is not null as deleted, i.meeting_id::text as "meetingId", i.position,
    case when i.exempt_paragraph is null then i.title else '' end as title, i.exempt_paragraph as "exemptParagraph",
    (select r.id::text from reports r where r.agenda_item_id = i.id and r.deleted_at is null and r.status = 'published'
      and public_agenda_item(i.id)) as "reportId",
    (select string_agg(distinct rs.outcome, ', ') from minutes mi join resolutions rs on rs.minute_id = mi.id and rs.deleted_at is null
      where mi.agenda_item_id = i.id and public_minute(mi.id) and public_resolution(rs.id)) as result,
    (select string_agg(rs.text, E'\\n' order by mi.number, rs.position) from minutes mi join resolutions rs on rs.minute_id = mi.id and rs.deleted_at is null
      where mi.agenda_item_id = i.id and public_minute(mi.id) and public_resolution(rs.id)) as "resolutionText"
  from agenda_items i join meetings m on m.id = i.meeting_id
  where i.tenant_id = $1 and m.agenda_published_on is not null and public_meeting(m.id)`;

// A published report on a public agenda item; its title as the public meeting page shows it.
const PAPERS = `
  select r.id::text as id, r.created, r.modified, r.deleted_at is not null as deleted,
    coalesce(r.document->>'title', f.filename, i.title) as name, r.kind as "reportKind", f.filename as "fileName",
    f.content_type as "mimeType", f.size_bytes as size, r.published_at as "publishedAt",
    i.id::text as "itemId", i.meeting_id::text as "meetingId", m.body_id::text as "bodyId", i.purpose
  from reports r join agenda_items i on i.id = r.agenda_item_id join meetings m on m.id = i.meeting_id left join files f on f.id = r.file_id
  where r.tenant_id = $1 and r.status = 'published' and public_agenda_item(i.id)`;

// The documents the public site serves: each published paper, each meeting's agenda pack and its public minutes.
const FILES = `
  select paper.id, paper.created, paper.modified, paper.deleted, 'paper' as source, paper.name, paper."fileName",
    coalesce(paper."mimeType", 'application/pdf') as "mimeType", paper.size,
    to_char(paper."publishedAt" at time zone 'Europe/London', 'YYYY-MM-DD') as "fileDate",
    paper."meetingId", paper."itemId", paper.id as "paperId", paper."reportKind"
  from (${PAPERS}) paper
  union all
  select 'agenda-' || meeting.id, meeting.created, meeting.modified, meeting.deleted, 'agenda', 'Agenda pack: ' || meeting."bodyName",
    null, 'application/pdf', null, meeting."agendaPublishedOn"::text, meeting.id, null, null, null
  from (${MEETINGS}) meeting where meeting."hasPack" or (meeting.deleted and meeting."agendaPublishedOn" is not null)
  union all
  select 'minutes-' || meeting.id, meeting.created, meeting.modified, meeting.deleted, 'minutes', 'Minutes: ' || meeting."bodyName",
    null, 'application/pdf', null, meeting."meetingDate"::text, meeting.id, null, null, null
  from (${MEETINGS}) meeting where meeting."minutesState" in ('published', 'approved')`;

// The filters compare the times as published (to the millisecond), so an object's own created or modified
// time, given back as a bound, includes it. Deleted objects only for a client syncing with modified_since
// (OParl 1.1: never otherwise).
const FILTERS = `($2::timestamptz is null or date_trunc('milliseconds', x.created) >= $2)
       and ($3::timestamptz is null or date_trunc('milliseconds', x.created) <= $3)
       and ($4::timestamptz is null or date_trunc('milliseconds', x.modified) >= $4)
       and ($5::timestamptz is null or date_trunc('milliseconds', x.modified) <= $5)
       and ($4::timestamptz is not null or not x.deleted)`;

const BASE: Record<ListKind, string> = {
  organization: ORGANIZATIONS,
  person: PEOPLE,
  membership: MEMBERSHIPS,
  meeting: MEETINGS,
  agendaItem: AGENDA_ITEMS,
  paper: PAPERS,
  file: FILES,
  consultation: PAPERS,
  location: LOCATIONS,
};

/** A page of a list, oldest first (by creation, then id: a stable order), with the total. */
export async function listObjects<K extends ListKind>(
  db: Queryable,
  tenantId: string,
  kind: K,
  filter: ListFilter,
  page: { limit: number; offset: number },
  /** Only the meetings of this committee or board (Organization.meeting). */
  bodyId?: string,
): Promise<{ rows: RowOf[K][]; total: number }> {
  const filters = [filter.createdSince, filter.createdUntil, filter.modifiedSince, filter.modifiedUntil];
  const rows = await db.query<RowOf[K] & { total: string | number }>(
    `select x.*, count(*) over () as total from (${BASE[kind]}) x
     where ${FILTERS}${bodyId ? ' and x."bodyId" = $8' : ''}
     order by x.created, x.id
     limit $6 offset $7`,
    [tenantId, ...filters, page.limit, page.offset, ...(bodyId ? [bodyId] : [])],
  );
  const total = rows.length ? Number(rows[0]!.total) : await countObjects(db, tenantId, kind, filter, bodyId);
  return { rows, total };
}

async function countObjects(db: Queryable, tenantId: string, kind: ListKind, filter: ListFilter, bodyId?: string): Promise<number> {
  const rows = await db.query<{ total: string | number }>(
    `select count(*) as total from (${BASE[kind]}) x
     where ${FILTERS}${bodyId ? ' and x."bodyId" = $6' : ''}`,
    [tenantId, filter.createdSince, filter.createdUntil, filter.modifiedSince, filter.modifiedUntil, ...(bodyId ? [bodyId] : [])],
  );
  return Number(rows[0]?.total ?? 0);
}

/** One object by id (deleted ones too: their address answers with a tombstone), or null. */
export async function getObject<K extends ListKind>(db: Queryable, tenantId: string, kind: K, id: string): Promise<RowOf[K] | null> {
  const rows = await db.query<RowOf[K]>(`select x.* from (${BASE[kind]}) x where x.id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

/** The agenda items of these meetings, in agenda order, for embedding in them. */
export async function agendaItemsOf(db: Queryable, tenantId: string, meetingIds: readonly string[]): Promise<AgendaItemRow[]> {
  if (!meetingIds.length) return [];
  return db.query<AgendaItemRow>(`select x.* from (${AGENDA_ITEMS}) x where x."meetingId" = any($2::text[]) and not x.deleted order by x.position, x.id`, [
    tenantId,
    [...meetingIds],
  ]);
}

/** The public papers of these ids, for embedding as consultations and files. */
export async function papersByIds(db: Queryable, tenantId: string, ids: readonly string[]): Promise<PaperRow[]> {
  if (!ids.length) return [];
  return db.query<PaperRow>(`select x.* from (${PAPERS}) x where x.id = any($2::text[]) and not x.deleted`, [tenantId, [...ids]]);
}

/** When the council's records began, and when its public record last changed (the newest change to any of its lists). */
export async function tenantFacts(db: Queryable, tenantId: string): Promise<{ created: Date; modified: Date } | null> {
  const rows = await db.query<{ created: Date; modified: Date }>(
    `select t.created, greatest(t.created, (select max(modified) from bodies where tenant_id = t.id),
       (select max(modified) from meetings where tenant_id = t.id)) as modified
     from tenants t where t.id = $1`,
    [tenantId],
  );
  return rows[0] ?? null;
}
