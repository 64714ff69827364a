-- Self-assessment drafts as files (issue 16, seed 000): a version may be a Word (.docx) or PDF file uploaded through
-- the files capability, with or without text; who added it is kept beside the version (its name as it was then).
-- A text-only version stays possible: a version needs its text or its file.
alter table assessment_drafts
  add column file_id uuid,
  add column added_by text not null default '';
alter table assessment_drafts
  add constraint assessment_drafts_file_id_fkey foreign key (tenant_id, file_id) references files (tenant_id, id);
create index assessment_drafts_file on assessment_drafts (tenant_id, file_id) where file_id is not null;
alter table assessment_drafts drop constraint assessment_drafts_content_check;
alter table assessment_drafts add constraint assessment_drafts_content_check check (length(content) > 0 or file_id is not null);
