// Import of a delivery plan's actions from XLSX or CSV, in the columns the export writes
// (./plan-xlsx.ts): Priority, Priority title, then seed 004's nine columns. Headings are matched
// whatever their case and punctuation ("REF.", "Reference", "Ref"), and columns the import does
// not know (Status, RAG, % complete) are ignored. A sheet laid out as the seed's printed plan also
// works: a "PRIORITY 1: COMMUNITY RESILIENCE" row gives the priority of the actions below it, and
// the outcome statements under it are skipped. Every row is checked on its own and every problem
// reported with the row number the officer sees in Excel. Pure: no database.
import { stripFormulaGuard } from '../../documents/csv.ts';
import { PLAN_COLUMNS, type PlanColumn, type PlanImportRow } from '../plan-types.ts';
import { parsePlanDate, parseRecurrence } from '../rules.ts';
import { PRIORITY_HEADING, PRIORITY_TITLE_HEADING } from './plan-xlsx.ts';
import { SpreadsheetError, readSpreadsheet } from '../../documents/spreadsheet.ts';

export interface PlanImportResult {
  /** The rows without problems, in file order. `line` is the row number as a spreadsheet shows it. */
  rows: { line: number; row: PlanImportRow }[];
  /** Every problem of a row, as sentences starting "Row 5: ". */
  problems: { line: number; messages: string[] }[];
}

export const MAX_DESCRIPTION_LENGTH = 5000;
export const MAX_CELL_LENGTH = 2000;
const HEADER_SEARCH_ROWS = 30;

type Field = 'priorityNumber' | 'priorityTitle' | PlanColumn;

/** Other headings officers use for the plan's columns, as heading keys (see headingKey). */
const ALIASES: Record<PlanColumn, string[]> = {
  reference: ['reference', 'ref', 'refno', 'actionref', 'actionreference', 'actionno', 'actionnumber'],
  description: ['description', 'action', 'actions'],
  leadOfficer: ['leadofficers', 'lead', 'leads', 'officer'],
  firstMilestone: ['firstmilestone', 'milestone', 'milestonedate'],
  continuesUntil: ['continuesuntil', 'actioncontinuestill', 'until', 'enddate'],
  resources: ['resourcesrequired', 'resources', 'engagementfrompartners', 'resourcesrequiredengagement'],
  keyRisks: ['risks', 'keyrisk', 'risk'],
  outputs: ['output', 'keyoutputs'],
  decisionRoute: ['decisionroute', 'decisionmaking', 'decisionmakingroutes'],
};

/** The columns read, with the other spellings of their headings (compared without case, spaces, punctuation or a bracketed note). */
const FIELDS: { field: Field; heading: string; aliases: string[] }[] = [
  { field: 'priorityNumber', heading: PRIORITY_HEADING, aliases: ['priorityno', 'prioritynumber', 'priorityref'] },
  { field: 'priorityTitle', heading: PRIORITY_TITLE_HEADING, aliases: ['priorityname', 'prioritydescription'] },
  ...PLAN_COLUMNS.map((c) => ({ field: c.key as Field, heading: c.heading as string, aliases: ALIASES[c.key] })),
];
const REQUIRED: Field[] = ['reference', 'description'];

/** "RESOURCES REQUIRED / ENGAGEMENT FROM PARTNERS (staff, tech, etc.)" → "resourcesrequiredengagementfrompartners" */
const headingKey = (text: string) =>
  text
    .toLowerCase()
    .replace(/\([^)]*\)/g, '')
    .replace(/[^a-z0-9%]/g, '');
const FIELD_KEYS = FIELDS.map((f) => new Set([headingKey(f.heading), ...f.aliases]));
const fieldOfHeading = (cell: string): number => {
  const key = headingKey(cell);
  return key ? FIELD_KEYS.findIndex((keys) => keys.has(key)) : -1;
};

