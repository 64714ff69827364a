// The wording of printed minutes and action logs, shared by the Word and PDF renderers so both say
// exactly the same thing (seed 004's minutes: "COMMUNITIES AND PARTNERSHIP COMMITTEE: MINUTES",
// "Date: Tuesday, 17th April 2018", "Time: 10.00 a.m. to 11.30 a.m.", "Present: Councillors: ...",
// numbered minutes in capitals, "It was resolved unanimously to:" and lettered resolutions).
// Pure functions.
import { formatDate, MONTH_NAMES } from '../../calendar/format.ts';
import type { ActionLogRow, MinuteEntry, MinutesDocument } from '../minutes-document.ts';
import { upper } from '../../documents/text.ts';

const MONTHS = MONTH_NAMES;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** 1 → '1st', 2 → '2nd', 11 → '11th', 23 → '23rd'. */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

function parseIsoDate(iso: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  return { y, m, d };
}

/** '2018-04-17' → 'Tuesday, 17th April 2018' (the minutes' "Date:" line). Unparseable text is returned as given. */
export function longDate(iso: string): string {
  const p = parseIsoDate(iso);
  if (!p) return iso.trim();
  const weekday = DAYS[new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()]!;
  return `${weekday}, ${ordinal(p.d)} ${MONTHS[p.m - 1]} ${p.y}`;
}

/** '2018-04-17' → '17 April 2018'. */
export const shortDate = (iso: string): string => formatDate(iso.trim()) || iso.trim();

/** '10:00' → '10.00 a.m.', '14:30' → '2.30 p.m.', '12:00' → '12.00 noon'. Unparseable text is returned as given. */
export function formatTime(hhmm: string): string {
  const match = /^(\d{1,2})[:.](\d{2})/.exec(hhmm.trim());
  if (!match) return hhmm.trim();
  const h = Number(match[1]);
  const min = match[2]!;
  if (h > 23 || Number(min) > 59) return hhmm.trim();
  if (h === 12 && min === '00') return '12.00 noon';
  const twelve = h % 12 === 0 ? 12 : h % 12;
  return `${twelve}.${min} ${h < 12 ? 'a.m.' : 'p.m.'}`;
}

/** '10.00 a.m. to 11.30 a.m.'; just the start when there is no end; null when neither is known. */
export function timeRange(start: string | null, end: string | null): string | null {
  const s = start?.trim() ? formatTime(start) : '';
  const e = end?.trim() ? formatTime(end) : '';
  if (s && e) return `${s} to ${e}`;
  if (s) return s;
  if (e) return `until ${e}`;
  return null;
}

