-- A partnership's money (issue 15): contributions gain a status (proposed, agreed, paid) with dates and
-- may be in kind; pooled budgets with each partner's share and the purposes they fund; external funding
-- and grants; loans and equity with a repayment schedule. Money is whole pence; totals are derived.

alter table contributions
  add column status text not null default 'agreed' check (status in ('proposed', 'agreed', 'paid')),
  add column agreed_on date,
  add column paid_on date,
  add column kind text not null default 'cash' check (kind in ('cash', 'in_kind')),
  add column in_kind_description text,
  add constraint contributions_in_kind_described check (kind = 'cash' or in_kind_description is not null),
  add constraint contributions_paid_dated check (status <> 'paid' or paid_on is not null),
  add constraint contributions_paid_after_agreed check (paid_on is null or agreed_on is null or paid_on >= agreed_on);

-- A partner may give cash and a resource in kind in the same year.
drop index contributions_one_per_year;
create unique index contributions_one_per_year_kind on contributions (partnership_id, organisation_id, financial_year, kind)
  where deleted_at is null;

-- Exempt (Schedule 12A) arrangements, such as a loan's commercial terms, are never public.
create table pooled_budgets (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  name text not null,
  financial_year integer not null check (financial_year between 1990 and 2100),
  host_organisation_id uuid references organisations (id),
  legal_basis text,
  purposes text[] not null default '{}',
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index pooled_budgets_partnership on pooled_budgets (partnership_id);

create table pooled_budget_shares (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  pooled_budget_id uuid not null references pooled_budgets (id),
  organisation_id uuid not null references organisations (id),
  amount_pence bigint not null check (amount_pence >= 0),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index pooled_budget_shares_one_each on pooled_budget_shares (pooled_budget_id, organisation_id) where deleted_at is null;

create table partnership_funding (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  kind text not null check (kind in ('grant', 'allocation', 'other')),
  funder text not null,
  title text not null,
  amount_pence bigint not null check (amount_pence >= 0),
  start_date date,
  end_date date,
  conditions text,
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (end_date is null or start_date is null or end_date >= start_date)
);
create index partnership_funding_partnership on partnership_funding (partnership_id);

create table partnership_investments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  kind text not null check (kind in ('loan', 'equity')),
  counterparty text not null,
  purpose text,
  amount_pence bigint not null check (amount_pence >= 0),
  made_on date,
  exempt_paragraph integer check (exempt_paragraph between 1 and 7),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index partnership_investments_partnership on partnership_investments (partnership_id);

create table investment_repayments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  investment_id uuid not null references partnership_investments (id),
  due_on date not null,
  amount_pence bigint not null check (amount_pence > 0),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index investment_repayments_investment on investment_repayments (investment_id);

do $$
declare t text;
begin
  foreach t in array array['pooled_budgets', 'pooled_budget_shares', 'partnership_funding', 'partnership_investments', 'investment_repayments'] loop
    execute format('create trigger %I_touch before update on %I for each row execute function touch_row()', t, t);
    execute format('create trigger %I_audit after insert or update or delete on %I for each row execute function audit_row()', t, t);
  end loop;
end $$;

-- The public view of a partnership's money: a published partnership's agreed or paid contributions, and
-- its pooled budgets, funding and investments unless exempt. Proposed contributions are still being negotiated.
create function public_contribution(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from contributions where id = record_id and deleted_at is null and status <> 'proposed'
    and public_partnership(partnership_id))
$$;

create function public_pooled_budget(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from pooled_budgets where id = record_id and deleted_at is null and exempt_paragraph is null
    and public_partnership(partnership_id))
$$;

create function public_partnership_funding(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from partnership_funding where id = record_id and deleted_at is null and exempt_paragraph is null
    and public_partnership(partnership_id))
$$;

create function public_partnership_investment(record_id uuid) returns boolean language sql stable as $$
  select exists (select 1 from partnership_investments where id = record_id and deleted_at is null and exempt_paragraph is null
    and public_partnership(partnership_id))
$$;
