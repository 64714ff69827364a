// Import and export of indicator values (and targets) as CSV or Excel, in one documented format:
//
//   Indicator code | Indicator | Period | Value | Numerator | Denominator | Status | Target |
//   Statistical neighbours | England | Commentary | Corrective action
//
// An indicator is found by its code (any case), or by its exact name when the code cell is empty.
// The period is read with the indicator's frequency: a label ('March 2018', '2017/18 Q3',
// '2017/18', '2018-03') or a date that is the first day of the period ('2018-03-01', '01/03/2018').
// Every row is checked before anything is written, and every problem is reported with the row
// number Excel shows (the header is row 1) and the column. An upload with problems is kept in the
// files table, not in memory, and its id is the token with which the officer may import just the
// rows without problems. An import is one transaction of set-based upserts (unnest arrays, in
// batches): it succeeds whole or not at all. A changed value is unpublished, like any edit; a
// value the file repeats unchanged is not written at all (so it stays published). An empty Target
// cell leaves the period's target as it is.
import { randomBytes } from 'node:crypto';
import { checkValueAgainstRatio } from './rules.ts';
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ValidationError } from '../web/errors.ts';
import { isUuid } from '../web/schema.ts';
import { stripFormulaGuard, toCsv } from '../documents/csv.ts';
import { isUpload, safeFilename, MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { insertFile } from '../files/index.ts';
import { FREQUENCIES, type Frequency } from './indicator-types.ts';
import { parseNumber } from './performance.schemas.ts';
import { parsePeriodLabel, periodLabel, periodOf } from './periods.ts';
import { readSpreadsheet, SpreadsheetError, writeXlsx, type RowProblem } from '../documents/spreadsheet.ts';

export type { RowProblem };

export const VALUE_COLUMNS = ['Indicator code', 'Indicator', 'Period', 'Value', 'Numerator', 'Denominator', 'Status', 'Target',
  'Statistical neighbours', 'England', 'Commentary', 'Corrective action'] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

/** The most rows an import reads (an upload is also limited to 10MB by the form). */
export const MAX_IMPORT_ROWS = 2_000_000;
export const MAX_TEXT_LENGTH = 20_000;
const MAX_CODE_LENGTH = 30;
const MAX_TITLE_LENGTH = 500;
/** Rows per insert statement: big enough that the per-statement cost vanishes, small enough to keep parameters modest. */
export const DEFAULT_BATCH_SIZE = 10_000;

/** What validation needs to know of an indicator. */
export interface ImportIndicator { id: string; code: string | null; title: string; frequency: string; unit: string; decimals: number }

/** A row without problems, ready to import. `hasValue` is false for a row that only sets a target. */
export interface ParsedValueRow {
  row: number;
  indicatorId: string;
  periodStart: string;
  hasValue: boolean;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: 'provisional' | 'final';
  commentary: string;
  correctiveAction: string;
  statNeighbours: number | null;
  england: number | null;
  target: number | null;
}

export interface ValidatedRows { valid: ParsedValueRow[]; problems: RowProblem[]; totalRows: number }

// ---------------------------------------------------------------------------------------------
// The value rule (as the service's checkValue, for one row at a time and without throwing)

// ---------------------------------------------------------------------------------------------
// Cells

// Control characters other than tab and line breaks (NUL above all) have no place in a value file.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

const quote = (text: string) => `‘${text.length > 60 ? `${text.slice(0, 57)}...` : text}’`;
const normaliseHeader = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const EXAMPLE_PERIOD: Record<Frequency, string> = { monthly: 'March 2018', quarterly: '2017/18 Q3', annual: '2017/18' };

/** A number cell: null when empty, undefined when not a number. Plain numbers skip the general reader. */
function numberCell(text: string): number | null | undefined {
  if (text === '') return null;
  if (PLAIN_NUMBER.test(text)) {
    const n = Number(text);
    return Math.abs(n) < 1e14 ? n : undefined;
  }
  const n = parseNumber(text);
  return n === null ? undefined : n; // '£' or '%' alone
}

function realDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1000 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

type PeriodCell = { start: string } | { message: string };

/** A period cell read for the frequency: a label, or a date that is the first day of a period. */
export function readPeriodCell(text: string, frequency: Frequency): PeriodCell {
  const example = EXAMPLE_PERIOD[frequency];
  if (text === '') return { message: `Enter the period, like ${example}` };
  let iso: string | null = null;
  let m = ISO_DATE.exec(text);
  if (m) {
    if (realDate(Number(m[1]), Number(m[2]), Number(m[3]))) iso = text;
  } else if ((m = UK_DATE.exec(text))) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (realDate(y, mo, d)) iso = `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  if (m && !iso) return { message: `${quote(text)} is not a real date: write the period like ${example}` };
  if (iso) {
    const period = periodOf(iso, frequency);
    if (period.start !== iso) {
      return { message: `${quote(text)} is not the first day of a ${frequency === 'monthly' ? 'month' : frequency === 'quarterly' ? 'quarter' : 'financial year'}: `
        + `for this ${frequency} indicator write ${periodLabel(period)}` };
    }
    return { start: iso };
  }
  const period = parsePeriodLabel(text, frequency);
  if (period) return { start: period.start };
  return { message: `${quote(text)} is not a period: for this ${frequency} indicator write it like ${example}` };
}

// ---------------------------------------------------------------------------------------------
// Validation

const MAX_CACHED_PERIODS = 20_000;

/** A cell's text, trimmed, without the apostrophe our exports put before a formula character. */
function cellAt(cells: string[], k: number): string {
  const raw = cells[k];
  if (raw === undefined || raw === '') return '';
  const t = raw.trim();
  return t.charCodeAt(0) === 39 /* ' */ ? stripFormulaGuard(t).trim() : t;
}

/** Records a control character or over-long text; true when there was one. */
function textProblem(problems: RowProblem[], row: number, column: ValueColumn, text: string, max: number): boolean {
  if (text === '') return false;
  if (CONTROL.test(text)) {
    problems.push({ row, column, message: `The ‘${column}’ cell contains a control character (such as NUL) that is not allowed: retype the cell` });
    return true;
  }
  if (text.length > max) {
    problems.push({ row, column, message: `${column} must be ${max.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})` });
    return true;
  }
  return false;
}

/** A number cell, or null (empty or not a number: then the problem is recorded). */
function numberAt(problems: RowProblem[], row: number, column: ValueColumn, text: string): number | null {
  const n = numberCell(text);
  if (n !== undefined) return n;
  problems.push({ row, column, message: `${column} must be a number, like 12.53, not ${quote(text)}` });
  return null;
}

interface Lookup { indicator: ImportIndicator | null; column: ValueColumn; message: string }

function findIndicator(code: string, title: string, byCode: Map<string, ImportIndicator>, byTitle: Map<string, ImportIndicator[]>): Lookup {
  if (code) {
    const indicator = byCode.get(code.toLowerCase()) ?? null;
    return { indicator, column: 'Indicator code', message: indicator ? '' : `There is no indicator with the code ${quote(code)}: check the code, or add the indicator first` };
  }
  if (title) {
    const found = byTitle.get(title) ?? [];
    if (found.length === 1) return { indicator: found[0]!, column: 'Indicator', message: '' };
    return { indicator: null, column: 'Indicator', message: found.length > 1 ? `More than one indicator is called ${quote(title)}: give its code`
      : `There is no indicator called ${quote(title)}: check the name, or give the indicator’s code` };
  }
  return { indicator: null, column: 'Indicator code', message: 'Enter the indicator’s code, or its name when it has no code' };
}

/**
 * Checks rows read from a values file (header first) against the tenant's indicators. Reports
 * every problem, by row (as Excel numbers it) and column; rows without problems are returned
 * parsed, in file order. Pure.
 */
export function validateValueRows(rows: string[][], indicators: ImportIndicator[]): ValidatedRows {
  const problems: RowProblem[] = [];
  const valid: ParsedValueRow[] = [];
  const headerIndex = rows.findIndex((r) => r.some((cell) => cell.trim() !== ''));
  if (headerIndex === -1) {
    return { valid, totalRows: 0, problems: [{ row: 1, column: '', message: `The file is empty: the first row must name the columns ${VALUE_COLUMNS.map((c) => `‘${c}’`).join(', ')}` }] };
  }
  const header = rows[headerIndex]!.map((c) => normaliseHeader(stripFormulaGuard(c.trim())));
  const pos = VALUE_COLUMNS.map((c) => header.indexOf(normaliseHeader(c)));
  VALUE_COLUMNS.forEach((c, k) => {
    if (pos[k] === -1) problems.push({ row: headerIndex + 1, column: c, message: `The header row must have a column headed ‘${c}’` });
  });
  if (problems.length) return { valid, problems, totalRows: Math.max(0, rows.length - headerIndex - 1) };
  const [pCode, pTitle, pPeriod, pValue, pNum, pDen, pStatus, pTarget, pStat, pEngland, pComm, pAction] = pos as number[] as
    [number, number, number, number, number, number, number, number, number, number, number, number];

  const byCode = new Map<string, ImportIndicator>();
  const byTitle = new Map<string, ImportIndicator[]>();
  const indexOf = new Map<string, number>();
  indicators.forEach((i, k) => {
    if (i.code) byCode.set(i.code.trim().toLowerCase(), i);
    byTitle.set(i.title.trim(), [...(byTitle.get(i.title.trim()) ?? []), i]);
    indexOf.set(i.id, k);
  });
  const periodCache = new Map<Frequency, Map<string, PeriodCell>>(FREQUENCIES.map((f) => [f, new Map()]));
  /** indicator index × 2^17 + month index → the first row with that indicator and period. */
  const seen = new Map<number, number>();
  const duplicates = new Map<number, number[]>();
  // Rows come grouped by indicator: remember the last lookup.
  let lastCode = '\u0000';
  let lastTitle = '\u0000';
  let last: Lookup = { indicator: null, column: 'Indicator code', message: '' };
  let totalRows = 0;

  for (let r = headerIndex + 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const code = cellAt(cells, pCode);
    const title = cellAt(cells, pTitle);
    const periodText = cellAt(cells, pPeriod);
    const valueText = cellAt(cells, pValue);
    const numText = cellAt(cells, pNum);
    const denText = cellAt(cells, pDen);
    const statusText = cellAt(cells, pStatus);
    const targetText = cellAt(cells, pTarget);
    const statText = cellAt(cells, pStat);
    const englandText = cellAt(cells, pEngland);
    const commentary = cellAt(cells, pComm);
    const action = cellAt(cells, pAction);
    if (!code && !title && !periodText && !valueText && !numText && !denText && !statusText && !targetText && !statText && !englandText && !commentary && !action) {
      continue;
    }
    totalRows++;
    const row = r + 1;
    const before = problems.length;

    // Text: control characters and length. (No closures in this loop: it runs a million times.)
    const badCode = textProblem(problems, row, 'Indicator code', code, MAX_CODE_LENGTH);
    const badTitle = textProblem(problems, row, 'Indicator', title, MAX_TITLE_LENGTH);
    const badStatus = textProblem(problems, row, 'Status', statusText, 100);
    textProblem(problems, row, 'Commentary', commentary, MAX_TEXT_LENGTH);
    textProblem(problems, row, 'Corrective action', action, MAX_TEXT_LENGTH);

    // The indicator.
    let indicator: ImportIndicator | null;
    if (code !== lastCode || title !== lastTitle) {
      lastCode = code;
      lastTitle = title;
      last = findIndicator(code, title, byCode, byTitle);
    }
    indicator = last.indicator;
    if (!indicator && !(last.column === 'Indicator code' ? badCode : badTitle)) problems.push({ row, column: last.column, message: last.message });

    // The period, for the indicator's frequency.
    let periodStart: string | null = null;
    if (indicator) {
      const frequency = indicator.frequency as Frequency;
      const cache = periodCache.get(frequency);
      if (!cache) {
        problems.push({ row, column: 'Indicator', message: `The indicator’s frequency ${quote(String(frequency))} is not known` });
        indicator = null;
      } else {
        let read = cache.get(periodText);
        if (!read) {
          read = readPeriodCell(periodText, frequency);
          if (cache.size < MAX_CACHED_PERIODS) cache.set(periodText, read);
        }
        if ('start' in read) periodStart = read.start;
        else problems.push({ row, column: 'Period', message: read.message });
      }
    } else if (!periodText) {
      problems.push({ row, column: 'Period', message: 'Enter the period, like March 2018' });
    }

    // Numbers.
    let value = numberAt(problems, row, 'Value', valueText);
    const numerator = numberAt(problems, row, 'Numerator', numText);
    const denominator = numberAt(problems, row, 'Denominator', denText);
    const target = numberAt(problems, row, 'Target', targetText);
    const statNeighbours = numberAt(problems, row, 'Statistical neighbours', statText);
    const england = numberAt(problems, row, 'England', englandText);

    let status: 'provisional' | 'final' = 'final';
    if (statusText) {
      const s = statusText.toLowerCase();
      if (s === 'provisional' || s === 'final') status = s;
      else if (!badStatus) problems.push({ row, column: 'Status', message: `Status must be provisional or final, not ${quote(statusText)}` });
    }

    // A row that only sets a target has nothing in the value columns.
    const hasValue = Boolean(valueText || numText || denText || statText || englandText || commentary || action || !targetText);
    if (indicator && hasValue && problems.length === before) {
      const check = checkValueAgainstRatio(indicator, { value, numerator, denominator, commentary });
      if (!check.ok) problems.push({ row, column: check.field === 'value' ? 'Value' : check.field === 'numerator' ? 'Numerator' : 'Denominator', message: check.message });
      else value = check.value;
    }

    if (indicator && periodStart) {
      const key = indexOf.get(indicator.id)! * 131_072 + Number(periodStart.slice(0, 4)) * 12 + Number(periodStart.slice(5, 7)) - 1;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, row);
      else {
        const group = duplicates.get(key);
        if (group) group.push(row);
        else duplicates.set(key, [first, row]);
      }
      if (problems.length === before) {
        valid.push({ row, indicatorId: indicator.id, periodStart, hasValue, value: hasValue ? value : null, numerator: hasValue ? numerator : null,
          denominator: hasValue ? denominator : null, status, commentary, correctiveAction: action, statNeighbours, england, target });
      }
    }
  }

  let result = valid;
  if (duplicates.size) {
    const bad = new Set<number>();
    for (const group of duplicates.values()) {
      for (const row of group) {
        const others = group.filter((o) => o !== row);
        problems.push({ row, column: 'Period', message: `This indicator and period are also on row${others.length > 1 ? 's' : ''} `
          + `${others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}` : others[0]}: give each period once` });
        bad.add(row);
      }
    }
    result = valid.filter((v) => !bad.has(v.row));
  }
  const order = (c: string) => VALUE_COLUMNS.indexOf(c as ValueColumn);
  problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  return { valid: result, problems, totalRows };
}

