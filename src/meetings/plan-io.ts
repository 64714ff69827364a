// Import and export of a committee's forward agenda plan and its workshop plan, as CSV or
// Excel, in the shape of the tables councils already publish (seed 004: "Committee date |
// Agenda item | Lead officer | ...", and "Workshop date | Time | No | Item | ..."). Pure: no
// database. The parsers accept what an officer would type (31/05/18, 21 June 2018, 25th April
// 2019, 2.30, "09/08/18 (reserve date)") as well as what the exports write, and report every
// problem with the row number the officer sees in Excel (the header is row 1). The cells
// themselves (dates, times, the text after a date) are read by plan-cells.ts.
import { dateCell, type SheetCell } from '../documents/cells.ts';
import { stripFormulaGuard } from '../documents/csv.ts';
import type { RowProblem } from '../documents/spreadsheet.ts';
import { bracketTitle, dateWithNote, formatPlanDate, NOT_APPLICABLE, oneLine, parseDateCell, parseStartTime, quoteText, titleFromNote } from './plan-cells.ts';

export const AGENDA_PLAN_COLUMNS = [
  'Committee date',
  'Agenda item',
  'Lead officer',
  'Reference if key decision',
  'Deadline for draft reports',
  'Agenda despatch date',
] as const;
export const WORKSHOP_PLAN_COLUMNS = ['Workshop date', 'Time', 'No', 'Item', 'Presenter', 'Attendance'] as const;

export interface PlanMeeting {
  /** 'YYYY-MM-DD' */
  date: string;
  kind: 'formal' | 'reserve' | 'workshop';
  title: string | null;
  plannedDraftDeadline: string | null;
  plannedDespatch: string | null;
  /** The deadlines worked out from the body's rules (as the plan page shows them): exported where none were planned. */
  derived?: { draftDeadline: string; despatch: string };
  items: PlanItem[];
}

export interface PlanItem {
  title: string;
  leadOfficers: string;
  keyDecisionRef: string | null;
  /** 'HH:MM' (workshop plans only) */
  startTime: string | null;
  /** The workshop plan's Attendance; always '' from an agenda plan, which has no such column. */
  description: string;
}

/** `row` is the 1-based row number as the officer sees it in Excel (the header is row 1). */
export interface ParsedPlan {
  meetings: PlanMeeting[];
  problems: RowProblem[];
  validRowCount: number;
}

export const MAX_TITLE_LENGTH = 500;
const MAX_LEAD_LENGTH = 500;
const MAX_REF_LENGTH = 100;
const MAX_DESCRIPTION_LENGTH = 5000;
const HEADER_SEARCH_ROWS = 20;

// ---------------------------------------------------------------------------------------------
// Tables: header, rows, problems

// Control characters other than tab and line breaks (NUL above all) have no place in a plan.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const normaliseHeader = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

interface Table<C extends string> {
  /** 1-based row number → cell values by column name, for the data rows after the header. */
  rows: { row: number; cells: Record<C, string>; bad: boolean }[];
  problems: RowProblem[];
  ok: boolean;
}

const ALIASES: Record<string, string[]> = {
  agendadespatchdate: ['agendadispatchdate', 'despatchdate', 'dispatchdate'],
  referenceifkeydecision: ['keydecisionreference', 'keydecisionref', 'keydecision'],
  no: ['number', 'itemno', 'itemnumber'],
  leadofficer: ['leadofficers'],
  presenter: ['presenters'],
};

function readTable<C extends string>(rows: string[][], columns: readonly C[]): Table<C> {
  const keys = columns.map(normaliseHeader);
  const matches = (cell: string, k: number) => {
    const n = normaliseHeader(cell);
    return n === keys[k] || (ALIASES[keys[k]!] ?? []).includes(n);
  };
  // The header is the row, near the top, naming the most expected columns: a sheet may have
  // a title and notes above the table (as the published plans do).
  let headerIndex = -1;
  let best = 0;
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const count = keys.filter((_, k) => rows[r]!.some((cell) => matches(cell, k))).length;
    if (count > best) [best, headerIndex] = [count, r];
  }
  if (headerIndex === -1) headerIndex = rows.findIndex((row) => row.some((cell) => cell.trim() !== ''));
  if (headerIndex === -1) {
    return {
      rows: [],
      ok: false,
      problems: [{ row: 1, column: '', message: `The file is empty: the first row must name the columns ${columns.map((c) => `‘${c}’`).join(', ')}` }],
    };
  }
  const header = rows[headerIndex]!;
  const positions = keys.map((_, k) => header.findIndex((cell) => matches(cell, k)));
  const problems: RowProblem[] = [];
  positions.forEach((p, k) => {
    if (p === -1) problems.push({ row: headerIndex + 1, column: columns[k]!, message: `The header row must have a column headed ‘${columns[k]}’` });
  });
  if (problems.length) return { rows: [], problems, ok: false };

  const out: Table<C>['rows'] = [];
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const cells = {} as Record<C, string>;
    columns.forEach((c, k) => {
      cells[c] = stripFormulaGuard((rows[r]![positions[k]!] ?? '').trim()).trim();
    });
    if (columns.every((c) => cells[c] === '')) continue;
    // The published plans repeat the header at the top of every page.
    if (columns.slice(0, 2).every((c, k) => matches(cells[c], k))) continue;
    let bad = false;
    for (const c of columns) {
      if (!CONTROL.test(cells[c])) continue;
      problems.push({ row: r + 1, column: c, message: `The ‘${c}’ cell contains a control character (such as NUL) that is not allowed: retype the cell` });
      cells[c] = cells[c].replace(CONTROL_ALL, '');
      bad = true;
    }
    out.push({ row: r + 1, cells, bad });
  }
  return { rows: out, problems, ok: true };
}

