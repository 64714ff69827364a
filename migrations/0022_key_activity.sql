-- Key activity data (seed 004, Finance and Performance Report, section 2.5, tables 2.5.1–2.5.6): per financial
-- year and service group (Looked After Children, SEN placements, Adult Disability and Learning Disability,
-- Adult Mental Health, Older People, Older People Mental Health), activity lines with their budgeted number of
-- placements or service users, budgeted average unit cost (a week, an hour or a year), weeks funded and annual
-- budget; and, per period, a snapshot of the actual number, the yearly average, the actual average unit cost and
-- the actual or forecast spend. Variances, totals and the direction of travel (against the previous period's
-- snapshot) are derived, never stored. Money is whole pence in bigint; numbers of people to two decimals.

create table key_activity_lines (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  service_group text not null check (service_group in ('lac', 'sen', 'adult_disability', 'adult_mental_health', 'older_people', 'opmh')),
  -- The block of the table the line sits in ('Learning Disability Services', 'In-house'), or ''.
  section text not null default '' check (length(section) <= 200),
  name text not null check (name <> '' and length(name) <= 200),
  kind text not null default 'expenditure' check (kind in ('expenditure', 'income')),
  unit text not null default 'week' check (unit in ('week', 'hour', 'year')),
  budget_number numeric(12, 2) check (budget_number >= 0),
  budget_unit_cost_pence bigint check (budget_unit_cost_pence between -999999999999999 and 999999999999999),
  weeks_funded smallint check (weeks_funded between 1 and 60),
  annual_budget_pence bigint not null default 0 check (annual_budget_pence between -999999999999999 and 999999999999999),
  -- False for a line whose people another line already counts (seed 2.5.1: the Skills payments go to the carers the
  -- Basic lines count), so the totals add its money but not its numbers.
  numbers_in_totals boolean not null default true,
  position integer not null default 0,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index key_activity_lines_year on key_activity_lines (tenant_id, financial_year, service_group, position) where deleted_at is null;

-- A line's figures as at a period (1–12, April to March; 13 the outturn).
create table key_activity_snapshots (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  line_id uuid not null references key_activity_lines (id),
  period smallint not null check (period between 1 and 13),
  actual_number numeric(12, 2) check (actual_number >= 0),
  yearly_average numeric(12, 2) check (yearly_average >= 0),
  unit_cost_pence bigint check (unit_cost_pence between -999999999999999 and 999999999999999),
  spend_pence bigint check (spend_pence between -999999999999999 and 999999999999999),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index key_activity_snapshots_one on key_activity_snapshots (line_id, period) where deleted_at is null;
create index key_activity_snapshots_tenant on key_activity_snapshots (tenant_id, line_id);

-- The table's explanatory text and footnotes, per year and service group.
create table key_activity_notes (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  financial_year integer not null check (financial_year between 1990 and 2100),
  service_group text not null check (service_group in ('lac', 'sen', 'adult_disability', 'adult_mental_health', 'older_people', 'opmh')),
  note text not null default '' check (length(note) <= 10000),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index key_activity_notes_one on key_activity_notes (tenant_id, financial_year, service_group) where deleted_at is null;

create trigger key_activity_lines_touch before update on key_activity_lines for each row execute function touch_row();
create trigger key_activity_lines_audit after insert or update or delete on key_activity_lines for each row execute function audit_row();
create trigger key_activity_snapshots_touch before update on key_activity_snapshots for each row execute function touch_row();
create trigger key_activity_snapshots_audit after insert or update or delete on key_activity_snapshots for each row execute function audit_row();
create trigger key_activity_notes_touch before update on key_activity_notes for each row execute function touch_row();
create trigger key_activity_notes_audit after insert or update or delete on key_activity_notes for each row execute function audit_row();
