-- Site search at a large county's scale (issue 19). Measured on bench/county-seed.ts's data (50,000 agenda
-- items, 20,000 papers with text, 48,650 minutes, 19,460 decisions), one search took 14 s on PostgreSQL:
-- every query turned every record's text into a tsvector again (reports 6 s, minutes 1.7 s, agenda items
-- 1.2 s, decisions 0.7 s), asked the public view functions once per row (0.8 s for the agenda items under
-- the reports alone), and computed each match's vector a second time to rank it (4 s).
--
-- Now the words are kept: a stored generated column search_vector holds the tsvector of what the row itself
-- says (PostgreSQL keeps it up to date on every insert and update, on PGlite alike), with a GIN index where
-- the vector is the record's whole document (agenda items, minutes). Where a document's title comes from
-- another record (a decision's minute, an upload's agenda item), the title's short vector is still made at
-- query time and the kept vector is its text. The view's new column doc is the vector searched and ranked;
-- is_public reads migration 0038's sets of public ids (a hashed lookup) instead of a function per row.
-- The rules of what each document says and who may see it are unchanged.

-- A paper written in the template: every string in its document, as search_report_text (0020) reads it.
create function search_document_text(doc jsonb) returns text language sql immutable parallel safe as $$
  select coalesce((select string_agg(v #>> '{}', ' ') from jsonb_path_query(doc, 'strict $.** ? (@.type() == "string")') v), '')
$$;

alter table agenda_items add column search_vector tsvector generated always as (
  setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', description), 'B')) stored;
create index agenda_items_search on agenda_items using gin (search_vector);

alter table minutes add column search_vector tsvector generated always as (
  setweight(to_tsvector('english', number::text || '. ' || title), 'A') || setweight(to_tsvector('english', discussion), 'B')) stored;
create index minutes_search on minutes using gin (search_vector);

-- A decision's title is its minute's: only its text is kept.
alter table resolutions add column search_vector tsvector generated always as (setweight(to_tsvector('english', text), 'B')) stored;

-- A template paper's words (null for an upload, whose words are in search_file_texts).
alter table reports add column search_vector tsvector generated always as (
  case when document is not null then setweight(to_tsvector('english', search_document_text(document)), 'B') end) stored;

alter table search_file_texts add column search_vector tsvector generated always as (setweight(to_tsvector('english', content), 'B')) stored;

-- The audit trail keeps what people wrote, not the search engine's copy of it.
create or replace function audit_row() returns trigger language plpgsql as $$
declare
  v_before jsonb;
  v_after jsonb;
  v_action text := lower(tg_op);
begin
  if tg_table_name = any(string_to_array(nullif(current_setting('app.audit_batch', true), ''), ',')) then
    return null;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then v_before := to_jsonb(old) - 'content' - 'password_hash' - 'token_hash' - 'search_vector'; end if;
  if tg_op in ('INSERT', 'UPDATE') then v_after := to_jsonb(new) - 'content' - 'password_hash' - 'token_hash' - 'search_vector'; end if;
  if tg_op = 'UPDATE' then
    if (v_before - 'modified' - 'version') = (v_after - 'modified' - 'version') then
      return null;
    end if;
    if v_before->>'deleted_at' is null and v_after->>'deleted_at' is not null then
      v_action := 'delete';
    elsif v_before->>'deleted_at' is not null and v_after->>'deleted_at' is null then
      v_action := 'restore';
    end if;
  end if;
  insert into audit_log (tenant_id, actor, action, entity_type, entity_id, parent_entity_id, before, after, request_id)
  values (
    coalesce(v_after->>'tenant_id', v_before->>'tenant_id')::uuid,
    coalesce(nullif(current_setting('app.actor', true), ''), 'system'),
    v_action,
    tg_table_name,
    coalesce(v_after->>'id', v_before->>'id')::uuid,
    coalesce(v_after->>'partnership_id', v_before->>'partnership_id')::uuid,
    v_before,
    v_after,
    nullif(current_setting('app.request_id', true), '')
  );
  return null;
end $$;

-- The same documents as 0020's view, with doc (what is searched and ranked) beside title and content.
drop view search_documents;
create view search_documents as
  select 'partnership'::text as kind, p.id, p.tenant_id, p.name as title,
    concat_ws(' ', p.short_name, p.purpose, p.mission, array_to_string(p.responsibilities, ' '), p.terms_of_reference) as content,
    null::date as occurred_on, null::uuid as body_id, null::uuid as meeting_id,
    public_partnership(p.id) as is_public, p.publication_state as state,
    setweight(to_tsvector('english', p.name), 'A')
      || setweight(to_tsvector('english', concat_ws(' ', p.short_name, p.purpose, p.mission, array_to_string(p.responsibilities, ' '), p.terms_of_reference)), 'B') as doc
  from partnerships p where p.deleted_at is null
  union all
  select 'committee', b.id, b.tenant_id, b.name, concat_ws(' ', b.terms_of_reference, array_to_string(b.public_notes, ' ')),
    null, b.id, null, public_body(b.id), b.publication_state,
    setweight(to_tsvector('english', b.name), 'A') || setweight(to_tsvector('english', concat_ws(' ', b.terms_of_reference, array_to_string(b.public_notes, ' '))), 'B')
  from bodies b where b.deleted_at is null
  union all
  select 'meeting', m.id, m.tenant_id, concat_ws(': ', b.name, m.title), concat_ws(' ', m.venue, b.name),
    m.meeting_date, m.body_id, m.id, m.id in (select id from public_meeting_ids), case when m.is_public then b.publication_state else 'private' end,
    setweight(to_tsvector('english', concat_ws(': ', b.name, m.title)), 'A') || setweight(to_tsvector('english', concat_ws(' ', m.venue, b.name)), 'B')
  from meetings m join bodies b on b.id = m.body_id where m.deleted_at is null
  union all
  select 'agenda_item', i.id, i.tenant_id, i.title, i.description,
    m.meeting_date, m.body_id, m.id, i.id in (select id from public_agenda_item_ids),
    case when i.exempt_paragraph is not null then 'exempt' when m.agenda_published_on is null then 'draft' when not m.is_public then 'private' end,
    i.search_vector
  from agenda_items i join meetings m on m.id = i.meeting_id where i.deleted_at is null and m.deleted_at is null
  union all
  select 'report', r.id, r.tenant_id, coalesce(nullif(r.document ->> 'title', ''), i.title),
    case when r.document is not null then search_document_text(r.document) else coalesce(t.content, '') end,
    m.meeting_date, m.body_id, m.id, r.status = 'published' and i.id in (select id from public_agenda_item_ids),
    case when r.status = 'draft' then 'draft' when i.exempt_paragraph is not null then 'exempt' end,
    setweight(to_tsvector('english', coalesce(nullif(r.document ->> 'title', ''), i.title)), 'A')
      || coalesce(r.search_vector, t.search_vector, ''::tsvector)
  from reports r join agenda_items i on i.id = r.agenda_item_id join meetings m on m.id = i.meeting_id
    left join search_file_texts t on r.document is null and t.file_id = r.file_id and t.deleted_at is null
  where r.deleted_at is null and i.deleted_at is null and m.deleted_at is null
  union all
  select 'minute', mi.id, mi.tenant_id, mi.number || '. ' || mi.title, mi.discussion,
    m.meeting_date, m.body_id, m.id, mi.id in (select id from public_minute_ids), case when m.minutes_state in ('none', 'draft') then 'draft' end,
    mi.search_vector
  from minutes mi join meetings m on m.id = mi.meeting_id where mi.deleted_at is null and m.deleted_at is null
  union all
  select 'decision', re.id, re.tenant_id, mi.number || '. ' || mi.title, re.text,
    m.meeting_date, m.body_id, m.id, re.id in (select id from public_resolution_ids), case when m.minutes_state in ('none', 'draft') then 'draft' end,
    setweight(to_tsvector('english', mi.number || '. ' || mi.title), 'A') || re.search_vector
  from resolutions re join minutes mi on mi.id = re.minute_id join meetings m on m.id = mi.meeting_id
  where re.deleted_at is null and mi.deleted_at is null and m.deleted_at is null
  union all
  select 'councillor', pe.id, pe.tenant_id, concat_ws(' ', pe.honorific_prefix, pe.name), concat_ws(' ', pe.party, pe.electoral_division, pe.portfolio),
    null, null, null,
    exists (select 1 from body_members bm where bm.person_id = pe.id and bm.deleted_at is null and public_body(bm.body_id))
      or exists (select 1 from body_roles br where br.person_id = pe.id and br.deleted_at is null and public_body(br.body_id))
      or exists (select 1 from outside_body_appointments a where a.person_id = pe.id and a.deleted_at is null and public_outside_body(a.outside_body_id)),
    null,
    setweight(to_tsvector('english', concat_ws(' ', pe.honorific_prefix, pe.name)), 'A')
      || setweight(to_tsvector('english', concat_ws(' ', pe.party, pe.electoral_division, pe.portfolio)), 'B')
  from people pe where pe.kind = 'councillor' and pe.deleted_at is null
  union all
  select 'indicator', ind.id, ind.tenant_id, concat_ws(' ', ind.code, ind.title), concat_ws(' ', ind.definition, ind.outcome_group, ind.data_source),
    null, null, null, public_indicator(ind.id), ind.publication_state,
    setweight(to_tsvector('english', concat_ws(' ', ind.code, ind.title)), 'A')
      || setweight(to_tsvector('english', concat_ws(' ', ind.definition, ind.outcome_group, ind.data_source)), 'B')
  from indicators ind where ind.deleted_at is null
  union all
  select 'plan', pl.id, pl.tenant_id, pl.title, concat_ws(' ', pl.period_label, pl.introduction),
    pl.endorsed_on, pl.body_id, null, public_plan(pl.id), pl.publication_state,
    setweight(to_tsvector('english', pl.title), 'A') || setweight(to_tsvector('english', concat_ws(' ', pl.period_label, pl.introduction)), 'B')
  from plans pl where pl.deleted_at is null;
