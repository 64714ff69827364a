-- The annual review of strategic partnerships (issue 16, seed 002): a draft the officer edits for a review
-- period and a report date. The landscape's changes, each partnership's purpose, representatives, sub-groups,
-- contributions and health check are regenerated from the register whenever the review is read; only what an
-- officer writes is stored here: the summary, the recommendations (lettered a), b), c) when printed), the
-- implications, the background papers, and per partnership where it is heading.
create table annual_reviews (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  title text not null check (length(title) between 1 and 300),
  period_start date not null,
  period_end date not null,
  report_date date not null,
  author text not null default '',
  summary text not null default '',
  recommendations text[] not null default '{}',
  background_papers text[] not null default '{}',
  -- The implications sections in order: [{"heading": "...", "text": "..."}].
  implications jsonb not null default '[]',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (period_end >= period_start),
  check (jsonb_typeof(implications) = 'array')
);
create index annual_reviews_tenant on annual_reviews (tenant_id, report_date);

-- The partnerships a review covers, in the council's order, each with the officer's "where it is heading".
create table annual_review_partnerships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  review_id uuid not null references annual_reviews (id),
  partnership_id uuid not null references partnerships (id),
  position integer not null check (position >= 0),
  direction text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index annual_review_partnerships_one on annual_review_partnerships (review_id, partnership_id) where deleted_at is null;
create index annual_review_partnerships_tenant on annual_review_partnerships (tenant_id, review_id);

create trigger annual_reviews_touch before update on annual_reviews for each row execute function touch_row();
create trigger annual_reviews_audit after insert or update or delete on annual_reviews for each row execute function audit_row();
create trigger annual_review_partnerships_touch before update on annual_review_partnerships for each row execute function touch_row();
create trigger annual_review_partnerships_audit after insert or update or delete on annual_review_partnerships for each row execute function audit_row();