// ---------------------------------------------------------------------------------------------
// Files

const CONTENT_TYPES: Record<string, string> = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };

/** Reads an uploaded values file (CSV or .xlsx) into rows; a file that cannot be read is a ValidationError on `file`. */
export async function readValueRows(bytes: Uint8Array, filename: string): Promise<string[][]> {
  try {
    return await readSpreadsheet(bytes, filename, { maxRows: MAX_IMPORT_ROWS, what: 'a values file' });
  } catch (e) {
    if (e instanceof SpreadsheetError) throw new ValidationError({ file: e.message }, e.message);
    throw e;
  }
}

/** The tenant's live indicators, as validation needs them. */
export async function loadIndicators(db: Queryable, tenantId: string): Promise<ImportIndicator[]> {
  return db.query<ImportIndicator>(`select id, code, title, frequency, unit, decimals from indicators where tenant_id = $1 and deleted_at is null`, [tenantId]);
}

// ---------------------------------------------------------------------------------------------
// Import

// PostgreSQL array literals, written directly: cheaper than the driver's general conversion.
const plainArray = (items: string[]) => `{${items.join(',')}}`;
const numberArray = (items: (number | null)[]) => {
  let out = '{';
  for (let k = 0; k < items.length; k++) {
    const n = items[k];
    out += (k ? ',' : '') + (n === null || n === undefined ? 'NULL' : String(n));
  }
  return `${out}}`;
};
const textArray = (items: string[]) => {
  let out = '{';
  for (let k = 0; k < items.length; k++) {
    const s = items[k]!;
    out += `${k ? ',' : ''}"${/["\\]/.test(s) ? s.replace(/["\\]/g, '\\$&') : s}"`;
  }
  return `${out}}`;
};

