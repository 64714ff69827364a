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
import { batchEventHead, batchFile, resumeRowAudit, skipRowAudit, type BatchFile } from '../db/audit-batch.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ValidationError } from '../web/errors.ts';
import { isUniqueViolation } from '../web/schema.ts';
import { numberOrText, type SheetCell } from '../documents/cells.ts';
import { toCsv } from '../documents/csv.ts';
import { isUpload, safeFilename, MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { isConfirmation, keepUpload, keptUpload, useKeptUpload } from '../files/index.ts';
import { periodLabel } from './periods.ts';
import type { Frequency, Unit } from './indicator-types.ts';
import { checkValueAgainstRatio } from './rules.ts';
import { unusualMessage, usualRange } from './unusual-values.ts';
import * as repo from './values.repository.ts';
import type { ImportProgressNow } from './value-imports.repository.ts';
import { VALUE_COLUMNS, validateValueRows, valueChecker, type ImportIndicator, type ParsedValueRow } from './values-validation.ts';
import { readSpreadsheet, spreadsheetRows, SpreadsheetError, writeXlsx, type RowProblem } from '../documents/spreadsheet.ts';

export type { RowProblem };

/** The most rows an import reads (an upload is also limited to 10MB by the form). */
export const MAX_IMPORT_ROWS = 2_000_000;
/** Rows per insert statement: big enough that the per-statement cost vanishes, small enough to keep parameters modest. */
export const DEFAULT_BATCH_SIZE = 10_000;

// ---------------------------------------------------------------------------------------------
// Files

/** What a kept upload is kept for: its token reaches no other file. */
const KEPT_FOR = 'indicator values';

const READ = { maxRows: MAX_IMPORT_ROWS, what: 'a values file' };

/** Reads an uploaded values file (CSV or .xlsx) into rows; a file that cannot be read is a ValidationError on `file`. */
export async function readValueRows(bytes: Uint8Array, filename: string): Promise<string[][]> {
  return asFileProblem(() => readSpreadsheet(bytes, filename, READ));
}

/** What read gives; a file it cannot read (a SpreadsheetError) is a ValidationError on `file`. */
async function asFileProblem<T>(read: () => T | Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof SpreadsheetError) throw new ValidationError({ file: e.message }, e.message);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Import

/** The message when a value this import took for new was stored by someone else while it ran. */
export const STORED_MEANWHILE =
  'Someone entered values for some of these indicators and periods while the file was being imported, so nothing was imported: import the file again';

/**
 * Writes checked rows in one transaction: new values inserted, stored ones upserted (unpublished when
 * changed; unchanged values are left alone), then targets the same way. Inside the transaction
 * `beforeWrite` may check or claim something (the confirmation token). Audited as one event (valueWriter).
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
  }: { file: BatchFile; batchSize?: number; beforeWrite?: (tx: Queryable) => Promise<void>; onProgress?: (p: ImportProgressNow) => void },
): Promise<number> {
  await writeTransaction(db, ctx, async (tx) => {
    const writer = valueWriter(db, tx, ctx, file.filename);
    for (let k = 0; k < rows.length; k += batchSize) {
      await writer.write(rows.slice(k, k + batchSize), k === 0 ? beforeWrite : undefined);
      onProgress?.({ step: 'writing', rowsDone: Math.min(rows.length, k + batchSize), rowsTotal: rows.length });
    }
    await writer.finish(file);
  });
  return rows.length;
}

/** A transaction that writes values: a value stored meanwhile by someone else stops it with a message. */
async function writeTransaction(db: Database, ctx: RequestContext, write: (tx: Queryable) => Promise<void>) {
  try {
    await db.transaction(changeContext(ctx), write);
  } catch (e) {
    if (isUniqueViolation(e)) throw new ValidationError({ file: STORED_MEANWHILE }, STORED_MEANWHILE);
    throw e;
  }
}

/**
 * Writes an import's checked rows, a batch at a time, inside its transaction, and audits them as one event
 * (db/audit-batch.ts): the row triggers of indicator_values and indicator_targets are skipped while it writes,
 * each statement that writes something adds a part under the import's id, and finish() writes the event itself,
 * naming the file, its hash and row count, and what was written. Which rows of a batch are stored already decides
 * how each is written: new ones by a plain insert whose part is the batch's own arrays (nothing before), stored
 * ones by an upsert whose part lists each with its fields before and after. importedChanges (values.repository.ts)
 * reads every value back from the event. write() returns once the batch's statements are sent, so the caller can
 * read and check the next rows while the database writes these; the next write() waits for them.
 *
 * Which rows are stored is read beside the transaction (readerBeside): a value this import wrote is never asked
 * about again, since a period given twice stops the import.
 */
function valueWriter(db: Database, tx: Queryable, ctx: RequestContext, filename: string) {
  const reader = readerBeside(db, tx);
  const importId = randomUUID();
  const name = `Values import: ${filename}`;
  const written = { values: 0, targets: 0, parts: 0 };
  const newIds = repo.timeOrderedIds();
  let batches = 0;
  let pending: Promise<void> = Promise.resolve();
  let started = false;
  const send = async (
    kind: 'values' | 'targets',
    write: (tx: Queryable, params: unknown[]) => Promise<number>,
    list: ParsedValueRow[],
    params: (tenantId: string, batch: ParsedValueRow[], ids: string[], part: repo.PartHead) => unknown[],
  ) => {
    if (list.length === 0) return;
    const next = params(ctx.tenantId, list, newIds(list.length), { importId, name, part: ++batches });
    await pending;
    pending = write(tx, next).then((n) => {
      written[kind] += n;
      if (n > 0) written.parts++;
    });
  };
  const split = (list: ParsedValueRow[], keys: Set<string>): [ParsedValueRow[], ParsedValueRow[]] => {
    if (keys.size === 0) return [list, []];
    const fresh: ParsedValueRow[] = [];
    const known: ParsedValueRow[] = [];
    for (const r of list) (keys.has(repo.rowKey(r.indicatorId, r.periodStart)) ? known : fresh).push(r);
    return [fresh, known];
  };
  return {
    async write(rows: ParsedValueRow[], beforeWrite?: (tx: Queryable) => Promise<void>) {
      if (!started) {
        started = true;
        await skipRowAudit(tx, AUDITED_AS_ONE);
      }
      const values = rows.some((r) => !r.hasValue) ? rows.filter((r) => r.hasValue) : rows;
      const targets = rows.filter((r) => r.target !== null);
      const stored = await repo.liveKeys(reader, ctx.tenantId, rows);
      if (beforeWrite) await beforeWrite(tx);
      const [newValues, storedValues] = split(values, stored.values);
      const [newTargets, storedTargets] = split(targets, stored.targets);
      await send('values', repo.insertNewValueBatch, newValues, repo.newValueBatchParams);
      await send('values', repo.upsertValueBatch, storedValues, repo.valueBatchParams);
      await send('targets', repo.insertNewTargetBatch, newTargets, repo.newTargetBatchParams);
      await send('targets', repo.upsertTargetBatch, storedTargets, repo.targetBatchParams);
    },
    async finish(file: BatchFile) {
      await pending;
      await repo.insertImportEvent(tx, ctx.tenantId, importId, {
        ...batchEventHead(name, file),
        values_written: written.values,
        targets_written: written.targets,
        parts: written.parts,
      });
      await resumeRowAudit(tx);
    },
  };
}

/**
 * Where an import reads what was stored before it: on PostgreSQL another connection of the pool, which sees
 * only what is committed (never this import's own rows) and does not wait behind the batch being written;
 * on PGlite, which has one connection, the import's transaction.
 */
const readerBeside = (db: Database, tx: Queryable): Queryable => (db.engine === 'postgres' ? db : tx);

/** The tables whose row audit an import replaces by its one event. */
const AUDITED_AS_ONE = ['indicator_values', 'indicator_targets'];

/** Thrown inside an import's transaction to roll it back when its rows turn out to have problems or warnings. */
class NotImported extends Error {}

/**
 * Reads, checks and imports an upload in one pass and one transaction: rows are read and checked a batch at a
 * time, and written while the next batch is read and checked, for as long as no row has a problem (or, with
 * `warn`, a value unusual for its indicator). Any problem or warning rolls the whole write back and is returned
 * with every other, as validateValueRows and unusualRows would give them; the file is then kept by the caller.
 */
export async function importUpload(
  db: Database,
  ctx: RequestContext,
  upload: { filename: string; data: Uint8Array },
  { warn = true, batchSize = DEFAULT_BATCH_SIZE, onProgress }: { warn?: boolean; batchSize?: number; onProgress?: (p: ImportProgressNow) => void } = {},
): Promise<
  { kind: 'problems'; problems: RowProblem[]; warnings: RowProblem[]; validRows: number; totalRows: number } | { kind: 'imported'; imported: number }
> {
  const source = await asFileProblem(() => spreadsheetRows(upload.data, upload.filename, READ));
  const indicators = await repo.loadIndicators(db, ctx.tenantId);
  const checker = valueChecker(indicators);
  const warnings: RowProblem[] = [];
  const history = new Map<string, { indicatorId: string; value: number }[]>();
  const validRowNumbers: number[] = [];
  const rowsTotal = estimatedRows(upload);
  let linesRead = 0;
  let outcome: ReturnType<typeof checker.finish> = { problems: [], duplicateRows: new Set(), totalRows: 0 };
  try {
    await writeTransaction(db, ctx, async (tx) => {
      const writer = valueWriter(db, tx, ctx, upload.filename);
      const nextRows = () => asFileProblem(() => source.next(batchSize));
      for (let rows = await nextRows(); rows.length; rows = await nextRows()) {
        linesRead += rows.length;
        const rowsDone = linesRead - 1; // the header is not a row of values
        onProgress?.({ step: 'checking', rowsDone, rowsTotal: rowsTotal === null ? null : Math.max(rowsTotal, rowsDone) });
        const valid = checker.check(rows);
        for (const r of valid) validRowNumbers.push(r.row);
        if (warn && valid.length) {
          // The history an unusual value is judged against is what was stored before this import wrote to the indicator.
          const unseen = [...new Set(valid.map((r) => r.indicatorId))].filter((id) => !history.has(id));
          if (unseen.length) {
            for (const id of unseen) history.set(id, []);
            for (const h of await repo.valueHistory(readerBeside(db, tx), ctx.tenantId, unseen)) history.get(h.indicatorId)!.push(h);
          }
          const ids = new Set(valid.map((r) => r.indicatorId));
          warnings.push(
            ...unusualRows(
              valid,
              [...ids].flatMap((id) => history.get(id)!),
              indicators,
            ),
          );
        }
        if (checker.hasProblems() || warnings.length) continue;
        await writer.write(valid);
      }
      outcome = checker.finish();
      if (outcome.problems.length || warnings.length) throw new NotImported();
      if (validRowNumbers.length === 0) {
        const message = outcome.totalRows === 0 ? 'The file has no rows of values under its header' : 'The file has no rows without problems to import';
        throw new ValidationError({ file: message }, message);
      }
      await writer.finish(batchFile(upload, validRowNumbers.length, 0));
    });
  } catch (e) {
    if (!(e instanceof NotImported)) throw e;
    const { problems, duplicateRows, totalRows } = outcome;
    return { kind: 'problems', problems, warnings, validRows: validRowNumbers.filter((r) => !duplicateRows.has(r)).length, totalRows };
  }
  return { kind: 'imported', imported: validRowNumbers.length };
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
  for (const h of history) {
    const values = past.get(h.indicatorId);
    if (values) values.push(h.value);
    else past.set(h.indicatorId, [h.value]);
  }
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

/** An import the form asks for: what it reads, about how many rows, and the import itself, which reports its progress. */
export interface FormImport {
  filename: string;
  rowsTotal: number | null;
  run: (onProgress: (p: ImportProgressNow) => void) => Promise<ImportResult>;
}

/**
 * The import form. With a file: read and check it; with problems, keep the file and return the
 * problems and a token; without, import it all. With confirmed=yes and the token: check the kept
 * file again and import only the rows without problems. A form without a usable file or token is a
 * ValidationError here, before anything runs.
 */
export async function formImport(db: Database, ctx: RequestContext, body: Record<string, unknown>): Promise<FormImport> {
  if (!isConfirmation(body)) {
    const file = body.file;
    if (!isUpload(file) || file.filename.trim() === '') throw new ValidationError({ file: 'Select a CSV or Excel file of values' });
    if (file.tooLarge || file.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ file: 'The selected file must be smaller than 10MB' });
    if (file.data.length === 0) throw new ValidationError({ file: 'The selected file is empty' });
    const upload = { filename: safeFilename(file.filename), data: file.data };
    return {
      filename: upload.filename,
      rowsTotal: estimatedRows(upload),
      // Read, checked and written in one pass; problems or warnings roll it back, and nothing is imported until
      // someone has seen them and confirmed.
      run: async (onProgress) => {
        const result = await importUpload(db, ctx, upload, { onProgress });
        if (result.kind === 'imported') return result;
        return { ...result, token: await keepUpload(db, ctx, KEPT_FOR, upload) };
      },
    };
  }
  // Confirmed: the kept file is checked again and only the rows without problems are imported.
  const upload = await keptUpload(db, ctx.tenantId, KEPT_FOR, body.token);
  return {
    filename: upload.filename,
    rowsTotal: estimatedRows(upload),
    run: async (onProgress) => {
      const rows = await readValueRows(upload.data, upload.filename);
      onProgress({ step: 'checking', rowsDone: rows.length - 1, rowsTotal: rows.length - 1 });
      const { valid, totalRows } = validateValueRows(rows, await repo.loadIndicators(db, ctx.tenantId));
      if (valid.length === 0) {
        const message = totalRows === 0 ? 'The file has no rows of values under its header' : 'The file has no rows without problems to import';
        throw new ValidationError({ file: message }, message);
      }
      const imported = await importValidRows(db, ctx, valid, {
        file: batchFile(upload, valid.length, totalRows - valid.length, String(body.token)),
        // The kept file is used once: confirming twice does not import twice.
        beforeWrite: (tx) => useKeptUpload(tx, ctx.tenantId, KEPT_FOR, body.token),
        onProgress,
      });
      return { kind: 'imported', imported };
    },
  };
}

/** About how many rows of values a file has, for the progress page: a CSV's lines under its header (a quoted line break counts too); a workbook's are not known until it is read. */
export function estimatedRows(upload: { filename: string; data: Uint8Array }): number | null {
  if (!/\.csv$/i.test(upload.filename)) return null;
  const { data } = upload;
  let lines = 0;
  for (let at = data.indexOf(10); at !== -1; at = data.indexOf(10, at + 1)) lines++;
  if (data.length && data[data.length - 1] !== 10) lines++;
  return Math.max(0, lines - 1);
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
