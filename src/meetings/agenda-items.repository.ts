// SQL for agenda items: the agenda of a meeting, its numbering and order, and items moved between meetings.
import type { Queryable } from '../db/database.ts';
import type { ItemInput } from './meetings.schemas.ts';

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
  /** The uploaded file's pages (migration 0037): null when not counted yet, 0 when the file does not say. */
  pageCount: number | null;
}

const ITEM_COLUMNS = `i.id, i.meeting_id as "meetingId", i.position, i.section, i.title, i.purpose, i.lead_officers as "leadOfficers",
  i.key_decision_ref as "keyDecisionRef", i.key_decision_noticed_on as "keyDecisionNoticedOn", i.exempt_paragraph as "exemptParagraph",
  i.description, to_char(i.start_time, 'HH24:MI') as "startTime", i.is_late as "isLate", i.withdrawn, i.minutes_of_meeting_id as "minutesOfMeetingId", i.created, i.modified, i.deleted_at as "deletedAt", i.version,
  r.id as "reportId", r.kind as "reportKind", r.status as "reportStatus", r.version as "reportVersion", r.published_at as "reportPublishedAt",
  coalesce(r.document->>'title', f.filename) as "reportTitle",
  f.id as "fileId", f.filename, f.content_type as "contentType", f.size_bytes as "sizeBytes", f.page_count as "pageCount"`;
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
