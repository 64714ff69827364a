-- E-mail alerts without an account (issue 17): a member of the public follows a public list (the page
-- address of its query, such as '/decisions?q=housing') by e-mail. Only the address and the query are
-- kept, with the times the alert was made, confirmed and last sent; tokens are not stored (each is an
-- HMAC of the alert's id under an instance secret). Unsubscribing deletes the row; an alert not confirmed
-- within a week is deleted. No audit trigger: the audit trail would keep the address after unsubscribing.
create table alerts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  email text not null check (length(email) between 3 and 254),
  -- The followed list's canonical page address (src/follow/query.ts).
  list text not null check (length(list) between 1 and 2000 and left(list, 1) = '/'),
  created timestamptz not null default clock_timestamp(),
  -- Double opt-in: nothing is sent but the confirmation until this is set.
  confirmed_at timestamptz,
  -- What changed after this time goes in the next digest.
  last_digest_at timestamptz,
  -- England's date of the last digest run for this alert: one digest a day at most.
  last_digest_on date,
  check ((confirmed_at is null) = (last_digest_at is null))
);
create unique index alerts_one on alerts (tenant_id, lower(email), list);
create index alerts_due on alerts (tenant_id, last_digest_on) where confirmed_at is not null;

-- Mail headers for a message (such as List-Unsubscribe, RFC 8058), as a JSON object of names to values.
alter table outbox add column headers jsonb not null default '{}'::jsonb;