function finish(meetings: PlanMeeting[], problems: RowProblem[], dataRows: number[], columns: readonly string[]): ParsedPlan {
  const order = (column: string) => columns.indexOf(column);
  problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  const bad = new Set(problems.map((p) => p.row));
  return { meetings, problems, validRowCount: dataRows.filter((r) => !bad.has(r)).length };
}

function checkLength(value: string, max: number, what: string, row: number, column: string, problems: RowProblem[]): boolean {
  if (value.length > max) {
    problems.push({ row, column, message: `${what} must be ${max} characters or fewer (it has ${value.length})` });
    return false;
  }
  return true;
}

interface Building {
  meeting: PlanMeeting;
  /** The date cell as written, so a date repeated on every row of a meeting continues it. */
  dateText: string;
  firstRow: number;
  /** Rows with an item, so the reserve rule can tell a lone "Reserve date" row. */
  itemRows: number[];
  note: string;
}

/** Where the reading of a plan's rows is: the meetings built so far and the one rows are being added to. */
interface Reading {
  built: Building[];
  current: Building | null;
  /** True after a row whose date could not be read: its following rows are not added to the meeting before it. */
  broken: boolean;
}

/**
 * A row's date cell. Empty, or the same date as the meeting above, continues that meeting; another
 * date starts a new meeting, made by `start` from the date and the text after it (or refused, when
 * `start` has recorded a problem and returns null); a date that cannot be read is a problem, and the
 * rows after it join no meeting until the next date.
 */
function readDateCell(
  reading: Reading,
  row: number,
  dateText: string,
  column: string,
  problems: RowProblem[],
  start: (date: { iso: string; note: string }) => PlanMeeting | null,
): void {
  if (!dateText || (reading.current && !reading.broken && dateText === reading.current.dateText)) return;
  const parsed = parseDateCell(dateText);
  if (!parsed.ok) problems.push({ row, column, message: parsed.message });
  const meeting = parsed.ok ? start(parsed) : null;
  if (!parsed.ok || !meeting) {
    reading.broken = true;
    reading.current = null;
    return;
  }
  reading.broken = false;
  reading.current = { dateText, firstRow: row, itemRows: [], note: parsed.note, meeting };
  reading.built.push(reading.current);
}

type TableRow<C extends string> = Table<C>['rows'][number];

/**
 * Reads a plan's rows in order: each row's date cell first (readDateCell, with `start` making the
 * meeting a new date begins), then the rest of the row by `rest`, given the meeting the row belongs
 * to (`current`; null after a date that could not be read, when `broken`).
 */
function readPlanRows<C extends string>(
  rows: string[][],
  columns: readonly C[],
  dateColumn: C,
  start: (date: { iso: string; note: string }, row: number, problems: RowProblem[]) => PlanMeeting | null,
  rest: (row: TableRow<C>, at: { current: Building | null; broken: boolean }, problems: RowProblem[]) => void,
) {
  const table = readTable(rows, columns);
  if (!table.ok) return { built: [], problems: table.problems, dataRows: [] };
  const reading: Reading = { built: [], current: null, broken: false };
  for (const r of table.rows) {
    readDateCell(reading, r.row, r.cells[dateColumn], dateColumn, table.problems, (date) => start(date, r.row, table.problems));
    rest(r, reading, table.problems);
  }
  return { built: reading.built, problems: table.problems, dataRows: table.rows.map((r) => r.row) };
}

// ---------------------------------------------------------------------------------------------
// Agenda plan

/**
 * Reads a forward agenda plan. A row with a committee date starts a meeting; rows with an
 * empty date add items to the meeting above. A meeting whose only row is "Reserve ..." with
 * no lead officer is a reserve date with that title, not an item.
 */
