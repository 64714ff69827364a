// SQL for indicators, their assignments, targets, values, exception reports and reminders.
import type { Queryable } from '../db/database.ts';
import { likePattern } from '../web/schema.ts';
import type { IndicatorInput, ValueInput } from './performance.schemas.ts';

/** numeric columns arrive as strings from both drivers: read them as numbers for the rules and pages. */
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export interface IndicatorRow {
  id: string;
  code: string | null;
  title: string;
  definition: string;
  unit: string;
  polarity: string;
  frequency: string;
  cumulative: boolean;
  decimals: number;
  dataSource: string;
  outcomeGroup: string;
  directorate: string;
  leadOfficer: string | null;
  ownerPersonId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  tolerancePercent: number | null;
  baselinePeriod: string | null;
  baselineValue: number | null;
  baselineNumerator: number | null;
  baselineDenominator: number | null;
  baselineNote: string;
  finalTargetPeriod: string | null;
  finalTargetValue: number | null;
  publicationState: 'draft' | 'published';
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

const INDICATOR_COLUMNS = `i.id, i.code, i.title, i.definition, i.unit, i.polarity, i.frequency, i.cumulative, i.decimals, i.data_source as "dataSource",
  i.outcome_group as "outcomeGroup", i.directorate, i.lead_officer as "leadOfficer", i.owner_person_id as "ownerPersonId", p.name as "ownerName",
  p.email as "ownerEmail", i.tolerance_percent as "tolerancePercent", i.baseline_period as "baselinePeriod", i.baseline_value as "baselineValue",
  i.baseline_numerator as "baselineNumerator", i.baseline_denominator as "baselineDenominator", i.baseline_note as "baselineNote",
  i.final_target_period as "finalTargetPeriod", i.final_target_value as "finalTargetValue", i.publication_state as "publicationState",
  i.created, i.modified, i.deleted_at as "deletedAt", i.version`;

function numbers<T extends object>(row: T, keys: (keyof T)[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of keys) out[k as string] = num((row as Record<string, unknown>)[k as string]);
  return out as T;
}
const INDICATOR_NUMBERS: (keyof IndicatorRow)[] = ['tolerancePercent', 'baselineValue', 'baselineNumerator', 'baselineDenominator', 'finalTargetValue'];

export async function getIndicator(db: Queryable, tenantId: string, id: string, { publicOnly = false, withDeleted = false } = {}) {
  const rows = await db.query<IndicatorRow>(
    `select ${INDICATOR_COLUMNS} from indicators i left join people p on p.id = i.owner_person_id
    where i.tenant_id = $1 and i.id = $2 ${withDeleted ? '' : 'and i.deleted_at is null'} ${publicOnly ? `and i.publication_state = 'published'` : ''}`,
    [tenantId, id],
  );
  return rows[0] ? numbers(rows[0], INDICATOR_NUMBERS) : null;
}

const indicatorValues = (i: IndicatorInput) => [
  i.code,
  i.title,
  i.definition,
  i.unit,
  i.polarity,
  i.frequency,
  i.cumulative,
  i.decimals,
  i.dataSource,
  i.outcomeGroup,
  i.directorate,
  i.leadOfficer,
  i.ownerPersonId,
  i.tolerancePercent,
  i.baselinePeriod,
  i.baselineValue,
  i.baselineNumerator,
  i.baselineDenominator,
  i.baselineNote,
  i.finalTargetPeriod,
  i.finalTargetValue,
];

export async function insertIndicator(tx: Queryable, tenantId: string, i: IndicatorInput, publicationState: 'draft' | 'published' = 'draft') {
  const rows = await tx.query<{ id: string }>(
    `insert into indicators (tenant_id, code, title, definition, unit, polarity, frequency, cumulative, decimals, data_source, outcome_group, directorate,
       lead_officer, owner_person_id, tolerance_percent, baseline_period, baseline_value, baseline_numerator, baseline_denominator, baseline_note,
       final_target_period, final_target_value, publication_state)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23) returning id`,
    [tenantId, ...indicatorValues(i), publicationState],
  );
  return rows[0]!.id;
}

export async function updateIndicator(tx: Queryable, tenantId: string, id: string, version: number, i: IndicatorInput) {
  const rows = await tx.query<{ id: string }>(
    `update indicators set code = $4, title = $5, definition = $6, unit = $7, polarity = $8, frequency = $9, cumulative = $10, decimals = $11,
       data_source = $12, outcome_group = $13, directorate = $14, lead_officer = $15, owner_person_id = $16, tolerance_percent = $17,
       baseline_period = $18, baseline_value = $19, baseline_numerator = $20, baseline_denominator = $21, baseline_note = $22,
       final_target_period = $23, final_target_value = $24
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...indicatorValues(i)],
  );
  return rows.length === 1;
}

export async function setIndicatorPublication(tx: Queryable, tenantId: string, id: string, version: number, state: 'draft' | 'published') {
  const rows = await tx.query<{ id: string }>(
    `update indicators set publication_state = $4 where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, state],
  );
  return rows.length === 1;
}

