-- A set-based import audits itself as one event (issue 15/19): the ledger import writes 60,000 months in a few
-- statements and one audit_log row that holds every value it wrote with the value before it, instead of one
-- row per month from the trigger (which took most of the import's time). For that, audit_row() skips the tables
-- a transaction names in app.audit_batch (set with set_config(..., true), so it never outlives the transaction,
-- and cleared by the import once its rows are written). Only the application's own SQL can set it; every other
-- change is audited as before. The function is the same for every tenant: the event it skips carries tenant_id,
-- and the import's own event carries the tenant's id as every trigger row does.
create or replace function audit_row() returns trigger language plpgsql as $$
declare
  v_before jsonb;
  v_after jsonb;
  v_action text := lower(tg_op);
begin
  if tg_table_name = any(string_to_array(nullif(current_setting('app.audit_batch', true), ''), ',')) then
    return null;
  end if;
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
