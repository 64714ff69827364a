// An RFC 5545 iCalendar writer for meeting feeds that people subscribe to from Outlook,
// Google Calendar or Apple Calendar. Pure: give it the events (and the time for DTSTAMP).
//
// Times are local London times, written with TZID=Europe/London and a VTIMEZONE giving the
// GMT/BST rules, so a 2pm meeting stays at 2pm on either side of a clock change. Events with
// no time are all-day events (DTSTART;VALUE=DATE, DTEND the next day).
import { addDays, assertIsoDate } from './working-days.ts';

export interface CalendarEvent {
  uid: string;
  date: string;
  /** 'HH:MM', local London time; null for an all-day event. */
  startTime: string | null;
  /** 'HH:MM', local London time; null for start + 2 hours. Ignored for all-day events. */
  endTime: string | null;
  summary: string;
  description: string;
  location: string;
  url: string | null;
  status: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  lastModified: Date;
}

export interface CalendarInput {
  name: string;
  prodId?: string;
  events: CalendarEvent[];
  /** The time the feed is generated, for DTSTAMP. Defaults to now. */
  now?: Date;
}

export const DEFAULT_PROD_ID = '-//Partnership Hub//Meetings//EN';
export const DEFAULT_EVENT_HOURS = 2;
const TZID = 'Europe/London';
const CRLF = '\r\n';
const MAX_LINE_OCTETS = 75;

// Europe/London since 1996: BST from 01:00 GMT on the last Sunday in March to 01:00 GMT on
// the last Sunday in October. DTSTARTs are local times (01:00 GMT; 02:00 BST = 01:00 GMT).
const VTIMEZONE_LONDON = [
  'BEGIN:VTIMEZONE',
  `TZID:${TZID}`,
  `X-LIC-LOCATION:${TZID}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * Escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma are backslashed and
 * line breaks become \n. Other control characters, which the grammar does not allow, are dropped.
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\r\n|\r|\n/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
      .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`))
  );
}

/** A URI value: no escaping, but no control characters either. */
function uriValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001F\u007F]/g, '');
}

/**
 * Folds a content line so no line is longer than 75 octets (RFC 5545 3.1): CRLF and a space
 * begin each continuation, and a multi-byte UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = MAX_LINE_OCTETS; // continuation lines spend one octet on the leading space
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** Undoes folding (RFC 5545 3.1): a CRLF followed by a space or tab is removed. */
export function unfoldLines(text: string): string {
  return text.replace(/\r\n[ \t]/g, '');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function utcStamp(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError('A calendar timestamp is not a valid date');
  return (
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}T` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`
  );
}

function parseTime(value: string, name: string, uid: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new TypeError(`The ${name} of calendar event ${uid} must be a time written HH:MM, but was '${value}'`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function basicDate(iso: string): string {
  return iso.replaceAll('-', '');
}

/** Local date and minutes-after-midnight → '20180531T140000', rolling over past midnight. */
function localDateTime(date: string, minutes: number): string {
  const days = Math.floor(minutes / (24 * 60));
  const rest = minutes - days * 24 * 60;
  return `${basicDate(addDays(date, days))}T${pad(Math.floor(rest / 60))}${pad(rest % 60)}00`;
}

function eventLines(event: CalendarEvent, dtstamp: string): string[] {
  assertIsoDate(event.date, `date of calendar event ${event.uid}`);
  const lines = ['BEGIN:VEVENT', `UID:${escapeText(event.uid)}`, `DTSTAMP:${dtstamp}`];
  if (event.startTime === null) {
    lines.push(`DTSTART;VALUE=DATE:${basicDate(event.date)}`);
    lines.push(`DTEND;VALUE=DATE:${basicDate(addDays(event.date, 1))}`);
  } else {
    const start = parseTime(event.startTime, 'start time', event.uid);
    let end = start + DEFAULT_EVENT_HOURS * 60;
    // An end time at or before the start cannot be right; the default length is used instead.
    if (event.endTime !== null) {
      const given = parseTime(event.endTime, 'end time', event.uid);
      if (given > start) end = given;
    }
    lines.push(`DTSTART;TZID=${TZID}:${localDateTime(event.date, start)}`);
    lines.push(`DTEND;TZID=${TZID}:${localDateTime(event.date, end)}`);
  }
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${uriValue(event.url)}`);
  lines.push(`STATUS:${event.status}`);
  lines.push(`LAST-MODIFIED:${utcStamp(event.lastModified)}`);
  lines.push('END:VEVENT');
  return lines;
}

/** The whole calendar as RFC 5545 text: CRLF line endings, lines folded at 75 octets. */
export function buildCalendar(cal: CalendarInput): string {
  const dtstamp = utcStamp(cal.now ?? new Date());
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${escapeText(cal.prodId ?? DEFAULT_PROD_ID)}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    `X-WR-TIMEZONE:${TZID}`,
    ...VTIMEZONE_LONDON,
    ...cal.events.flatMap((event) => eventLines(event, dtstamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}
