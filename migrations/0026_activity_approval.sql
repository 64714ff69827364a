-- Activity updates (issue 16) gain a submitted step: the lead officer writes and submits the summary of activity,
-- the partnership's lead member approves it (draft -> submitted -> approved); editing returns it to draft.
-- Who submitted and when is kept with the row; every change is in the audit trail through audit_row.
alter table activity_updates drop constraint activity_updates_state_check;
alter table activity_updates add constraint activity_updates_state_check check (state in ('draft', 'submitted', 'approved'));
alter table activity_updates
  add column submitted_by text,
  add column submitted_on date,
  add constraint activity_updates_submitted_dated check (state <> 'submitted' or submitted_on is not null);
