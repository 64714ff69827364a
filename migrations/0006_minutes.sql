-- What happens at and after a meeting: attendance, declarations of interest, numbered minutes with
-- their resolutions and votes, approval and amendments, the action log and its reminders; and
-- who represents the council on outside bodies.

-- Minute numbers continue across a body's meetings and are never reused: the body keeps the last one given.
alter table bodies add column last_minute_number integer not null default 0 check (last_minute_number >= 0);

alter table meetings
  add column minutes_state text not null default 'none' check (minutes_state in ('none', 'draft', 'published', 'approved')),
  add column minutes_published_on date,
  add column minutes_approved_at_meeting_id uuid references meetings (id),
  add column minutes_approved_on date;

-- An item withdrawn from a published agenda stays on it, marked; an agenda item may carry the minutes of an earlier meeting.
alter table agenda_items
  add column withdrawn boolean not null default false,
  add column minutes_of_meeting_id uuid references meetings (id);

create table attendance (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  meeting_id uuid not null references meetings (id),
  person_id uuid references people (id),
  name text,
  category text not null check (category in ('present', 'apologies', 'substitute', 'absent', 'officer', 'other')),
  substitute_for_person_id uuid references people (id),
  note text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (person_id is not null or name is not null),
  check (category = 'substitute' or substitute_for_person_id is null)
);
create unique index attendance_person on attendance (meeting_id, person_id) where deleted_at is null and person_id is not null;
create index attendance_meeting on attendance (meeting_id);
create index attendance_person_all on attendance (person_id);

create table declarations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  meeting_id uuid not null references meetings (id),
  agenda_item_id uuid references agenda_items (id),
  person_id uuid not null references people (id),
  kind text not null check (kind in ('disclosable_pecuniary', 'other_registerable', 'non_registerable', 'other')),
  description text not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index declarations_meeting on declarations (meeting_id);

create table minutes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  body_id uuid not null references bodies (id),
  meeting_id uuid not null references meetings (id),
  agenda_item_id uuid references agenda_items (id),
  number integer not null check (number > 0),
  title text not null,
  discussion text not null default '',
  withdrawn boolean not null default false,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
-- Never reused: unique even among deleted minutes.
create unique index minutes_number on minutes (body_id, number);
create unique index minutes_item on minutes (agenda_item_id) where deleted_at is null and agenda_item_id is not null;
create index minutes_meeting on minutes (meeting_id, number);

create table resolutions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  minute_id uuid not null references minutes (id),
  position integer not null check (position between 1 and 100),
  text text not null,
  outcome text not null check (outcome in ('unanimous', 'majority', 'noted', 'lost')),
  votes_for integer check (votes_for >= 0),
  votes_against integer check (votes_against >= 0),
  abstentions integer check (abstentions >= 0),
  named_votes jsonb not null default '[]',
  key_decision_ref text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index resolutions_minute on resolutions (minute_id, position);
create index resolutions_text on resolutions using gin (to_tsvector('english', text));

create table minute_amendments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  minute_id uuid not null references minutes (id),
  text text not null,
  agreed_at_meeting_id uuid references meetings (id),
  agreed_on date not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index minute_amendments_minute on minute_amendments (minute_id);

-- Approved minutes are signed: the database refuses any change to them or their resolutions.
create function minutes_locked() returns trigger language plpgsql as $$
declare
  meeting uuid;
begin
  if tg_table_name = 'minutes' then
    meeting := coalesce(old.meeting_id, new.meeting_id);
  else
    select m.meeting_id into meeting from minutes m where m.id = coalesce(old.minute_id, new.minute_id);
  end if;
  if exists (select 1 from meetings where id = meeting and minutes_state = 'approved') then
    raise exception 'These minutes have been approved and signed: record an amendment instead' using errcode = 'P0001', hint = 'minutes_locked';
  end if;
  return coalesce(new, old);
end $$;

create trigger minutes_lock before update or delete on minutes for each row execute function minutes_locked();
create trigger resolutions_lock before insert or update or delete on resolutions for each row execute function minutes_locked();

create table actions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  body_id uuid not null references bodies (id),
  meeting_id uuid references meetings (id),
  minute_id uuid references minutes (id),
  report_title text not null default '',
  owner_person_id uuid references people (id),
  owner_name text not null default '',
  description text not null,
  due_date date,
  comments text not null default '',
  status text not null default 'ongoing' check (status in ('ongoing', 'completed')),
  completed_on date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index actions_body on actions (body_id, status);
create index actions_owner on actions (owner_person_id);

-- One reminder of each kind per action and due date, however often anything looks at the action.
create table action_reminders (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  action_id uuid not null references actions (id),
  kind text not null check (kind in ('due_soon', 'overdue')),
  due_date date not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index action_reminders_once on action_reminders (action_id, kind, due_date);

create table outside_bodies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  kind text not null check (kind in ('outside_body', 'liaison_group', 'internal_panel')),
  purpose text not null default '',
  meetings_per_year text,
  representatives text,
  places integer check (places between 0 and 100),
  observer_status boolean not null default false,
  contact text not null default '',
  committee_id uuid references bodies (id),
  publication_state text not null default 'published' check (publication_state in ('draft', 'published')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index outside_bodies_name on outside_bodies (tenant_id, lower(name)) where deleted_at is null;

create table outside_body_appointments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  outside_body_id uuid not null references outside_bodies (id),
  person_id uuid not null references people (id),
  role text not null default 'representative' check (role in ('representative', 'substitute', 'observer')),
  party text,
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
create index outside_body_appointments_body on outside_body_appointments (outside_body_id);
create index outside_body_appointments_person on outside_body_appointments (person_id);

create trigger attendance_touch before update on attendance for each row execute function touch_row();
create trigger attendance_audit after insert or update or delete on attendance for each row execute function audit_row();
create trigger declarations_touch before update on declarations for each row execute function touch_row();
create trigger declarations_audit after insert or update or delete on declarations for each row execute function audit_row();
create trigger minutes_touch before update on minutes for each row execute function touch_row();
create trigger minutes_audit after insert or update or delete on minutes for each row execute function audit_row();
create trigger resolutions_touch before update on resolutions for each row execute function touch_row();
create trigger resolutions_audit after insert or update or delete on resolutions for each row execute function audit_row();
create trigger minute_amendments_touch before update on minute_amendments for each row execute function touch_row();
create trigger minute_amendments_audit after insert or update or delete on minute_amendments for each row execute function audit_row();
create trigger actions_touch before update on actions for each row execute function touch_row();
create trigger actions_audit after insert or update or delete on actions for each row execute function audit_row();
create trigger action_reminders_touch before update on action_reminders for each row execute function touch_row();
create trigger action_reminders_audit after insert or update or delete on action_reminders for each row execute function audit_row();
create trigger outside_bodies_touch before update on outside_bodies for each row execute function touch_row();
create trigger outside_bodies_audit after insert or update or delete on outside_bodies for each row execute function audit_row();
create trigger outside_body_appointments_touch before update on outside_body_appointments for each row execute function touch_row();
create trigger outside_body_appointments_audit after insert or update or delete on outside_body_appointments for each row execute function audit_row();