/** ['A', 'B', 'C'] → 'A, B and C'. Blank entries are dropped. */
export function joinNames(names: string[]): string {
  const list = names.map((n) => n.trim()).filter(Boolean);
  if (list.length <= 1) return list[0] ?? '';
  return `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

export const isDraft = (doc: MinutesDocument): boolean => doc.state !== 'approved';

/** 'COMMUNITIES AND PARTNERSHIP COMMITTEE: MINUTES' (or '...: DRAFT MINUTES'). */
export function minutesHeading(doc: MinutesDocument): string {
  return `${upper(doc.bodyName) || 'COMMITTEE'}: ${isDraft(doc) ? 'DRAFT MINUTES' : 'MINUTES'}`;
}

/** The line under the heading of draft minutes, or null for approved minutes. */
export function draftNotice(doc: MinutesDocument): string | null {
  if (doc.state === 'draft') return 'DRAFT: these minutes have not yet been approved as a correct record.';
  if (doc.state === 'published') return 'DRAFT: published ahead of approval; these minutes have not yet been approved as a correct record.';
  return null;
}

/** Running header text: 'Communities and Partnership Committee' and 'Minutes, 17 April 2018'. */
export function runningHeader(doc: MinutesDocument): { left: string; right: string } {
  return { left: doc.bodyName.trim(), right: `${isDraft(doc) ? 'Draft minutes' : 'Minutes'}, ${shortDate(doc.meetingDate)}` };
}

export interface LabelledLine {
  label: string;
  text: string;
}

/** The block under the heading: Date, Time, Venue, Present, Apologies, Absent, Officers, Also present. */
export function attendanceLines(doc: MinutesDocument): LabelledLine[] {
  const lines: LabelledLine[] = [{ label: 'Date:', text: longDate(doc.meetingDate) }];
  const time = timeRange(doc.startTime, doc.endTime);
  if (time) lines.push({ label: 'Time:', text: time });
  if (doc.venue.trim()) lines.push({ label: 'Venue:', text: doc.venue.trim() });
  const councillors = (names: string[]) => `Councillors: ${joinNames(names)}`;
  const present = doc.present.filter((n) => n.trim());
  lines.push({ label: 'Present:', text: present.length ? councillors(present) : 'None recorded.' });
  const apologies = doc.apologies.filter((n) => n.trim());
  lines.push({ label: 'Apologies:', text: apologies.length ? councillors(apologies) : 'None.' });
  if (doc.absent.some((n) => n.trim())) lines.push({ label: 'Absent:', text: councillors(doc.absent) });
  if (doc.officers.some((n) => n.trim())) lines.push({ label: 'Officers:', text: joinNames(doc.officers) });
  if (doc.others.some((n) => n.trim())) lines.push({ label: 'Also present:', text: joinNames(doc.others) });
  return lines;
}

export const minuteTitle = (entry: MinuteEntry): string => upper(entry.title) || 'UNTITLED ITEM';
export const minuteNumber = (entry: MinuteEntry): string => `${entry.number}.`;

/** A discussion block: a paragraph, or one bullet ("- " at the start of a line). */
export interface DiscussionBlock {
  kind: 'paragraph' | 'bullet';
  text: string /** Last of a run of bullets (or a paragraph). */;
  last: boolean;
}

/**
 * Splits discussion text into paragraphs (separated by blank lines; other line breaks join lines)
 * and bullets (lines starting "- ", "• " or "* "; an indented line continues the bullet above).
 */
export function discussionBlocks(text: string): DiscussionBlock[] {
  const blocks: DiscussionBlock[] = [];
  let current: DiscussionBlock | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      current = null;
      continue;
    }
    const bullet = /^[-•*]\s+(.*)$/.exec(line);
    if (bullet) {
      current = { kind: 'bullet', text: bullet[1]!.trim(), last: true };
      blocks.push(current);
    } else if (current && (current.kind === 'paragraph' || /^\s/.test(raw))) {
      current.text += ` ${line}`;
    } else {
      current = { kind: 'paragraph', text: line, last: true };
      blocks.push(current);
    }
  }
  blocks.forEach((b, i) => {
    b.last = b.kind !== 'bullet' || blocks[i + 1]?.kind !== 'bullet';
  });
  return blocks;
}

/** The preamble before the lettered resolutions, or null when there are none. */
export function resolvedPreamble(entry: MinuteEntry): string | null {
  if (!entry.resolutions.some((r) => r.text.trim())) return null;
  return entry.resolvedPreamble.trim() || 'It was resolved to:';
}

/**
 * How one resolution was decided, shown after it when the preamble does not already say so:
 * 'by a majority (7 votes in favour, 0 against, 1 abstention)' → 'Resolved by a majority (7 votes in
 * favour, 0 against, 1 abstention).'; 'unanimously' under "It was resolved unanimously to:" → null.
 */
export function decisionNote(preamble: string, decision: string): string | null {
  const d = decision.trim().replace(/[.;:,]+$/, '');
  if (!d) return null;
  const normal = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');
  if (normal(preamble).includes(normal(d))) return null;
  if (/^(unanimously|by\b|without\b|on\b|nem\.? con)/i.test(d)) return `Resolved ${d}.`;
  return `${d.charAt(0).toLocaleUpperCase('en-GB')}${d.slice(1)}.`;
}

/** The resolutions to print, with their letters, texts and decision notes. */
export function resolutionLines(entry: MinuteEntry): { letter: string; text: string; note: string | null }[] {
  const preamble = resolvedPreamble(entry) ?? '';
  return entry.resolutions
    .filter((r) => r.text.trim())
    .map((r, i) => ({
      letter: `${(r.letter.trim() || String.fromCharCode(97 + (i % 26))).replace(/[).]+$/, '')})`,
      text: r.text.trim(),
      note: decisionNote(preamble, r.decision),
    }));
}

export function amendmentLines(entry: MinuteEntry): { label: string; text: string }[] {
  return entry.amendments
    .filter((a) => a.text.trim())
    .map((a) => ({
      label: a.agreedOn.trim() ? `Amendment agreed on ${shortDate(a.agreedOn)}:` : 'Amendment:',
      text: a.text.trim(),
    }));
}

// ---------------------------------------------------------------------------------------------
// Action log.

export const ACTION_LOG_COLUMNS = ['Minute No.', 'Report Title', 'Action to be taken by', 'Action', 'Comments', 'Status'] as const;

/** '2018-04-17' → 'ACTIONS FROM MINUTES OF THE 17th APRIL COMMITTEE' (seed 004's wording). */
export function actionGroupHeading(meetingDate: string): string {
  const p = parseIsoDate(meetingDate);
  const when = p ? `${ordinal(p.d)} ${upper(MONTHS[p.m - 1]!)}` : upper(meetingDate);
  return `ACTIONS FROM MINUTES OF THE ${when} COMMITTEE`;
}

export function actionLogIntro(bodyName: string, asAt: string): string {
  const p = parseIsoDate(asAt);
  const when = p ? `${ordinal(p.d)} ${MONTHS[p.m - 1]} ${p.y}` : asAt.trim();
  return (
    `This is the updated minutes action log as at ${when} and captures the actions arising from the most recent ` +
    `${bodyName.trim()} meetings and updates Members on the progress on compliance in delivering the necessary actions.`
  );
}

/** 'ACTION ONGOING', 'ACTION COMPLETED', 'ACTION OVERDUE'. */
export const statusLabel = (status: ActionLogRow['status']): string => `ACTION ${upper(status)}`;

export interface ActionLogLine {
  minute: string; // '52.' or '' when the row continues the minute above
  title: string; // in capitals, '' when continuing
  owner: string; // '' when the same as the row above for the same minute
  action: string; // 'a) ...' when a minute has several actions
  comments: string;
  status: string;
  overdue: boolean;
  due: string | null; // 'Due 30 June 2018'
}

/**
 * The rows of one group as printed: the actions of one minute lettered a), b) ... as in seed 004,
 * with the minute number and report title shown on the first of them only.
 */
export function actionLogLines(rows: ActionLogRow[]): ActionLogLine[] {
  const key = (r: ActionLogRow) => `${r.minuteNumber ?? ''}\u0000${r.reportTitle.trim().toLowerCase()}`;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  const seen = new Map<string, number>();
  let previous: string | null = null;
  let previousOwner: string | null = null;
  return rows.map((r) => {
    const k = key(r);
    const index = seen.get(k) ?? 0;
    seen.set(k, index + 1);
    const lettered = (counts.get(k) ?? 0) > 1;
    const prefix = lettered ? `${String.fromCharCode(97 + (index % 26))}) ` : '';
    const continues = previous === k;
    const owner = r.owner.trim();
    const sameOwner = continues && previousOwner === owner;
    previous = k;
    previousOwner = owner;
    return {
      minute: continues || r.minuteNumber === null ? '' : `${r.minuteNumber}.`,
      title: continues ? '' : upper(r.reportTitle),
      owner: sameOwner ? '' : owner,
      action: r.action.trim() ? prefix + r.action.trim() : '',
      comments: r.comments.trim() ? prefix + r.comments.trim() : '',
      status: statusLabel(r.status),
      overdue: r.status === 'OVERDUE',
      due: r.dueDate?.trim() ? `Due ${shortDate(r.dueDate)}` : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
