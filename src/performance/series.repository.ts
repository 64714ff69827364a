// SQL for an indicator's values and targets period by period, and the reminders to enter its values.
import type { Queryable } from '../db/database.ts';
import type { ValueInput } from './performance.schemas.ts';
import { numbers } from './performance.repository.ts';

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

export async function claimIndicatorReminder(tx: Queryable, tenantId: string, indicatorId: string, periodStart: string, kind: 'due' | 'overdue') {
  const rows = await tx.query<{ id: string }>(
    `insert into indicator_reminders (tenant_id, indicator_id, period_start, kind) values ($1, $2, $3, $4)
    on conflict (tenant_id, indicator_id, period_start, kind) do nothing returning id`,
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
