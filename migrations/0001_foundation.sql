-- Foundation: tenants, the audit trail, and the shared row conventions.
-- Every tenant-owned table has: id (stable uuid), tenant_id, created, modified, deleted_at
-- (a tombstone, never a hard delete), and version (optimistic concurrency).

create table tenants (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  created timestamptz not null default now()
);

create table audit_log (
  id bigint generated always as identity primary key,
  tenant_id uuid,
  at timestamptz not null default clock_timestamp(),
  actor text not null,
  action text not null check (action in ('insert', 'update', 'delete', 'restore')),
  entity_type text not null,
  entity_id uuid,
  -- The record this row belongs to (a partnership, for its events, memberships...), so a
  -- record's history includes changes to its parts.
  parent_entity_id uuid,
  before jsonb,
  after jsonb,
  request_id text
);
create index audit_log_entity on audit_log (tenant_id, entity_type, entity_id, at);
create index audit_log_at on audit_log (tenant_id, at);
create index audit_log_parent on audit_log (tenant_id, parent_entity_id, at) where parent_entity_id is not null;

-- The audit trail cannot be rewritten through the application.
create function audit_log_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log rows cannot be changed or deleted';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_immutable();

-- Records every insert, update and delete with the actor set for the transaction. A file's
-- bytes and password or token hashes are never copied into the trail.
create function audit_row() returns trigger language plpgsql as $$
declare
  v_before jsonb;
  v_after jsonb;
  v_action text := lower(tg_op);
begin
  if tg_op in ('UPDATE', 'DELETE') then v_before := to_jsonb(old) - 'content' - 'password_hash' - 'token_hash'; end if;
  if tg_op in ('INSERT', 'UPDATE') then v_after := to_jsonb(new) - 'content' - 'password_hash' - 'token_hash'; end if;
  if tg_op = 'UPDATE' then
    if (v_before - 'modified' - 'version') = (v_after - 'modified' - 'version') then
      return null;
    end if;
    if v_before->>'deleted_at' is null and v_after->>'deleted_at' is not null then
      v_action := 'delete';
    elsif v_before->>'deleted_at' is not null and v_after->>'deleted_at' is null then
      v_action := 'restore';
    end if;
  end if;
  insert into audit_log (tenant_id, actor, action, entity_type, entity_id, parent_entity_id, before, after, request_id)
  values (
    coalesce(v_after->>'tenant_id', v_before->>'tenant_id')::uuid,
    coalesce(nullif(current_setting('app.actor', true), ''), 'system'),
    v_action,
    tg_table_name,
    coalesce(v_after->>'id', v_before->>'id')::uuid,
    coalesce(v_after->>'partnership_id', v_before->>'partnership_id')::uuid,
    v_before,
    v_after,
    nullif(current_setting('app.request_id', true), '')
  );
  return null;
end $$;

-- Keeps modified and version honest whatever the caller wrote.
create function touch_row() returns trigger language plpgsql as $$
begin
  new.modified := clock_timestamp();
  new.version := old.version + 1;
  new.created := old.created;
  return new;
end $$;
