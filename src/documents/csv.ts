// CSV reading and writing (RFC 4180), shared by every import and export. Pure functions.
//
// Writing: CRLF line ends, a UTF-8 byte order mark first (so Excel reads accents and curly
// quotes), fields quoted only when they must be, and cells that a spreadsheet would run as a
// formula (= + - @ tab CR at the start) prefixed with an apostrophe. Numbers passed as numbers
// are written as they are, so -5 stays a number. Reading undoes all of that except the
// apostrophe: use stripFormulaGuard on cells where the import should accept our own exports.
// A date cell is written dd/mm/yyyy.
import { cellText, type SheetCell } from './cells.ts';

/** A CSV that cannot be read. `line` is the 1-based line of the text where the trouble starts. */
export class CsvError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
  }
}

export type CsvCell = SheetCell;

/** Cells a spreadsheet would treat as a formula, or that could start one after trimming. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Reads RFC 4180 CSV into rows of cells. Accepts CRLF, LF or CR line ends, strips a leading
 * UTF-8 byte order mark, and ignores the line break after the last row. Blank lines inside the
 * file are kept (as ['']) so that row numbers match what a spreadsheet shows. Lenient where
 * the RFC is strict: a quote inside an unquoted field is kept as it is, and text after a
 * closing quote is added to the field. Throws CsvError for a quoted field that never closes.
 */
export function parseCsv(text: string): string[][] {
  const reader = csvRows(text);
  const rows: string[][] = [];
  for (let chunk = reader.next(Infinity); chunk.length; chunk = reader.next(Infinity)) for (const row of chunk) rows.push(row);
  return rows;
}

/** A CSV read a few rows at a time (parseCsv's rules), so a large file can be checked and written as it is read. */
export interface CsvRows {
  /** Up to `count` more rows; none when the text is done. Throws CsvError as parseCsv does. */
  next(count: number): string[][];
}

export function csvRows(text: string): CsvRows {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  let done = i >= n;
  return {
    next(count) {
      const rows: string[][] = [];
      let row: string[] = [];
      while (!done && rows.length < count) {
        let field = '';
        if (text.charCodeAt(i) === 34 /* " */) {
          const startLine = line;
          i++;
          for (;;) {
            const q = text.indexOf('"', i);
            if (q === -1) {
              throw new CsvError(
                `The CSV file has a quoted cell, starting on line ${startLine}, that is never closed: check for a missing " character`,
                startLine,
              );
            }
            const chunk = text.slice(i, q);
            line += countLineBreaks(chunk);
            field += chunk;
            if (text.charCodeAt(q + 1) === 34) {
              field += '"';
              i = q + 2;
            } else {
              i = q + 1;
              break;
            }
          }
        }
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 /* , */ || c === 13 /* \r */ || c === 10 /* \n */) break;
          j++;
        }
        // An unquoted cell is one slice of the text; a quoted one may have more after its closing quote.
        field = field === '' ? text.slice(i, j) : field + text.slice(i, j);
        i = j;
        row.push(field);
        if (i >= n) {
          rows.push(row);
          done = true;
          break;
        }
        if (text.charCodeAt(i) === 44) {
          i++;
          continue;
        }
        i += text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
        rows.push(row);
        row = [];
        if (i >= n) done = true;
      }
      return rows;
    },
  };
}

function countLineBreaks(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 10) count++;
    else if (c === 13 && s.charCodeAt(k + 1) !== 10) count++;
  }
  return count;
}

/** One cell as CSV text, neutralised against formula injection and quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return cellText(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  // A leading byte order mark is quoted so that a reader cannot mistake it for the file's own.
  return /[",\r\n]|^\uFEFF/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Writes rows as CSV: CRLF after every row, a UTF-8 byte order mark first unless
 * `{ bom: false }`. An empty row and a row of one empty cell are written the same way.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  let out = options.bom === false ? '' : '\uFEFF';
  for (const row of rows) out += `${row.map(csvCell).join(',')}\r\n`;
  return out;
}

/**
 * Undoes toCsv's apostrophe on a cell read back in: "'=SUM(A1)" → "=SUM(A1)". Only an
 * apostrophe followed by a formula character is removed, so "'Twas" is left alone.
 */
export function stripFormulaGuard(cell: string): string {
  return cell.charCodeAt(0) === 39 /* ' */ && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
