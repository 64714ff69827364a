// A delivery plan as a spreadsheet (XLSX or CSV): one row per action, in seed 004's columns with
// the priority in front and the progress after. The import (./plan-import.ts) reads the same
// columns back and ignores the progress columns, so an export edited in Excel can be imported.
import { dateOrText, type SheetCell } from '../../documents/cells.ts';
import { toCsv } from '../../documents/csv.ts';
import { PLAN_COLUMNS, type PlanDocument } from '../plan-types.ts';
import { writeXlsx } from '../../documents/spreadsheet.ts';

export const PLAN_SHEET_NAME = 'Delivery plan';
export const PRIORITY_HEADING = 'Priority';
export const PRIORITY_TITLE_HEADING = 'Priority title';
/** Written by the export, ignored by the import: progress is recorded in the hub, not imported. */
export const PROGRESS_HEADINGS = ['Status', 'RAG', '% complete'] as const;

export const PLAN_SHEET_HEADINGS = [PRIORITY_HEADING, PRIORITY_TITLE_HEADING, ...PLAN_COLUMNS.map((c) => c.heading), ...PROGRESS_HEADINGS] as const;

/** 'on_track' → 'On track', 'green' → 'Green'. */
const label = (value: string) =>
  value
    .trim()
    .replace(/_/g, ' ')
    .replace(/^./, (c) => c.toLocaleUpperCase('en-GB'));

/** Milestones typed as a full date ("17/04/2018") are dates in Excel; "April 2018" stays text. */
const DATE_KEYS: ReadonlySet<string> = new Set(['firstMilestone', 'continuesUntil']);

/**
 * The plan as rows, the heading row first; the priority's number and title on every row, so a
 * filtered sheet still says which priority a row is under. The priority and % complete are numbers.
 */
export function planSheetRows(doc: PlanDocument): SheetCell[][] {
  const rows: SheetCell[][] = [[...PLAN_SHEET_HEADINGS]];
  for (const priority of doc.priorities) {
    for (const action of priority.actions) {
      rows.push([
        priority.number,
        priority.title.trim(),
        ...PLAN_COLUMNS.map((c) => (DATE_KEYS.has(c.key) ? dateOrText(action[c.key]) : action[c.key])),
        label(action.status),
        label(action.rag),
        action.percentComplete ?? '',
      ]);
    }
  }
  return rows;
}

/** One sheet, "Delivery plan": the heading row bold and frozen, text wrapped. */
export async function planToXlsx(doc: PlanDocument): Promise<Buffer> {
  const bytes = await writeXlsx(PLAN_SHEET_NAME, planSheetRows(doc));
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The same rows as CSV (UTF-8 with a byte order mark, cells that could start a formula guarded). */
export function planToCsv(doc: PlanDocument): string {
  return toCsv(planSheetRows(doc));
}
