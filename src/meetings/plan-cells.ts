// The cells of a forward agenda plan or workshop plan as officers type them: dates (31/05/18,
// 21 June 2018, 25th April 2019, "09/08/18 (reserve date)"), start times (2.30, 10:00-1:00pm), and
// the text after a date that names a meeting. Pure: used by the plan parsers and writers in plan-io.ts.
import { isRealDate } from '../calendar/working-days.ts';
import { dateCell, type SheetCell } from '../documents/cells.ts';

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const WEEKDAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?,?\\s+';
const DATE_NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/])/;
const DATE_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T[\d:.]+Z?)?(?![\d-])/;
const DATE_WORDS = new RegExp(`^(?:${WEEKDAY})?(\\d{1,2})\\s*(?:st|nd|rd|th)?\\s+(${MONTH_NAMES})\\.?,?\\s+(\\d{4}|\\d{2})(?![\\d:.])`, 'i');
const EXAMPLE_DATE = 'enter a date like 31/05/2018';

type DateCell = { ok: true; iso: string; note: string } | { ok: false; message: string };

export const quoteText = (text: string) => `‘${text.length > 60 ? `${text.slice(0, 57)}...` : text}’`;

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

/** A plan's date cell: a bare date is a date in Excel; a date with a time, room or note after it stays text. */
export const dateWithNote = (iso: string, note: string): SheetCell => (note ? formatPlanDate(iso) + note : dateCell(iso));

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

export const NOT_APPLICABLE = /^(?:(?:not applicable|n\/?a|none|-|–)\s*)+$/i;
export const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

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

export function titleFromNote(note: string): string | null {
  const text = oneLine(note.replace(/^[\s\-–—,:;]+/, ''));
  if (!text || isKindMarker(text)) return null;
  return unbracket(text) || null;
}

export function bracketTitle(title: string): string {
  return /^[\s\-–—,:;(]/.test(title) || isKindMarker(title) ? `(${title})` : title;
}
