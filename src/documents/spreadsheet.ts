// Spreadsheets in and out: an uploaded CSV or XLSX read into rows of text, and rows written as an XLSX.
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellText as shownText, hasTime, type SheetCell } from './cells.ts';
import { CsvError, csvRows, parseCsv } from './csv.ts';
import { isContainerOf } from './zip-container.ts';

export interface RowProblem {
  row: number;
  column: string;
  message: string;
}

export class SpreadsheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpreadsheetError';
  }
}

/** A plan has a few hundred rows; refuse anything that is clearly not one before reading it all. */
export const MAX_ROWS = 10_000;
const NOT_A_SPREADSHEET = 'The file must be a CSV or an Excel workbook (.xlsx)';

/**
 * Reads an uploaded plan into rows of text. A .csv is read as UTF-8 (or, failing that, as the
 * Windows encoding Excel uses for "CSV (Comma delimited)"); an .xlsx is read from its first
 * worksheet, every cell as the text Excel would show. Anything else is a SpreadsheetError.
 */
export async function readSpreadsheet(
  bytes: Uint8Array,
  filename: string,
  { maxRows = MAX_ROWS, what = 'a plan' }: { maxRows?: number; what?: string } = {},
): Promise<string[][]> {
  const extension = /\.([a-z0-9]+)$/i.exec(filename.trim())?.[1]?.toLowerCase();
  let rows: string[][];
  if (extension === 'csv') {
    try {
      rows = parseCsv(decodeText(bytes));
    } catch (e) {
      if (e instanceof CsvError) throw new SpreadsheetError(e.message);
      throw e;
    }
  } else if (extension === 'xlsx') {
    rows = await readXlsx(bytes, maxRows, what);
  } else if (extension === 'xls' || isOleFile(bytes)) {
    throw new SpreadsheetError(`${NOT_A_SPREADSHEET}: this is an older Excel file, so open it in Excel and save it as an Excel workbook (.xlsx) or CSV`);
  } else {
    throw new SpreadsheetError(NOT_A_SPREADSHEET);
  }
  if (rows.length > maxRows) throw new SpreadsheetError(`The file has ${rows.length} rows: ${what} can have at most ${maxRows}`);
  return rows;
}

/** An upload's rows, handed out a few at a time (readSpreadsheet's rules and messages). */
export interface SpreadsheetRows {
  /** Up to `count` more rows; none at the end. Throws SpreadsheetError for a file that cannot be read, or has too many rows. */
  next(count: number): string[][];
}

/**
 * The rows of an upload, read as they are asked for: a .csv is parsed a few rows at a time, so a large
 * file can be checked and written while it is still being read; an .xlsx is read whole, then handed out.
 */
export async function spreadsheetRows(
  bytes: Uint8Array,
  filename: string,
  { maxRows = MAX_ROWS, what = 'a plan' }: { maxRows?: number; what?: string } = {},
): Promise<SpreadsheetRows> {
  const extension = /\.([a-z0-9]+)$/i.exec(filename.trim())?.[1]?.toLowerCase();
  if (extension !== 'csv') {
    const rows = await readSpreadsheet(bytes, filename, { maxRows, what });
    let at = 0;
    return { next: (count) => rows.slice(at, (at = Math.min(rows.length, at + count))) };
  }
  const reader = csvRows(decodeText(bytes));
  let total = 0;
  return {
    next(count) {
      let rows: string[][];
      try {
        rows = reader.next(count);
      } catch (e) {
        if (e instanceof CsvError) throw new SpreadsheetError(e.message);
        throw e;
      }
      total += rows.length;
      if (total > maxRows)
        throw new SpreadsheetError(
          `The file has more than ${maxRows.toLocaleString('en-GB')} rows: ${what} can have at most ${maxRows.toLocaleString('en-GB')}`,
        );
      return rows;
    },
  };
}

function isOleFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Bytes 0x80–0x9F of Windows-1252 (curly quotes, dashes, €). Node's own 'windows-1252'
// TextDecoder reads them as Latin-1 control characters, so map them here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let k = 0; k < bytes.length; k += 8192) {
    const chunk = Array.from(bytes.subarray(k, k + 8192), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b)));
    out += chunk.join('');
  }
  return out;
}