/**
 * Ids for new rows that increase in the order written (the layout of a version 7 UUID: the time
 * in milliseconds, then random bits fixed for the import, then a counter). Random ids would land
 * all over the primary key index and the audit trail's entity index, touching a different page
 * for nearly every row; these append to a few pages, which makes large imports cheaper.
 */
export function timeOrderedIds(): (count: number) => string[] {
  const time = Date.now().toString(16).padStart(12, '0');
  const random = randomBytes(5).toString('hex');
  const prefix = `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(0, 3)}-${((parseInt(random[3]!, 16) & 0x3) | 0x8).toString(16)}${random.slice(4, 7)}-${random.slice(7, 9)}`;
  let counter = 0;
  return (count) => {
    const ids = new Array<string>(count);
    for (let k = 0; k < count; k++) ids[k] = prefix + (counter++).toString(16).padStart(10, '0');
    return ids;
  };
}

const UPSERT_VALUES = `insert into indicator_values (id, tenant_id, indicator_id, period_start, value, numerator, denominator, status, commentary,
    corrective_action, stat_neighbours, england)
  select id, $1, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action, stat_neighbours, england
  from unnest($12::uuid[], $2::uuid[], $3::date[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::numeric[], $11::numeric[])
    as x (id, indicator_id, period_start, value, numerator, denominator, status, commentary, corrective_action, stat_neighbours, england)
  on conflict (indicator_id, period_start) where deleted_at is null do update set value = excluded.value, numerator = excluded.numerator,
    denominator = excluded.denominator, status = excluded.status, commentary = excluded.commentary, corrective_action = excluded.corrective_action,
    stat_neighbours = excluded.stat_neighbours, england = excluded.england, published = false
  where (indicator_values.value, indicator_values.numerator, indicator_values.denominator, indicator_values.status, indicator_values.commentary,
    indicator_values.corrective_action, indicator_values.stat_neighbours, indicator_values.england)
    is distinct from (excluded.value, excluded.numerator, excluded.denominator, excluded.status, excluded.commentary, excluded.corrective_action,
    excluded.stat_neighbours, excluded.england)`;

