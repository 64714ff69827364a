// What the quarterly update to Cabinet (src/reports, seed 001) reads from performance: each partnership's
// indicators with baseline, the target in force at the quarter's end and the latest actual known by then (an annual
// result for last year is what a July report prints, as seed 001's NI 32 25% for 2008/09).
import type { Queryable } from '../db/database.ts';

export interface QuarterIndicatorRow {
  partnershipId: string;
  id: string;
  code: string | null;
  title: string;
  unit: string;
  polarity: string;
  decimals: number;
  baseline: number | null;
  target: number | null;
  actual: number | null;
  actualPeriod: string | null;
}

/** The partnerships' indicators as at a date (a quarter's last day). */
export async function indicatorsAsAt(db: Queryable, tenantId: string, ids: string[], asAt: string) {
  return db.query<QuarterIndicatorRow>(
    `select a.partnership_id as "partnershipId", i.id, i.code, i.title, i.unit, i.polarity, i.decimals, i.baseline_value::float8 as baseline,
       coalesce((select t.value from indicator_targets t where t.indicator_id = i.id and t.deleted_at is null and t.period_start <= $3::date
                 order by t.period_start desc limit 1), i.final_target_value)::float8 as target,
       v.value::float8 as actual, v.period_start as "actualPeriod"
     from indicator_assignments a join indicators i on i.id = a.indicator_id and i.deleted_at is null
       left join lateral (select value, period_start from indicator_values x where x.indicator_id = i.id and x.deleted_at is null
                          and x.value is not null and x.period_start <= $3::date order by x.period_start desc limit 1) v on true
     where a.tenant_id = $1 and a.partnership_id = any($2::uuid[]) and a.deleted_at is null
     order by i.code nulls last, lower(i.title)`,
    [tenantId, ids, asAt],
  );
}
