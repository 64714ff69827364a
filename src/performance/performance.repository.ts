// SQL for indicators and their assignments, the indicator form's choices and checks, and when each indicator
// last changed; values and targets are in series.repository.ts, the scorecard in scorecard.repository.ts and
// exception reports in exception-reports.repository.ts.
import type { Queryable } from '../db/database.ts';
import type { IndicatorInput } from './performance.schemas.ts';

/** numeric columns arrive as strings from both drivers: read them as numbers for the rules and pages. */
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

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
  status: 'live' | 'retired';
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

export const INDICATOR_COLUMNS = `i.id, i.code, i.title, i.definition, i.unit, i.polarity, i.frequency, i.cumulative, i.decimals, i.data_source as "dataSource",
  i.outcome_group as "outcomeGroup", i.directorate, i.lead_officer as "leadOfficer", i.owner_person_id as "ownerPersonId", p.name as "ownerName",
  p.email as "ownerEmail", i.tolerance_percent as "tolerancePercent", i.baseline_period as "baselinePeriod", i.baseline_value as "baselineValue",
  i.baseline_numerator as "baselineNumerator", i.baseline_denominator as "baselineDenominator", i.baseline_note as "baselineNote",
  i.final_target_period as "finalTargetPeriod", i.final_target_value as "finalTargetValue", i.publication_state as "publicationState",
  i.status, i.created, i.modified, i.deleted_at as "deletedAt", i.version`;

export function numbers<T extends object>(row: T, keys: (keyof T)[]): T {
  const out = { ...row } as Record<string, unknown>;
  for (const k of keys) out[k as string] = num((row as Record<string, unknown>)[k as string]);
  return out as T;
}
export const INDICATOR_NUMBERS: (keyof IndicatorRow)[] = ['tolerancePercent', 'baselineValue', 'baselineNumerator', 'baselineDenominator', 'finalTargetValue'];

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
  i.status ?? null,
];

export async function insertIndicator(tx: Queryable, tenantId: string, i: IndicatorInput, publicationState: 'draft' | 'published' = 'draft') {
  const rows = await tx.query<{ id: string }>(
    `insert into indicators (tenant_id, code, title, definition, unit, polarity, frequency, cumulative, decimals, data_source, outcome_group, directorate,
       lead_officer, owner_person_id, tolerance_percent, baseline_period, baseline_value, baseline_numerator, baseline_denominator, baseline_note,
       final_target_period, final_target_value, status, publication_state)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, coalesce($23, 'live'), $24) returning id`,
    [tenantId, ...indicatorValues(i), publicationState],
  );
  return rows[0]!.id;
}

export async function updateIndicator(tx: Queryable, tenantId: string, id: string, version: number, i: IndicatorInput) {
  const rows = await tx.query<{ id: string }>(
    `update indicators set code = $4, title = $5, definition = $6, unit = $7, polarity = $8, frequency = $9, cumulative = $10, decimals = $11,
       data_source = $12, outcome_group = $13, directorate = $14, lead_officer = $15, owner_person_id = $16, tolerance_percent = $17,
       baseline_period = $18, baseline_value = $19, baseline_numerator = $20, baseline_denominator = $21, baseline_note = $22,
       final_target_period = $23, final_target_value = $24, status = coalesce($25, status)
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