const UPSERT_TARGETS = `insert into indicator_targets (id, tenant_id, indicator_id, period_start, value)
  select id, $1, indicator_id, period_start, value from unnest($5::uuid[], $2::uuid[], $3::date[], $4::numeric[]) as x (id, indicator_id, period_start, value)
  on conflict (indicator_id, period_start) where deleted_at is null do update set value = excluded.value
  where indicator_targets.value is distinct from excluded.value`;

function valueParams(tenantId: string, rows: ParsedValueRow[], ids: string[]): unknown[] {
  return [tenantId, plainArray(rows.map((r) => r.indicatorId)), plainArray(rows.map((r) => r.periodStart)), numberArray(rows.map((r) => r.value)),
    numberArray(rows.map((r) => r.numerator)), numberArray(rows.map((r) => r.denominator)), plainArray(rows.map((r) => r.status)),
    textArray(rows.map((r) => r.commentary)), textArray(rows.map((r) => r.correctiveAction)), numberArray(rows.map((r) => r.statNeighbours)),
    numberArray(rows.map((r) => r.england)), plainArray(ids)];
}

function targetParams(tenantId: string, rows: ParsedValueRow[], ids: string[]): unknown[] {
  return [tenantId, plainArray(rows.map((r) => r.indicatorId)), plainArray(rows.map((r) => r.periodStart)), numberArray(rows.map((r) => r.target)),
    plainArray(ids)];
}

