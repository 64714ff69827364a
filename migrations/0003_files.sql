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


create trigger files_touch before update on files for each row execute function touch_row();
create trigger files_audit after insert or update or delete on files for each row execute function audit_row();