export async function setAssignments(tx: Queryable, tenantId: string, indicatorId: string, a: { partnershipIds: string[]; bodyIds: string[] }) {
  await tx.query(
    `update indicator_assignments set deleted_at = clock_timestamp() where tenant_id = $1 and indicator_id = $2 and deleted_at is null
    and not (coalesce(partnership_id = any($3::uuid[]), false) or coalesce(body_id = any($4::uuid[]), false))`,
    [tenantId, indicatorId, a.partnershipIds, a.bodyIds],
  );
  await tx.query(
    `insert into indicator_assignments (tenant_id, indicator_id, partnership_id)
    select $1, $2, x from unnest($3::uuid[]) x where not exists (select 1 from indicator_assignments where indicator_id = $2 and partnership_id = x and deleted_at is null)`,
    [tenantId, indicatorId, a.partnershipIds],
  );
  await tx.query(
    `insert into indicator_assignments (tenant_id, indicator_id, body_id)
    select $1, $2, x from unnest($3::uuid[]) x where not exists (select 1 from indicator_assignments where indicator_id = $2 and body_id = x and deleted_at is null)`,
    [tenantId, indicatorId, a.bodyIds],
  );
}

/** The partnerships and committees an indicator is reported to; for the public, only those published. */
export async function assignmentsOf(db: Queryable, tenantId: string, indicatorId: string, { publicOnly = false } = {}) {
  return db.query<{ partnershipId: string | null; bodyId: string | null; name: string }>(
    `select a.partnership_id as "partnershipId", a.body_id as "bodyId", coalesce(p.name, b.name) as name
     from indicator_assignments a left join partnerships p on p.id = a.partnership_id left join bodies b on b.id = a.body_id
     where a.tenant_id = $1 and a.indicator_id = $2 and a.deleted_at is null
       ${publicOnly ? `and coalesce(p.publication_state, b.publication_state) = 'published'` : ''} order by name`,
    [tenantId, indicatorId],
  );
}

// ---- Choices and checks for the indicator form ---------------------------------------------------------

/** Every partnership, committee and person, for the indicator form's lists. */
export async function indicatorFormChoices(db: Queryable, tenantId: string) {
  const [partnerships, bodies, people] = await Promise.all([
    db.query<{ id: string; name: string }>(`select id, name from partnerships where tenant_id = $1 and deleted_at is null order by lower(name)`, [tenantId]),
    db.query<{ id: string; name: string }>(`select id, name from bodies where tenant_id = $1 and deleted_at is null order by lower(name)`, [tenantId]),
    db.query<{ id: string; name: string }>(`select id, name from people where tenant_id = $1 and deleted_at is null order by lower(name)`, [tenantId]),
  ]);
  return { partnerships, bodies, people };
}

