-- Frozen versions of generated reports (issue 16): a generated report is read from live data, so once it is
-- published or attached to an agenda item its document model (the JSON the HTML, PDF and Word writers render
-- from) is kept here, with the time its data was read, who froze it and why. The published paper and the
-- agenda pack render the latest version, so a figure corrected afterwards does not change a published paper
-- until someone deliberately publishes a new version. One table for every kind of generated report; the
-- report's own table is named by kind, so report_id carries no foreign key.
-- Keys carry tenant_id as migration 0030 requires: primary key (id, tenant_id), the agenda item a version was
-- attached to by (tenant_id, agenda_item_id).
create table report_versions (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('finance-report', 'quarterly-update', 'annual-review')),
  report_id uuid not null,
  number integer not null check (number >= 1),
  -- The document model; named content so that the audit trigger leaves it out of the audit log.
  content jsonb not null,
  data_read_at timestamptz not null default clock_timestamp(),
  frozen_by text not null check (length(frozen_by) > 0),
  reason text not null check (reason in ('published', 'attached', 'new-version')),
  agenda_item_id uuid,
  created timestamptz not null default clock_timestamp(),
  primary key (id, tenant_id),
  unique (kind, report_id, number, tenant_id),
  foreign key (tenant_id, agenda_item_id) references agenda_items (tenant_id, id)
);

-- A frozen version never changes: a correction is a new version.
create function report_versions_frozen() returns trigger language plpgsql as $$
begin
  raise exception 'A frozen report version cannot be changed; publish a new version instead';
end $$;
create trigger report_versions_frozen before update on report_versions for each row execute function report_versions_frozen();
create trigger report_versions_audit after insert or update or delete on report_versions for each row execute function audit_row();
