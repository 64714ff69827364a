// SQL for the budget structure, budgets and the monthly ledger: settings, directorates, service groups,
// lines, original budgets, virements and months. Money columns are bigint (read as numbers by
// src/db/database.ts); aggregates are not summed here but in rules.ts, so no numeric comes back as text.
import type { Queryable } from '../db/database.ts';
import { batchEventHead, type BatchFile, withBatchAudit } from '../db/audit-batch.ts';

export interface SettingsRow {
  commentaryPercent: string;
  commentaryFloorPence: number;
  deMinimisPence: number;
  version: number;
}

export async function settings(db: Queryable, tenantId: string): Promise<SettingsRow | null> {
  const rows = await db.query<SettingsRow>(
    `select commentary_percent::text as "commentaryPercent", commentary_floor_pence as "commentaryFloorPence", de_minimis_pence as "deMinimisPence", version
     from finance_settings where tenant_id = $1 and deleted_at is null`,
    [tenantId],
  );
  return rows[0] ?? null;
}

export async function saveSettings(db: Queryable, tenantId: string, s: { commentaryPercent: number; commentaryFloorPence: number; deMinimisPence: number }) {
  await db.query(
    `insert into finance_settings (tenant_id, commentary_percent, commentary_floor_pence, de_minimis_pence) values ($1, $2, $3, $4)
     on conflict (tenant_id) do update set commentary_percent = excluded.commentary_percent, commentary_floor_pence = excluded.commentary_floor_pence,
       de_minimis_pence = excluded.de_minimis_pence`,
    [tenantId, s.commentaryPercent, s.commentaryFloorPence, s.deMinimisPence],
  );
}

// ---- Structure ---------------------------------------------------------------------------------------

export async function insertDirectorate(db: Queryable, tenantId: string, d: { name: string; kind: 'service' | 'funding'; position: number }): Promise<string> {
  const rows = await db.query<{ id: string }>('insert into finance_directorates (tenant_id, name, kind, position) values ($1, $2, $3, $4) returning id', [
    tenantId,
    d.name,
    d.kind,
    d.position,
  ]);
  return rows[0]!.id;
}

export async function insertServiceGroup(db: Queryable, tenantId: string, g: { directorateId: string; name: string; position: number }): Promise<string> {
  const rows = await db.query<{ id: string }>(
    'insert into finance_service_groups (tenant_id, directorate_id, name, position) values ($1, $2, $3, $4) returning id',
    [tenantId, g.directorateId, g.name, g.position],
  );
  return rows[0]!.id;
}

export interface NewLine {
  directorateId: string;
  serviceGroupId: string | null;
  code: string;
  name: string;
  budgetHolder: string;
  bodyId: string | null;
  partnershipId: string | null;
  position: number;
}

export async function insertLine(db: Queryable, tenantId: string, l: NewLine): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into budget_lines (tenant_id, directorate_id, service_group_id, code, name, budget_holder, body_id, partnership_id, position)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, l.directorateId, l.serviceGroupId, l.code, l.name, l.budgetHolder, l.bodyId, l.partnershipId, l.position],
  );
  return rows[0]!.id;
}

export async function setOriginalBudget(db: Queryable, tenantId: string, lineId: string, year: number, pence: number) {
  await db.query(
    `insert into budget_line_years (tenant_id, line_id, financial_year, original_budget_pence) values ($1, $2, $3, $4)
     on conflict (tenant_id, line_id, financial_year) where deleted_at is null do update set original_budget_pence = excluded.original_budget_pence`,
    [tenantId, lineId, year, pence],
  );
}

export interface LineRow {
  id: string;
  code: string;
  name: string;
  budgetHolder: string;
  directorate: string;
  directorateKind: 'service' | 'funding';
  group: string | null;
  bodyId: string | null;
  bodyName: string | null;
  partnershipId: string | null;
  partnershipName: string | null;
  /** Null when the line has no budget for the year. */
  originalBudgetPence: number | null;
}

const LINE_SELECT = `select l.id, l.code, l.name, l.budget_holder as "budgetHolder", d.name as directorate, d.kind as "directorateKind", g.name as "group",
    l.body_id as "bodyId", b.name as "bodyName", l.partnership_id as "partnershipId", p.name as "partnershipName",
    y.original_budget_pence as "originalBudgetPence"
  from budget_lines l
  join finance_directorates d on d.id = l.directorate_id
  left join finance_service_groups g on g.id = l.service_group_id
  left join bodies b on b.id = l.body_id
  left join partnerships p on p.id = l.partnership_id
  left join budget_line_years y on y.line_id = l.id and y.financial_year = $2 and y.deleted_at is null`;

/** Every live line in the monitoring table's order, with its original budget for the year. */
export async function linesForYear(db: Queryable, tenantId: string, year: number): Promise<LineRow[]> {
  return db.query<LineRow>(
    `${LINE_SELECT} where l.tenant_id = $1 and l.deleted_at is null order by d.position, d.name, g.position nulls first, l.position, l.code`,
    [tenantId, year],
  );
}