export function parseAgendaPlan(rows: string[][]): ParsedPlan {
  const C = AGENDA_PLAN_COLUMNS;
  const [DATE, ITEM, LEAD, REF, DEADLINE, DESPATCH] = C;
  const { built, problems, dataRows } = readPlanRows(
    rows,
    C,
    DATE,
    ({ iso, note }) => {
      const kind = /\breserve\b/i.test(note) ? 'reserve' : /\bworkshop\b/i.test(note) ? 'workshop' : 'formal';
      return { date: iso, kind, title: titleFromNote(note), plannedDraftDeadline: null, plannedDespatch: null, items: [] };
    },
    ({ row, cells, bad }, { current, broken }, problems) => {
      const hasItem = cells[ITEM] || cells[LEAD] || cells[REF];
      if (!current && !broken) {
        problems.push({ row, column: DATE, message: `Enter the committee date: this row has ${hasItem ? 'an agenda item' : 'dates'} but no meeting above it` });
        return;
      }

      const planned = (column: typeof DEADLINE | typeof DESPATCH, field: 'plannedDraftDeadline' | 'plannedDespatch', what: string) => {
        if (!cells[column]) return;
        const parsed = parseDateCell(cells[column]);
        if (!parsed.ok) {
          problems.push({ row, column, message: parsed.message });
          return;
        }
        if (!current) return;
        const m = current.meeting;
        if (parsed.iso > m.date) {
          problems.push({
            row,
            column,
            message: `The ${what} (${formatPlanDate(parsed.iso)}) must be on or before the committee date (${formatPlanDate(m.date)})`,
          });
        } else if (m[field] && m[field] !== parsed.iso) {
          problems.push({
            row,
            column,
            message: `The ${what} is already ${formatPlanDate(m[field])} for this meeting: give it once, on the meeting’s first row`,
          });
        } else {
          m[field] = parsed.iso;
        }
      };
      planned(DEADLINE, 'plannedDraftDeadline', 'deadline for draft reports');
      planned(DESPATCH, 'plannedDespatch', 'agenda despatch date');

      if (hasItem) {
        const title = oneLine(cells[ITEM]);
        const lead = oneLine(cells[LEAD]);
        const ref = oneLine(cells[REF]);
        let ok = true;
        if (!title) {
          problems.push({
            row,
            column: ITEM,
            message: `Enter the agenda item: this row has a ${cells[LEAD] ? 'lead officer' : 'key decision reference'} but no item`,
          });
          ok = false;
        } else {
          ok = checkLength(title, MAX_TITLE_LENGTH, 'The agenda item', row, ITEM, problems) && ok;
        }
        ok = checkLength(lead, MAX_LEAD_LENGTH, 'The lead officer', row, LEAD, problems) && ok;
        ok = checkLength(ref, MAX_REF_LENGTH, 'The key decision reference', row, REF, problems) && ok;
        if (ok && !bad && current) {
          current.meeting.items.push({
            title,
            leadOfficers: lead,
            keyDecisionRef: ref && !NOT_APPLICABLE.test(ref) ? ref : null,
            startTime: null,
            description: '',
          });
          current.itemRows.push(row);
        }
      }
    },
  );

  for (const b of built) {
    const m = b.meeting;
    const only = m.items.length === 1 ? m.items[0]! : null;
    const lone = only && b.itemRows[0] === b.firstRow && !only.leadOfficers && only.keyDecisionRef === null;
    // A lone "Reserve ..." row names a reserve date; so does any lone row of a date marked "(reserve date)" or "(workshop)".
    if (lone && (/^reserve\b/i.test(only.title) || m.kind !== 'formal')) {
      if (m.kind === 'formal') m.kind = 'reserve';
      m.title = only.title;
      m.items = [];
    }
  }
  return finish(
    built.map((b) => b.meeting),
    problems,
    dataRows,
    C,
  );
}

/**
 * The agenda plan as rows, header first: the date, deadline and despatch date (as dates; planned,
 * or else derived) on a meeting's first row only, as published. A meeting with no items is one row
 * with its title as the item.
 */
