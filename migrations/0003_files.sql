-- Uploaded files (terms of reference, reports, agreements), held in the database so that every
-- instance sees them and backups hold them. Source documents may carry a file and a kind.

create table files (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  filename text not null,
  content_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null,
  content bytea not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);

alter table source_documents
  add column file_id uuid references files (id),
  add column kind text not null default 'other'
    check (kind in ('terms_of_reference', 'agreement', 'report', 'minutes', 'other'));

-- The audit trail records a file's details, never its bytes.
create or replace function audit_row() returns trigger language plpgsql as $$
declare
  v_before jsonb;
  v_after jsonb;
  v_action text := lower(tg_op);
begin
  if tg_op in ('UPDATE', 'DELETE') then v_before := to_jsonb(old) - 'content'; end if;
  if tg_op in ('INSERT', 'UPDATE') then v_after := to_jsonb(new) - 'content'; end if;
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

create trigger files_touch before update on files for each row execute function touch_row();
create trigger files_audit after insert or update or delete on files for each row execute function audit_row();
