-- The values import audits itself as one event (issue 19), as the ledger import does (migration 0031): its
-- transaction names indicator_values and indicator_targets in app.audit_batch while it writes, and writes
-- entity_type 'indicator_value_imports' rows holding the file and every value written with its value before.
--
-- 0031 made audit_row() return at once for a table the batch names, but PostgreSQL still called the plpgsql
-- function for every row (and the set-wise insert trigger of 0007 did not look at the setting at all). Here
-- the audit triggers of these two tables carry a WHEN clause, evaluated by the executor without calling the
-- function: the trigger fires unless the table's name is one of the comma-separated names in the setting.
-- The list is compared whole-name (',a,b,' like '%,a,%'), so 'indicator_values_x' does not match. Outside
-- an import the setting is empty or unset, and every change is audited exactly as before.
drop trigger indicator_values_audit_insert on indicator_values;
create trigger indicator_values_audit_insert after insert on indicator_values referencing new table as new_rows for each statement
  when ((',' || coalesce(current_setting('app.audit_batch', true), '') || ',') not like '%,indicator_values,%')
  execute function audit_inserted_values();

drop trigger indicator_values_audit on indicator_values;
create trigger indicator_values_audit after update or delete on indicator_values for each row
  when ((',' || coalesce(current_setting('app.audit_batch', true), '') || ',') not like '%,indicator_values,%')
  execute function audit_row();

drop trigger indicator_targets_audit on indicator_targets;
create trigger indicator_targets_audit after insert or update or delete on indicator_targets for each row
  when ((',' || coalesce(current_setting('app.audit_batch', true), '') || ',') not like '%,indicator_targets,%')
  execute function audit_row();
