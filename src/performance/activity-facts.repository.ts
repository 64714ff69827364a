// What a partnership's quarterly summary of activity (src/reports, issue 16) reads from performance: the
// results of its indicators for periods in the window, or recorded in it, each with the target in force for
// that period and its RAG worked out by performance's own rule (the indicator's amber tolerance, or the site's).
import type { Queryable } from '../db/database.ts';
import { periodLabel } from './periods.ts';
import type { Frequency, Polarity, RagStatus, Unit } from './indicator-types.ts';
import { formatValue, ragStatus, ragStatusText } from './rules.ts';

export interface IndicatorResult {
  partnershipId: string;
  indicatorId: string;
  label: string;
  periodStart: string;
  period: string;
  value: string;
  target: string | null;
  rag: RagStatus | null;
  ragText: string;
  commentary: string;
}

interface Raw {
  partnershipId: string;
  indicatorId: string;
  code: string | null;
  title: string;
  unit: Unit;
  polarity: Polarity;
  decimals: number;
  frequency: Frequency;
  periodStart: string;
  value: number;
  target: number | null;
  tolerance: number;
  commentary: string;
}

/** The partnerships' indicator results for periods starting, or values recorded, between two dates (England's days). */
export async function indicatorResultsBetween(db: Queryable, tenantId: string, ids: string[], from: string, to: string): Promise<IndicatorResult[]> {
  const rows = await db.query<Raw>(
    `select a.partnership_id as "partnershipId", i.id as "indicatorId", i.code, i.title, i.unit, i.polarity, i.decimals, i.frequency,
       v.period_start as "periodStart", v.value::float8 as value, v.commentary,
       coalesce((select t.value from indicator_targets t where t.indicator_id = i.id and t.deleted_at is null and t.period_start <= v.period_start
                 order by t.period_start desc limit 1), i.final_target_value)::float8 as target,
       coalesce(i.tolerance_percent, tn.amber_tolerance_percent)::float8 as tolerance
     from indicator_assignments a join indicators i on i.id = a.indicator_id and i.deleted_at is null
       join indicator_values v on v.indicator_id = i.id and v.deleted_at is null and v.value is not null
       join tenants tn on tn.id = a.tenant_id
     where a.tenant_id = $1 and a.partnership_id = any($2::uuid[]) and a.deleted_at is null
       and (v.period_start between $3::date and $4::date or (v.created at time zone 'Europe/London')::date between $3::date and $4::date)
     order by i.code nulls last, lower(i.title), v.period_start`,
    [tenantId, ids, from, to],
  );
  return rows.map((r) => {
    const rag = ragStatus(r.value, r.target, r.polarity, r.tolerance);
    return {
      partnershipId: r.partnershipId,
      indicatorId: r.indicatorId,
      label: r.code ? `${r.code} ${r.title}` : r.title,
      periodStart: r.periodStart,
      period: periodLabel({ frequency: r.frequency, start: r.periodStart }),
      value: formatValue(r.value, r.unit, r.decimals),
      target: r.target === null ? null : formatValue(r.target, r.unit, r.decimals),
      rag,
      ragText: ragStatusText(rag, r.tolerance),
      commentary: r.commentary,
    };
  });
}
