// SQL for the scorecard: each indicator with its latest value, target and recent values, the filters' choices,
// and the site's amber tolerance.
import type { Queryable } from '../db/database.ts';
import { likePattern } from '../web/schema.ts';
import { INDICATOR_COLUMNS, INDICATOR_NUMBERS, num, numbers, type IndicatorRow } from './performance.repository.ts';

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
  /** The values known at a date (a report period's last day): none from a period starting after it. */
  asAt?: string;
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
  let published = f.publicOnly ? 'and v.published' : '';
  if (f.asAt) {
    params.push(f.asAt);
    published += ` and v.period_start <= $${params.length}::date`;
  }
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

export async function siteTolerance(db: Queryable, tenantId: string) {
  const rows = await db.query<{ t: unknown }>(`select amber_tolerance_percent as t from tenants where id = $1`, [tenantId]);
  return num(rows[0]?.t) ?? 10;
}

export async function setSiteTolerance(tx: Queryable, tenantId: string, percent: number) {
  await tx.query('update tenants set amber_tolerance_percent = $2 where id = $1', [tenantId, percent]);
}
