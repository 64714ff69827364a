// Checking the rows of an indicator values file (the format values-io.ts describes) against the
// tenant's indicators: the columns, each cell, the period for the indicator's frequency, the value
// against its numerator and denominator, and periods given twice. Pure: no files, no database.
import { checkValueAgainstRatio } from './rules.ts';
import { stripFormulaGuard } from '../documents/csv.ts';
import type { RowProblem } from '../documents/spreadsheet.ts';
import { FREQUENCIES, type Frequency } from './indicator-types.ts';
import { parseNumber } from './performance.schemas.ts';
import { parsePeriodLabel, periodLabel, periodOf } from './periods.ts';

export const VALUE_COLUMNS = [
  'Indicator code',
  'Indicator',
  'Period',
  'Value',
  'Numerator',
  'Denominator',
  'Status',
  'Target',
  'Statistical neighbours',
  'England',
  'Commentary',
  'Corrective action',
] as const;
export type ValueColumn = (typeof VALUE_COLUMNS)[number];

/** A tuple of N elements of T (the positions of the file's twelve columns). */
type Tuple<N extends number, T, R extends T[] = []> = R['length'] extends N ? R : Tuple<N, T, [T, ...R]>;

export const MAX_TEXT_LENGTH = 20_000;
const MAX_CODE_LENGTH = 30;
const MAX_TITLE_LENGTH = 500;

/** What validation needs to know of an indicator. */
export interface ImportIndicator {
  id: string;
  code: string | null;
  title: string;
  frequency: string;
  unit: string;
  decimals: number;
}

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

export interface ValidatedRows {
  valid: ParsedValueRow[];
  problems: RowProblem[];
  totalRows: number;
}

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
      return {
        message:
          `${quote(text)} is not the first day of a ${frequency === 'monthly' ? 'month' : frequency === 'quarterly' ? 'quarter' : 'financial year'}: ` +
          `for this ${frequency} indicator write ${periodLabel(period)}`,
      };
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
    problems.push({
      row,
      column,
      message: `${column} must be ${max.toLocaleString('en-GB')} characters or fewer (it has ${text.length.toLocaleString('en-GB')})`,
    });
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

interface Lookup {
  indicator: ImportIndicator | null;
  column: ValueColumn;
  message: string;
}

function findIndicator(code: string, title: string, byCode: Map<string, ImportIndicator>, byTitle: Map<string, ImportIndicator[]>): Lookup {
  if (code) {
    const indicator = byCode.get(code.toLowerCase()) ?? null;
    return {
      indicator,
      column: 'Indicator code',
      message: indicator ? '' : `There is no indicator with the code ${quote(code)}: check the code, or add the indicator first`,
    };
  }
  if (title) {
    const found = byTitle.get(title) ?? [];
    if (found.length === 1) return { indicator: found[0]!, column: 'Indicator', message: '' };
    return {
      indicator: null,
      column: 'Indicator',
      message:
        found.length > 1
          ? `More than one indicator is called ${quote(title)}: give its code`
          : `There is no indicator called ${quote(title)}: check the name, or give the indicator’s code`,
    };
  }
  return { indicator: null, column: 'Indicator code', message: 'Enter the indicator’s code, or its name when it has no code' };
}

/**
 * Checks rows read from a values file (header first) against the tenant's indicators. Reports
 * every problem, by row (as Excel numbers it) and column; rows without problems are returned
 * parsed, in file order. Pure.
 */
export function validateValueRows(rows: string[][], indicators: ImportIndicator[]): ValidatedRows {
  const checker = valueChecker(indicators);
  const valid = checker.check(rows);
  const { problems, duplicateRows, totalRows } = checker.finish();
  return { valid: duplicateRows.size ? valid.filter((v) => !duplicateRows.has(v.row)) : valid, problems, totalRows };
}

/** validateValueRows a few rows at a time, for a file checked (and written) as it is read. */
export interface ValueChecker {
  /** Checks the next rows of the file and returns those without problems of their own, parsed. */
  check(rows: string[][]): ParsedValueRow[];
  /** Whether any row so far has a problem (a period given twice included). */
  hasProblems(): boolean;
  /** After the last rows: every problem, in row order (periods given twice among them), and the rows given twice. */
  finish(): { problems: RowProblem[]; duplicateRows: Set<number>; totalRows: number };
}

