-- Each import of indicator values started from the form (issue 19: "show progress for imports over a few
-- seconds"). The import itself is one transaction, audited as one event (0039); this row is what its
-- progress page reads while it runs, from any instance: how many rows it has checked or written, and, once
-- it ends, what came of it. Not audited, like jobs: the values it writes are audited where they are written.
create table value_imports (
  tenant_id uuid not null references tenants (id) on delete cascade,
  id uuid not null,
  filename text not null,
  started_by text not null,
  started_at timestamptz not null default clock_timestamp(),
  -- Written every few seconds by the instance running it (on PostgreSQL): an import whose instance has
  -- stopped writing it for a minute has stopped, and its transaction has rolled back.
  heartbeat_at timestamptz not null default clock_timestamp(),
  step text not null default 'checking' check (step in ('checking', 'writing')),
  rows_done integer not null default 0 check (rows_done >= 0),
  -- Of about how many (counted from the file's lines; unknown for a workbook until it is read).
  rows_total integer check (rows_total >= 0),
  state text not null default 'running' check (state in ('running', 'imported', 'problems', 'invalid', 'failed')),
  -- What the form shows once it has ended: the count imported, or the problems, or the message.
  outcome jsonb,
  ended_at timestamptz,
  primary key (tenant_id, id),
  check ((state = 'running') = (ended_at is null))
);
create index value_imports_recent on value_imports (tenant_id, started_at desc);
