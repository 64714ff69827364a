// The monthly ledger extract in and out, as CSV or Excel, in one documented format:
//
//   Line code | Period | Budget | Actual | Forecast
//
// The period is 1–12 (April to March), a month name ('Feb') or 'Outturn'; amounts are pounds
// ('-8,880', '1234.50', '(523)'). Budget is the line's revised budget at that period: for a line with
// no budget for the year yet it sets the original budget; otherwise it must agree with the budget
// derived from the original and the virements, so a budget change is recorded as a virement, not typed.
// Every row is checked, every problem is reported by row (as Excel numbers it: the header is row 1)
// and column, and nothing is stored until the file is clean, or until the officer confirms that the rows
// without problems are to be imported and the others skipped (files/kept-upload.ts); then it is written in one transaction,
// set-wise, and audited as one event holding every value written with its value before (finance.repository.ts).
import type { Database } from '../db/database.ts';
import { batchFile } from '../db/audit-batch.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ValidationError } from '../web/errors.ts';
import type { SheetCell } from '../documents/cells.ts';
import { toCsv } from '../documents/csv.ts';
import { isUpload, MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { readSpreadsheet, type RowProblem, SpreadsheetError, writeXlsx } from '../documents/spreadsheet.ts';
import * as repo from './finance.repository.ts';
import { isConfirmation, keepUpload, keptUpload, useKeptUpload } from '../files/index.ts';
import { figuresAt } from './finance.service.ts';
import {
  OUTTURN,
  parsePeriod,
  parsePounds,
  parseYear,
  periodEnd,
  periodLabel,
  revisedBudget,
  toPence,
  toPenceOrNull,
  type Virement,
  yearLabel,
} from './rules.ts';

export const LEDGER_COLUMNS = ['Line code', 'Period', 'Budget', 'Actual', 'Forecast'] as const;
export const MAX_LEDGER_ROWS = 200_000;

export interface LedgerRow {
  lineId: string;
  period: number;
  budgetPence: number | null;
  actualPence: number | null;
  forecastPence: number | null;
}

export interface LedgerLine {
  id: string;
  code: string;
  originalBudgetPence: number | null;
}

/** Checks every row against the year's lines and virements; pure, so the rules are tested without a database. */
export function validateLedger(rows: readonly string[][], year: number, lines: readonly LedgerLine[], virements: readonly Virement[]) {
  const problems: RowProblem[] = [];
  const valid: LedgerRow[] = [];
  const header = (rows[0] ?? []).map((c) => c.trim().toLowerCase());
  const at = LEDGER_COLUMNS.map((name) => header.indexOf(name.toLowerCase()));
  LEDGER_COLUMNS.forEach((name, k) => {
    if (at[k]! < 0) problems.push({ row: 1, column: name, message: `The header row has no ${name} column` });
  });
  if (problems.length) return { valid, problems, totalRows: Math.max(0, rows.length - 1) };
  const byCode = new Map(lines.map((l) => [l.code.toLowerCase(), l]));
  const seen = new Map<string, number>();
  const cell = (row: string[], k: number) => (row[at[k]!] ?? '').trim();
  let totalRows = 0;
  rows.slice(1).forEach((row, k) => {
    const rowNo = k + 2;
    if (row.every((c) => c.trim() === '')) return;
    totalRows++;
    const before = problems.length;
    const problem = (column: string, message: string) => problems.push({ row: rowNo, column, message });
    const code = cell(row, 0);
    const line = byCode.get(code.toLowerCase());
    if (!code) problem('Line code', 'Enter the line code');
    else if (!line) problem('Line code', `There is no budget line with the code ${code}`);
    const period = parsePeriod(cell(row, 1));
    if (period === null) problem('Period', 'Period must be 1 to 12 (April to March), a month such as Feb, or Outturn');
    const amount = (k: number, column: string) => {
      if (!cell(row, k)) return null;
      const p = parsePounds(cell(row, k), column);
      if (!p.ok) problem(column, p.error);
      return p.ok ? p.value : null;
    };
    const budgetPence = amount(2, 'Budget');
    const actualPence = amount(3, 'Actual');
    const forecastPence = amount(4, 'Forecast');
    if (period === OUTTURN && forecastPence !== null) problem('Forecast', 'The outturn has no forecast: give its actual only');
    if (!cell(row, 2) && !cell(row, 3) && !cell(row, 4)) problem('Actual', 'Give a budget, an actual or a forecast');
    if (line && period !== null) {
      const key = `${line.id}:${period}`;
      if (seen.has(key)) problem('Period', `${code} has a row for ${periodLabel(year, period)} already, in row ${seen.get(key)}`);
      else seen.set(key, rowNo);
      if (budgetPence !== null && line.originalBudgetPence !== null) {
        const derived = revisedBudget(line.originalBudgetPence, line.id, virements, periodEnd(year, period));
        if (derived !== budgetPence) {
          problem(
            'Budget',
            `Budget ${(budgetPence / 100).toFixed(2)} does not agree with the revised budget ${(derived / 100).toFixed(2)} for ${periodLabel(year, period)}: record the virement first`,
          );
        }
      }
    }
    if (problems.length === before && line && period !== null) valid.push({ lineId: line.id, period, budgetPence, actualPence, forecastPence });
  });
  return { valid, problems, totalRows };
}

/**
 * What the checked rows write: each month with a figure, and the original budget of each line the year has no
 * budget for yet, from the first row giving one (the original is that budget less the virements to its date).
 */
export function ledgerWrite(valid: readonly LedgerRow[], year: number, lines: readonly LedgerLine[], virements: readonly Virement[]) {
  const hasBudget = new Set(lines.filter((l) => l.originalBudgetPence !== null).map((l) => l.id));
  const budgets: { lineId: string; pence: number }[] = [];
  const months: { lineId: string; period: number; actualPence: number | null; forecastPence: number | null }[] = [];
  for (const r of valid) {
    if (r.budgetPence !== null && !hasBudget.has(r.lineId)) {
      budgets.push({ lineId: r.lineId, pence: r.budgetPence - revisedBudget(0, r.lineId, virements, periodEnd(year, r.period)) });
      hasBudget.add(r.lineId);
    }
    if (r.actualPence !== null || r.forecastPence !== null) {
      months.push({ lineId: r.lineId, period: r.period, actualPence: r.actualPence, forecastPence: r.forecastPence });
    }
  }
  return { months, budgets };
}

export type LedgerResult =
  | { kind: 'problems'; problems: RowProblem[]; totalRows: number; validRows: number; token: string | null }
  | { kind: 'imported'; imported: number; skipped: number; year: number };

const keptFor = (year: number) => `ledger ${yearLabel(year)}`;

/**
 * The import form. A new file is checked whole: clean, it is stored in one transaction; with problems, nothing is
 * stored, the file is kept and its token returned with the problems, so that the officer may confirm (confirmed=yes,
 * the token and the year) that the rows without problems are to be imported and the others skipped.
 */
export async function importLedger(db: Database, ctx: RequestContext, body: Record<string, unknown>): Promise<LedgerResult> {
  const year = parseYear(body.year);
  const confirming = isConfirmation(body);
  const file = body.file;
  const errors: Record<string, string> = {};
  if (year === null) errors.year = 'Enter the financial year, like 2017-18';
  if (confirming) {
    // The year is part of what the file was kept for: a confirmation for another year finds no file.
  } else if (!isUpload(file) || file.filename.trim() === '') errors.file = 'Select a CSV or Excel file of the ledger';
  else if (file.tooLarge || file.data.length > MAX_UPLOAD_BYTES) errors.file = 'The selected file must be smaller than 10MB';
  else if (file.data.length === 0) errors.file = 'The selected file is empty';
  if (Object.keys(errors).length || year === null) throw new ValidationError(errors);
  const upload = confirming ? await keptUpload(db, ctx.tenantId, keptFor(year), body.token) : (file as { filename: string; data: Buffer });
  let rows: string[][];
  try {
    rows = await readSpreadsheet(upload.data, upload.filename, { maxRows: MAX_LEDGER_ROWS, what: 'a ledger extract' });
  } catch (e) {
    if (e instanceof SpreadsheetError) throw new ValidationError({ file: e.message });
    throw e;
  }
  const [lines, virementRows] = await Promise.all([repo.lineBudgets(db, ctx.tenantId, year), repo.virementsForYear(db, ctx.tenantId, year)]);
  const virements = virementRows.map((v) => ({ ...v, amountPence: toPence(v.amountPence) }));
  const ledgerLines = lines.map((l) => ({ id: l.id, code: l.code, originalBudgetPence: toPenceOrNull(l.originalBudgetPence) }));
  const { valid, problems, totalRows } = validateLedger(rows, year, ledgerLines, virements);
  if (problems.length && !confirming) {
    const token = valid.length ? await keepUpload(db, ctx, keptFor(year), upload) : null;
    return { kind: 'problems', problems, totalRows, validRows: valid.length, token };
  }
  if (valid.length === 0)
    throw new ValidationError({ file: totalRows ? 'The file has no rows without problems to import' : 'The file has no rows under its header' });
  const write = ledgerWrite(valid, year, ledgerLines, virements);
  const imported = batchFile(upload, valid.length, totalRows - valid.length, confirming ? String(body.token) : null);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (confirming) await useKeptUpload(tx, ctx.tenantId, keptFor(year), body.token);
    await repo.writeLedgerImport(tx, ctx.tenantId, { year, ...write, file: imported });
  });
  return { kind: 'imported', imported: valid.length, skipped: totalRows - valid.length, year };
}

