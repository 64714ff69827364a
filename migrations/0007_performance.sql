-- Performance management: the indicator catalogue, targets and values per period on the financial
-- year (with numerators, denominators and benchmarks), exception reports, and the site's amber tolerance.

create table indicators (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  code text,
  title text not null,
  definition text not null default '',
  unit text not null check (unit in ('percentage', 'rate_per_1000', 'rate_per_10000', 'rate_per_100000', 'count', 'money', 'days', 'number')),
  polarity text not null check (polarity in ('higher_is_better', 'lower_is_better', 'not_applicable')),
  frequency text not null check (frequency in ('monthly', 'quarterly', 'annual')),
  cumulative boolean not null default false,
  decimals integer not null default 1 check (decimals between 0 and 6),
  data_source text not null default '',
  outcome_group text not null default '',
  directorate text not null default '',
  lead_officer text,
  owner_person_id uuid references people (id),
  tolerance_percent numeric(6, 2) check (tolerance_percent between 0 and 100),
  baseline_period date,
  baseline_value numeric(20, 6),
  baseline_numerator numeric(20, 6),
  baseline_denominator numeric(20, 6),
  baseline_note text not null default '',
  final_target_period date,
  final_target_value numeric(20, 6),
  publication_state text not null default 'draft' check (publication_state in ('draft', 'published')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index indicators_code on indicators (tenant_id, lower(code)) where deleted_at is null and code is not null;
create index indicators_outcome on indicators (tenant_id, outcome_group);
create index indicators_modified on indicators (tenant_id, modified);

-- Which partnerships and bodies an indicator is reported to (its scorecards).
create table indicator_assignments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  indicator_id uuid not null references indicators (id),
  partnership_id uuid references partnerships (id),
  body_id uuid references bodies (id),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check ((partnership_id is null) <> (body_id is null))
);
create index indicator_assignments_indicator on indicator_assignments (indicator_id);
create index indicator_assignments_partnership on indicator_assignments (partnership_id) where deleted_at is null;
create index indicator_assignments_body on indicator_assignments (body_id) where deleted_at is null;

create table indicator_targets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  indicator_id uuid not null references indicators (id),
  period_start date not null,
  value numeric(20, 6) not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index indicator_targets_period on indicator_targets (indicator_id, period_start) where deleted_at is null;

create table indicator_values (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  indicator_id uuid not null references indicators (id),
  period_start date not null,
  value numeric(20, 6),
  numerator numeric(20, 6),
  denominator numeric(20, 6) check (denominator is null or denominator <> 0),
  status text not null default 'final' check (status in ('provisional', 'final')),
  commentary text not null default '',
  corrective_action text not null default '',
  stat_neighbours numeric(20, 6),
  england numeric(20, 6),
  published boolean not null default false,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index indicator_values_period on indicator_values (indicator_id, period_start) where deleted_at is null;
create index indicator_values_tenant_period on indicator_values (tenant_id, period_start);

create table exception_reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  indicator_id uuid not null references indicators (id),
  period_start date not null,
  cause text not null default '',
  actions text not null default '',
  cost_pence bigint check (cost_pence >= 0),
  owner text not null default '',
  partnership_id uuid references partnerships (id),
  meeting_id uuid references meetings (id),
  considered_on date,
  status text not null default 'open' check (status in ('open', 'submitted', 'considered')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index exception_reports_indicator on exception_reports (indicator_id);

alter table tenants add column amber_tolerance_percent numeric(6, 2) not null default 10 check (amber_tolerance_percent between 0 and 100);

create trigger indicators_touch before update on indicators for each row execute function touch_row();
create trigger indicators_audit after insert or update or delete on indicators for each row execute function audit_row();
create trigger indicator_assignments_touch before update on indicator_assignments for each row execute function touch_row();
create trigger indicator_assignments_audit after insert or update or delete on indicator_assignments for each row execute function audit_row();
create trigger indicator_targets_touch before update on indicator_targets for each row execute function touch_row();
create trigger indicator_targets_audit after insert or update or delete on indicator_targets for each row execute function audit_row();
create trigger indicator_values_touch before update on indicator_values for each row execute function touch_row();
-- Values arrive by the hundred thousand in imports: inserts are audited set-wise, one statement per
-- import, with the indicator as the parent record; edits and deletions row by row as elsewhere.
create function audit_inserted_values() returns trigger language plpgsql as $$
begin
  insert into audit_log (tenant_id, actor, action, entity_type, entity_id, parent_entity_id, before, after, request_id)
  select n.tenant_id, coalesce(nullif(current_setting('app.actor', true), ''), 'system'), 'insert', 'indicator_values', n.id, n.indicator_id,
    null, to_jsonb(n), nullif(current_setting('app.request_id', true), '')
  from new_rows n;
  return null;
end $$;
create trigger indicator_values_audit_insert after insert on indicator_values referencing new table as new_rows
  for each statement execute function audit_inserted_values();
create trigger indicator_values_audit after update or delete on indicator_values for each row execute function audit_row();
create trigger exception_reports_touch before update on exception_reports for each row execute function touch_row();
create trigger exception_reports_audit after insert or update or delete on exception_reports for each row execute function audit_row();

-- One reminder per indicator and period to the indicator's owner that a value is due, and one when it is overdue.
create table indicator_reminders (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  indicator_id uuid not null references indicators (id),
  period_start date not null,
  kind text not null check (kind in ('due', 'overdue')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index indicator_reminders_once on indicator_reminders (indicator_id, period_start, kind);
