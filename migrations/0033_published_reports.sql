-- Published accountability reports (issue 16): the quarterly update to Cabinet, the annual review and each
-- partnership's health check can be published, which freezes them as a version in report_versions (0032) that
-- the public pages and the API show; publishing again freezes a new version. The annual review is published
-- when it has a version of its own (report_id is the review's id); the quarterly update has no record of its
-- own, so a published quarter gets one here; a health check's publication is per partnership and year, and
-- can be withdrawn (the public then no longer see it). Both tables are audited by the normal trigger.
alter table report_versions drop constraint report_versions_kind_check;
alter table report_versions add constraint report_versions_kind_check
  check (kind in ('finance-report', 'quarterly-update', 'annual-review', 'health-check'));

create table quarterly_update_publications (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  quarter_start date not null check (extract(day from quarter_start) = 1 and extract(month from quarter_start) in (1, 4, 7, 10)),
  created timestamptz not null default clock_timestamp(),
  primary key (id, tenant_id),
  unique (quarter_start, tenant_id)
);
create trigger quarterly_update_publications_audit after insert or update or delete on quarterly_update_publications
  for each row execute function audit_row();

create table health_check_publications (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null,
  year integer not null check (year between 1990 and 2100),
  -- Withdrawn: the public no longer see it; publishing again brings it back with a new version.
  withdrawn_at timestamptz,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  version integer not null default 1,
  primary key (id, tenant_id),
  unique (partnership_id, year, tenant_id),
  foreign key (tenant_id, partnership_id) references partnerships (tenant_id, id)
);
create trigger health_check_publications_touch before update on health_check_publications for each row execute function touch_row();
create trigger health_check_publications_audit after insert or update or delete on health_check_publications
  for each row execute function audit_row();