/**
 * Writes checked rows in one transaction: values upserted (unpublished when changed; unchanged
 * values are left alone), then targets. Batches are built while the previous one runs. Inside
 * the transaction `beforeWrite` may check or claim something (the confirmation token).
 */
export async function importValidRows(db: Database, ctx: RequestContext, rows: ParsedValueRow[],
  { batchSize = DEFAULT_BATCH_SIZE, beforeWrite }: { batchSize?: number; beforeWrite?: (tx: Queryable) => Promise<void> } = {}): Promise<number> {
  const values = rows.some((r) => !r.hasValue) ? rows.filter((r) => r.hasValue) : rows;
  const targets = rows.filter((r) => r.target !== null);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (beforeWrite) await beforeWrite(tx);
    let pending: Promise<unknown> | null = null;
    const newIds = timeOrderedIds();
    const run = async (sql: string, list: ParsedValueRow[], params: (tenantId: string, batch: ParsedValueRow[], ids: string[]) => unknown[]) => {
      for (let k = 0; k < list.length; k += batchSize) {
        const batch = list.slice(k, k + batchSize);
        const next = params(ctx.tenantId, batch, newIds(batch.length));
        if (pending) await pending;
        pending = tx.query(sql, next);
      }
    };
    await run(UPSERT_VALUES, values, valueParams);
    await run(UPSERT_TARGETS, targets, targetParams);
    if (pending) await pending;
  });
  return rows.length;
}

