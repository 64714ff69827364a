-- Plans: delivery plans (priorities, outcome statements, actions with milestones, recurrences,
-- dependencies, links and progress updates; seed 004), work programmes (tasks scored on a risk
-- matrix into priority levels; seed 003), risk registers and the programme and project portfolio.

-- A delivery plan or a work programme, owned by a partnership or a body (or both).
create table plans (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  kind text not null check (kind in ('delivery_plan', 'work_programme')),
  title text not null,
  period_label text not null default '',
  introduction text not null default '',
  partnership_id uuid references partnerships (id),
  body_id uuid references bodies (id),
  publication_state text not null default 'draft' check (publication_state in ('draft', 'published')),
  -- Endorsement of the plan or programme (seed 003's proposal (1)), against a meeting and its decision.
  endorsed_meeting_id uuid references meetings (id),
  endorsed_resolution_id uuid references resolutions (id),
  endorsed_on date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (partnership_id is not null or body_id is not null)
);
create index plans_partnership on plans (partnership_id) where deleted_at is null;
create index plans_body on plans (body_id) where deleted_at is null;

create table plan_priorities (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  plan_id uuid not null references plans (id),
  number integer not null check (number between 1 and 99),
  title text not null,
  outcomes text[] not null default '{}',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index plan_priorities_number on plan_priorities (plan_id, number) where deleted_at is null;

create table plan_actions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  plan_id uuid not null references plans (id),
  priority_id uuid not null references plan_priorities (id),
  reference text not null,
  description text not null,
  lead_officer text not null default '',
  lead_person_id uuid references people (id),
  first_milestone date,
  -- What the plan printed when it is not a month ("Reviewed yearly" in seed 004's 1.18).
  first_milestone_note text not null default '',
  continues_until date,
  recurrence text check (recurrence in ('monthly', 'quarterly', 'six_monthly', 'annual')),
  recurrence_label text not null default '',
  next_review date,
  resources text not null default '',
  key_risks text not null default '',
  outputs text not null default '',
  decision_route text not null default '',
  status text not null default 'not_started' check (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred')),
  percent_complete integer check (percent_complete between 0 and 100),
  rag_override text check (rag_override in ('green', 'amber', 'red')),
  rag_override_reason text not null default '',
  last_update_on date,
  completed_on date,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (rag_override is null or rag_override_reason <> '')
);
create unique index plan_actions_reference on plan_actions (plan_id, reference) where deleted_at is null;
create index plan_actions_priority on plan_actions (priority_id) where deleted_at is null;

create table plan_action_dependencies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  action_id uuid not null references plan_actions (id),
  depends_on_action_id uuid not null references plan_actions (id),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (action_id <> depends_on_action_id)
);
create unique index plan_action_dependencies_pair on plan_action_dependencies (action_id, depends_on_action_id) where deleted_at is null;
create index plan_action_dependencies_reverse on plan_action_dependencies (depends_on_action_id) where deleted_at is null;

-- An action's indicators (performance) and the meetings and decisions on its decision-making route.
create table plan_action_links (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  action_id uuid not null references plan_actions (id),
  indicator_id uuid references indicators (id),
  meeting_id uuid references meetings (id),
  resolution_id uuid references resolutions (id),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (num_nonnulls(indicator_id, meeting_id, resolution_id) = 1)
);
create index plan_action_links_action on plan_action_links (action_id) where deleted_at is null;

create table plan_action_updates (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  action_id uuid not null references plan_actions (id),
  update_on date not null,
  narrative text not null,
  percent_complete integer check (percent_complete between 0 and 100),
  status text not null check (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred')),
  rag text not null check (rag in ('green', 'amber', 'red', 'grey')),
  rag_override text check (rag_override in ('green', 'amber', 'red')),
  rag_override_reason text not null default '',
  next_review date,
  author text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index plan_action_updates_action on plan_action_updates (action_id, update_on) where deleted_at is null;

-- One reminder per action, date and kind to its lead: a week before the date falls due, and once it is overdue.
create table plan_action_reminders (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  action_id uuid not null references plan_actions (id),
  due_on date not null,
  kind text not null check (kind in ('due_soon', 'overdue')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index plan_action_reminders_once on plan_action_reminders (action_id, due_on, kind);

-- The risk matrix a partnership scores on: its scales and the lowest score of each priority level.
create table risk_matrices (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  likelihood_labels text[] not null check (cardinality(likelihood_labels) between 2 and 10),
  impact_labels text[] not null check (cardinality(impact_labels) between 2 and 10),
  -- level_minimums[k] is the lowest score at level k (descending); below the last is the last level + 1.
  level_minimums integer[] not null check (cardinality(level_minimums) between 1 and 9),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index risk_matrices_partnership on risk_matrices (partnership_id) where deleted_at is null;

create table programme_tasks (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  plan_id uuid not null references plans (id),
  number integer not null check (number between 1 and 999),
  title text not null,
  comments text not null default '',
  source text not null default '',
  lead_organisation_id uuid references organisations (id),
  likelihood integer check (likelihood between 1 and 10),
  impact integer check (impact between 1 and 10),
  level_override integer check (level_override between 1 and 10),
  level_override_reason text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (level_override is null or level_override_reason <> '')
);
create unique index programme_tasks_number on programme_tasks (plan_id, number) where deleted_at is null;

-- "dependant upon 11 below" is depends_on; "incorporates 3 below" is incorporates.
create table programme_task_dependencies (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  task_id uuid not null references programme_tasks (id),
  other_task_id uuid not null references programme_tasks (id),
  kind text not null check (kind in ('depends_on', 'incorporates')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1,
  check (task_id <> other_task_id)
);
create unique index programme_task_dependencies_pair on programme_task_dependencies (task_id, other_task_id, kind) where deleted_at is null;

-- Resources each partner commits to a task (staff time, funding).
create table programme_task_resources (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  task_id uuid not null references programme_tasks (id),
  organisation_id uuid not null references organisations (id),
  resources text not null,
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index programme_task_resources_task on programme_task_resources (task_id) where deleted_at is null;

create table risks (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid not null references partnerships (id),
  plan_id uuid references plans (id),
  reference text not null default '',
  title text not null,
  cause text not null default '',
  effect text not null default '',
  owner text not null default '',
  owner_person_id uuid references people (id),
  inherent_likelihood integer not null check (inherent_likelihood between 1 and 10),
  inherent_impact integer not null check (inherent_impact between 1 and 10),
  residual_likelihood integer not null check (residual_likelihood between 1 and 10),
  residual_impact integer not null check (residual_impact between 1 and 10),
  controls text not null default '',
  review_date date,
  trend text not null default 'new' check (trend in ('new', 'improving', 'stable', 'worsening')),
  status text not null default 'open' check (status in ('open', 'closed')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index risks_partnership on risks (partnership_id) where deleted_at is null;

-- Mitigating actions: plan actions that reduce a risk.
create table risk_mitigations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  risk_id uuid not null references risks (id),
  action_id uuid not null references plan_actions (id),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create unique index risk_mitigations_pair on risk_mitigations (risk_id, action_id) where deleted_at is null;

create table portfolio_items (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  partnership_id uuid references partnerships (id),
  body_id uuid references bodies (id),
  kind text not null default 'programme' check (kind in ('programme', 'project')),
  title text not null,
  lead_director text not null default '',
  description text not null default '',
  publication_state text not null default 'draft' check (publication_state in ('draft', 'published')),
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);

-- Each assessment of a programme or project: its RAG and key issues at a date. The latest is its RAG.
create table portfolio_assessments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  item_id uuid not null references portfolio_items (id),
  as_at date not null,
  rag text not null check (rag in ('green', 'amber', 'red')),
  key_issues text not null default '',
  created timestamptz not null default clock_timestamp(),
  modified timestamptz not null default clock_timestamp(),
  deleted_at timestamptz,
  version integer not null default 1
);
create index portfolio_assessments_item on portfolio_assessments (item_id, as_at) where deleted_at is null;

do $$
declare t text;
begin
  foreach t in array array['plans', 'plan_priorities', 'plan_actions', 'plan_action_dependencies', 'plan_action_links', 'plan_action_updates',
    'plan_action_reminders', 'risk_matrices', 'programme_tasks', 'programme_task_dependencies', 'programme_task_resources', 'risks',
    'risk_mitigations', 'portfolio_items', 'portfolio_assessments'] loop
    execute format('create trigger %I before update on %I for each row execute function touch_row()', t || '_touch', t);
    execute format('create trigger %I after insert or update or delete on %I for each row execute function audit_row()', t || '_audit', t);
  end loop;
end $$;