export async function lineById(db: Queryable, tenantId: string, id: string, year: number): Promise<LineRow | null> {
  const rows = await db.query<LineRow>(`${LINE_SELECT} where l.tenant_id = $1 and l.id = $3 and l.deleted_at is null`, [tenantId, year, id]);
  return rows[0] ?? null;
}

/** Live lines by code (lower case), for the ledger import. */
export async function lineCodes(db: Queryable, tenantId: string): Promise<{ id: string; code: string }[]> {
  return db.query<{ id: string; code: string }>('select id, code from budget_lines where tenant_id = $1 and deleted_at is null', [tenantId]);
}

/** The years that have budgets, newest first. */
export async function years(db: Queryable, tenantId: string): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    'select distinct financial_year as year from budget_line_years where tenant_id = $1 and deleted_at is null order by financial_year desc',
    [tenantId],
  );
  return rows.map((r) => r.year);
}

// ---- Months ----------------------------------------------------------------------------------------------

export interface MonthRow {
  lineId: string;
  period: number;
  actualPence: number | null;
  forecastPence: number | null;
  version: number;
}

export async function monthsForYear(db: Queryable, tenantId: string, year: number, lineId: string | null = null): Promise<MonthRow[]> {
  return db.query<MonthRow>(
    `select line_id as "lineId", period, actual_pence as "actualPence", forecast_pence as "forecastPence", version
     from budget_line_months where tenant_id = $1 and financial_year = $2 and deleted_at is null and ($3::uuid is null or line_id = $3)
     order by line_id, period`,
    [tenantId, year, lineId],
  );
}

/** Writes a line's month; returns false when `expectedVersion` is given and someone else saved it first. */
export async function saveMonth(
  db: Queryable,
  tenantId: string,
  m: { lineId: string; year: number; period: number; actualPence: number | null; forecastPence: number | null; expectedVersion: number | null },
): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `insert into budget_line_months as m (tenant_id, line_id, financial_year, period, actual_pence, forecast_pence) values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, line_id, financial_year, period) where deleted_at is null
     do update set actual_pence = excluded.actual_pence, forecast_pence = excluded.forecast_pence
       where $7::int is null or m.version = $7
     returning m.id`,
    [tenantId, m.lineId, m.year, m.period, m.actualPence, m.forecastPence, m.expectedVersion],
  );
  return rows.length > 0;
}

// ---- The ledger import ------------------------------------------------------------------------------

/**
 * Every live line's id, code and original budget for the year: what the ledger import checks against, and no more.
 * Two plain scans joined here, so the answer does not wait on a join plan (5,000 lines freshly loaded and not yet
 * analysed took seconds as a nested loop).
 */
export async function lineBudgets(db: Queryable, tenantId: string, year: number): Promise<{ id: string; code: string; originalBudgetPence: number | null }[]> {
  const [lines, budgets] = await Promise.all([
    db.query<{ id: string; code: string }>('select id, code from budget_lines where tenant_id = $1 and deleted_at is null', [tenantId]),
    db.query<{ lineId: string; pence: number }>(
      'select line_id as "lineId", original_budget_pence as pence from budget_line_years where tenant_id = $1 and financial_year = $2 and deleted_at is null',
      [tenantId, year],
    ),
  ]);
  const byLine = new Map(budgets.map((b) => [b.lineId, b.pence]));
  return lines.map((l) => ({ id: l.id, code: l.code, originalBudgetPence: byLine.get(l.id) ?? null }));
}

/** What one ledger import writes: its months and the original budgets it sets, for one year. */
export interface LedgerWrite {
  year: number;
  months: { lineId: string; period: number; actualPence: number | null; forecastPence: number | null }[];
  budgets: { lineId: string; pence: number }[];
  /** What the import's audit event says of its file: the kept file's id (a confirmation) or null, name, rows. */
  file: BatchFile;
}

const MONTH_COLUMNS = ['line_id', 'period', 'actual_pence before', 'forecast_pence before', 'actual_pence after', 'forecast_pence after'];
const BUDGET_COLUMNS = ['line_id', 'original_budget_pence before', 'original_budget_pence after'];

/**
 * Writes an import's months and budgets set-wise (unnest; a month the file repeats unchanged is not written) and
 * audits it as one event, entity_type 'ledger_imports': the file, its row count, and every month and budget it
 * wrote with its value before (null when new) and after, so each value's before and after can still be shown.
 * The row trigger is skipped for these two tables for the length of the write (migration 0031); the event moves
 * the audit sequence, so the data version, and with it the public page cache, changes as before.
 */