export type ImportResult =
  | { kind: 'problems'; problems: RowProblem[]; validRows: number; totalRows: number; token: string }
  | { kind: 'imported'; imported: number };

async function storedUpload(db: Queryable, tenantId: string, token: unknown) {
  if (!isUuid(token)) return null;
  const rows = await db.query<{ filename: string; content: Buffer }>(
    `select filename, content from files where tenant_id = $1 and id = $2 and deleted_at is null and content_type = any($3::text[])`,
    [tenantId, token, Object.values(CONTENT_TYPES)]);
  return rows[0] ?? null;
}

const GONE = 'The file to import is no longer available: upload it again';

/**
 * The import form. With a file: read and check it; with problems, keep the file and return the
 * problems and a token; without, import it all. With confirmed=yes and the token: check the kept
 * file again and import only the rows without problems.
 */
export async function importFromForm(db: Database, ctx: RequestContext, body: Record<string, unknown>): Promise<ImportResult> {
  const confirming = body.confirmed === 'yes' && typeof body.token === 'string';
  let upload: { filename: string; data: Buffer };
  if (confirming) {
    const stored = await storedUpload(db, ctx.tenantId, body.token);
    if (!stored) throw new ValidationError({ file: GONE }, GONE);
    upload = { filename: stored.filename, data: Buffer.from(stored.content) };
  } else {
    const file = body.file;
    if (!isUpload(file) || file.filename.trim() === '') throw new ValidationError({ file: 'Select a CSV or Excel file of values' });
    if (file.tooLarge || file.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ file: 'The selected file must be smaller than 10MB' });
    if (file.data.length === 0) throw new ValidationError({ file: 'The selected file is empty' });
    upload = { filename: safeFilename(file.filename), data: file.data };
  }
  const rows = await readValueRows(upload.data, upload.filename);
  const { valid, problems, totalRows } = validateValueRows(rows, await loadIndicators(db, ctx.tenantId));
  if (problems.length && !confirming) {
    const extension = /\.([a-z0-9]+)$/i.exec(upload.filename)?.[1]?.toLowerCase() ?? 'csv';
    const token = await db.transaction(changeContext(ctx), (tx) =>
      insertFile(tx, ctx.tenantId, { filename: upload.filename, contentType: CONTENT_TYPES[extension] ?? CONTENT_TYPES.csv!, data: upload.data }));
    return { kind: 'problems', problems, validRows: valid.length, totalRows, token };
  }
  if (valid.length === 0) {
    const message = totalRows === 0 ? 'The file has no rows of values under its header' : 'The file has no rows without problems to import';
    throw new ValidationError({ file: message }, message);
  }
  const imported = await importValidRows(db, ctx, valid, {
    // The kept file is used once: confirming twice does not import twice.
    beforeWrite: confirming ? async (tx) => {
      const claimed = await tx.query(`update files set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and deleted_at is null returning id`,
        [ctx.tenantId, body.token]);
      if (claimed.length === 0) throw new ValidationError({ file: GONE }, GONE);
    } : undefined,
  });
  return { kind: 'imported', imported };
}

