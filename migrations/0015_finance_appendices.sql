-- Finance appendices (seed 004, item 9, Finance and Performance Report – Outturn 2017-18): grant income,
-- reserves, the capital programme and its funding, and the savings tracker, per financial year.
-- Money is whole pence in bigint; every total and variance is derived, never stored. The year is the
-- text the report prints ('2017-18'), checked, so these tables stand on their own.

create function finance_year_ok(year text) returns boolean language sql immutable as $$
  select year ~ '^[0-9]{4}-[0-9]{2}$' and (substr(year, 1, 4)::int + 1) % 100 = substr(year, 6, 2)::int
$$;

-- Appendix 3: grants not built into base budgets (non-baselined) and the baselined ones the total also counts (DSG).
create table finance_grants (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year text not null check (finance_year_ok(financial_year)),
  kind text not null default 'non_baselined' check (kind in ('non_baselined', 'baselined')),
  name text not null check (name <> ''),
  awarding_body text not null default '',
  amount_pence bigint not null,
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index finance_grants_year on finance_grants (tenant_id, financial_year, position) where deleted_at is null;

-- Appendix 5: each reserve's opening balance and movement (the closing balance is their sum) and the forecast year-end balance.
create table finance_reserves (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year text not null check (finance_year_ok(financial_year)),
  kind text not null check (kind in ('revenue', 'capital')),
  section text not null default '',
  service_group text not null default '',
  name text not null check (name <> ''),
  opening_pence bigint not null,
  movement_pence bigint not null,
  year_end_pence bigint not null,
  notes text not null default '',
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index finance_reserves_year on finance_reserves (tenant_id, financial_year, position) where deleted_at is null;

-- Appendix 6.1: capital schemes. Outturn variance = actual − revised budget; forecast variance = total scheme forecast − total scheme budget.
create table finance_capital_schemes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year text not null check (finance_year_ok(financial_year)),
  name text not null check (name <> ''),
  original_budget_pence bigint not null,
  revised_budget_pence bigint not null,
  actual_pence bigint not null,
  total_scheme_budget_pence bigint not null,
  total_scheme_forecast_pence bigint not null,
  notes text not null default '',
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index finance_capital_schemes_year on finance_capital_schemes (tenant_id, financial_year, position) where deleted_at is null;

-- Appendix 6.2: sources of capital funding. Variance = outturn − revised funding.
create table finance_capital_funding (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year text not null check (finance_year_ok(financial_year)),
  source text not null check (source <> ''),
  original_pence bigint not null,
  revised_pence bigint not null,
  outturn_pence bigint not null,
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index finance_capital_funding_year on finance_capital_funding (tenant_id, financial_year, position) where deleted_at is null;

-- The savings tracker: one row per saving, with its original and current forecast phasing by quarter
-- (savings are negative amounts, as the tracker prints them). The committee is kept as printed
-- ('Adults, C&YP') and, when it names one of the bodies, linked to it.
create table finance_savings (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year text not null check (finance_year_ok(financial_year)),
  reference text not null check (reference <> ''),
  title text not null check (title <> ''),
  description text not null default '',
  committee text not null default '',
  body_id uuid references bodies (id),
  workstream text not null default '',
  kind text not null default 'bp_saving' check (kind in ('bp_saving', 'funnel')),
  investment_pence bigint not null default 0,
  planned_q1_pence bigint not null default 0,
  planned_q2_pence bigint not null default 0,
  planned_q3_pence bigint not null default 0,
  planned_q4_pence bigint not null default 0,
  forecast_q1_pence bigint not null default 0,
  forecast_q2_pence bigint not null default 0,
  forecast_q3_pence bigint not null default 0,
  forecast_q4_pence bigint not null default 0,
  complete boolean not null default false,
  rag text check (rag in ('red', 'amber', 'green')),
  direction text check (direction in ('improving', 'same', 'worsening')),
  commentary text not null default '',
  partner_links text not null default '',
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index finance_savings_reference on finance_savings (tenant_id, financial_year, lower(reference)) where deleted_at is null;
create index finance_savings_year on finance_savings (tenant_id, financial_year, position) where deleted_at is null;

-- The partner organisations a saving links with (the tracker's last column, beside its words).
create table finance_saving_partners (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  saving_id uuid not null references finance_savings (id),
  organisation_id uuid not null references organisations (id),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index finance_saving_partners_pair on finance_saving_partners (saving_id, organisation_id) where deleted_at is null;

do $$
declare t text;
begin
  foreach t in array array['finance_grants', 'finance_reserves', 'finance_capital_schemes', 'finance_capital_funding', 'finance_savings',
    'finance_saving_partners'] loop
    execute format('create trigger %I before update on %I for each row execute function touch_row()', t || '_touch', t);
    execute format('create trigger %I after insert or update or delete on %I for each row execute function audit_row()', t || '_audit', t);
  end loop;
end $$;
