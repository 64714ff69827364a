-- Activity updates (issue 16): per partnership and quarter, the lead officer's summary of activity for the
-- quarterly update to Cabinet (seed 001). The product drafts it from the quarter's records, the officer edits,
-- the lead member approves; an approved update is what the report prints.
create table activity_updates (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  -- The first day of the quarter (1 January, April, July or October).
  quarter_start date not null check (extract(day from quarter_start) = 1 and extract(month from quarter_start) in (1, 4, 7, 10)),
  summary text not null check (length(summary) > 0),
  state text not null default 'draft' check (state in ('draft', 'approved')),
  approved_by text,
  approved_on date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check ((state = 'approved') = (approved_on is not null))
);
create unique index activity_updates_one on activity_updates (partnership_id, quarter_start) where deleted_at is null;
create index activity_updates_quarter on activity_updates (tenant_id, quarter_start);

create trigger activity_updates_touch before update on activity_updates for each row execute function touch_row();
create trigger activity_updates_audit after insert or update or delete on activity_updates for each row execute function audit_row();
