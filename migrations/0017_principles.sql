-- The council's Principles of Partnership Working (seed 002, Appendix 1) as versioned data, and the
-- health check of each partnership against them per financial year: an officer's RAG and evidence
-- for the criteria the data cannot answer, and the Principle 1 test (enter or remain) with reasons.
-- Criteria the data can answer are computed when the check is read, so they are not stored.

-- A version of the principles: when and by which committee it was adopted.
create table principle_versions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  adopted_on date not null,
  adopted_by text not null check (length(adopted_by) between 1 and 300),
  note text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index principle_versions_date on principle_versions (tenant_id, adopted_on) where deleted_at is null;

create table principles (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  version_id uuid not null references principle_versions (id),
  number integer not null check (number between 1 and 20),
  heading text not null,
  statement text not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index principles_number on principles (version_id, number) where deleted_at is null;

-- A lettered criterion: "4c" is principle 4, letter c, and keeps its key across versions.
create table principle_criteria (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  principle_id uuid not null references principles (id),
  letter text not null check (letter ~ '^[a-z]$'),
  text text not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index principle_criteria_letter on principle_criteria (principle_id, letter) where deleted_at is null;

-- Settings for the health check: whose representatives and money count as the council's, and the
-- working days after a meeting by which its minutes should be published (4d).
create table health_check_settings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null unique references tenants (id),
  council_organisation_id uuid references organisations (id),
  minutes_working_days integer not null default 10 check (minutes_working_days between 1 and 60),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);

-- An officer's judgement of one criterion for a partnership and financial year (starting April of `year`).
create table health_check_judgements (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  year integer not null check (year between 1990 and 2100),
  criterion text not null check (criterion ~ '^[1-9][0-9]?[a-z]$'),
  rag text not null check (rag in ('green', 'amber', 'red', 'not_assessed')),
  evidence text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (rag = 'not_assessed' or length(evidence) > 0)
);
create unique index health_check_judgements_one on health_check_judgements (partnership_id, year, criterion) where deleted_at is null;

-- The Principle 1 test: whether each criterion (a-f) is met, with the reason.
create table principle_one_tests (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  year integer not null check (year between 1990 and 2100),
  letter text not null check (letter ~ '^[a-z]$'),
  met boolean not null,
  reason text not null check (length(reason) > 0),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index principle_one_tests_one on principle_one_tests (partnership_id, year, letter) where deleted_at is null;

do $$
declare t text;
begin
  foreach t in array array['principle_versions', 'principles', 'principle_criteria', 'health_check_settings', 'health_check_judgements',
    'principle_one_tests'] loop
    execute format('create trigger %I_touch before update on %I for each row execute function touch_row()', t, t);
    execute format('create trigger %I_audit after insert or update or delete on %I for each row execute function audit_row()', t, t);
  end loop;
end $$;
