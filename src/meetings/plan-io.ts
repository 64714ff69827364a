// Import and export of a committee's forward agenda plan and its workshop plan, as CSV or
// Excel, in the shape of the tables councils already publish (seed 004: "Committee date |
// Agenda item | Lead officer | ...", and "Workshop date | Time | No | Item | ..."). Pure: no
// database. The parsers accept what an officer would type (31/05/18, 21 June 2018, 25th April
// 2019, 2.30, "09/08/18 (reserve date)") as well as what the exports write, and report every
// problem with the row number the officer sees in Excel (the header is row 1).
import { stripFormulaGuard } from '../documents/csv.ts';
import type { RowProblem } from '../documents/spreadsheet.ts';

export const AGENDA_PLAN_COLUMNS = ['Committee date', 'Agenda item', 'Lead officer', 'Reference if key decision', 'Deadline for draft reports', 'Agenda despatch date'] as const;
export const WORKSHOP_PLAN_COLUMNS = ['Workshop date', 'Time', 'No', 'Item', 'Presenter', 'Attendance'] as const;

export interface PlanMeeting {
  /** 'YYYY-MM-DD' */
  date: string;
  kind: 'formal' | 'reserve' | 'workshop';
  title: string | null;
  plannedDraftDeadline: string | null;
  plannedDespatch: string | null;
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
export interface ParsedPlan { meetings: PlanMeeting[]; problems: RowProblem[]; validRowCount: number }

export const MAX_TITLE_LENGTH = 500;
const MAX_LEAD_LENGTH = 500;
const MAX_REF_LENGTH = 100;
const MAX_DESCRIPTION_LENGTH = 5000;
const HEADER_SEARCH_ROWS = 20;

// ---------------------------------------------------------------------------------------------
// Cells: dates, times, text

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11,
  dec: 12, december: 12,
};
const MONTH_NAMES = Object.keys(MONTHS).sort((a, b) => b.length - a.length).join('|');
const WEEKDAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+';
const DATE_NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])/;
const DATE_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+Z?)?(?![\d-])/;
const DATE_WORDS = new RegExp(`^(?:${WEEKDAY})?(\\d{1,2})\\s*(?:st|nd|rd|th)?\\s+(${MONTH_NAMES})\\.?,?\\s+(\\d{4}|\\d{2})(?![\\d:.])`, 'i');
const EXAMPLE_DATE = 'enter a date like 31/05/2018';

type DateCell = { ok: true; iso: string; note: string } | { ok: false; message: string };

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const quoteText = (text: string) => `‘${text.length > 60 ? `${text.slice(0, 57)}...` : text}’`;

/** A date at the start of a cell, and whatever follows it ("09/08/18 (reserve date)"). */
export function parseDateCell(text: string): DateCell {
  let y: number, m: number, d: number, matched: string;
  let match = DATE_NUMERIC.exec(text);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[3]), Number(match[4])];
    if (match[4]!.length === 2) y += 2000;
    matched = match[0];
  } else if ((match = DATE_ISO.exec(text))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    matched = match[0];
  } else if ((match = DATE_WORDS.exec(text))) {
    d = Number(match[1]);
    m = MONTHS[match[2]!.toLowerCase()]!;
    y = Number(match[3]) + (match[3]!.length === 2 ? 2000 : 0);
    matched = match[0];
  } else {
    return { ok: false, message: `${quoteText(text)} is not a date: ${EXAMPLE_DATE}` };
  }
  if (!isRealDate(y, m, d)) return { ok: false, message: `${quoteText(matched)} is not a real date: ${EXAMPLE_DATE}` };
  if (y < 1900 || y > 2100) return { ok: false, message: `${quoteText(matched)} must have a year between 1900 and 2100: ${EXAMPLE_DATE}` };
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return { ok: true, iso, note: text.slice(matched.length).trim() };
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy' */
export function formatPlanDate(iso: string | null): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

