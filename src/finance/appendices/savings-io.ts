// The savings tracker as a spreadsheet, in the seed's columns (amounts in £000, as the tracker prints them):
//
//   Reference | Title | Description | Committee | Transformation Workstream | BP Saving or Funnel? |
//   Investment 17-18 £000 | Original Phasing - Q1…Q4 | Original Saving 17-18 | Current Forecast Phasing - Q1…Q4 |
//   Forecast Saving | Variance from Plan £000 | Saving complete? | RAG | Direction of travel |
//   Forecast Commentary | Links with partner organisations
//
// The totals columns are derived: on import they may be left empty, and when filled they must agree with the
// quarters. Every row is checked before anything is stored, and every problem is reported by row (as the
// spreadsheet numbers it, the header being row 1) and column. A clean file, or the savings without problems once the
// officer has confirmed skipping the others (files/kept-upload.ts), is stored in one transaction: a saving whose
// reference the year already has is updated, the others are added.
import type { Database } from '../../db/database.ts';
import { readSpreadsheet, type RowProblem, SpreadsheetError, writeXlsx } from '../../documents/spreadsheet.ts';
import { stripFormulaGuard, toCsv } from '../../documents/csv.ts';
import type { SheetCell } from '../../documents/cells.ts';
import { isUpload, MAX_UPLOAD_BYTES } from '../../documents/file-types.ts';
import { changeContext, type RequestContext } from '../../web/context.ts';
import { isConfirmation, keepUpload, keptUpload, useKeptUpload } from '../../files/index.ts';
import { ValidationError } from '../../web/errors.ts';
import { type Pence, parseThousands, penceToThousands, savingTotals, shortYear, thousands } from './rules.ts';
import * as repo from './savings.repository.ts';
import type { SavingInput, SavingRow } from './savings.repository.ts';

export type { RowProblem };

const Q = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

/** The columns, with the year as the tracker prints it ('17-18'). */
export function savingColumns(year: string): string[] {
  const yy = shortYear(year);
  return [
    'Reference',
    'Title',
    'Description',
    'Committee',
    'Transformation Workstream',
    'BP Saving or Funnel?',
    `Investment ${yy} £000`,
    ...Q.map((q) => `Original Phasing - ${q}`),
    `Original Saving ${yy}`,
    ...Q.map((q) => `Current Forecast Phasing - ${q}`),
    'Forecast Saving',
    'Variance from Plan £000',
    'Saving complete?',
    'RAG',
    'Direction of travel',
    'Forecast Commentary',
    'Links with partner organisations',
  ];
}

// Headings are matched loosely: case, spacing and punctuation aside, and any year in them.
const headingKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/\d{2,4}\s*[-/]\s*\d{2}/g, '')
    .replace(/[^a-z0-9]/g, '');

const KINDS: Record<string, SavingInput['kind']> = { bpsaving: 'bp_saving', businessplansaving: 'bp_saving', bp: 'bp_saving', funnel: 'funnel' };
const RAGS: Record<string, SavingInput['rag']> = { red: 'red', amber: 'amber', green: 'green', r: 'red', a: 'amber', g: 'green', '': null, '0': null };
const DIRECTIONS: Record<string, SavingInput['direction']> = {
  '↑': 'improving',
  improving: 'improving',
  '↔': 'same',
  same: 'same',
  '→': 'same',
  '➔': 'same',
  '↓': 'worsening',
  worsening: 'worsening',
  '': null,
  '0': null,
};
const YES_NO: Record<string, boolean> = { yes: true, y: true, no: false, n: false, '': false };

/** The tracker prints 0 in an empty text cell. */
const textCell = (text: string | undefined) => {
  const t = (text ?? '').trim();
  return t === '0' ? '' : t;
};

export interface CheckedSavings {
  savings: SavingInput[];
  problems: RowProblem[];
  totalRows: number;
}

