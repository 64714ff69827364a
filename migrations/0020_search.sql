-- Site search: one view over every searchable kind of record, with English stemming. It reads the
-- source tables directly and is never stale, so no copy of the text can outlive a record's
-- withdrawal. Each row says, through the public view functions of 0010_public_view.sql, whether the
-- public may see it (is_public): public search reads only rows where it is true, staff search reads
-- every row and shows the rest as not published. The text of an uploaded paper is kept beside its
-- file when the paper is uploaded (search_file_texts), and is searched only through its report.

create table search_file_texts (
  file_id uuid primary key references files (id),
  tenant_id uuid not null references tenants (id),
  content text not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);

-- Asks for an uploaded paper's text to be read when a report's file is set or changed (job 'search.extract-text').
create function search_extract_on_upload() returns trigger language plpgsql as $$
begin
  if new.kind = 'upload' and new.file_id is not null and (tg_op = 'INSERT' or new.file_id is distinct from old.file_id) then
    insert into jobs (tenant_id, kind, key) values (new.tenant_id, 'search.extract-text', new.file_id::text)
    on conflict (tenant_id, kind, key) do update set requested_at = clock_timestamp(), done_at = null, attempts = 0, last_error = null
      where jobs.done_at is not null;
  end if;
  return new;
end $$;
create trigger reports_search_extract after insert or update of file_id on reports for each row execute function search_extract_on_upload();

-- A report's own words: every string in the template document, or the uploaded paper's extracted text.
create function search_report_text(doc jsonb, upload_file uuid) returns text language sql stable as $$
  select case when doc is not null
    then coalesce((select string_agg(v #>> '{}', ' ') from jsonb_path_query(doc, 'strict $.** ? (@.type() == "string")') v), '')
    else coalesce((select t.content from search_file_texts t where t.file_id = upload_file and t.deleted_at is null), '') end
$$;

create view search_documents as
  select 'partnership'::text as kind, p.id, p.tenant_id, p.name as title,
    concat_ws(' ', p.short_name, p.purpose, p.mission, array_to_string(p.responsibilities, ' '), p.terms_of_reference) as content,
    null::date as occurred_on, null::uuid as body_id, null::uuid as meeting_id,
    public_partnership(p.id) as is_public, p.publication_state as state
  from partnerships p where p.deleted_at is null
  union all
  select 'committee', b.id, b.tenant_id, b.name, concat_ws(' ', b.terms_of_reference, array_to_string(b.public_notes, ' ')),
    null, b.id, null, public_body(b.id), b.publication_state
  from bodies b where b.deleted_at is null
  union all
  select 'meeting', m.id, m.tenant_id, concat_ws(': ', b.name, m.title), concat_ws(' ', m.venue, b.name),
    m.meeting_date, m.body_id, m.id, public_meeting(m.id), case when m.is_public then b.publication_state else 'private' end
  from meetings m join bodies b on b.id = m.body_id where m.deleted_at is null
  union all
  select 'agenda_item', i.id, i.tenant_id, i.title, i.description,
    m.meeting_date, m.body_id, m.id, public_agenda_item(i.id),
    case when i.exempt_paragraph is not null then 'exempt' when m.agenda_published_on is null then 'draft' when not m.is_public then 'private' end
  from agenda_items i join meetings m on m.id = i.meeting_id where i.deleted_at is null and m.deleted_at is null
  union all
  select 'report', r.id, r.tenant_id, coalesce(nullif(r.document ->> 'title', ''), i.title), search_report_text(r.document, r.file_id),
    m.meeting_date, m.body_id, m.id, r.status = 'published' and public_agenda_item(i.id),
    case when r.status = 'draft' then 'draft' when i.exempt_paragraph is not null then 'exempt' end
  from reports r join agenda_items i on i.id = r.agenda_item_id join meetings m on m.id = i.meeting_id
  where r.deleted_at is null and i.deleted_at is null and m.deleted_at is null
  union all
  select 'minute', mi.id, mi.tenant_id, mi.number || '. ' || mi.title, mi.discussion,
    m.meeting_date, m.body_id, m.id, public_minute(mi.id), case when m.minutes_state in ('none', 'draft') then 'draft' end
  from minutes mi join meetings m on m.id = mi.meeting_id where mi.deleted_at is null and m.deleted_at is null
  union all
  select 'decision', re.id, re.tenant_id, mi.number || '. ' || mi.title, re.text,
    m.meeting_date, m.body_id, m.id, public_resolution(re.id), case when m.minutes_state in ('none', 'draft') then 'draft' end
  from resolutions re join minutes mi on mi.id = re.minute_id join meetings m on m.id = mi.meeting_id
  where re.deleted_at is null and mi.deleted_at is null and m.deleted_at is null
  union all
  -- A councillor is public while they sit or sat on a published committee, or are appointed to a published outside body.
  select 'councillor', pe.id, pe.tenant_id, concat_ws(' ', pe.honorific_prefix, pe.name), concat_ws(' ', pe.party, pe.electoral_division, pe.portfolio),
    null, null, null,
    exists (select 1 from body_members bm where bm.person_id = pe.id and bm.deleted_at is null and public_body(bm.body_id))
      or exists (select 1 from body_roles br where br.person_id = pe.id and br.deleted_at is null and public_body(br.body_id))
      or exists (select 1 from outside_body_appointments a where a.person_id = pe.id and a.deleted_at is null and public_outside_body(a.outside_body_id)),
    null
  from people pe where pe.kind = 'councillor' and pe.deleted_at is null
  union all
  select 'indicator', ind.id, ind.tenant_id, concat_ws(' ', ind.code, ind.title), concat_ws(' ', ind.definition, ind.outcome_group, ind.data_source),
    null, null, null, public_indicator(ind.id), ind.publication_state
  from indicators ind where ind.deleted_at is null
  union all
  select 'plan', pl.id, pl.tenant_id, pl.title, concat_ws(' ', pl.period_label, pl.introduction),
    pl.endorsed_on, pl.body_id, null, public_plan(pl.id), pl.publication_state
  from plans pl where pl.deleted_at is null;

create trigger search_file_texts_touch before update on search_file_texts for each row execute function touch_row();
-- Not audited: the text is derived from the file (whose upload is audited) and is read again when the file changes.