const TIME = /^(noon|midday)|^(\d{1,2})(?:[:.](\d{1,2}))?(?::\d{2})?\s*(a\.?m\.?|p\.?m\.?)?(?=$|[\s\-–—(,;])/i;

/**
 * A start time as officers write it: '10:00', '2.30', '11.30', '2pm', '10:00-1:00pm' (the
 * start). Without am or pm an hour before 8 is in the afternoon ('2.30' is 14:30;
 * '07:30', with its zero, is the morning). A single
 * digit of minutes is tens of minutes ('2.3' is 2.30 after Excel dropped the zero).
 */
export function parseStartTime(text: string): { ok: true; time: string } | { ok: false; message: string } {
  const m = TIME.exec(text.trim());
  const bad = { ok: false as const, message: `${quoteText(text)} is not a time: enter a time like 10:00 or 2.30pm` };
  if (!m) return bad;
  if (m[1]) return { ok: true, time: '12:00' };
  let hour = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3].length === 1 ? `${m[3]}0` : m[3]);
  const suffix = m[4]?.toLowerCase().replace(/\./g, '');
  if (suffix) {
    if (hour < 1 || hour > 12) return bad;
    hour = (hour % 12) + (suffix === 'pm' ? 12 : 0);
  } else if (hour < 8 && !m[2]!.startsWith('0')) {
    hour += 12;
  }
  if (hour > 23 || minutes > 59) return { ok: false, message: `${quoteText(text)} is not a real time: enter a time like 10:00 or 2.30pm` };
  return { ok: true, time: `${String(hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

const NOT_APPLICABLE = /^(?:(?:not applicable|n\/?a|none|-|–)\s*)+$/i;
// Control characters other than tab and line breaks (NUL above all) have no place in a plan.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
const normaliseHeader = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** A note after a date that only says what kind of meeting it is, not a title. */
function isKindMarker(note: string): boolean {
  return /^(?:reserve(?: date| committee| meeting)?|committee|workshop|formal)$/i.test(oneLine(note.replace(/[()[\]]/g, ' ')));
}

/** "(Wisbech)" → "Wisbech"; "KV Room (Reserve Committee)" stays as it is. */
function unbracket(text: string): string {
  if (!text.startsWith('(') || !text.endsWith(')')) return text;
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')' && --depth === 0 && k < text.length - 1) return text;
  }
  return depth === 0 ? text.slice(1, -1).trim() : text;
}

function titleFromNote(note: string): string | null {
  const text = oneLine(note.replace(/^[\s\-–—,:;]+/, ''));
  if (!text || isKindMarker(text)) return null;
  return unbracket(text) || null;
}

function bracketTitle(title: string): string {
  return /^[\s\-–—,:;(]/.test(title) || isKindMarker(title) ? `(${title})` : title;
}

// ---------------------------------------------------------------------------------------------
// Tables: header, rows, problems

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
    return { rows: [], ok: false, problems: [{ row: 1, column: '', message: `The file is empty: the first row must name the columns ${columns.map((c) => `‘${c}’`).join(', ')}` }] };
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
    columns.forEach((c, k) => { cells[c] = stripFormulaGuard((rows[r]![positions[k]!] ?? '').trim()).trim(); });
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
  const table = readTable(rows, C);
  if (!table.ok) return finish([], table.problems, [], C);
  const problems = table.problems;
  const built: Building[] = [];
  let current: Building | null = null;
  /** True after a row whose date could not be read: its following rows are not added to the meeting before it. */
  let broken = false;

  for (const { row, cells, bad } of table.rows) {
    const dateText = cells[DATE];
    if (dateText && !(current && !broken && dateText === current.dateText)) {
      const parsed = parseDateCell(dateText);
      if (!parsed.ok) {
        problems.push({ row, column: DATE, message: parsed.message });
        broken = true;
        current = null;
      } else {
        broken = false;
        const kind = /\breserve\b/i.test(parsed.note) ? 'reserve' : /\bworkshop\b/i.test(parsed.note) ? 'workshop' : 'formal';
        current = { dateText, firstRow: row, itemRows: [], note: parsed.note,
          meeting: { date: parsed.iso, kind, title: titleFromNote(parsed.note), plannedDraftDeadline: null, plannedDespatch: null, items: [] } };
        built.push(current);
      }
    }

    const hasItem = cells[ITEM] || cells[LEAD] || cells[REF];
    if (!current && !broken) {
      problems.push({ row, column: DATE, message: `Enter the committee date: this row has ${hasItem ? 'an agenda item' : 'dates'} but no meeting above it` });
      continue;
    }

    const planned = (column: typeof DEADLINE | typeof DESPATCH, field: 'plannedDraftDeadline' | 'plannedDespatch', what: string) => {
      if (!cells[column]) return;
      const parsed = parseDateCell(cells[column]);
      if (!parsed.ok) { problems.push({ row, column, message: parsed.message }); return; }
      if (!current) return;
      const m = current.meeting;
      if (parsed.iso > m.date) {
        problems.push({ row, column, message: `The ${what} (${formatPlanDate(parsed.iso)}) must be on or before the committee date (${formatPlanDate(m.date)})` });
      } else if (m[field] && m[field] !== parsed.iso) {
        problems.push({ row, column, message: `The ${what} is already ${formatPlanDate(m[field])} for this meeting: give it once, on the meeting’s first row` });
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
        problems.push({ row, column: ITEM, message: `Enter the agenda item: this row has a ${cells[LEAD] ? 'lead officer' : 'key decision reference'} but no item` });
        ok = false;
      } else {
        ok = checkLength(title, MAX_TITLE_LENGTH, 'The agenda item', row, ITEM, problems) && ok;
      }
      ok = checkLength(lead, MAX_LEAD_LENGTH, 'The lead officer', row, LEAD, problems) && ok;
      ok = checkLength(ref, MAX_REF_LENGTH, 'The key decision reference', row, REF, problems) && ok;
      if (ok && !bad && current) {
        current.meeting.items.push({ title, leadOfficers: lead, keyDecisionRef: ref && !NOT_APPLICABLE.test(ref) ? ref : null, startTime: null, description: '' });
        current.itemRows.push(row);
      }
    }
  }

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
  return finish(built.map((b) => b.meeting), problems, table.rows.map((r) => r.row), C);
}

/**
 * The agenda plan as rows, header first: the date, deadline and despatch date on a meeting's
 * first row only, as published. A meeting with no items is one row with its title as the item.
 */
export function agendaPlanRows(meetings: PlanMeeting[]): string[][] {
  const out: string[][] = [[...AGENDA_PLAN_COLUMNS]];
  for (const m of meetings) {
    const date = formatPlanDate(m.date);
    let note = '';
    if (m.kind === 'reserve' && !(m.items.length === 0 && m.title && /^reserve\b/i.test(m.title))) note = ' (reserve date)';
    else if (m.kind === 'workshop') note = ' (workshop)';
    else if (m.kind === 'formal' && m.title && m.items.length > 0) note = ` (${m.title})`;
    const first = [date + note, '', '', '', formatPlanDate(m.plannedDraftDeadline), formatPlanDate(m.plannedDespatch)];
    if (m.items.length === 0) {
      first[1] = m.title ?? '';
      out.push(first);
      continue;
    }
    m.items.forEach((item, k) => {
      const row = k === 0 ? first : ['', '', '', '', '', ''];
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
  const table = readTable(rows, C);
  if (!table.ok) return finish([], table.problems, [], C);
  const problems = table.problems;
  const built: Building[] = [];
  let current: Building | null = null;
  let broken = false;

  for (const { row, cells, bad } of table.rows) {
    const dateText = cells[DATE];
    if (dateText && !(current && !broken && dateText === current.dateText)) {
      const parsed = parseDateCell(dateText);
      if (!parsed.ok) {
        problems.push({ row, column: DATE, message: parsed.message });
        broken = true;
        current = null;
      } else if (checkLength(parsed.note, MAX_TITLE_LENGTH, 'The text after the date', row, DATE, problems)) {
        broken = false;
        current = { dateText, firstRow: row, itemRows: [], note: parsed.note,
          meeting: { date: parsed.iso, kind: 'workshop', title: titleFromNote(parsed.note), plannedDraftDeadline: null, plannedDespatch: null, items: [] } };
        built.push(current);
      } else {
        broken = true;
        current = null;
      }
    }
    const hasItem = cells[TIME_COL] || cells[NO] || cells[ITEM] || cells[PRESENTER] || cells[ATTENDANCE];
    if (!hasItem) continue;
    if (!current && !broken) {
      problems.push({ row, column: DATE, message: 'Enter the workshop date: this row has an item but no workshop above it' });
      continue;
    }
    let ok = true;
    let startTime: string | null = null;
    if (cells[TIME_COL]) {
      const t = parseStartTime(cells[TIME_COL]);
      if (t.ok) startTime = t.time;
      else { problems.push({ row, column: TIME_COL, message: t.message }); ok = false; }
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
  }

  for (const b of built) {
    if (b.meeting.items.length > 0) continue;
    if (/\breserve\b/i.test(b.note)) b.meeting.kind = 'reserve';
    else if (/\bcommittee\b/i.test(b.note)) b.meeting.kind = 'formal';
  }
  return finish(built.map((b) => b.meeting), problems, table.rows.map((r) => r.row), C);
}

/** The workshop plan as rows, header first; items numbered 1, 2, ... within each meeting. */
export function workshopPlanRows(meetings: PlanMeeting[]): string[][] {
  const out: string[][] = [[...WORKSHOP_PLAN_COLUMNS]];
  for (const m of meetings) {
    let dateCell = formatPlanDate(m.date) + (m.title ? ` ${bracketTitle(m.title)}` : '');
    if (m.items.length === 0) {
      if (m.kind === 'reserve' && !/\breserve\b/i.test(m.title ?? '')) dateCell += ' (Reserve Committee)';
      else if (m.kind === 'formal' && !/\bcommittee\b/i.test(m.title ?? '')) dateCell += ' (Committee)';
      out.push([dateCell, '', '', '', '', '']);
      continue;
    }
    m.items.forEach((item, k) => {
      out.push([k === 0 ? dateCell : '', item.startTime ?? '', String(k + 1), item.title, item.leadOfficers, item.description]);
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Files

