-- The partnership register: areas, organisations, people, partnerships, their structure over
-- time, lifecycle events, memberships (Popolo), contributions and source documents.

create table areas (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  kind text not null check (kind in ('county', 'district', 'unitary', 'other')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index areas_name on areas (tenant_id, lower(name)) where deleted_at is null;

create table organisations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  short_name text,
  kind text not null check (kind in ('county_council', 'district_council', 'unitary_council', 'nhs', 'police',
    'fire', 'business', 'voluntary', 'education', 'government', 'partnership_body', 'other')),
  website text,
  email text,
  phone text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index organisations_name on organisations (tenant_id, lower(name)) where deleted_at is null;
create index organisations_modified on organisations (tenant_id, modified);

create table people (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  honorific_prefix text,
  kind text not null check (kind in ('councillor', 'officer', 'partner_representative')),
  organisation_id uuid references organisations (id),
  post text,
  party text,
  electoral_division text,
  portfolio text,
  email text,
  phone text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index people_name on people (tenant_id, lower(name));
create index people_modified on people (tenant_id, modified);
create index people_organisation on people (organisation_id);

create table partnerships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null,
  short_name text,
  kind text not null check (kind in ('statutory_board', 'non_statutory_partnership',
    'company_limited_by_guarantee', 'joint_committee', 'task_and_finish_group', 'forum', 'sub_group')),
  subgroup_type text check (subgroup_type in ('sector', 'thematic', 'geographic', 'officer_group',
    'task_and_finish', 'other')),
  purpose text not null default '',
  mission text,
  responsibilities text[] not null default '{}',
  terms_of_reference text,
  terms_of_reference_url text,
  area_ids uuid[] not null default '{}',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index partnerships_name on partnerships (tenant_id, lower(name)) where deleted_at is null;
create index partnerships_modified on partnerships (tenant_id, modified);
create index partnerships_areas on partnerships using gin (area_ids);

-- Which board a partnership reports to, over time (a restructure moves a sub-group).
create table reporting_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  parent_id uuid not null references partnerships (id),
  start_date date,
  end_date date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (partnership_id <> parent_id),
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index reporting_lines_child on reporting_lines (partnership_id);
create index reporting_lines_parent on reporting_lines (parent_id);

create table lifecycle_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  kind text not null check (kind in ('established', 'renamed', 'restructured', 'merged_into', 'replaced_by',
    'decommissioned', 'wound_up')),
  event_date date not null,
  date_precision text not null default 'day' check (date_precision in ('day', 'month', 'year')),
  related_partnership_id uuid references partnerships (id),
  previous_name text,
  description text not null default '',
  source text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (kind not in ('merged_into', 'replaced_by') or related_partnership_id is not null),
  check (kind <> 'renamed' or previous_name is not null)
);
create index lifecycle_events_partnership on lifecycle_events (partnership_id, event_date);

-- Popolo membership: a person or an organisation is a member of a partnership, in a role,
-- between dates, optionally holding the seat on behalf of an organisation.
create table memberships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  person_id uuid references people (id),
  organisation_id uuid references organisations (id),
  role text not null check (role in ('chair', 'vice_chair', 'member', 'council_representative', 'lead_officer',
    'officer_contact', 'member_contact', 'observer', 'substitute')),
  on_behalf_of_id uuid references organisations (id),
  remit text,
  start_date date,
  end_date date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check ((person_id is null) <> (organisation_id is null)),
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index memberships_partnership on memberships (partnership_id);
create index memberships_person on memberships (person_id);
create index memberships_organisation on memberships (organisation_id);

create table contributions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  organisation_id uuid not null references organisations (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  amount_pence bigint not null check (amount_pence >= 0),
  note text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index contributions_one_per_year on contributions (partnership_id, organisation_id, financial_year)
  where deleted_at is null;

create table source_documents (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  title text not null,
  url text,
  document_date date,
  note text,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index source_documents_partnership on source_documents (partnership_id);

do $$
declare t text;
begin
  foreach t in array array['areas', 'organisations', 'people', 'partnerships', 'reporting_lines',
    'lifecycle_events', 'memberships', 'contributions', 'source_documents'] loop
    execute format('create trigger %I_touch before update on %I for each row execute function touch_row()', t, t);
    execute format('create trigger %I_audit after insert or update or delete on %I for each row execute function audit_row()', t, t);
  end loop;
end $$;