// ---------------------------------------------------------------------------------------------
// Export

interface ExportRow {
  code: string | null; title: string; frequency: string; periodStart: string; value: string | null; numerator: string | null; denominator: string | null;
  status: string | null; target: string | null; statNeighbours: string | null; england: string | null; commentary: string | null; correctiveAction: string | null;
}

/** Every live value and target of the tenant's live indicators, header first, in the import format. */
export async function exportRows(db: Queryable, tenantId: string): Promise<string[][]> {
  const rows = await db.query<ExportRow>(
    `select i.code, i.title, i.frequency, x.period_start as "periodStart", trim_scale(x.value)::text as value, trim_scale(x.numerator)::text as numerator,
       trim_scale(x.denominator)::text as denominator, x.status, trim_scale(x.target)::text as target, trim_scale(x.stat_neighbours)::text as "statNeighbours",
       trim_scale(x.england)::text as england, x.commentary, x.corrective_action as "correctiveAction"
     from (select coalesce(v.indicator_id, t.indicator_id) as indicator_id, coalesce(v.period_start, t.period_start) as period_start, v.value, v.numerator,
             v.denominator, v.status, t.value as target, v.stat_neighbours, v.england, v.commentary, v.corrective_action
           from (select * from indicator_values where tenant_id = $1 and deleted_at is null) v
             full join (select * from indicator_targets where tenant_id = $1 and deleted_at is null) t
               on t.indicator_id = v.indicator_id and t.period_start = v.period_start) x
       join indicators i on i.id = x.indicator_id and i.deleted_at is null
     order by lower(i.code) nulls last, i.title, i.id, x.period_start`, [tenantId]);
  const out: string[][] = [[...VALUE_COLUMNS]];
  let lastKey = '';
  let lastLabel = '';
  for (const r of rows) {
    const key = `${r.frequency}${r.periodStart}`;
    if (key !== lastKey) [lastKey, lastLabel] = [key, periodLabel({ frequency: r.frequency as Frequency, start: r.periodStart })];
    out.push([r.code ?? '', r.title, lastLabel, r.value ?? '', r.numerator ?? '', r.denominator ?? '', r.status ?? '', r.target ?? '',
      r.statNeighbours ?? '', r.england ?? '', r.commentary ?? '', r.correctiveAction ?? '']);
  }
  return out;
}

const NUMBER_COLUMNS = new Set([3, 4, 5, 7, 8, 9]);

/** The rows as CSV. Negative numbers are written as numbers, so a spreadsheet does not see them as text. */
export function toCsvText(rows: string[][]): string {
  return toCsv(rows.map((row, r) => (r === 0 ? row : row.map((cell, k) => {
    if (!NUMBER_COLUMNS.has(k) || cell.charCodeAt(0) !== 45 /* - */) return cell;
    const n = Number(cell);
    return String(n) === cell ? n : cell;
  }))));
}

/** The rows as an Excel workbook of one sheet. */
export async function toXlsx(rows: string[][]): Promise<Uint8Array> {
  return writeXlsx('Indicator values', rows);
}

export { checkValueAgainstRatio };
