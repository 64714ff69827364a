// SQL for the record of each values import started from the form (migrations/0042_value_imports.sql): started,
// its progress while it runs, what came of it, the recent ones for the import page, and pruning old ones.
import type { Queryable } from '../db/database.ts';

export type ImportStep = 'checking' | 'writing';
export type ImportState = 'running' | 'imported' | 'problems' | 'invalid' | 'failed';

export interface ImportProgressNow {
  step: ImportStep;
  rowsDone: number;
  rowsTotal: number | null;
}

export interface ValueImportRow extends ImportProgressNow {
  id: string;
  filename: string;
  startedBy: string;
  startedAt: string;
  state: ImportState;
  outcome: Record<string, unknown> | null;
  /** Seconds since the running instance last wrote it. */
  quietSeconds: number;
}

/** An import started: running, nothing done yet. */
export async function insertValueImport(db: Queryable, tenantId: string, id: string, row: { filename: string; startedBy: string; rowsTotal: number | null }) {
  await db.query(`insert into value_imports (tenant_id, id, filename, started_by, rows_total) values ($1, $2, $3, $4, $5)`, [
    tenantId,
    id,
    row.filename,
    row.startedBy,
    row.rowsTotal,
  ]);
}

/** How far it has got, written while it runs (and so its instance is still at it). */
export async function writeProgress(db: Queryable, tenantId: string, id: string, p: ImportProgressNow) {
  await db.query(
    `update value_imports set step = $3, rows_done = $4, rows_total = $5, heartbeat_at = clock_timestamp()
     where tenant_id = $1 and id = $2 and state = 'running'`,
    [tenantId, id, p.step, p.rowsDone, p.rowsTotal],
  );
}

/** How it ended, with what the form shows for it. */
export async function endValueImport(db: Queryable, tenantId: string, id: string, state: Exclude<ImportState, 'running'>, outcome: Record<string, unknown>) {
  await db.query(
    `update value_imports set state = $3, outcome = $4, ended_at = clock_timestamp(), heartbeat_at = clock_timestamp()
     where tenant_id = $1 and id = $2 and state = 'running'`,
    [tenantId, id, state, JSON.stringify(outcome)],
  );
}

const COLUMNS = `id, filename, started_by as "startedBy",
  to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "startedAt",
  step, rows_done as "rowsDone", rows_total as "rowsTotal", state,
  extract(epoch from clock_timestamp() - heartbeat_at)::float8 as "quietSeconds"`;

export async function valueImport(db: Queryable, tenantId: string, id: string): Promise<ValueImportRow | null> {
  const rows = await db.query<ValueImportRow>(`select ${COLUMNS}, outcome from value_imports where tenant_id = $1 and id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

/** The imports started in the last days, newest first (without their outcomes, which can be long). */
export async function recentValueImports(db: Queryable, tenantId: string, days: number, limit = 10): Promise<ValueImportRow[]> {
  return db.query<ValueImportRow>(
    `select ${COLUMNS}, case when state = 'imported' then outcome end as outcome from value_imports
     where tenant_id = $1 and started_at > clock_timestamp() - make_interval(days => $2)
     order by started_at desc limit $3`,
    [tenantId, days, limit],
  );
}

/** Imports are kept a while for the import page's list, then removed (one whose instance stopped, from its last sign of life). */
export async function pruneValueImports(db: Queryable, tenantId: string, olderThanDays: number) {
  await db.query(`delete from value_imports where tenant_id = $1 and coalesce(ended_at, heartbeat_at) < clock_timestamp() - make_interval(days => $2)`, [
    tenantId,
    olderThanDays,
  ]);
}
