-- Money (issue 15): the budget structure (directorates, service groups, service lines), original
-- budgets per financial year, virements, monthly actuals and forecast outturn, variance commentary
-- (which may cover a group of lines) and the finance reports a committee receives.
-- Money is pence in bigint, held below 10^15 so that it reads safely as a JavaScript number.
-- Revised budgets, variances and totals are derived, never stored.
-- A financial year is held as the calendar year it starts in (2017 for '2017-18', April to March);
-- periods are months 1 (April) to 12 (March), and 13 for the outturn (closedown).

-- The commentary rule's thresholds and the virement de minimis, per council (seed 004: 2% or £100,000; £160,000).
create table finance_settings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null unique references tenants (id),
  commentary_percent numeric(6, 2) not null default 2 check (commentary_percent between 0 and 100),
  commentary_floor_pence bigint not null default 10000000 check (commentary_floor_pence between 0 and 999999999999999),
  de_minimis_pence bigint not null default 16000000 check (de_minimis_pence between 0 and 999999999999999),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);

-- A directorate of the service; 'funding' sections (the seed's Grant Funding) are outside the expenditure total.
create table finance_directorates (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 200),
  kind text not null default 'service' check (kind in ('service', 'funding')),
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index finance_directorates_name on finance_directorates (tenant_id, lower(name)) where deleted_at is null;

create table finance_service_groups (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  directorate_id uuid not null references finance_directorates (id),
  name text not null check (length(name) between 1 and 200),
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index finance_service_groups_name on finance_service_groups (directorate_id, lower(name)) where deleted_at is null;

-- A service line: the ledger's cost centre as the committee reads it.
create table budget_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  directorate_id uuid not null references finance_directorates (id),
  service_group_id uuid references finance_service_groups (id),
  code text not null check (length(code) between 1 and 40),
  name text not null check (length(name) between 1 and 200),
  budget_holder text not null default '',
  -- The committee the line reports to, and the partnership (a pooled budget) it belongs to, if any.
  body_id uuid references bodies (id),
  partnership_id uuid references partnerships (id),
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index budget_lines_code on budget_lines (tenant_id, lower(code)) where deleted_at is null;
create index budget_lines_directorate on budget_lines (directorate_id);

create table budget_line_years (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  line_id uuid not null references budget_lines (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  original_budget_pence bigint not null check (abs(original_budget_pence) < 1000000000000000),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index budget_line_years_one on budget_line_years (line_id, financial_year) where deleted_at is null;
create index budget_line_years_year on budget_line_years (tenant_id, financial_year);

-- A virement moves budget from one line to another; one side may be outside the service (another service block).
create table virements (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  effective_date date not null,
  from_line_id uuid references budget_lines (id),
  to_line_id uuid references budget_lines (id),
  amount_pence bigint not null check (amount_pence > 0 and amount_pence < 1000000000000000),
  reason text not null check (length(reason) between 1 and 2000),
  approved_by text not null default '',
  approving_committee text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (from_line_id is not null or to_line_id is not null),
  check (from_line_id is distinct from to_line_id)
);
create index virements_year on virements (tenant_id, financial_year);

-- The ledger as at the end of a month: the actual spend to date and the forecast outturn for the year.
create table budget_line_months (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  line_id uuid not null references budget_lines (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  period smallint not null check (period between 1 and 13),
  actual_pence bigint check (abs(actual_pence) < 1000000000000000),
  forecast_pence bigint check (abs(forecast_pence) < 1000000000000000),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index budget_line_months_one on budget_line_months (line_id, financial_year, period) where deleted_at is null;
create index budget_line_months_year on budget_line_months (tenant_id, financial_year, period);

-- Commentary on a period's position, on one line or a group of lines ("LD – Overall LDP Position").
create table finance_commentaries (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  period smallint not null check (period between 1 and 13),
  title text not null default '' check (length(title) <= 200),
  body text not null check (length(body) between 1 and 20000),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index finance_commentaries_year on finance_commentaries (tenant_id, financial_year, period);

create table finance_commentary_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  commentary_id uuid not null references finance_commentaries (id),
  line_id uuid not null references budget_lines (id),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index finance_commentary_lines_one on finance_commentary_lines (commentary_id, line_id) where deleted_at is null;
create index finance_commentary_lines_line on finance_commentary_lines (line_id) where deleted_at is null;

-- The finance report a committee receives for a period; published only when every line the rule catches has commentary.
create table finance_reports (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  body_id uuid not null references bodies (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  period smallint not null check (period between 1 and 13),
  title text not null check (length(title) between 1 and 300),
  state text not null default 'draft' check (state in ('draft', 'published')),
  published_at timestamptz,
  agenda_item_id uuid references agenda_items (id),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check ((state = 'published') = (published_at is not null))
);
create index finance_reports_body on finance_reports (tenant_id, body_id, financial_year, period);

do $$
declare t text;
begin
  foreach t in array array['finance_settings', 'finance_directorates', 'finance_service_groups', 'budget_lines', 'budget_line_years', 'virements',
    'budget_line_months', 'finance_commentaries', 'finance_commentary_lines', 'finance_reports'] loop
    execute format('create trigger %I_touch before update on %I for each row execute function touch_row()', t, t);
    execute format('create trigger %I_audit after insert or update or delete on %I for each row execute function audit_row()', t, t);
  end loop;
end $$;
