-- Meetings: the bodies that meet (committees, boards, sub-groups), their membership over time,
-- their meetings and agendas, the reports on the agenda, the agenda packs built from them, and
-- the bank holidays an administrator may load to keep the working-day rules current.

create table bodies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  kind text not null check (kind in ('committee', 'board', 'sub_group', 'task_and_finish_group')),
  organisation_id uuid references organisations (id),
  partnership_id uuid references partnerships (id),
  terms_of_reference text not null default '',
  quorum integer check (quorum between 1 and 200),
  -- Clear working days before a meeting that draft reports are due, and the agenda is despatched
  -- (the law's minimum is 5; a body may choose more).
  draft_report_clear_days integer not null default 8 check (draft_report_clear_days between 0 and 60),
  despatch_clear_days integer not null default 5 check (despatch_clear_days between 5 and 60),
  default_venue text not null default '',
  default_start_time time,
  clerk_name text,
  clerk_phone text,
  clerk_email text,
  public_notes text[] not null default '{}',
  publication_state text not null default 'draft' check (publication_state in ('draft', 'published')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index bodies_name on bodies (tenant_id, lower(name)) where deleted_at is null;
create index bodies_modified on bodies (tenant_id, modified);

create table body_members (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  body_id uuid not null references bodies (id),
  person_id uuid not null references people (id),
  role text not null check (role in ('chair', 'vice_chair', 'member', 'substitute', 'observer', 'co_opted')),
  political_group text,
  start_date date,
  end_date date,
  appointed_by text,
  note text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index body_members_body on body_members (body_id);
create index body_members_person on body_members (person_id);

-- Named posts on a body, such as the Area Champion for each district; a post with no person is vacant.
create table body_roles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  body_id uuid not null references bodies (id),
  title text not null,
  area_id uuid references areas (id),
  person_id uuid references people (id),
  start_date date,
  end_date date,
  note text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index body_roles_body on body_roles (body_id);

create table meetings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  body_id uuid not null references bodies (id),
  meeting_date date not null,
  start_time time,
  end_time time,
  venue text not null default '',
  kind text not null default 'formal' check (kind in ('formal', 'reserve', 'workshop')),
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'held')),
  is_public boolean not null default true,
  title text,
  -- Dates as typed on the forward plan; the lawful deadlines are derived, and these are checked against them.
  planned_draft_deadline date,
  planned_despatch date,
  agenda_published_on date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (end_time is null or start_time is null or end_time > start_time)
);
create index meetings_body_date on meetings (body_id, meeting_date);
create index meetings_date on meetings (tenant_id, meeting_date);
create index meetings_modified on meetings (tenant_id, modified);

create table agenda_items (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  meeting_id uuid not null references meetings (id),
  position integer not null check (position between 1 and 1000),
  section text,
  title text not null,
  purpose text not null default 'decision' check (purpose in ('decision', 'information', 'oral_update', 'standing', 'discussion')),
  lead_officers text not null default '',
  key_decision_ref text,
  key_decision_noticed_on date,
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  description text not null default '',
  start_time time,
  -- Added after the agenda was published: goes in a supplementary pack.
  is_late boolean not null default false,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index agenda_items_meeting on agenda_items (meeting_id, position);
create index agenda_items_modified on agenda_items (tenant_id, modified);

-- An item's moves between meetings, so an item deferred twice keeps its history.
create table agenda_item_moves (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  agenda_item_id uuid not null references agenda_items (id),
  from_meeting_id uuid not null references meetings (id),
  to_meeting_id uuid not null references meetings (id),
  reason text not null default '',
  moved_by text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index agenda_item_moves_item on agenda_item_moves (agenda_item_id);

-- The paper for an agenda item: written in the product on the standard template (document), or uploaded (file).
create table reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  agenda_item_id uuid not null references agenda_items (id),
  kind text not null check (kind in ('template', 'upload')),
  document jsonb,
  file_id uuid references files (id),
  status text not null default 'draft' check (status in ('draft', 'published')),
  published_at timestamptz,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check ((kind = 'template' and document is not null) or (kind = 'upload' and file_id is not null))
);
create unique index reports_item on reports (agenda_item_id) where deleted_at is null;

-- Built agenda packs. The signature says which papers (and versions) a pack was built from, so a
-- changed paper shows the pack as out of date and it is rebuilt.
create table agenda_packs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  meeting_id uuid not null references meetings (id),
  kind text not null check (kind in ('main', 'supplement')),
  audience text not null check (audience in ('public', 'members')),
  signature text not null,
  page_count integer not null,
  page_ranges jsonb not null,
  separate_downloads jsonb not null default '[]',
  content bytea not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index agenda_packs_current on agenda_packs (meeting_id, kind, audience) where deleted_at is null;

create table bank_holiday_uploads (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  filename text not null,
  dates date[] not null,
  first_year integer not null,
  last_year integer not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index bank_holiday_uploads_tenant on bank_holiday_uploads (tenant_id, created desc);

create trigger bodies_touch before update on bodies for each row execute function touch_row();
create trigger bodies_audit after insert or update or delete on bodies for each row execute function audit_row();
create trigger body_members_touch before update on body_members for each row execute function touch_row();
create trigger body_members_audit after insert or update or delete on body_members for each row execute function audit_row();
create trigger body_roles_touch before update on body_roles for each row execute function touch_row();
create trigger body_roles_audit after insert or update or delete on body_roles for each row execute function audit_row();
create trigger meetings_touch before update on meetings for each row execute function touch_row();
create trigger meetings_audit after insert or update or delete on meetings for each row execute function audit_row();
create trigger agenda_items_touch before update on agenda_items for each row execute function touch_row();
create trigger agenda_items_audit after insert or update or delete on agenda_items for each row execute function audit_row();
create trigger agenda_item_moves_touch before update on agenda_item_moves for each row execute function touch_row();
create trigger agenda_item_moves_audit after insert or update or delete on agenda_item_moves for each row execute function audit_row();
create trigger reports_touch before update on reports for each row execute function touch_row();
create trigger reports_audit after insert or update or delete on reports for each row execute function audit_row();
create trigger agenda_packs_touch before update on agenda_packs for each row execute function touch_row();
create trigger agenda_packs_audit after insert or update or delete on agenda_packs for each row execute function audit_row();
create trigger bank_holiday_uploads_touch before update on bank_holiday_uploads for each row execute function touch_row();
create trigger bank_holiday_uploads_audit after insert or update or delete on bank_holiday_uploads for each row execute function audit_row();
