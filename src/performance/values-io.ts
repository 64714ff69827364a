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
// rows without problems (files/kept-upload.ts: the token reaches only a file kept for this import,
// once). An import is one transaction of set-based upserts (unnest arrays, in batches): it succeeds whole or not at all. A changed value is unpublished, like any edit; a
// value the file repeats unchanged is not written at all (so it stays published). An empty Target
// cell leaves the period's target as it is.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.ts';
import { batchEventHead, batchFile, type BatchFile, withBatchAudit } from '../db/audit-batch.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ValidationError } from '../web/errors.ts';
import { numberOrText, type SheetCell } from '../documents/cells.ts';
import { toCsv } from '../documents/csv.ts';
import { isUpload, safeFilename, MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { isConfirmation, keepUpload, keptUpload, useKeptUpload } from '../files/index.ts';
import { periodLabel } from './periods.ts';
import type { Frequency, Unit } from './indicator-types.ts';
import { checkValueAgainstRatio } from './rules.ts';
import { unusualMessage, usualRange } from './unusual-values.ts';
import * as repo from './values.repository.ts';
import { VALUE_COLUMNS, validateValueRows, type ImportIndicator, type ParsedValueRow } from './values-validation.ts';
import { readSpreadsheet, SpreadsheetError, writeXlsx, type RowProblem } from '../documents/spreadsheet.ts';

export type { RowProblem };

/** The most rows an import reads (an upload is also limited to 10MB by the form). */
export const MAX_IMPORT_ROWS = 2_000_000;
/** Rows per insert statement: big enough that the per-statement cost vanishes, small enough to keep parameters modest. */
export const DEFAULT_BATCH_SIZE = 10_000;

// ---------------------------------------------------------------------------------------------
// Files

/** What a kept upload is kept for: its token reaches no other file. */
const KEPT_FOR = 'indicator values';

/** Reads an uploaded values file (CSV or .xlsx) into rows; a file that cannot be read is a ValidationError on `file`. */
export async function readValueRows(bytes: Uint8Array, filename: string): Promise<string[][]> {
  try {
    return await readSpreadsheet(bytes, filename, { maxRows: MAX_IMPORT_ROWS, what: 'a values file' });
  } catch (e) {
    if (e instanceof SpreadsheetError) throw new ValidationError({ file: e.message }, e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/** How far an import has got, for its progress page: rows written so far, of those to write. */
export interface ImportProgress {
  written: number;
  toWrite: number;
}

/**
 * Writes checked rows in one transaction: values upserted (unpublished when changed; unchanged
 * values are left alone), then targets. Batches are built while the previous one runs. Inside
 * the transaction `beforeWrite` may check or claim something (the confirmation token).
 *
 * Audited as one event (db/audit-batch.ts): the row triggers of indicator_values and indicator_targets
 * are skipped for the write, each batch that writes something adds a part (every value written, with its
 * fields before and after) under the import's id, and the event itself, written last, names the file, its
 * hash and row count, and what was written.
 */
export async function importValidRows(
  db: Database,
  ctx: RequestContext,
  rows: ParsedValueRow[],
  {
    file,
    batchSize = DEFAULT_BATCH_SIZE,
    beforeWrite,
    onProgress,
  }: { file: BatchFile; batchSize?: number; beforeWrite?: (tx: Queryable) => Promise<void>; onProgress?: (p: ImportProgress) => void },
): Promise<number> {
  const values = rows.some((r) => !r.hasValue) ? rows.filter((r) => r.hasValue) : rows;
  const targets = rows.filter((r) => r.target !== null);
  const importId = randomUUID();
  const name = `Values import: ${file.filename}`;
  const toWrite = values.length + targets.length;
  await db.transaction(changeContext(ctx), async (tx) => {
    if (beforeWrite) await beforeWrite(tx);
    const written = { values: 0, targets: 0, parts: 0, rows: 0 };
    await withBatchAudit(tx, ['indicator_values', 'indicator_targets'], async () => {
      // Parts are numbered by batch, in the order written; a batch that writes nothing writes no part.
      let pending: Promise<unknown> | null = null;
      let batches = 0;
      const newIds = repo.timeOrderedIds();
      const run = async (
        kind: 'values' | 'targets',
        write: (tx: Queryable, params: unknown[]) => Promise<number>,
        list: ParsedValueRow[],
        params: (tenantId: string, batch: ParsedValueRow[], ids: string[], part: repo.PartHead) => unknown[],
      ) => {
        for (let k = 0; k < list.length; k += batchSize) {
          const batch = list.slice(k, k + batchSize);
          const next = params(ctx.tenantId, batch, newIds(batch.length), { importId, name, part: ++batches });
          if (pending) await pending;
          pending = write(tx, next).then((n) => {
            written[kind] += n;
            if (n > 0) written.parts++;
            written.rows += batch.length;
            onProgress?.({ written: written.rows, toWrite });
          });
        }
        if (pending) await pending;
      };
      await run('values', repo.upsertValueBatch, values, repo.valueBatchParams);
      await run('targets', repo.upsertTargetBatch, targets, repo.targetBatchParams);
      await repo.insertImportEvent(tx, ctx.tenantId, importId, {
        ...batchEventHead(name, file),
        values_written: written.values,
        targets_written: written.targets,
        parts: written.parts,
      });
    });
  });
  return rows.length;
}

/**
 * Rows whose value is far outside its indicator's stored history (unusual-values.ts): warnings,
 * not problems, so they can still be imported once someone has looked at them.
 */
export function unusualRows(
  rows: readonly ParsedValueRow[],
  history: readonly { indicatorId: string; value: number }[],
  indicators: ImportIndicator[],
): RowProblem[] {
  const past = new Map<string, number[]>();
  for (const h of history) past.set(h.indicatorId, [...(past.get(h.indicatorId) ?? []), h.value]);
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const ranges = new Map([...past].map(([id, values]) => [id, usualRange(values, byId.get(id)?.decimals ?? 0)]));
  const warnings: RowProblem[] = [];
  for (const r of rows) {
    const range = ranges.get(r.indicatorId);
    const indicator = byId.get(r.indicatorId);
    if (!range || !indicator || r.value === null || (r.value >= range.low && r.value <= range.high)) continue;
    warnings.push({ row: r.row, column: 'Value', message: `${unusualMessage(r.value, range, indicator.unit as Unit, indicator.decimals)}: is it right?` });
  }
  return warnings;
}

export type ImportResult =
  | { kind: 'problems'; problems: RowProblem[]; warnings: RowProblem[]; validRows: number; totalRows: number; token: string }
  | { kind: 'imported'; imported: number };

/**
 * The import form. With a file: read and check it; with problems, keep the file and return the
 * problems and a token; without, import it all. With confirmed=yes and the token: check the kept
 * file again and import only the rows without problems.
 */
export async function importFromForm(db: Database, ctx: RequestContext, body: Record<string, unknown>): Promise<ImportResult> {
  const confirming = isConfirmation(body);
  let upload: { filename: string; data: Buffer };
  if (confirming) upload = await keptUpload(db, ctx.tenantId, KEPT_FOR, body.token);
  else {
    const file = body.file;
    if (!isUpload(file) || file.filename.trim() === '') throw new ValidationError({ file: 'Select a CSV or Excel file of values' });
    if (file.tooLarge || file.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ file: 'The selected file must be smaller than 10MB' });
    if (file.data.length === 0) throw new ValidationError({ file: 'The selected file is empty' });
    upload = { filename: safeFilename(file.filename), data: file.data };
  }
  const rows = await readValueRows(upload.data, upload.filename);
  const indicators = await repo.loadIndicators(db, ctx.tenantId);
  const { valid, problems, totalRows } = validateValueRows(rows, indicators);
  const warnings = confirming ? [] : unusualRows(valid, await repo.valueHistory(db, ctx.tenantId, [...new Set(valid.map((r) => r.indicatorId))]), indicators);
  // Problems or warnings: nothing is imported until someone has seen them and confirmed.
  if ((problems.length || warnings.length) && !confirming) {
    const token = await keepUpload(db, ctx, KEPT_FOR, upload);
    return { kind: 'problems', problems, warnings, validRows: valid.length, totalRows, token };
  }
  if (valid.length === 0) {
    const message = totalRows === 0 ? 'The file has no rows of values under its header' : 'The file has no rows without problems to import';
    throw new ValidationError({ file: message }, message);
  }
  const imported = await importValidRows(db, ctx, valid, {
    file: batchFile(upload, valid.length, totalRows - valid.length, confirming ? String(body.token) : null),
    // The kept file is used once: confirming twice does not import twice.
    beforeWrite: confirming ? (tx) => useKeptUpload(tx, ctx.tenantId, KEPT_FOR, body.token) : undefined,
  });
  return { kind: 'imported', imported };
}

// ---------------------------------------------------------------------------------------------
// Export

/** Every live value and target of the tenant's live indicators, header first, in the import format. */
export async function exportRows(db: Queryable, tenantId: string): Promise<string[][]> {
  const rows = await repo.valuesForExport(db, tenantId);
  const out: string[][] = [[...VALUE_COLUMNS]];
  let lastKey = '';
  let lastLabel = '';
  for (const r of rows) {
    const key = `${r.frequency}${r.periodStart}`;
    if (key !== lastKey) [lastKey, lastLabel] = [key, periodLabel({ frequency: r.frequency as Frequency, start: r.periodStart })];
    out.push([
      r.code ?? '',
      r.title,
      lastLabel,
      r.value ?? '',
      r.numerator ?? '',
      r.denominator ?? '',
      r.status ?? '',
      r.target ?? '',
      r.statNeighbours ?? '',
      r.england ?? '',
      r.commentary ?? '',
      r.correctiveAction ?? '',
    ]);
  }
  return out;
}

const NUMBER_COLUMNS = new Set([3, 4, 5, 7, 8, 9]);

/** Value, numerator, denominator, target and comparators as numbers (when written plainly), so a spreadsheet can sum them. */
function typedRows(rows: readonly (readonly SheetCell[])[]): SheetCell[][] {
  return rows.map((row, r) => (r === 0 ? [...row] : row.map((cell, k) => (NUMBER_COLUMNS.has(k) && typeof cell === 'string' ? numberOrText(cell) : cell))));
}

/** The rows as CSV. Numbers are written as numbers, so a spreadsheet does not see a negative number as text. */
export function toCsvText(rows: readonly (readonly SheetCell[])[]): string {
  return toCsv(typedRows(rows));
}

/** The rows as an Excel workbook of one sheet, the numbers as numbers. */
export async function toXlsx(rows: readonly (readonly SheetCell[])[]): Promise<Uint8Array> {
  return writeXlsx('Indicator values', typedRows(rows));
}

export { checkValueAgainstRatio };
