// SQL for site search over the view search_documents (migrations/0020_search.sql, its kept vectors 0040). The public
// answer reads only rows the public view functions allow (is_public); staff read every row.
import type { Queryable } from '../db/database.ts';
import type { SearchKind } from './search-rules.ts';

export interface SearchFilters {
  q: string;
  kinds: readonly SearchKind[];
  bodyId?: string;
  from?: string;
  to?: string;
  publicOnly: boolean;
  limit: number;
  offset: number;
}

export interface SearchRow {
  kind: SearchKind;
  id: string;
  title: string;
  /** The title with its matches between the same markers as the extract. */
  titleMarked: string;
  /** The matching passage, with \u0001 and \u0002 around each match (never HTML). */
  extract: string;
  occurredOn: string | null;
  bodyId: string | null;
  bodyName: string | null;
  meetingId: string | null;
  isPublic: boolean;
  state: string | null;
  total: number;
}

// Markers no text will hold: the page escapes the extract, then turns them into <mark>.
const MARKERS = 'StartSel=\u0001, StopSel=\u0002';
const HEADLINE_OPTIONS = `${MARKERS}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;
/** A title is shown whole (HighlightAll), its matches marked. */
const TITLE_OPTIONS = `${MARKERS}, HighlightAll=true`;

export async function searchDocuments(db: Queryable, tenantId: string, f: SearchFilters): Promise<SearchRow[]> {
  // The filter on doc is written against the query itself, not a joined row, so PostgreSQL takes it into each
  // kind of document and answers it from the kept vectors and their GIN indexes (migration 0040). Only the page
  // of results is looked up again for its text, to mark the matching passage (LIMIT 1 keeps the lookup a lookup
  // by id in each kind, rather than a join the planner would answer by reading every document).
  return db.query<SearchRow>(
    `with matched as (
       select d.kind, d.id, d.title, d.occurred_on, d.body_id, d.meeting_id, d.is_public, d.state,
         ts_rank(d.doc, websearch_to_tsquery('english', $2)) as rank, count(*) over () as total
       from search_documents d
       where d.tenant_id = $1 and (d.is_public or not $3::boolean) and d.kind = any($4::text[])
         and ($5::uuid is null or d.body_id = $5::uuid)
         and ($6::date is null or d.occurred_on >= $6::date) and ($7::date is null or d.occurred_on <= $7::date)
         and d.doc @@ websearch_to_tsquery('english', $2)
       order by rank desc, d.occurred_on desc nulls last, d.title, d.id
       limit $8 offset $9)
     select m.kind, m.id, m.title, ts_headline('english', m.title, q.query, $11) as "titleMarked",
       ts_headline('english', case when c.content = '' then m.title else c.content end, q.query, $10) as extract,
       to_char(m.occurred_on, 'YYYY-MM-DD') as "occurredOn", m.body_id as "bodyId",
       ${f.publicOnly ? 'case when public_body(b.id) then b.name end' : 'b.name'} as "bodyName",
       m.meeting_id as "meetingId", m.is_public as "isPublic", m.state, m.total::int as total
     from matched m cross join websearch_to_tsquery('english', $2) as q (query)
       cross join lateral (select c.content from search_documents c where c.tenant_id = $1 and c.kind = m.kind and c.id = m.id limit 1) c
       left join bodies b on b.id = m.body_id
     order by m.rank desc, m.occurred_on desc nulls last, m.title, m.id`,
    [tenantId, f.q, f.publicOnly, f.kinds, f.bodyId ?? null, f.from ?? null, f.to ?? null, f.limit, f.offset, HEADLINE_OPTIONS, TITLE_OPTIONS],
  );
}

/** Whether the words of a query leave anything to look for once English stop words are dropped. */
export async function queryHasTerms(db: Queryable, q: string): Promise<boolean> {
  const rows = await db.query<{ n: number }>(`select numnode(websearch_to_tsquery('english', $1))::int as n`, [q]);
  return (rows[0]?.n ?? 0) > 0;
}

/** The committees and boards to filter by: the published ones for the public, every one for staff. */
export async function bodiesToFilter(db: Queryable, tenantId: string, publicOnly: boolean) {
  return db.query<{ id: string; name: string }>(
    `select b.id, b.name from bodies b where b.tenant_id = $1 and b.deleted_at is null and (not $2::boolean or public_body(b.id))
     order by lower(b.name), b.id`,
    [tenantId, publicOnly],
  );
}

/** An uploaded paper's file, for reading its text. */
export async function fileForExtraction(db: Queryable, tenantId: string, fileId: string) {
  const rows = await db.query<{ id: string; contentType: string; content: Uint8Array }>(
    `select id, content_type as "contentType", content from files where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, fileId],
  );
  return rows[0] ?? null;
}

