-- State that every instance of the application must share, so that two instances behind a load
-- balancer behave as one: rate-limit counters, and the development session secret.

-- One counter per rate-limited route and client, for a time window.
create table rate_limits (
  key text primary key,
  hits integer not null,
  window_ends timestamptz not null
);
create index rate_limits_window_ends on rate_limits (window_ends);

-- Secrets made once and read by every instance (the development SESSION_SECRET when none is configured).
create table instance_secrets (
  name text primary key,
  value text not null,
  created timestamptz not null default now()
);
