-- The public view of meetings, agenda items, minutes and resolutions as sets (issue 19: a large county's
-- public pages). Migration 0010's functions answered one record at a time, each calling the next
-- (a resolution asked its minute, which asked its meeting): a list of 19,000 decisions made 58,000
-- function calls and took tens of seconds. The rules are now written once, here, as views of the ids
-- the public may see; each function asks its view (one flat lookup, no nested calls), and a list that
-- filters many rows joins the view instead (src/publication/visibility.ts, inPublicSet). The rules
-- themselves are unchanged.

-- A meeting: public, not deleted, of a published committee.
create view public_meeting_ids as
  select m.id from meetings m join bodies b on b.tenant_id = m.tenant_id and b.id = m.body_id
  where m.is_public and m.deleted_at is null and b.publication_state = 'published' and b.deleted_at is null;

-- An agenda item: not deleted, not exempt, of a public meeting whose agenda is published.
create view public_agenda_item_ids as
  select i.id from agenda_items i join meetings m on m.tenant_id = i.tenant_id and m.id = i.meeting_id
    join bodies b on b.tenant_id = m.tenant_id and b.id = m.body_id
  where i.deleted_at is null and i.exempt_paragraph is null and m.agenda_published_on is not null
    and m.is_public and m.deleted_at is null and b.publication_state = 'published' and b.deleted_at is null;

-- A minute: not deleted or withdrawn, its meeting's minutes published or approved, not of an exempt item, of a public meeting.
create view public_minute_ids as
  select mi.id from minutes mi join meetings m on m.tenant_id = mi.tenant_id and m.id = mi.meeting_id
    join bodies b on b.tenant_id = m.tenant_id and b.id = m.body_id
    left join agenda_items ai on ai.tenant_id = mi.tenant_id and ai.id = mi.agenda_item_id
  where mi.deleted_at is null and not mi.withdrawn and m.minutes_state in ('published', 'approved')
    and (ai.id is null or ai.exempt_paragraph is null)
    and m.is_public and m.deleted_at is null and b.publication_state = 'published' and b.deleted_at is null;

-- A resolution: not deleted, of a public minute.
create view public_resolution_ids as
  select r.id from resolutions r join public_minute_ids pm on pm.id = r.minute_id
  where r.deleted_at is null;

create or replace function public_meeting(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from public_meeting_ids where id = record_id)
$$;

create or replace function public_agenda_item(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from public_agenda_item_ids where id = record_id)
$$;

create or replace function public_minute(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from public_minute_ids where id = record_id)
$$;

create or replace function public_resolution(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from public_resolution_ids where id = record_id)
$$;