/** One fixed statement for each table an assignment may name: how many of the ids are live records of the tenant. */
const COUNT_LIVE = {
  partnerships: (db: Queryable, tenantId: string, ids: string[]) =>
    db.query<{ n: number }>(`select count(distinct id)::int as n from partnerships where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, [
      tenantId,
      ids,
    ]),
  bodies: (db: Queryable, tenantId: string, ids: string[]) =>
    db.query<{ n: number }>(`select count(distinct id)::int as n from bodies where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, [
      tenantId,
      ids,
    ]),
} as const;

export async function countLive(db: Queryable, tenantId: string, table: keyof typeof COUNT_LIVE, ids: string[]) {
  const rows = await COUNT_LIVE[table](db, tenantId, ids);
  return rows[0]!.n;
}

export async function partnershipExists(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<{ id: string }>(`select id from partnerships where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
  return rows.length > 0;
}

export async function meetingExists(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<{ id: string }>(`select id from meetings where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
  return rows.length > 0;
}

// ---- Series ------------------------------------------------------------------------------------------

export interface SeriesRow {
  id: string | null;
  periodStart: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string | null;
  commentary: string;
  correctiveAction: string;
  statNeighbours: number | null;
  england: number | null;
  published: boolean;
  target: number | null;
  version: number | null;
  modified: Date | null;
}

/** Every period with a value or a target, oldest first. */
export async function seriesOf(db: Queryable, tenantId: string, indicatorId: string, { publishedOnly = false } = {}) {
  const rows = await db.query<SeriesRow>(
    `select v.id, coalesce(v.period_start, t.period_start) as "periodStart", v.value, v.numerator, v.denominator, v.status,
       coalesce(v.commentary, '') as commentary, coalesce(v.corrective_action, '') as "correctiveAction", v.stat_neighbours as "statNeighbours",
       v.england, coalesce(v.published, false) as published, t.value as target, v.version, v.modified
     from (select * from indicator_values where tenant_id = $1 and indicator_id = $2 and deleted_at is null ${publishedOnly ? 'and published' : ''}) v
       full join (select * from indicator_targets where tenant_id = $1 and indicator_id = $2 and deleted_at is null) t on t.period_start = v.period_start
     order by 2`,
    [tenantId, indicatorId],
  );
  return rows.map((r) => numbers(r, ['value', 'numerator', 'denominator', 'statNeighbours', 'england', 'target']));
}

export async function upsertValue(tx: Queryable, tenantId: string, indicatorId: string, v: ValueInput) {
  const rows = await tx.query<{ id: string }>(
    `update indicator_values set value = $4, numerator = $5, denominator = $6, status = $7, commentary = $8, corrective_action = $9,
       stat_neighbours = $10, england = $11, published = false
     where tenant_id = $1 and indicator_id = $2 and period_start = $3 and deleted_at is null returning id`,
    [tenantId, indicatorId, v.period, v.value, v.numerator, v.denominator, v.status, v.commentary, v.correctiveAction, v.statNeighbours, v.england],
  );
  if (rows[0]) return rows[0].id;
  const inserted = await tx.query<{ id: string }>(
    `insert into indicator_values (tenant_id, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action,
       stat_neighbours, england) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [tenantId, indicatorId, v.period, v.value, v.numerator, v.denominator, v.status, v.commentary, v.correctiveAction, v.statNeighbours, v.england],
  );
  return inserted[0]!.id;
}

export async function setValuePublished(tx: Queryable, tenantId: string, indicatorId: string, valueId: string, published: boolean) {
  const rows = await tx.query<{ id: string }>(
    `update indicator_values set published = $4 where tenant_id = $1 and indicator_id = $2 and id = $3 and deleted_at is null returning id`,
    [tenantId, indicatorId, valueId, published],
  );
  return rows.length === 1;
}

export async function setTarget(tx: Queryable, tenantId: string, indicatorId: string, period: string, value: number | null) {
  await tx.query(
    `update indicator_targets set deleted_at = clock_timestamp() where tenant_id = $1 and indicator_id = $2 and period_start = $3 and deleted_at is null`,
    [tenantId, indicatorId, period],
  );
  if (value !== null) {
    await tx.query(`insert into indicator_targets (tenant_id, indicator_id, period_start, value) values ($1, $2, $3, $4)`, [
      tenantId,
      indicatorId,
      period,
      value,
    ]);
  }
}

// ---- Scorecard ----------------------------------------------------------------------------------------

export interface ScorecardRow extends IndicatorRow {
  latestPeriod: string | null;
  latestValue: number | null;
  latestTarget: number | null;
  previousPeriod: string | null;
  previousValue: number | null;
  statNeighbours: number | null;
  england: number | null;
  commentary: string | null;
  correctiveAction: string | null;
  latestPublished: boolean | null;
  latestValueId: string | null;
  recent: { period: string; value: number | null; target: number | null }[];
  lastExceptionPeriod: string | null;
}

export interface ScorecardFilter {
  partnershipId?: string;
  bodyId?: string;
  outcomeGroup?: string;
  directorate?: string;
  q?: string;
  publicOnly: boolean;
  ids?: string[];
}

/**
 * Each indicator with its latest value (published only, for the public), the target for that
 * period, the value before it, and the last six values with targets (for the exception rule).
 */
export async function scorecard(db: Queryable, tenantId: string, f: ScorecardFilter) {
  const params: unknown[] = [tenantId];
  const where = ['i.tenant_id = $1', 'i.deleted_at is null'];
  if (f.publicOnly) where.push(`i.publication_state = 'published'`);
  if (f.ids) {
    params.push(f.ids);
    where.push(`i.id = any($${params.length}::uuid[])`);
  }
  if (f.partnershipId) {
    params.push(f.partnershipId);
    where.push(`exists (select 1 from indicator_assignments a where a.indicator_id = i.id and a.partnership_id = $${params.length} and a.deleted_at is null)`);
  }
  if (f.bodyId) {
    params.push(f.bodyId);
    where.push(`exists (select 1 from indicator_assignments a where a.indicator_id = i.id and a.body_id = $${params.length} and a.deleted_at is null)`);
  }
  if (f.outcomeGroup) {
    params.push(f.outcomeGroup);
    where.push(`i.outcome_group = $${params.length}`);
  }
  if (f.directorate) {
    params.push(f.directorate);
    where.push(`i.directorate = $${params.length}`);
  }
  if (f.q) {
    params.push(likePattern(f.q));
    where.push(`(i.title ilike $${params.length} or i.code ilike $${params.length})`);
  }
  const published = f.publicOnly ? 'and v.published' : '';
  const rows = await db.query<ScorecardRow>(
    `select ${INDICATOR_COLUMNS}, lv.period_start as "latestPeriod", lv.value as "latestValue", lt.value as "latestTarget",
       pv.period_start as "previousPeriod", pv.value as "previousValue", lv.stat_neighbours as "statNeighbours", lv.england, lv.commentary,
       lv.corrective_action as "correctiveAction", lv.published as "latestPublished", lv.id as "latestValueId",
       coalesce(rc.recent, '[]') as recent,
       (select max(e.period_start) from exception_reports e where e.indicator_id = i.id and e.deleted_at is null) as "lastExceptionPeriod"
     from indicators i left join people p on p.id = i.owner_person_id
       left join lateral (select v.* from indicator_values v where v.indicator_id = i.id and v.deleted_at is null and v.value is not null ${published}
         order by v.period_start desc limit 1) lv on true
       left join lateral (select t.value from indicator_targets t where t.indicator_id = i.id and t.period_start = lv.period_start and t.deleted_at is null) lt on true
       left join lateral (select v.period_start, v.value from indicator_values v where v.indicator_id = i.id and v.deleted_at is null and v.value is not null
         and v.period_start < lv.period_start ${published} order by v.period_start desc limit 1) pv on true
       left join lateral (select json_agg(json_build_object('period', x.period_start, 'value', x.value, 'target',
           (select t.value from indicator_targets t where t.indicator_id = i.id and t.period_start = x.period_start and t.deleted_at is null))
           order by x.period_start) as recent from (
           select v.period_start, v.value from indicator_values v
           where v.indicator_id = i.id and v.deleted_at is null ${published} order by v.period_start desc limit 6) x) rc on true
     where ${where.join(' and ')}
     order by i.outcome_group, i.directorate, lower(i.title)`,
    params,
  );
  return rows.map(
    (r): ScorecardRow => ({
      ...numbers(r, [...INDICATOR_NUMBERS, 'latestValue', 'latestTarget', 'previousValue', 'statNeighbours', 'england'] as (keyof ScorecardRow)[]),
      recent: ((typeof r.recent === 'string' ? JSON.parse(r.recent) : r.recent) as { period: string; value: unknown; target: unknown }[]).map((x) => ({
        period: String(x.period).slice(0, 10),
        value: num(x.value),
        target: num(x.target),
      })),
    }),
  );
}

export async function filterChoices(db: Queryable, tenantId: string, publicOnly: boolean) {
  const pub = publicOnly ? `and publication_state = 'published'` : '';
  const [outcomes, directorates, partnerships, bodies] = await Promise.all([
    db.query<{ value: string }>(
      `select distinct outcome_group as value from indicators where tenant_id = $1 and deleted_at is null and outcome_group <> '' ${pub} order by 1`,
      [tenantId],
    ),
    db.query<{ value: string }>(
      `select distinct directorate as value from indicators where tenant_id = $1 and deleted_at is null and directorate <> '' ${pub} order by 1`,
      [tenantId],
    ),
    db.query<{ id: string; name: string }>(
      `select distinct p.id, p.name from indicator_assignments a join partnerships p on p.id = a.partnership_id
      join indicators i on i.id = a.indicator_id where a.tenant_id = $1 and a.deleted_at is null and i.deleted_at is null ${publicOnly ? `and i.publication_state = 'published' and p.publication_state = 'published'` : ''} order by p.name`,
      [tenantId],
    ),
    db.query<{ id: string; name: string }>(
      `select distinct b.id, b.name from indicator_assignments a join bodies b on b.id = a.body_id
      join indicators i on i.id = a.indicator_id where a.tenant_id = $1 and a.deleted_at is null and i.deleted_at is null ${publicOnly ? `and i.publication_state = 'published' and b.publication_state = 'published'` : ''} order by b.name`,
      [tenantId],
    ),
  ]);
  return { outcomes: outcomes.map((r) => r.value), directorates: directorates.map((r) => r.value), partnerships, bodies };
}

// ---- Exception reports and reminders -----------------------------------------------------------------------

export interface ExceptionReportRow {
  id: string;
  indicatorId: string;
  indicatorTitle: string;
  periodStart: string;
  cause: string;
  actions: string;
  costPence: number | null;
  owner: string;
  partnershipId: string | null;
  partnershipName: string | null;
  meetingId: string | null;
  meetingDate: string | null;
  consideredOn: string | null;
  status: 'open' | 'submitted' | 'considered';
  version: number;
}

export async function exceptionReports(db: Queryable, tenantId: string, f: { indicatorId?: string; openOnly?: boolean }) {
  const params: unknown[] = [tenantId];
  const where = ['e.tenant_id = $1', 'e.deleted_at is null'];
  if (f.indicatorId) {
    params.push(f.indicatorId);
    where.push(`e.indicator_id = $${params.length}`);
  }
  if (f.openOnly) where.push(`e.status <> 'considered'`);
  const rows = await db.query<ExceptionReportRow>(
    `select e.id, e.indicator_id as "indicatorId", i.title as "indicatorTitle", e.period_start as "periodStart", e.cause, e.actions,
       e.cost_pence as "costPence", e.owner, e.partnership_id as "partnershipId", p.name as "partnershipName", e.meeting_id as "meetingId",
       m.meeting_date as "meetingDate", e.considered_on as "consideredOn", e.status, e.version
     from exception_reports e join indicators i on i.id = e.indicator_id left join partnerships p on p.id = e.partnership_id
       left join meetings m on m.id = e.meeting_id
     where ${where.join(' and ')} order by e.period_start desc, e.created desc`,
    params,
  );
  return rows.map((r) => ({ ...r, costPence: num(r.costPence) }));
}

export async function insertExceptionReport(
  tx: Queryable,
  tenantId: string,
  e: {
    indicatorId: string;
    periodStart: string;
    cause: string;
    actions: string;
    costPence: number | null;
    owner: string;
    partnershipId: string | null;
    meetingId: string | null;
    status: string;
    consideredOn: string | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into exception_reports (tenant_id, indicator_id, period_start, cause, actions, cost_pence, owner, partnership_id, meeting_id, status, considered_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [tenantId, e.indicatorId, e.periodStart, e.cause, e.actions, e.costPence, e.owner, e.partnershipId, e.meetingId, e.status, e.consideredOn],
  );
  return rows[0]!.id;
}

export async function setExceptionStatus(
  tx: Queryable,
  tenantId: string,
  indicatorId: string,
  id: string,
  version: number,
  s: { status: string; meetingId: string | null; consideredOn: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `update exception_reports set status = $4, meeting_id = coalesce($5, meeting_id), considered_on = $6
    where tenant_id = $1 and id = $2 and version = $3 and indicator_id = $7 and deleted_at is null returning id`,
    [tenantId, id, version, s.status, s.meetingId, s.consideredOn, indicatorId],
  );
  return rows.length === 1;
}

export async function claimIndicatorReminder(tx: Queryable, tenantId: string, indicatorId: string, periodStart: string, kind: 'due' | 'overdue') {
  const rows = await tx.query<{ id: string }>(
    `insert into indicator_reminders (tenant_id, indicator_id, period_start, kind) values ($1, $2, $3, $4)
    on conflict (indicator_id, period_start, kind) do nothing returning id`,
    [tenantId, indicatorId, periodStart, kind],
  );
  return rows.length === 1;
}

/** The latest period with a value, per indicator, for the "what is due" list. */
export async function latestPeriods(db: Queryable, tenantId: string) {
  return db.query<{ indicatorId: string; latest: string | null }>(
    `select i.id as "indicatorId", (select max(v.period_start) from indicator_values v where v.indicator_id = i.id and v.deleted_at is null and v.value is not null) as latest
     from indicators i where i.tenant_id = $1 and i.deleted_at is null`,
    [tenantId],
  );
}

export async function siteTolerance(db: Queryable, tenantId: string) {
  const rows = await db.query<{ t: unknown }>(`select amber_tolerance_percent as t from tenants where id = $1`, [tenantId]);
  return num(rows[0]?.t) ?? 10;
}

export async function setSiteTolerance(tx: Queryable, tenantId: string, percent: number) {
  await tx.query('update tenants set amber_tolerance_percent = $2 where id = $1', [tenantId, percent]);
}

// ---- Changes, for the API's modifiedSince -----------------------------------------------------------------

export interface ModifiedRow {
  id: string;
  modified: Date;
  deletedAt: Date | null;
  publicationState: string;
}

/**
 * When each indicator last changed, counting its values, targets, assignments and exception
 * reports; only those changed after `since` and only `ids` when given. Oldest change first.
 */
export async function modifiedTimes(db: Queryable, tenantId: string, f: { since?: Date; ids?: string[] } = {}) {
  const rows = await db.query<ModifiedRow>(
    `select * from (select i.id, i.deleted_at as "deletedAt", i.publication_state as "publicationState",
       greatest(i.modified, (select max(v.modified) from indicator_values v where v.indicator_id = i.id),
         (select max(t.modified) from indicator_targets t where t.indicator_id = i.id),
         (select max(a.modified) from indicator_assignments a where a.indicator_id = i.id),
         (select max(e.modified) from exception_reports e where e.indicator_id = i.id)) as modified
     from indicators i where i.tenant_id = $1) x
     where ($2::timestamptz is null or x.modified > $2::timestamptz) and ($3::uuid[] is null or x.id = any($3::uuid[]))
     order by x.modified, x.id`,
    [tenantId, f.since ?? null, f.ids ?? null],
  );
  return rows.map((r) => ({ ...r, modified: new Date(r.modified) }));
}