const LABEL = Object.fromEntries(FIELDS.map((f) => [f.field, f.heading])) as Record<Field, string>;
const quote = (text: string) => `‘${text.length > 60 ? `${text.slice(0, 57)}...` : text}’`;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
// Control characters other than tab and line breaks (NUL above all) have no place in a plan.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const PRIORITY_ROW = /^priority\s+(\d{1,3})(?:\s*[:\-–—]\s*|\s+|$)(.*)$/is;
const PRIORITY_NUMBER = /^(?:priority\s*)?(\d{1,2})(?:\.0+)?$/i;
const REFERENCE = /^(\d{1,2})\.(\d{1,3})$/;
const EXPECTED_HEADINGS =
  `${PRIORITY_HEADING}, ${PLAN_COLUMNS[0].heading} and ${PLAN_COLUMNS[1].heading}, ` +
  `and as you need them ${[PRIORITY_TITLE_HEADING, ...PLAN_COLUMNS.slice(2).map((c) => c.heading)].join(', ')}`;

/** Reads an uploaded .xlsx or .csv of plan actions. Never throws for a bad file: that is a problem on row 1. */
export async function parsePlanImport(file: { filename: string; data: Buffer }): Promise<PlanImportResult> {
  let sheet: string[][];
  try {
    sheet = await readSpreadsheet(file.data, spreadsheetName(file), { what: 'a delivery plan' });
  } catch (e) {
    if (e instanceof SpreadsheetError) return { rows: [], problems: [{ line: 1, messages: [`Row 1: ${e.message}`] }] };
    throw e;
  }
  return readPlanRows(sheet);
}

/** A zip file is read as a workbook whatever its name; otherwise the extension decides, as for the forward plan. */
function spreadsheetName({ filename, data }: { filename: string; data: Buffer }): string {
  if (data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04) return 'plan.xlsx';
  if (/\.(csv|txt)$/i.test(filename.trim())) return 'plan.csv';
  return filename;
}

/** A "PRIORITY 1: COMMUNITY RESILIENCE" row: its only cell names the priority. */
function priorityHeadingRow(filled: string[], line: number): { number: number; title: string; line: number } | null {
  const m = filled.length === 1 ? PRIORITY_ROW.exec(filled[0]!) : null;
  if (!m) return null;
  // A pasted heading may carry the outcomes after it: "PARTNERSHIP WORKING · Powerful, ...".
  const title = oneLine(m[2]!.split(/\s[·•]\s|\n/)[0]!).replace(/[:.\s]+$/, '');
  return { number: Number(m[1]), title, line };
}

interface Pending {
  line: number;
  row: PlanImportRow;
  messages: string[];
}

