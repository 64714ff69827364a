// SQL for key activity data (migration 0022): a year's lines, their snapshots and the tables' notes. Counts are
// numeric(12,2) read as text (key-activity-rules.ts turns them into hundredths); money is bigint pence.
import type { Queryable } from '../db/database.ts';
import type { ServiceGroup, Unit } from './key-activity-rules.ts';

export interface KeyLineInput {
  section: string;
  name: string;
  kind: 'expenditure' | 'income';
  unit: Unit;
  budgetNumber: string | null;
  budgetUnitCostPence: number | null;
  weeksFunded: number | null;
  annualBudgetPence: number;
  numbersInTotals: boolean;
  position: number;
}

export interface KeyLineRow extends KeyLineInput {
  id: string;
  year: number;
  group: ServiceGroup;
  version: number;
}

const LINE_COLUMNS = `id, financial_year as year, service_group as "group", section, name, kind, unit, budget_number::text as "budgetNumber",
  budget_unit_cost_pence as "budgetUnitCostPence", weeks_funded as "weeksFunded", annual_budget_pence as "annualBudgetPence", numbers_in_totals as "numbersInTotals", position, version`;

export async function linesForYear(db: Queryable, tenantId: string, year: number) {
  return db.query<KeyLineRow>(
    `select ${LINE_COLUMNS} from key_activity_lines where tenant_id = $1 and financial_year = $2 and deleted_at is null
     order by service_group, position, created, id`,
    [tenantId, year],
  );
}

export async function lineById(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<KeyLineRow>(`select ${LINE_COLUMNS} from key_activity_lines where tenant_id = $1 and id = $2 and deleted_at is null`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

export async function years(db: Queryable, tenantId: string) {
  const rows = await db.query<{ year: number }>(
    'select distinct financial_year as year from key_activity_lines where tenant_id = $1 and deleted_at is null order by 1 desc',
    [tenantId],
  );
  return rows.map((r) => r.year);
}

const lineParams = (l: KeyLineInput) => [
  l.section,
  l.name,
  l.kind,
  l.unit,
  l.budgetNumber,
  l.budgetUnitCostPence,
  l.weeksFunded,
  l.annualBudgetPence,
  l.numbersInTotals,
  l.position,
];

export async function insertLine(db: Queryable, tenantId: string, year: number, group: ServiceGroup, l: KeyLineInput): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into key_activity_lines (tenant_id, financial_year, service_group, section, name, kind, unit, budget_number, budget_unit_cost_pence,
       weeks_funded, annual_budget_pence, numbers_in_totals, position) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id`,
    [tenantId, year, group, ...lineParams(l)],
  );
  return rows[0]!.id;
}

/** Changes a line at the version the form was read at; false when someone else changed it first. */
export async function updateLine(db: Queryable, tenantId: string, id: string, version: number, l: KeyLineInput): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update key_activity_lines set section = $3, name = $4, kind = $5, unit = $6, budget_number = $7, budget_unit_cost_pence = $8, weeks_funded = $9,
       annual_budget_pence = $10, numbers_in_totals = $11, position = $12
     where tenant_id = $1 and id = $2 and deleted_at is null and version = $13 returning id`,
    [tenantId, id, ...lineParams(l), version],
  );
  return rows.length > 0;
}

/** The next position in a group's table. */
export async function nextPosition(db: Queryable, tenantId: string, year: number, group: ServiceGroup) {
  const rows = await db.query<{ next: number }>(
    `select (coalesce(max(position), 0) + 1)::int as next from key_activity_lines
     where tenant_id = $1 and financial_year = $2 and service_group = $3 and deleted_at is null`,
    [tenantId, year, group],
  );
  return rows[0]?.next ?? 1;
}

// ---- Snapshots ---------------------------------------------------------------------------------------------

export interface SnapshotInput {
  period: number;
  actualNumber: string | null;
  yearlyAverage: string | null;
  unitCostPence: number | null;
  spendPence: number | null;
}

export interface SnapshotRow extends SnapshotInput {
  lineId: string;
  version: number;
}

export async function snapshotsForYear(db: Queryable, tenantId: string, year: number) {
  return db.query<SnapshotRow>(
    `select s.line_id as "lineId", s.period, s.actual_number::text as "actualNumber", s.yearly_average::text as "yearlyAverage",
       s.unit_cost_pence as "unitCostPence", s.spend_pence as "spendPence", s.version
     from key_activity_snapshots s join key_activity_lines l on l.id = s.line_id and l.deleted_at is null
     where s.tenant_id = $1 and l.financial_year = $2 and s.deleted_at is null order by s.line_id, s.period`,
    [tenantId, year],
  );
}

/** Adds or changes a line's snapshot for a period; with a version, only if it is still at it (false otherwise). */
export async function saveSnapshot(db: Queryable, tenantId: string, lineId: string, s: SnapshotInput, expectedVersion: number | null): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `insert into key_activity_snapshots as s (tenant_id, line_id, period, actual_number, yearly_average, unit_cost_pence, spend_pence)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (tenant_id, line_id, period) where deleted_at is null
     do update set actual_number = excluded.actual_number, yearly_average = excluded.yearly_average, unit_cost_pence = excluded.unit_cost_pence,
       spend_pence = excluded.spend_pence
       where s.version = $8
     returning s.id`,
    [tenantId, lineId, s.period, s.actualNumber, s.yearlyAverage, s.unitCostPence, s.spendPence, expectedVersion ?? -1],
  );
  return rows.length > 0;
}

// ---- Notes ---------------------------------------------------------------------------------------------------

export async function notesForYear(db: Queryable, tenantId: string, year: number) {
  return db.query<{ group: ServiceGroup; note: string; version: number }>(
    `select service_group as "group", note, version from key_activity_notes where tenant_id = $1 and financial_year = $2 and deleted_at is null`,
    [tenantId, year],
  );
}

/** Sets a table's note; with a version, only if it is still at it. */
export async function saveNote(db: Queryable, tenantId: string, year: number, group: ServiceGroup, note: string, expectedVersion: number | null) {
  const rows = await db.query<{ id: string }>(
    `insert into key_activity_notes as n (tenant_id, financial_year, service_group, note) values ($1, $2, $3, $4)
     on conflict (tenant_id, financial_year, service_group) where deleted_at is null
     do update set note = excluded.note where n.version = $5
     returning n.id`,
    [tenantId, year, group, note, expectedVersion ?? -1],
  );
  return rows.length > 0;
}

/** Deletes a line (a tombstone, audited) with its snapshots, at the version its page was read at; false when it had changed. */
export async function deleteLine(db: Queryable, tenantId: string, id: string, version: number): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update key_activity_lines set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and deleted_at is null and version = $3 returning id`,
    [tenantId, id, version],
  );
  if (rows.length === 0) return false;
  await db.query('update key_activity_snapshots set deleted_at = clock_timestamp() where tenant_id = $1 and line_id = $2 and deleted_at is null', [
    tenantId,
    id,
  ]);
  return true;
}
