-- Self-assessments (issue 16, seed 000): an area's self-assessment for an inspectorate (Cambridgeshire's
-- Comprehensive Area Assessment for the Audit Commission, 2009). Its lettered questions or lines of enquiry
-- (with sub-queries), the editing group, evidence linked to other records, drafts in numbered versions with
-- each board's comments, and the sign-off route through boards' agenda items. Not public: staff only.
create table assessments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  title text not null check (length(title) > 0),
  partnership_id uuid references partnerships (id),
  submitted_to text not null default '',
  -- Open while it is being written; submitted (on a date, when known) or closed when it is done. Overdue is judged only while open.
  state text not null default 'open' check (state in ('open', 'submitted', 'closed')),
  submitted_on date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (state = 'submitted' or submitted_on is null)
);
create index assessments_tenant on assessments (tenant_id);

-- Questions in order; a sub-query (the Audit Commission's four under G) has a parent. Letters are derived from the order.
create table assessment_questions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  assessment_id uuid not null references assessments (id),
  parent_id uuid references assessment_questions (id),
  position integer not null check (position > 0),
  text text not null check (length(text) > 0),
  raised_by text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index assessment_questions_of on assessment_questions (assessment_id, position);

create table assessment_editors (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  assessment_id uuid not null references assessments (id),
  person_id uuid not null references people (id),
  role text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index assessment_editors_once on assessment_editors (assessment_id, person_id) where deleted_at is null;

-- Evidence for a question: free text, a link to another record (its title kept as it was when linked, in case
-- the record goes), or both.
create table assessment_evidence (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  assessment_id uuid not null references assessments (id),
  question_id uuid not null references assessment_questions (id),
  note text not null default '',
  link_kind text check (link_kind in ('indicator', 'decision', 'paper', 'action')),
  link_id uuid,
  link_label text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check ((link_kind is null) = (link_id is null)),
  check (length(note) > 0 or link_kind is not null)
);
create index assessment_evidence_of on assessment_evidence (assessment_id, question_id);

create table assessment_drafts (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  assessment_id uuid not null references assessments (id),
  number integer not null check (number > 0),
  drafted_on date not null,
  summary text not null default '',
  content text not null check (length(content) > 0),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index assessment_drafts_number on assessment_drafts (assessment_id, number) where deleted_at is null;

-- What a board (at a meeting, when it was one) said about a version.
create table assessment_comments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  draft_id uuid not null references assessment_drafts (id),
  board text not null check (length(board) > 0),
  meeting_id uuid references meetings (id),
  said_on date not null,
  comment text not null check (length(comment) > 0),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index assessment_comments_of on assessment_comments (draft_id);

-- The sign-off route: a step is an agenda item of a board's meeting (its date and deadlines come from the meeting),
-- or a step outside any meeting, such as the formal submission, with its own date when one is set.
create table assessment_steps (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  assessment_id uuid not null references assessments (id),
  position integer not null check (position > 0),
  purpose text not null check (length(purpose) > 0),
  agenda_item_id uuid references agenda_items (id),
  board text not null default '',
  step_date date,
  status text not null default 'planned'
    check (status in ('planned', 'paper_sent', 'considered', 'signed_off', 'changes_asked', 'skipped')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (agenda_item_id is null or step_date is null),
  check (agenda_item_id is not null or length(board) > 0)
);
create index assessment_steps_of on assessment_steps (assessment_id, position);

do $$
declare t text;
begin
  foreach t in array array['assessments', 'assessment_questions', 'assessment_editors', 'assessment_evidence', 'assessment_drafts',
                           'assessment_comments', 'assessment_steps'] loop
    execute format('create trigger %I_touch before update on %I for each row execute function touch_row()', t, t);
    execute format('create trigger %I_audit after insert or update or delete on %I for each row execute function audit_row()', t, t);
  end loop;
end $$;