/** Checks every row of an uploaded tracker; committee names are linked to bodies of that name (any case). */
export function checkSavingRows(rows: string[][], year: string, bodies: { id: string; name: string }[]): CheckedSavings {
  const columns = savingColumns(year);
  const problems: RowProblem[] = [];
  // The header is the first row that starts with "Reference" (the tracker prints its totals above it).
  const headerAt = rows.findIndex((r) => headingKey(r[0] ?? '') === 'reference');
  if (headerAt < 0)
    return { savings: [], problems: [{ row: 1, column: 'Reference', message: 'The file has no header row starting with Reference' }], totalRows: 0 };
  const header = rows[headerAt]!.map(headingKey);
  const at = new Map<string, number>();
  for (const c of columns) {
    const index = header.indexOf(headingKey(c));
    if (index >= 0) at.set(c, index);
    else problems.push({ row: headerAt + 1, column: c, message: `The header has no column ${c}` });
  }
  if (problems.length) return { savings: [], problems, totalRows: 0 };
  const bodyByName = new Map(bodies.map((b) => [b.name.toLowerCase(), b.id]));
  const seen = new Map<string, number>();
  const savings: SavingInput[] = [];
  let totalRows = 0;
  rows.slice(headerAt + 1).forEach((cells, i) => {
    const rowNumber = headerAt + i + 2;
    if (cells.every((c) => (c ?? '').trim() === '')) return;
    totalRows++;
    // A CSV written by toCsv guards text that looks like a formula ('-10) with an apostrophe.
    const cell = (c: string) => stripFormulaGuard((cells[at.get(c)!] ?? '').trim());
    const problem = (column: string, message: string) => problems.push({ row: rowNumber, column, message });
    const before = problems.length;
    const amount = (column: string, required: boolean): Pence | null => {
      const text = cell(column);
      if (text === '' && !required) return null;
      const parsed = parseThousands(text === '' ? '0' : text, column);
      if (!parsed.ok) {
        problem(column, parsed.error);
        return null;
      }
      return parsed.pence;
    };
    const reference = cell('Reference');
    if (!reference) problem('Reference', 'Enter the reference of the saving');
    else if (reference.length > 100) problem('Reference', 'The reference must be 100 characters or fewer');
    else if (seen.has(reference.toLowerCase())) problem('Reference', `The reference ${reference} is also on row ${seen.get(reference.toLowerCase())}`);
    else seen.set(reference.toLowerCase(), rowNumber);
    const title = cell('Title');
    if (!title) problem('Title', 'Enter the title of the saving');
    else if (title.length > 500) problem('Title', 'The title must be 500 characters or fewer');
    const kind = KINDS[headingKey(cell('BP Saving or Funnel?'))];
    if (!kind) problem('BP Saving or Funnel?', 'Write BP Saving or Funnel');
    const [investmentColumn, plannedColumn, forecastColumn] = [columns[6]!, columns[11]!, 'Forecast Saving'];
    const investment = amount(investmentColumn, false) ?? 0;
    const planned = Q.map((q) => amount(`Original Phasing - ${q}`, false) ?? 0) as SavingInput['plannedPence'];
    const forecast = Q.map((q) => amount(`Current Forecast Phasing - ${q}`, false) ?? 0) as SavingInput['forecastPence'];
    const totals = savingTotals({ planned, forecast });
    const agrees = (column: string, derived: Pence) => {
      const given = amount(column, false);
      if (given !== null && thousands(given) !== thousands(derived) && given !== derived) {
        problem(column, `${column} is ${cell(column)} but the quarters make it ${thousands(derived).toLocaleString('en-GB')}: correct one, or leave it empty`);
      }
    };
    agrees(plannedColumn, totals.planned);
    agrees(forecastColumn, totals.forecast);
    agrees('Variance from Plan £000', totals.variance);
    const complete = YES_NO[headingKey(cell('Saving complete?'))];
    if (complete === undefined) problem('Saving complete?', 'Write Yes or No');
    const rag = RAGS[headingKey(cell('RAG'))];
    if (rag === undefined) problem('RAG', 'Write Red, Amber or Green, or leave it empty');
    const directionText = cell('Direction of travel');
    const direction = DIRECTIONS[/^[a-z]/i.test(directionText) ? headingKey(directionText) : directionText];
    if (direction === undefined) problem('Direction of travel', 'Write ↑, ↔ or ↓ (or Improving, Same or Worsening), or leave it empty');
    if (problems.length > before) return;
    const committee = textCell(cell('Committee'));
    savings.push({
      reference,
      title,
      description: textCell(cell('Description')),
      committee,
      bodyId: bodyByName.get(committee.toLowerCase()) ?? null,
      workstream: textCell(cell('Transformation Workstream')),
      kind: kind!,
      investmentPence: investment,
      plannedPence: planned,
      forecastPence: forecast,
      complete: complete!,
      rag: rag ?? null,
      direction: direction ?? null,
      commentary: textCell(cell('Forecast Commentary')),
      partnerLinks: textCell(cell('Links with partner organisations')),
    });
  });
  return { savings, problems, totalRows };
}