export async function writeLedgerImport(tx: Queryable, tenantId: string, w: LedgerWrite): Promise<{ months: number; budgets: number }> {
  const rows = await withBatchAudit(tx, ['budget_line_months', 'budget_line_years'], () =>
    tx.query<{ months: number; budgets: number }>(
      `with b_in as (select * from unnest($7::uuid[], $8::bigint[]) as x (line_id, pence)),
     b_old as (
       select y.line_id, y.original_budget_pence from budget_line_years y join b_in using (line_id)
       where y.tenant_id = $1 and y.financial_year = $2 and y.deleted_at is null),
     b_up as (
       insert into budget_line_years as y (tenant_id, line_id, financial_year, original_budget_pence) select $1, line_id, $2, pence from b_in
       on conflict (tenant_id, line_id, financial_year) where deleted_at is null do update set original_budget_pence = excluded.original_budget_pence
         where y.original_budget_pence is distinct from excluded.original_budget_pence
       returning y.line_id, y.original_budget_pence),
     m_in as (select * from unnest($3::uuid[], $4::int[], $5::bigint[], $6::bigint[]) as x (line_id, period, actual_pence, forecast_pence)),
     m_old as (
       select m.line_id, m.period, m.actual_pence, m.forecast_pence from budget_line_months m join m_in using (line_id, period)
       where m.tenant_id = $1 and m.financial_year = $2 and m.deleted_at is null),
     m_up as (
       insert into budget_line_months as m (tenant_id, line_id, financial_year, period, actual_pence, forecast_pence)
       select $1, line_id, $2, period, actual_pence, forecast_pence from m_in
       on conflict (tenant_id, line_id, financial_year, period) where deleted_at is null
       do update set actual_pence = excluded.actual_pence, forecast_pence = excluded.forecast_pence
         where (m.actual_pence, m.forecast_pence) is distinct from (excluded.actual_pence, excluded.forecast_pence)
       returning m.line_id, m.period, m.actual_pence, m.forecast_pence),
     months as (
       select count(*)::int as n, coalesce(jsonb_agg(jsonb_build_array(u.line_id, u.period, o.actual_pence, o.forecast_pence, u.actual_pence, u.forecast_pence)), '[]') as changes
       from m_up u left join m_old o using (line_id, period)),
     budgets as (
       select count(*)::int as n, coalesce(jsonb_agg(jsonb_build_array(u.line_id, o.original_budget_pence, u.original_budget_pence)), '[]') as changes
       from b_up u left join b_old o using (line_id)),
     event as (
       insert into audit_log (tenant_id, actor, action, entity_type, entity_id, after, request_id)
       select $1, coalesce(nullif(current_setting('app.actor', true), ''), 'system'), 'insert', 'ledger_imports', $9::uuid,
         $10::jsonb || jsonb_build_object('months_written', months.n, 'budgets_written', budgets.n,
           'month_columns', $11::jsonb, 'months', months.changes, 'budget_columns', $12::jsonb, 'budgets', budgets.changes),
         nullif(current_setting('app.request_id', true), '')
       from months, budgets)
     select months.n as months, budgets.n as budgets from months, budgets`,
      [
        tenantId,
        w.year,
        w.months.map((m) => m.lineId),
        w.months.map((m) => m.period),
        w.months.map((m) => m.actualPence),
        w.months.map((m) => m.forecastPence),
        w.budgets.map((b) => b.lineId),
        w.budgets.map((b) => b.pence),
        w.file.id,
        JSON.stringify({ ...batchEventHead(`Ledger import: ${w.file.filename}`, w.file), financial_year: w.year }),
        JSON.stringify(MONTH_COLUMNS),
        JSON.stringify(BUDGET_COLUMNS),
      ],
    ),
  );
  return rows[0]!;
}

// ---- Virements -------------------------------------------------------------------------------------------

export interface VirementRow {
  id: string;
  effectiveDate: string;
  fromLineId: string | null;
  fromLine: string | null;
  toLineId: string | null;
  toLine: string | null;
  amountPence: number;
  reason: string;
  approvedBy: string;
  approvingCommittee: string;
}

export async function virementsForYear(db: Queryable, tenantId: string, year: number): Promise<VirementRow[]> {
  return db.query<VirementRow>(
    `select v.id, v.effective_date as "effectiveDate", v.from_line_id as "fromLineId", f.name as "fromLine", v.to_line_id as "toLineId", t.name as "toLine",
       v.amount_pence as "amountPence", v.reason, v.approved_by as "approvedBy", v.approving_committee as "approvingCommittee"
     from virements v left join budget_lines f on f.id = v.from_line_id left join budget_lines t on t.id = v.to_line_id
     where v.tenant_id = $1 and v.financial_year = $2 and v.deleted_at is null order by v.effective_date, v.created`,
    [tenantId, year],
  );
}

export async function insertVirement(
  db: Queryable,
  tenantId: string,
  v: {
    year: number;
    effectiveDate: string;
    fromLineId: string | null;
    toLineId: string | null;
    amountPence: number;
    reason: string;
    approvedBy: string;
    approvingCommittee: string;
  },
): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into virements (tenant_id, financial_year, effective_date, from_line_id, to_line_id, amount_pence, reason, approved_by, approving_committee)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, v.year, v.effectiveDate, v.fromLineId, v.toLineId, v.amountPence, v.reason, v.approvedBy, v.approvingCommittee],
  );
  return rows[0]!.id;
}