export function valueChecker(indicators: ImportIndicator[]): ValueChecker {
  const problems: RowProblem[] = [];
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
  const state = { lastCode: '\u0000', lastTitle: '\u0000', last: { indicator: null, column: 'Indicator code', message: '' } as Lookup, totalRows: 0 };
  /** Rows read so far (blank ones and the header included): the next row's index in the file. */
  let read = 0;
  let pos: number[] | null = null;
  let headerBad = false;

  const check = (rows: string[][]): ParsedValueRow[] => {
    const valid: ParsedValueRow[] = [];
    let r = 0;
    if (!pos && !headerBad) {
      while (r < rows.length && !rows[r]!.some((cell) => cell.trim() !== '')) r++;
      if (r === rows.length) {
        read += rows.length;
        return valid;
      }
      const header = rows[r]!.map((c) => normaliseHeader(stripFormulaGuard(c.trim())));
      const found = VALUE_COLUMNS.map((c) => header.indexOf(normaliseHeader(c)));
      VALUE_COLUMNS.forEach((c, k) => {
        if (found[k] === -1) problems.push({ row: read + r + 1, column: c, message: `The header row must have a column headed ‘${c}’` });
      });
      if (problems.length) headerBad = true;
      else pos = found;
      r++;
    }
    if (headerBad || !pos) {
      state.totalRows += rows.length - r;
      read += rows.length;
      return valid;
    }
    const [pCode, pTitle, pPeriod, pValue, pNum, pDen, pStatus, pTarget, pStat, pEngland, pComm, pAction] = pos as Tuple<12, number>;

    // The loop's state in locals (faster than the closure's in a loop that runs a million times), stored back after it.
    let lastCode = state.lastCode;
    let lastTitle = state.lastTitle;
    let last = state.last;
    let totalRows = state.totalRows;
    const base = read;
    for (; r < rows.length; r++) {
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
      if (
        !code &&
        !title &&
        !periodText &&
        !valueText &&
        !numText &&
        !denText &&
        !statusText &&
        !targetText &&
        !statText &&
        !englandText &&
        !commentary &&
        !action
      ) {
        continue;
      }
      totalRows++;
      const row = base + r + 1;
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
          let period = cache.get(periodText);
          if (!period) {
            period = readPeriodCell(periodText, frequency);
            if (cache.size < MAX_CACHED_PERIODS) cache.set(periodText, period);
          }
          if ('start' in period) periodStart = period.start;
          else problems.push({ row, column: 'Period', message: period.message });
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
        const ratio = checkValueAgainstRatio(indicator, { value, numerator, denominator, commentary });
        if (!ratio.ok)
          problems.push({ row, column: ratio.field === 'value' ? 'Value' : ratio.field === 'numerator' ? 'Numerator' : 'Denominator', message: ratio.message });
        else value = ratio.value;
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
          valid.push({
            row,
            indicatorId: indicator.id,
            periodStart,
            hasValue,
            value: hasValue ? value : null,
            numerator: hasValue ? numerator : null,
            denominator: hasValue ? denominator : null,
            status,
            commentary,
            correctiveAction: action,
            statNeighbours,
            england,
            target,
          });
        }
      }
    }
    Object.assign(state, { lastCode, lastTitle, last, totalRows });
    read += rows.length;
    return valid;
  };

  const finish = () => {
    const duplicateRows = new Set<number>();
    if (!pos && !headerBad) {
      problems.push({ row: 1, column: '', message: `The file is empty: the first row must name the columns ${VALUE_COLUMNS.map((c) => `‘${c}’`).join(', ')}` });
    }
    for (const group of duplicates.values()) {
      for (const row of group) {
        const others = group.filter((o) => o !== row);
        problems.push({
          row,
          column: 'Period',
          message:
            `This indicator and period are also on row${others.length > 1 ? 's' : ''} ` +
            `${others.length > 1 ? `${others.slice(0, -1).join(', ')} and ${others[others.length - 1]}` : others[0]}: give each period once`,
        });
        duplicateRows.add(row);
      }
    }
    const order = (c: string) => VALUE_COLUMNS.indexOf(c as ValueColumn);
    problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
    return { problems, duplicateRows, totalRows: state.totalRows };
  };

  return { check, hasProblems: () => problems.length > 0 || duplicates.size > 0, finish };
}
