-- Accounts, sessions, one-time tokens, API tokens, the e-mail outbox, and publication states.

create table users (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  email text not null,
  name text not null,
  password_hash text,
  roles text[] not null default '{}',
  -- A partner editor edits only these partnerships, and those of these organisations.
  scope_partnership_ids uuid[] not null default '{}',
  scope_organisation_ids uuid[] not null default '{}',
  last_signed_in timestamptz,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (email = lower(email))
);
create unique index users_email on users (tenant_id, email) where deleted_at is null;

-- Failed sign-ins are counted per e-mail address typed, whether or not an account has it, so
-- that the lockout message cannot reveal which addresses have accounts.
create table sign_in_throttle (
  tenant_id uuid not null references tenants (id),
  email_hash text not null,
  failures integer not null default 0,
  locked_until timestamptz,
  last_failure timestamptz not null default clock_timestamp(),
  primary key (tenant_id, email_hash)
);

-- Sessions live in the database so that every instance behind a load balancer shares them.
-- Only a hash of the cookie's secret is stored.
create table sessions (
  id text primary key,
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references users (id),
  created timestamptz not null default clock_timestamp(),
  last_seen timestamptz not null default clock_timestamp(),
  expires_at timestamptz not null,
  user_agent text
);
create index sessions_user on sessions (user_id);

-- Single-use, expiring tokens for password reset and invitations (hash only).
create table one_time_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references users (id),
  purpose text not null check (purpose in ('reset', 'invite')),
  token_hash text not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created timestamptz not null default clock_timestamp()
);

-- Personal API tokens for the JSON API (Bearer), stored hashed, revocable.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  user_id uuid not null references users (id),
  name text not null,
  token_hash text not null unique,
  prefix text not null,
  last_used timestamptz,
  revoked_at timestamptz,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index api_tokens_user on api_tokens (user_id);

-- Every e-mail the service sends goes through here; a sender delivers it by SMTP when
-- SMTP_URL is set, and administrators can read it in the service either way.
create table outbox (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  to_address text not null,
  subject text not null,
  body_text text not null,
  created timestamptz not null default clock_timestamp(),
  sent_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_unsent on outbox (created) where sent_at is null;

-- Publication: what the public may see. Existing partnerships were public already.
alter table partnerships
  add column publication_state text not null default 'draft' check (publication_state in ('draft', 'published', 'withdrawn')),
  add column published_at timestamptz;
update partnerships set publication_state = 'published', published_at = created;

-- Exempt information (Local Government Act 1972, Schedule 12A, Part 1, paragraphs 1-7).
alter table source_documents
  add column exempt_paragraph integer check (exempt_paragraph between 1 and 7);


create trigger users_touch before update on users for each row execute function touch_row();
create trigger users_audit after insert or update or delete on users for each row execute function audit_row();
create trigger api_tokens_touch before update on api_tokens for each row execute function touch_row();
create trigger api_tokens_audit after insert or update or delete on api_tokens for each row execute function audit_row();