export type SavingsImport =
  | { kind: 'problems'; problems: RowProblem[]; totalRows: number; validRows: number; token: string | null }
  | { kind: 'imported'; added: number; updated: number; skipped: number };

const keptFor = (year: string) => `savings tracker ${year}`;

/**
 * The import form: a file for a year, checked whole and stored only when it has no problem; with problems, the file
 * is kept and its token returned, so that the officer may confirm (confirmed=yes and the token) importing the
 * savings without problems and skipping the others.
 */
export async function importSavings(db: Database, ctx: RequestContext, year: string, body: Record<string, unknown>): Promise<SavingsImport> {
  const confirming = isConfirmation(body);
  const file = body.file;
  if (confirming) {
    // The file kept at the check, found by its token (for this year's tracker only).
  } else if (!isUpload(file) || file.filename.trim() === '') throw new ValidationError({ file: 'Select a CSV or Excel file of savings' });
  else if (file.tooLarge || file.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ file: 'The selected file must be smaller than 10MB' });
  else if (file.data.length === 0) throw new ValidationError({ file: 'The selected file is empty' });
  const upload = confirming ? await keptUpload(db, ctx.tenantId, keptFor(year), body.token) : (file as { filename: string; data: Buffer });
  let rows: string[][];
  try {
    rows = await readSpreadsheet(upload.data, upload.filename, { what: 'a savings tracker' });
  } catch (e) {
    if (e instanceof SpreadsheetError) throw new ValidationError({ file: e.message });
    throw e;
  }
  const { savings, problems, totalRows } = checkSavingRows(rows, year, await repo.bodyChoices(db, ctx.tenantId));
  if (problems.length && !confirming) {
    const token = savings.length ? await keepUpload(db, ctx, keptFor(year), upload) : null;
    return { kind: 'problems', problems, totalRows, validRows: savings.length, token };
  }
  if (savings.length === 0)
    throw new ValidationError({ file: totalRows ? 'The file has no savings without problems to import' : 'The file has no savings under its header' });
  return db.transaction(changeContext(ctx), async (tx) => {
    if (confirming) await useKeptUpload(tx, ctx.tenantId, keptFor(year), body.token);
    const existing = await repo.savingIdsByReference(tx, ctx.tenantId, year);
    let added = 0;
    for (const s of savings) {
      const id = existing.get(s.reference.toLowerCase());
      if (id) await repo.updateSaving(tx, ctx.tenantId, id, null, s);
      else {
        await repo.insertSaving(tx, ctx.tenantId, year, s);
        added++;
      }
    }
    return { kind: 'imported' as const, added, updated: savings.length - added, skipped: totalRows - savings.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Export

const DIRECTION_ARROWS: Record<string, string> = { improving: '↑', same: '↔', worsening: '↓' };
const RAG_WORDS: Record<string, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** The year's tracker in the import's columns, amounts as numbers of £000 (exact to the penny). */
export function savingSheetRows(year: string, savings: SavingRow[]): SheetCell[][] {
  const n = penceToThousands;
  return [
    savingColumns(year),
    ...savings.map((s) => {
      const t = savingTotals({ planned: s.plannedPence, forecast: s.forecastPence });
      return [
        s.reference,
        s.title,
        s.description,
        s.committee,
        s.workstream,
        s.kind === 'funnel' ? 'Funnel' : 'BP Saving',
        n(s.investmentPence),
        ...s.plannedPence.map(n),
        n(t.planned),
        ...s.forecastPence.map(n),
        n(t.forecast),
        n(t.variance),
        s.complete ? 'Yes' : 'No',
        s.rag ? RAG_WORDS[s.rag]! : '',
        s.direction ? DIRECTION_ARROWS[s.direction]! : '',
        s.commentary,
        s.partnerLinks,
      ];
    }),
  ];
}

export const savingsCsv = (rows: SheetCell[][]) => toCsv(rows);
export const savingsXlsx = (year: string, rows: SheetCell[][]) => writeXlsx(`Savings tracker ${year}`, rows);
