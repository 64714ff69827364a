-- The public view of each kind of record, defined once. Every public read, and every join that names
-- another record in a public answer, asks these functions whether the public may see that record.
-- Exempt (Schedule 12A), draft, private, withdrawn, deleted and unpublished records are never public.

-- A partnership in the register: published, not deleted.
create function public_partnership(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from partnerships where id = record_id and publication_state = 'published' and deleted_at is null)
$$;

-- A committee or board: published, not deleted.
create function public_body(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from bodies where id = record_id and publication_state = 'published' and deleted_at is null)
$$;

-- A meeting: held in public, of a public body, not deleted.
create function public_meeting(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from meetings m join bodies b on b.id = m.body_id
    where m.id = record_id and m.is_public and m.deleted_at is null and b.publication_state = 'published' and b.deleted_at is null)
$$;

-- An agenda item: on the published agenda of a public meeting, not exempt, not deleted.
create function public_agenda_item(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from agenda_items i join meetings m on m.id = i.meeting_id
    where i.id = record_id and i.deleted_at is null and i.exempt_paragraph is null and m.agenda_published_on is not null
      and public_meeting(m.id))
$$;

-- A minute: in published or approved minutes of a public meeting, not of an exempt item, not withdrawn, not deleted.
create function public_minute(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from minutes mi join meetings m on m.id = mi.meeting_id left join agenda_items ai on ai.id = mi.agenda_item_id
    where mi.id = record_id and mi.deleted_at is null and not mi.withdrawn and m.minutes_state in ('published', 'approved')
      and (ai.id is null or ai.exempt_paragraph is null) and public_meeting(m.id))
$$;

-- A resolution (a decision): of a public minute, not deleted.
create function public_resolution(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from resolutions r where r.id = record_id and r.deleted_at is null and public_minute(r.minute_id))
$$;

-- A delivery plan or work programme: published, not deleted.
create function public_plan(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from plans where id = record_id and publication_state = 'published' and deleted_at is null)
$$;

-- A portfolio programme or project: published, not deleted.
create function public_portfolio_item(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from portfolio_items where id = record_id and publication_state = 'published' and deleted_at is null)
$$;

-- A performance indicator: published, not deleted.
create function public_indicator(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from indicators where id = record_id and publication_state = 'published' and deleted_at is null)
$$;

-- An outside body: published, not deleted.
create function public_outside_body(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from outside_bodies where id = record_id and publication_state = 'published' and deleted_at is null)
$$;