async function readXlsx(bytes: Uint8Array, maxRows: number, what: string): Promise<string[][]> {
  // An .xlsx is a zip file: check before handing arbitrary bytes to the zip reader.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    throw new SpreadsheetError(
      isOleFile(bytes)
        ? `${NOT_A_SPREADSHEET}: this is an older Excel file, so open it in Excel and save it as an Excel workbook (.xlsx) or CSV`
        : `${NOT_A_SPREADSHEET}: this file is named .xlsx but is not an Excel workbook`,
    );
  }
  if (!isContainerOf('xlsx', bytes)) throw new SpreadsheetError(`${NOT_A_SPREADSHEET}: this file is named .xlsx but could not be opened as an Excel workbook`);
  // Read as a stream (ExcelJS's WorkbookReader), the first worksheet only: a workbook loaded whole takes about
  // twelve bytes of memory for each byte of worksheet XML (300 MB for 50,000 rows of values); streamed, only the
  // rows read. The reader turns a number with a date format into a date itself, as the whole-workbook reader does.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: string[][] = [];
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      const date1904 = Boolean((reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904);
      for await (const row of sheet) {
        if (row.number > maxRows) throw new SpreadsheetError(`The worksheet has more than ${maxRows} rows: ${what} can have at most ${maxRows}`);
        // The stream holds only rows with cells: a blank row between them is kept, so row numbers match Excel's.
        while (rows.length < row.number - 1) rows.push([]);
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const text = cellText(cell.value, cell.numFmt, date1904);
          if (text === '') return;
          while (cells.length < col - 1) cells.push('');
          cells[col - 1] = text;
        });
        rows.push(cells);
      }
      break;
    }
  } catch (e) {
    if (e instanceof SpreadsheetError) throw e;
    throw new SpreadsheetError(`${NOT_A_SPREADSHEET}: this file is named .xlsx but could not be read as an Excel workbook`);
  }
  if (sheets === 0) throw new SpreadsheetError('The Excel workbook has no worksheets');
  return rows;
}

function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt || /^general$/i.test(numFmt)) return false;
  const bare = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyhs]/i.test(bare);
}

const pad = (n: number) => String(n).padStart(2, '0');

function dateText(date: Date): string {
  const time = date.getUTCHours() * 60 + date.getUTCMinutes();
  const hhmm = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  // Excel keeps a time of day as a date on 30 or 31 December 1899 (1 January 1904 in the 1904 system).
  if (date.getTime() < Date.UTC(1900, 0, 1) || (date.getUTCFullYear() === 1904 && date.getUTCMonth() === 0 && date.getUTCDate() === 1 && time)) return hhmm;
  const day = `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
  return time ? `${day} ${hhmm}` : day;
}

function numberText(n: number, numFmt: string | undefined, date1904: boolean): string {
  if (isDateFormat(numFmt)) {
    const ms = Math.round((n - (date1904 ? -1462 : 0) - 25569) * 86_400_000);
    return dateText(new Date(ms));
  }
  const fixed = numFmt ? /^0\.(0+)$/.exec(numFmt) : null;
  if (fixed) return n.toFixed(fixed[1]!.length);
  if (numFmt && /^0(?:\.(0+))?%$/.test(numFmt)) return `${(n * 100).toFixed(/\.(0+)%$/.exec(numFmt)?.[1]?.length ?? 0)}%`;
  return String(Number.isInteger(n) ? n : Number(n.toPrecision(15)));
}

function cellText(value: ExcelJS.CellValue, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, numFmt, date1904);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined ? '' : cellText(result as ExcelJS.CellValue, numFmt, date1904);
  }
  if ('text' in value) return cellText((value as { text: ExcelJS.CellValue }).text, numFmt, date1904);
  return '';
}

/** Characters that XML 1.0 (and so an .xlsx) cannot hold. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A cell as ExcelJS writes it: text made safe for XML, a number only when finite, a date only when valid; empty text is a blank cell. */
function sheetValue(cell: SheetCell): string | number | Date | null {
  if (cell === null || cell === undefined || cell === '') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : cell;
  return cell.replace(NOT_XML, '').slice(0, 32_767);
}

/**
 * An .xlsx of one worksheet: the first row bold and frozen with a filter, text wrapped, columns
 * sized to fit. Numbers are written as numbers and dates as dates (dd/mm/yyyy, with hh:mm when
 * the date has a time), so that Excel can sum and sort them.
 */
export async function writeXlsx(sheetName: string, rows: readonly (readonly SheetCell[])[]): Promise<Uint8Array> {
  // Written as a stream (ExcelJS's WorkbookWriter), each row committed as it is added: a workbook built whole
  // took 1.9 GB and 204 s for the 240,000 values of a large county; streamed, memory stays with the rows given.
  const chunks: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  workbook.creator = 'Partnership Hub';
  const name =
    sheetName
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/^'+|'+$/g, '')
      .trim()
      .slice(0, 31) || 'Sheet1';
  // Printed, the sheet fits the width of landscape A4 pages, with its header row on each.
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  // Each column as wide as its longest line, set before any row is written (loops: an export can have a million rows).
  const longest: number[] = [];
  for (const row of rows) {
    for (let k = 0; k < row.length; k++) {
      for (const line of shownText(row[k]).split('\n')) if (line.length > (longest[k] ?? 0)) longest[k] = line.length;
    }
  }
  const alignment: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  sheet.columns = longest.map((n) => ({ width: Math.min(60, Math.max(10, (n ?? 0) + 2)), style: { alignment } }));
  if (rows.length > 0 && longest.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: longest.length } };
  rows.forEach((row, r) => {
    const added = sheet.addRow(row.map(sheetValue));
    row.forEach((cell, k) => {
      if (cell instanceof Date && !Number.isNaN(cell.getTime())) added.getCell(k + 1).numFmt = hasTime(cell) ? 'dd/mm/yyyy hh:mm' : 'dd/mm/yyyy';
    });
    if (r === 0) {
      added.font = { bold: true };
      added.alignment = alignment;
    }
    added.commit();
  });
  sheet.commit();
  await workbook.commit();
  return new Uint8Array(Buffer.concat(chunks));
}
