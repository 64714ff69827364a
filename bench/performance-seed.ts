// Generated performance data for benchmarks: a catalogue of monthly indicators with ten years of
// values, targets, statistical neighbours and England figures, all published, assigned so that one
// partnership has a scorecard of 500 indicators; and a large values file in the import format.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Database } from '../src/db/database.ts';
import { toCsv } from '../src/documents/csv.ts';
import { VALUE_COLUMNS } from '../src/performance/values-validation.ts';
import { periodLabel } from '../src/performance/periods.ts';

export const UNITS = ['percentage', 'rate_per_1000', 'count', 'number', 'days'] as const;

/** 'KPI 0001' … ; indicator n (1-based) has unit UNITS[n % 5]. */
export const benchCode = (n: number) => `KPI ${String(n).padStart(4, '0')}`;
export const benchTitle = (n: number) => `Bench indicator ${String(n).padStart(4, '0')}`;

export async function seedLargePerformance(
  db: Database,
  tenantId: string,
  { indicators = 2000, months = 120, firstMonth = '2015-04-01', focus = 500 } = {},
): Promise<{ partnershipId: string }> {
  await db.transaction({ actor: 'bench' }, async (tx) => {
    // Generated data needs no audit trail: skip the triggers (audit and foreign key checks) while seeding.
    await tx.query(`set local session_replication_role = replica`);
    await tx.query(
      `insert into partnerships (tenant_id, name, kind, purpose)
      select $1, 'Performance board ' || g, 'statutory_board', 'Holds the council and its partners to account for performance.' from generate_series(1, 4) g`,
      [tenantId],
    );
    await tx.query(`update partnerships set publication_state = 'published', published_at = now() where tenant_id = $1`, [tenantId]);
    await tx.query(
      `insert into indicators (tenant_id, code, title, unit, polarity, frequency, decimals, outcome_group, directorate, data_source, publication_state)
      select $1, 'KPI ' || lpad(g::text, 4, '0'), 'Bench indicator ' || lpad(g::text, 4, '0'), (array['percentage', 'rate_per_1000', 'count', 'number', 'days'])[1 + g % 5],
        case when g % 10 = 0 then 'not_applicable' when g % 2 = 0 then 'higher_is_better' else 'lower_is_better' end, 'monthly', 1,
        'Outcome ' || (1 + g % 12), 'Directorate ' || (1 + g % 6), 'Generated for the benchmark', 'published'
      from generate_series(1, $2::int) g`,
      [tenantId, indicators],
    );
    // Indicators 1–focus report to board 1 (the big scorecard); the rest are spread over boards 2–4.
    await tx.query(
      `insert into indicator_assignments (tenant_id, indicator_id, partnership_id)
      select $1, i.id, (select id from partnerships where tenant_id = $1 and name = 'Performance board ' || case when i.n <= $2 then 1 else 2 + i.n % 3 end)
      from (select id, substr(code, 5)::int as n from indicators where tenant_id = $1) i`,
      [tenantId, focus],
    );
    const series = `from (select id, substr(code, 5)::int as n from indicators where tenant_id = $1) i cross join generate_series(0, $2::int - 1) m
      cross join lateral (select (date '${firstMonth}' + make_interval(months => m))::date as period,
        round((50 + 20 * sin(i.n + m / 6.0) + i.n % 7)::numeric, 1) as v) x`;
    await tx.query(
      `insert into indicator_values (tenant_id, indicator_id, period_start, value, status, commentary, corrective_action, stat_neighbours, england, published)
      select $1, i.id, x.period, x.v, 'final', case when m % 12 = 11 then 'Commentary for ' || to_char(x.period, 'FMMonth YYYY') else '' end,
        case when m % 12 = 11 then 'Corrective action for ' || to_char(x.period, 'FMMonth YYYY') else '' end,
        round(x.v * 1.05, 1), round(x.v * 0.97, 1), true ${series}`,
      [tenantId, months],
    );
    await tx.query(
      `insert into indicator_targets (tenant_id, indicator_id, period_start, value)
      select $1, i.id, x.period, 50 + i.n % 10 ${series}`,
      [tenantId, months],
    );
  });
  await db.exec('analyze');
  const rows = await db.query<{ id: string }>(`select id from partnerships where tenant_id = $1 and name = 'Performance board 1'`, [tenantId]);
  return { partnershipId: rows[0]!.id };
}

/**
 * Writes a values file in the import format: `indicators` × `months` monthly rows from `firstMonth`,
 * indicator by indicator, as an officer's export would be. Ratio units carry a numerator and
 * denominator that agree with the value; every twelfth row has a commentary (quoted, with a
 * comma) and a corrective action; targets on every row when `targets` is set.
 */
export async function writeValuesCsv(path: string, { indicators = 2000, months = 500, firstMonth = '1970-01-01', targets = true } = {}): Promise<number> {
  const out = createWriteStream(path);
  const [y0, m0] = [Number(firstMonth.slice(0, 4)), Number(firstMonth.slice(5, 7)) - 1];
  const labels = Array.from({ length: months }, (_, m) => {
    const index = y0 * 12 + m0 + m;
    return periodLabel({ frequency: 'monthly', start: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01` });
  });
  let chunk: (string | number)[][] = [[...VALUE_COLUMNS]];
  let first = true;
  let written = 0;
  const flush = async () => {
    if (!out.write(toCsv(chunk, { bom: first }))) await once(out, 'drain');
    first = false;
    chunk = [];
  };
  for (let n = 1; n <= indicators; n++) {
    const unit = UNITS[n % 5];
    const code = benchCode(n);
    const title = benchTitle(n);
    for (let m = 0; m < months; m++) {
      let value: string;
      let numerator = '';
      let denominator = '';
      if (unit === 'percentage' || unit === 'rate_per_1000') {
        const den = 1000 + ((n * 37 + m * 11) % 5000);
        const num = Math.floor(den * (0.2 + ((n * 13 + m * 7) % 60) / 100));
        value = ((num / den) * (unit === 'percentage' ? 100 : 1000)).toFixed(1);
        numerator = String(num);
        denominator = String(den);
      } else {
        value = (50 + 20 * Math.sin(n + m / 6) + (n % 7)).toFixed(1);
      }
      const v = Number(value);
      const note = m % 12 === 11;
      chunk.push([
        code,
        title,
        labels[m]!,
        value,
        numerator,
        denominator,
        m === months - 1 ? 'provisional' : 'final',
        targets ? String(50 + (n % 10)) : '',
        (v * 1.05).toFixed(1),
        (v * 0.97).toFixed(1),
        note ? `Commentary for ${labels[m]}, generated` : '',
        note ? 'Corrective action, generated' : '',
      ]);
      written++;
      if (chunk.length >= 10_000) await flush();
    }
  }
  await flush();
  out.end();
  await once(out, 'finish');
  return written;
}
