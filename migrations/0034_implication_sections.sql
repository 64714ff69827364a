-- The implications sections each kind of report prints are the council's configuration (issue 16), not code:
-- per report type, the ordered sections with their heading, the clearance question and who clears it, whether
-- a named officer must clear it before the report is published, and the wording printed when the author has
-- nothing to say. Seeded for every tenant (and, by a trigger, for every tenant added later) with the sets the
-- seed papers use: seed 004's seven for committee reports (each cleared by an officer), seed 001's five for the
-- quarterly update to Cabinet and seed 002's six for the annual review of strategic partnerships.
-- Keys carry tenant_id as migration 0030 requires: primary key (id, tenant_id), unique keys with tenant_id.
create table implication_sections (
  id uuid not null default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  report_type text not null check (report_type in ('committee_report', 'quarterly_update', 'annual_review')),
  position integer not null check (position >= 1),
  key text not null check (key ~ '^[a-z][A-Za-z0-9]{0,39}$'),
  heading text not null check (length(btrim(heading)) between 1 and 200),
  clearance_question text not null default '' check (length(clearance_question) <= 500),
  cleared_by text not null default '' check (length(cleared_by) <= 100),
  clearance_required boolean not null default false,
  default_text text not null default '' check (length(default_text) <= 2000),
  modified timestamptz not null default clock_timestamp(),
  primary key (id, tenant_id),
  unique (tenant_id, report_type, key),
  -- A section an officer must clear asks its question.
  check (not clearance_required or length(btrim(clearance_question)) > 0)
);
create trigger implication_sections_audit after insert or update or delete on implication_sections for each row execute function audit_row();

create function seed_implication_sections(p_tenant uuid) returns void language sql as $$
  insert into implication_sections (tenant_id, report_type, position, key, heading, clearance_question, cleared_by, clearance_required, default_text)
  select p_tenant, s.report_type, s.position, s.key, s.heading, s.question, s.cleared_by, s.required, s.default_text
  from (values
    ('committee_report', 1, 'resource', 'Resource Implications', 'Have the resource implications been cleared by Finance?', 'Finance', true,
      'There are no significant implications within this category.'),
    ('committee_report', 2, 'procurement', 'Procurement/Contractual/Council Contract Procedure Rules Implications',
      'Have the procurement/contractual/Council Contract Procedure Rules implications been cleared by Finance?', 'Finance', true,
      'There are no significant implications within this category.'),
    ('committee_report', 3, 'legal', 'Statutory, Legal and Risk Implications', 'Has the impact on statutory, legal and risk implications been cleared by Legal?',
      'Legal', true, 'There are no significant implications within this category.'),
    ('committee_report', 4, 'equality', 'Equality and Diversity Implications', 'Have the equality and diversity implications been cleared by your Service Contact?',
      'Service Contact', true, 'There are no significant implications within this category.'),
    ('committee_report', 5, 'engagement', 'Engagement and Communications Implications',
      'Have any engagement and communication implications been cleared by Communications?', 'Communications', true,
      'There are no significant implications within this category.'),
    ('committee_report', 6, 'localism', 'Localism and Local Member Involvement',
      'Have any localism and Local Member involvement issues been cleared by your Service Contact?', 'Service Contact', true,
      'There are no significant implications within this category.'),
    ('committee_report', 7, 'publicHealth', 'Public Health Implications', 'Have any Public Health implications been cleared by Public Health?', 'Public Health', true,
      'There are no significant implications within this category.'),
    ('quarterly_update', 1, 'resources', 'Resources and performance information', '', '', false,
      'There are no financial implications arising from this report.'),
    ('quarterly_update', 2, 'statutory', 'Statutory duties requirements and partnership working', '', '', false,
      'The report as a whole deals with partnership working arrangements and any statutory requirements.'),
    ('quarterly_update', 3, 'climate', 'Climate change', '', '', false, 'There are no climate change implications arising from this report.'),
    ('quarterly_update', 4, 'access', 'Access and inclusion', '', '', false, 'There are no access and inclusion implications arising from this report.'),
    ('quarterly_update', 5, 'engagement', 'Engagement and consultation', '', '', false, 'There are no engagement and consultation implications arising from this report.'),
    ('annual_review', 1, 'financial', 'Financial Implications', '', '', false, ''),
    ('annual_review', 2, 'staffing', 'Staffing Implications', '', '', false, ''),
    ('annual_review', 3, 'equalities', 'Equal Opportunities Implications', '', '', false, ''),
    ('annual_review', 4, 'environmental', 'Environmental Implications', '', '', false, ''),
    ('annual_review', 5, 'consultation', 'Consultation', '', '', false, ''),
    ('annual_review', 6, 'communitySafety', 'Community Safety', '', '', false, '')
  ) as s (report_type, position, key, heading, question, cleared_by, required, default_text)
  on conflict (tenant_id, report_type, key) do nothing
$$;

select seed_implication_sections(id) from tenants;

create function tenants_seed_implication_sections() returns trigger language plpgsql as $$
begin
  perform seed_implication_sections(new.id);
  return null;
end $$;
create trigger tenants_seed_implication_sections after insert on tenants for each row execute function tenants_seed_implication_sections();