/** Uploaded papers whose words have not been read (uploaded before search existed, or whose job gave up), oldest first. */
export async function filesWithoutText(db: Queryable, tenantId: string, limit: number) {
  return db.query<{ fileId: string }>(
    `select distinct r.file_id as "fileId" from reports r
     where r.tenant_id = $1 and r.kind = 'upload' and r.deleted_at is null and r.file_id is not null
       and not exists (select 1 from search_file_texts t where t.file_id = r.file_id)
     order by r.file_id limit $2`,
    [tenantId, limit],
  );
}

/**
 * Keeps a paper's words. The table has no audit trigger (its text would fill the trail), so the
 * row written to the trail here says how much was read; it also moves the data version, so cached
 * public pages (search results among them) are drawn again with the new words.
 */
export async function saveFileText(db: Queryable, tenantId: string, fileId: string, content: string) {
  await db.query(
    `with saved as (
       insert into search_file_texts (file_id, tenant_id, content) values ($2, $1, $3)
       on conflict (tenant_id, file_id) do update set content = excluded.content, deleted_at = null
       returning file_id, tenant_id, length(content) as characters, xmax = 0 as inserted)
     insert into audit_log (tenant_id, actor, action, entity_type, entity_id, after)
     select tenant_id, coalesce(nullif(current_setting('app.actor', true), ''), 'system'), case when inserted then 'insert' else 'update' end,
       'search_file_texts', file_id, jsonb_build_object('file_id', file_id, 'characters', characters)
     from saved`,
    [tenantId, fileId, content],
  );
}

/**
 * When each search result last changed, as the public would notice it: the record itself, the meeting and
 * agenda item its publication hangs on (publishing an agenda changes the meeting), and an uploaded paper's
 * words once read. The search view keeps no such time, so a followed search's feed and digest ask for it
 * here: a paper published today for a meeting next month is new today, not on the meeting's date.
 */
export async function searchResultsChanged(db: Queryable, tenantId: string, ids: readonly string[]): Promise<Map<string, Date>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; changed: Date }>(
    `select x.id, x.changed from (
       select p.id, p.modified as changed from partnerships p where p.tenant_id = $1 and p.id = any($2::uuid[])
       union all select b.id, b.modified from bodies b where b.tenant_id = $1 and b.id = any($2::uuid[])
       union all select m.id, m.modified from meetings m where m.tenant_id = $1 and m.id = any($2::uuid[])
       union all select i.id, greatest(i.modified, m.modified) from agenda_items i join meetings m on m.id = i.meeting_id
         where i.tenant_id = $1 and i.id = any($2::uuid[])
       union all select r.id, greatest(r.modified, i.modified, m.modified, t.modified) from reports r
         join agenda_items i on i.id = r.agenda_item_id join meetings m on m.id = i.meeting_id
         left join search_file_texts t on t.file_id = r.file_id and t.deleted_at is null
         where r.tenant_id = $1 and r.id = any($2::uuid[])
       union all select mi.id, greatest(mi.modified, m.modified) from minutes mi join meetings m on m.id = mi.meeting_id
         where mi.tenant_id = $1 and mi.id = any($2::uuid[])
       union all select re.id, greatest(re.modified, mi.modified, m.modified) from resolutions re
         join minutes mi on mi.id = re.minute_id join meetings m on m.id = mi.meeting_id
         where re.tenant_id = $1 and re.id = any($2::uuid[])
       union all select pe.id, pe.modified from people pe where pe.tenant_id = $1 and pe.id = any($2::uuid[])
       union all select ind.id, ind.modified from indicators ind where ind.tenant_id = $1 and ind.id = any($2::uuid[])
       union all select pl.id, pl.modified from plans pl where pl.tenant_id = $1 and pl.id = any($2::uuid[])
     ) x`,
    [tenantId, ids],
  );
  return new Map(rows.map((r) => [r.id, new Date(r.changed)]));
}