/** The year's ledger in the import format: a row per line and period with figures, amounts in pounds as numbers. */
export async function exportLedger(db: Database, tenantId: string, year: number): Promise<SheetCell[][]> {
  const [lines, months, virementRows] = await Promise.all([
    repo.linesForYear(db, tenantId, year),
    repo.monthsForYear(db, tenantId, year),
    repo.virementsForYear(db, tenantId, year),
  ]);
  const virements = virementRows.map((v) => ({ ...v, amountPence: toPence(v.amountPence) }));
  const out: SheetCell[][] = [[...LEDGER_COLUMNS]];
  const pounds = (p: number | null) => (p === null ? '' : p / 100);
  for (const line of lines) {
    for (const m of months.filter((r) => r.lineId === line.id)) {
      const f = figuresAt(line, new Map([[m.period, m]]), virements, year, m.period);
      out.push([
        line.code,
        m.period === OUTTURN ? 'Outturn' : m.period,
        pounds(f.budgetPence),
        pounds(f.actualPence),
        m.period === OUTTURN ? '' : pounds(f.forecastPence),
      ]);
    }
  }
  return out;
}

export const ledgerCsv = (rows: SheetCell[][]) => toCsv(rows);
export const ledgerXlsx = (rows: SheetCell[][]) => writeXlsx('Ledger', rows);