/** Validates rows of cells (as readSpreadsheet gives them): exported for callers that already have the rows. */
export function readPlanRows(sheet: string[][]): PlanImportResult {
  // The heading row is the row near the top naming the most known columns: a sheet may have a
  // title and notes above its table.
  let headerIndex = -1;
  let best = 1;
  for (let r = 0; r < Math.min(sheet.length, HEADER_SEARCH_ROWS); r++) {
    const count = new Set(sheet[r]!.map(fieldOfHeading).filter((f) => f !== -1)).size;
    if (count > best) [best, headerIndex] = [count, r];
  }
  if (headerIndex === -1) {
    const empty = sheet.every((row) => row.every((cell) => cell.trim() === ''));
    return {
      rows: [],
      problems: [
        {
          line: 1,
          messages: [
            `Row 1: ${empty ? 'The file is empty' : 'The file has no heading row that this import recognises'}: ` +
              `the first row must name the columns ${EXPECTED_HEADINGS}`,
          ],
        },
      ],
    };
  }
  const header = sheet[headerIndex]!;
  const positions = new Map<Field, number>();
  header.forEach((cell, c) => {
    const f = fieldOfHeading(cell);
    if (f !== -1 && !positions.has(FIELDS[f]!.field)) positions.set(FIELDS[f]!.field, c);
  });
  const missing = REQUIRED.filter((f) => !positions.has(f));
  if (missing.length) {
    const line = headerIndex + 1;
    return {
      rows: [],
      problems: [
        { line, messages: missing.map((f) => `Row ${line}: The heading row has no ‘${LABEL[f]}’ column: the columns expected are ${EXPECTED_HEADINGS}`) },
      ],
    };
  }

  const pending: Pending[] = [];
  /** Each priority's title: the first given, and where. */
  const titles = new Map<number, { title: string; line: number }>();
  /** The priority given by a "PRIORITY 1: ..." row of a sheet laid out as the printed plan: the first comes above the heading row. */
  let section: { number: number; title: string; line: number } | null = null;
  for (let r = 0; r < headerIndex; r++) section = priorityHeadingRow(sheet[r]!.map((c) => c.trim()).filter(Boolean), r + 1) ?? section;
  if (section && section.number >= 1 && section.number <= 99 && section.title) titles.set(section.number, section);
  let inOutcomes = false;
  const references = new Map<string, number>();

  for (let r = headerIndex + 1; r < sheet.length; r++) {
    const line = r + 1;
    const raw = sheet[r]!.map((cell) => stripFormulaGuard((cell ?? '').trim()).trim());
    const filled = raw.filter((cell) => cell !== '');
    if (filled.length === 0) continue;
    // The printed plan repeats its heading row on every page, and under every priority.
    if (raw.filter((cell) => fieldOfHeading(cell) !== -1).length >= 2 && fieldOfHeading(raw[positions.get('reference')!] ?? '') !== -1) continue;

    const heading = priorityHeadingRow(filled, line);
    if (heading) {
      section = heading;
      inOutcomes = true;
      if (heading.number >= 1 && heading.number <= 99 && heading.title && !titles.has(heading.number)) titles.set(heading.number, heading);
      continue;
    }

    const cells = {} as Record<Field, string>;
    for (const f of FIELDS) {
      const at = positions.get(f.field);
      cells[f.field] = at === undefined ? '' : (raw[at] ?? '').replace(/\r\n?/g, '\n');
    }
    if (FIELDS.every((f) => cells[f.field] === '')) continue;
    // Under a priority heading, the outcome statements come before the first action: a row
    // with a single cell of text that is not a reference.
    if (inOutcomes && filled.length === 1 && !REFERENCE.test(filled[0]!)) continue;
    inOutcomes = false;

    const messages: string[] = [];
    const problem = (text: string) => messages.push(`Row ${line}: ${text}`);

    for (const f of FIELDS) {
      if (!CONTROL.test(cells[f.field])) continue;
      problem(`${LABEL[f.field]} contains a control character (such as NUL) that is not allowed: retype the cell`);
      cells[f.field] = cells[f.field].replace(CONTROL_ALL, '');
    }
    for (const f of ['priorityNumber', 'priorityTitle', 'reference', 'leadOfficer', 'firstMilestone', 'continuesUntil'] as const) {
      cells[f] = oneLine(cells[f]);
    }
    for (const f of FIELDS) {
      const max = f.field === 'description' ? MAX_DESCRIPTION_LENGTH : MAX_CELL_LENGTH;
      const length = cells[f.field].length;
      if (length > max) problem(`${LABEL[f.field]} must be ${max.toLocaleString('en-GB')} characters or fewer (it has ${length.toLocaleString('en-GB')})`);
    }

    // Priority: the column, or the heading row above.
    let priority: number | null = null;
    if (cells.priorityNumber) {
      const m = PRIORITY_NUMBER.exec(cells.priorityNumber);
      const n = m ? Number(m[1]) : NaN;
      if (n >= 1 && n <= 99) priority = n;
      else problem(`Priority ${quote(cells.priorityNumber)} is not a priority number: enter a whole number from 1 to 99`);
    } else if (section) {
      if (section.number >= 1 && section.number <= 99) priority = section.number;
      else problem(`Priority ${section.number} on row ${section.line} is not a priority number: priorities are numbered from 1 to 99`);
    } else {
      problem(
        positions.has('priorityNumber')
          ? 'Enter the priority: a whole number from 1 to 99'
          : `Enter the priority: add a ‘${PRIORITY_HEADING}’ column with a whole number from 1 to 99, or a row like ‘PRIORITY 1: COMMUNITY RESILIENCE’ above the actions`,
      );
    }

    // Priority title: one per priority.
    let title = cells.priorityTitle || (section && section.number === priority ? section.title : '');
    if (priority !== null && cells.priorityTitle) {
      const first = titles.get(priority);
      if (!first) titles.set(priority, { title: cells.priorityTitle, line });
      else if (first.title.toLocaleLowerCase('en-GB') !== cells.priorityTitle.toLocaleLowerCase('en-GB')) {
        problem(
          `Priority title ${quote(cells.priorityTitle)} is different from ${quote(first.title)} on row ${first.line}: give priority ${priority} one title`,
        );
      } else title = first.title;
    }

    // Ref.: "1.3", under its priority, once in the file.
    const reference = cells.reference;
    const ref = REFERENCE.exec(reference);
    if (!reference) problem(`Enter the ${LABEL.reference}: the priority number, a dot and the action number, like ${priority ?? 1}.3`);
    else if (!ref)
      problem(`${LABEL.reference} ${quote(reference)} is not a reference: enter the priority number, a dot and the action number, like ${priority ?? 1}.3`);
    else if (priority !== null && Number(ref[1]) !== priority) {
      problem(
        `${LABEL.reference} ${quote(reference)} must start with ${priority} and a dot, like ${priority}.${ref[2]}, because the row is under priority ${priority}`,
      );
    }
    if (ref) {
      const key = `${Number(ref[1])}.${Number(ref[2])}`;
      const seen = references.get(key);
      if (seen !== undefined) {
        problem(
          `${LABEL.reference} ${quote(reference)} is already used on row ${seen}: give each action its own reference` +
            (/^\d+\.[1-9]$/.test(reference) ? ' (if Excel has turned 1.10 into 1.1, format the column as text and retype it)' : ''),
        );
      } else references.set(key, line);
    }

    if (!cells.description.trim()) problem(`Enter the ${LABEL.description}: every action needs one`);

    // Dates: a month or a date; a review cycle ("Reviewed yearly") is also allowed.
    const first = cells.firstMilestone;
    const firstDate = first ? parsePlanDate(first) : null;
    if (first && !firstDate && !parseRecurrence(first)) {
      problem(`${LABEL.firstMilestone} ${quote(first)} is not a month or a date, like April 2018 or 30/04/2018`);
    }
    const until = cells.continuesUntil;
    const untilDate = until ? parsePlanDate(until, { end: true }) : null;
    if (until && !untilDate && !parseRecurrence(until)) {
      problem(`${LABEL.continuesUntil} ${quote(until)} is not a month, a date or a review cycle, like May 2020, 31/05/2020 or Refreshed annually`);
    }
    if (firstDate && untilDate && untilDate < firstDate) {
      problem(
        `${LABEL.continuesUntil} ${quote(until)} is before the ${LABEL.firstMilestone.toLowerCase()} ${quote(first)}: the action cannot end before its first milestone`,
      );
    }

    pending.push({
      line,
      messages,
      row: {
        priorityNumber: priority ?? 0,
        priorityTitle: title,
        ...(Object.fromEntries(PLAN_COLUMNS.map((c) => [c.key, cells[c.key]])) as Record<PlanColumn, string>),
      },
    });
  }

  const rows: PlanImportResult['rows'] = [];
  const problems: PlanImportResult['problems'] = [];
  for (const p of pending) {
    if (p.messages.length) {
      problems.push({ line: p.line, messages: p.messages });
      continue;
    }
    // A priority's title may be given on only one of its rows (or on its heading row): every row carries it.
    if (!p.row.priorityTitle) p.row.priorityTitle = titles.get(p.row.priorityNumber)?.title ?? '';
    rows.push({ line: p.line, row: p.row });
  }
  return { rows, problems };
}
