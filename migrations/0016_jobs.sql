-- Work done in the background, shared by every instance of the application: agenda packs rebuilt
-- when a paper changes, and the hourly reminders. An instance claims a job with
-- FOR UPDATE SKIP LOCKED, so two instances never run the same job at once. Not audited: these rows
-- are the machine's bookkeeping, and the changes the jobs make are audited where they are made.
create table jobs (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  -- What to do ('meetings.pack', 'hourly') and for what: one row per kind and key.
  kind text not null check (kind ~ '^[a-z][a-z0-9.-]*$'),
  key text not null,
  payload jsonb not null default '{}',
  -- Asked for again while running: the run that finishes does not mark the newer request done.
  requested_at timestamptz not null default clock_timestamp(),
  run_after timestamptz not null default clock_timestamp(),
  -- Claimed by an instance until then; a crashed instance's claim lapses.
  locked_until timestamptz,
  attempts integer not null default 0,
  last_error text,
  done_at timestamptz,
  unique (tenant_id, kind, key)
);
create index jobs_ready on jobs (run_after) where done_at is null;