export function agendaPlanRows(meetings: PlanMeeting[]): SheetCell[][] {
  const out: SheetCell[][] = [[...AGENDA_PLAN_COLUMNS]];
  for (const m of meetings) {
    let note = '';
    if (m.kind === 'reserve' && !(m.items.length === 0 && m.title && /^reserve\b/i.test(m.title))) note = ' (reserve date)';
    else if (m.kind === 'workshop') note = ' (workshop)';
    else if (m.kind === 'formal' && m.title && m.items.length > 0) note = ` (${m.title})`;
    const [deadline, despatch] = [dateCell(m.plannedDraftDeadline ?? m.derived?.draftDeadline), dateCell(m.plannedDespatch ?? m.derived?.despatch)];
    const first: SheetCell[] = [dateWithNote(m.date, note), '', '', '', deadline, despatch];
    if (m.items.length === 0) {
      first[1] = m.title ?? '';
      out.push(first);
      continue;
    }
    m.items.forEach((item, k) => {
      const row: SheetCell[] = k === 0 ? first : ['', '', '', '', '', ''];
      row[1] = item.title;
      row[2] = item.leadOfficers;
      row[3] = item.keyDecisionRef ?? 'Not applicable';
      out.push(row);
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Workshop plan

/**
 * Reads a workshop and training plan. The date cell may carry the time and room after the
 * date ("24 January 18 10:00-1:00pm KV Room (Reserve Committee)"): that text is the meeting's
 * title. A dated row with no items that says "(Committee)" or "(Reserve Committee)" is the
 * committee meeting itself (kind formal or reserve); every other meeting is a workshop.
 */
export function parseWorkshopPlan(rows: string[][]): ParsedPlan {
  const C = WORKSHOP_PLAN_COLUMNS;
  const [DATE, TIME_COL, NO, ITEM, PRESENTER, ATTENDANCE] = C;
  const { built, problems, dataRows } = readPlanRows(
    rows,
    C,
    DATE,
    ({ iso, note }, row, problems) =>
      checkLength(note, MAX_TITLE_LENGTH, 'The text after the date', row, DATE, problems)
        ? { date: iso, kind: 'workshop', title: titleFromNote(note), plannedDraftDeadline: null, plannedDespatch: null, items: [] }
        : null,
    ({ row, cells, bad }, { current, broken }, problems) => {
      const hasItem = cells[TIME_COL] || cells[NO] || cells[ITEM] || cells[PRESENTER] || cells[ATTENDANCE];
      if (!hasItem) return;
      if (!current && !broken) {
        problems.push({ row, column: DATE, message: 'Enter the workshop date: this row has an item but no workshop above it' });
        return;
      }
      let ok = true;
      let startTime: string | null = null;
      if (cells[TIME_COL]) {
        const t = parseStartTime(cells[TIME_COL]);
        if (t.ok) startTime = t.time;
        else {
          problems.push({ row, column: TIME_COL, message: t.message });
          ok = false;
        }
      }
      if (cells[NO] && !/^\d{1,3}\.?$/.test(cells[NO])) {
        problems.push({ row, column: NO, message: `${quoteText(cells[NO])} is not an item number: enter a whole number like 1 or 2, or leave it empty` });
        ok = false;
      }
      const title = oneLine(cells[ITEM]);
      const presenter = oneLine(cells[PRESENTER]);
      const attendance = cells[ATTENDANCE].replace(/\r\n?/g, '\n');
      if (!title) {
        problems.push({ row, column: ITEM, message: 'Enter the item: this row has a time, number, presenter or attendance but no item' });
        ok = false;
      } else {
        ok = checkLength(title, MAX_TITLE_LENGTH, 'The item', row, ITEM, problems) && ok;
      }
      ok = checkLength(presenter, MAX_LEAD_LENGTH, 'The presenter', row, PRESENTER, problems) && ok;
      ok = checkLength(attendance, MAX_DESCRIPTION_LENGTH, 'The attendance', row, ATTENDANCE, problems) && ok;
      if (ok && !bad && current) {
        current.meeting.items.push({ title, leadOfficers: presenter, keyDecisionRef: null, startTime, description: attendance });
        current.itemRows.push(row);
      }
    },
  );

  for (const b of built) {
    if (b.meeting.items.length > 0) continue;
    if (/\breserve\b/i.test(b.note)) b.meeting.kind = 'reserve';
    else if (/\bcommittee\b/i.test(b.note)) b.meeting.kind = 'formal';
  }
  return finish(
    built.map((b) => b.meeting),
    problems,
    dataRows,
    C,
  );
}

/** The workshop plan as rows, header first; items numbered 1, 2, ... within each meeting. */
export function workshopPlanRows(meetings: PlanMeeting[]): SheetCell[][] {
  const out: SheetCell[][] = [[...WORKSHOP_PLAN_COLUMNS]];
  for (const m of meetings) {
    let note = m.title ? ` ${bracketTitle(m.title)}` : '';
    if (m.items.length === 0) {
      if (m.kind === 'reserve' && !/\breserve\b/i.test(m.title ?? '')) note += ' (Reserve Committee)';
      else if (m.kind === 'formal' && !/\bcommittee\b/i.test(m.title ?? '')) note += ' (Committee)';
    }
    const date = dateWithNote(m.date, note);
    if (m.items.length === 0) out.push([date, '', '', '', '', '']);
    m.items.forEach((item, k) => {
      out.push([k === 0 ? date : '', item.startTime ?? '', k + 1, item.title, item.leadOfficers, item.description]);
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Files
