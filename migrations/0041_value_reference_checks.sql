-- Indicator values and targets are written a million at a time by the values import (issue 19). For each
-- row, a foreign key runs its own lookup of the row it points at (about 5 µs here): for a million values that
-- was 10 s of the import, twice the cost of writing the rows and their indexes. So the same rules are kept
-- here once per statement, over every row the statement wrote:
--   * a value or target must point at an indicator of its own council: after each insert, one query locks
--     the indicators the new rows name (FOR KEY SHARE, the lock a foreign key takes, so none can be deleted
--     before the writer commits) and refuses the statement, with foreign_key_violation (23503) and the
--     message PostgreSQL would give, if any row names one that is not there;
--   * the indicator and council of a stored value or target do not change (nothing in the app changes them);
--   * an indicator that still has values or targets cannot be deleted, nor its id or council changed.
-- The separate foreign key from tenant_id to tenants goes too: the indicator a row points at is in the same
-- council, and indicators.tenant_id references tenants. The index on (tenant_id, period_start) is dropped:
-- every query reaches values through their indicator (the unique (indicator_id, period_start, tenant_id)).
-- Only these two tables change; every other foreign key stays a foreign key.

create function check_indicator_rows() returns trigger language plpgsql as $$
declare
  missing record;
begin
  with named as (select distinct tenant_id, indicator_id from new_rows),
    present as (select i.tenant_id, i.id from indicators i join named n on i.tenant_id = n.tenant_id and i.id = n.indicator_id for key share of i)
  select n.tenant_id, n.indicator_id into missing from named n
  where not exists (select 1 from present p where p.tenant_id = n.tenant_id and p.id = n.indicator_id) limit 1;
  if found then
    raise exception using errcode = 'foreign_key_violation',
      message = format('insert or update on table "%s" violates foreign key constraint "%s_indicator_id_fkey"', tg_table_name, tg_table_name),
      detail = format('Key (tenant_id, indicator_id)=(%s, %s) is not present in table "indicators".', missing.tenant_id, missing.indicator_id);
  end if;
  return null;
end $$;

create function keep_indicator_of_row() returns trigger language plpgsql as $$
begin
  if (new.tenant_id, new.indicator_id) is distinct from (old.tenant_id, old.indicator_id) then
    raise exception using errcode = 'foreign_key_violation',
      message = format('the indicator of a row of "%s" cannot be changed', tg_table_name);
  end if;
  return new;
end $$;

create function keep_indicator_with_rows() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and (new.tenant_id, new.id) is not distinct from (old.tenant_id, old.id) then
    return new;
  end if;
  if exists (select 1 from indicator_values where tenant_id = old.tenant_id and indicator_id = old.id)
    or exists (select 1 from indicator_targets where tenant_id = old.tenant_id and indicator_id = old.id) then
    raise exception using errcode = 'foreign_key_violation',
      message = 'update or delete on table "indicators" violates foreign key constraint "indicator_values_indicator_id_fkey"',
      detail = format('Key (tenant_id, id)=(%s, %s) is still referenced by its values or targets.', old.tenant_id, old.id);
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end $$;

alter table indicator_values drop constraint indicator_values_indicator_id_fkey, drop constraint indicator_values_tenant_id_fkey;
alter table indicator_targets drop constraint indicator_targets_indicator_id_fkey, drop constraint indicator_targets_tenant_id_fkey;
drop index indicator_values_tenant_period;

create trigger indicator_values_indicator after insert on indicator_values referencing new table as new_rows
  for each statement execute function check_indicator_rows();
create trigger indicator_targets_indicator after insert on indicator_targets referencing new table as new_rows
  for each statement execute function check_indicator_rows();
create trigger indicator_values_keep_indicator before update of tenant_id, indicator_id on indicator_values
  for each row execute function keep_indicator_of_row();
create trigger indicator_targets_keep_indicator before update of tenant_id, indicator_id on indicator_targets
  for each row execute function keep_indicator_of_row();
create trigger indicators_keep_rows before delete or update of tenant_id, id on indicators
  for each row execute function keep_indicator_with_rows();

-- Targets are read by indicator and period (the unique index); values and targets of an indicator are found
-- for the delete check by the same indexes, which lead with indicator_id.
