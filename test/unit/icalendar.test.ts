import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { buildCalendar, escapeText, foldLine, unfoldLines, type CalendarEvent } from '../../src/calendar/icalendar.ts';

const NOW = new Date('2019-04-01T09:30:15.123Z');

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: 'meeting-42@partnership-hub.example',
    date: '2018-05-31',
    startTime: '14:00',
    endTime: '16:30',
    summary: 'Health and Wellbeing Board',
    description: '',
    location: 'Council Chamber, County Hall',
    url: 'https://hub.example.gov.uk/meetings/42',
    status: 'CONFIRMED',
    lastModified: new Date('2018-05-20T08:00:00Z'),
    ...overrides,
  };
}

/** The unfolded content lines of one VEVENT (the nth), or of the whole calendar. */
function lines(ics: string): string[] {
  return unfoldLines(ics).split('\r\n');
}
function vevent(ics: string, n = 0): string[] {
  const all = lines(ics);
  const starts = all.flatMap((l, i) => (l === 'BEGIN:VEVENT' ? [i] : []));
  const start = starts[n]!;
  return all.slice(start, all.indexOf('END:VEVENT', start) + 1);
}
function prop(eventLines: string[], name: string): string | undefined {
  return eventLines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`));
}

test('the calendar wrapper: CRLF, PUBLISH, Gregorian, name, a Europe/London VTIMEZONE', () => {
  const ics = buildCalendar({ name: 'Adult Social Care, Health; and Wellbeing', events: [event()], now: NOW });
  assert.ok(ics.endsWith('END:VCALENDAR\r\n'));
  assert.equal(ics.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  assert.equal(ics.replace(/\r\n/g, '').includes('\r'), false, 'no bare CR');
  const all = lines(ics);
  assert.deepEqual(all.slice(0, 6), [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Partnership Hub//Meetings//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Adult Social Care\\, Health\\; and Wellbeing',
  ]);
  const tz = all.slice(all.indexOf('BEGIN:VTIMEZONE'), all.indexOf('END:VTIMEZONE') + 1);
  assert.ok(tz.includes('TZID:Europe/London'));
  const daylight = tz.slice(tz.indexOf('BEGIN:DAYLIGHT'), tz.indexOf('END:DAYLIGHT'));
  assert.ok(daylight.includes('TZOFFSETFROM:+0000') && daylight.includes('TZOFFSETTO:+0100') && daylight.includes('TZNAME:BST'));
  assert.ok(daylight.includes('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU'));
  const standard = tz.slice(tz.indexOf('BEGIN:STANDARD'), tz.indexOf('END:STANDARD'));
  assert.ok(standard.includes('TZOFFSETFROM:+0100') && standard.includes('TZOFFSETTO:+0000') && standard.includes('TZNAME:GMT'));
  assert.ok(standard.includes('RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU'));
  assert.ok(all.indexOf('END:VTIMEZONE') < all.indexOf('BEGIN:VEVENT'));
  assert.equal(buildCalendar({ name: 'x', prodId: '-//Test//EN', events: [], now: NOW }).includes('PRODID:-//Test//EN\r\n'), true);
});

test('a timed event: local London time with TZID, DTSTAMP and LAST-MODIFIED in UTC', () => {
  const ev = vevent(buildCalendar({ name: 'Board', events: [event()], now: NOW }));
  assert.deepEqual(ev, [
    'BEGIN:VEVENT',
    'UID:meeting-42@partnership-hub.example',
    'DTSTAMP:20190401T093015Z',
    'DTSTART;TZID=Europe/London:20180531T140000',
    'DTEND;TZID=Europe/London:20180531T163000',
    'SUMMARY:Health and Wellbeing Board',
    'LOCATION:Council Chamber\\, County Hall',
    'URL:https://hub.example.gov.uk/meetings/42',
    'STATUS:CONFIRMED',
    'LAST-MODIFIED:20180520T080000Z',
    'END:VEVENT',
  ]);
});

test('no end time: two hours after the start, rolling past midnight if need be', () => {
  const ev = vevent(buildCalendar({ name: 'Board', events: [event({ startTime: '10:00', endTime: null, date: '2019-01-17' })], now: NOW }));
  assert.equal(prop(ev, 'DTSTART'), 'DTSTART;TZID=Europe/London:20190117T100000');
  assert.equal(prop(ev, 'DTEND'), 'DTEND;TZID=Europe/London:20190117T120000');
  const late = vevent(buildCalendar({ name: 'Board', events: [event({ startTime: '23:15', endTime: null, date: '2018-12-31' })], now: NOW }));
  assert.equal(prop(late, 'DTEND'), 'DTEND;TZID=Europe/London:20190101T011500');
  // An end time before the start is a mistake: the default length is used.
  const backwards = vevent(buildCalendar({ name: 'Board', events: [event({ startTime: '14:00', endTime: '09:00' })], now: NOW }));
  assert.equal(prop(backwards, 'DTEND'), 'DTEND;TZID=Europe/London:20180531T160000');
});

test('an all-day event: VALUE=DATE, ending the next day', () => {
  const ics = buildCalendar({
    name: 'Deadlines',
    events: [event({ startTime: null, endTime: '12:00', date: '2018-12-31', summary: 'Agenda despatch', url: null, location: '' })],
    now: NOW,
  });
  const ev = vevent(ics);
  assert.equal(prop(ev, 'DTSTART'), 'DTSTART;VALUE=DATE:20181231');
  assert.equal(prop(ev, 'DTEND'), 'DTEND;VALUE=DATE:20190101');
  assert.equal(prop(ev, 'URL'), undefined);
  assert.equal(prop(ev, 'LOCATION'), undefined);
  assert.equal(prop(ev, 'DESCRIPTION'), undefined);
  assert.equal(ics.includes('TZID=Europe/London:2018'), false);
});

test('a cancelled event', () => {
  const ics = buildCalendar({
    name: 'Board',
    events: [event(), event({ uid: 'meeting-43@partnership-hub.example', status: 'CANCELLED', summary: 'CANCELLED: Health and Wellbeing Board' })],
    now: NOW,
  });
  assert.equal(prop(vevent(ics, 0), 'STATUS'), 'STATUS:CONFIRMED');
  const cancelled = vevent(ics, 1);
  assert.equal(prop(cancelled, 'STATUS'), 'STATUS:CANCELLED');
  assert.equal(prop(cancelled, 'UID'), 'UID:meeting-43@partnership-hub.example');
  assert.equal(prop(cancelled, 'SUMMARY'), 'SUMMARY:CANCELLED: Health and Wellbeing Board');
  assert.equal(prop(vevent(buildCalendar({ name: 'B', events: [event({ status: 'TENTATIVE' })], now: NOW })), 'STATUS'), 'STATUS:TENTATIVE');
});

test('text is escaped: backslash, semicolon, comma, newlines', () => {
  assert.equal(escapeText('a\\b;c,d\ne\r\nf\rg'), 'a\\\\b\\;c\\,d\\ne\\nf\\ng');
  assert.equal(escapeText('tab\there, bell\u0007 gone'), 'tab\there\\, bell gone');
  assert.equal(escapeText('Colon: fine'), 'Colon: fine');
  const ev = vevent(buildCalendar({ name: 'B', events: [event({ description: 'Item 1: Minutes;\nItem 2: Budget, 2019/20\\draft' })], now: NOW }));
  assert.equal(prop(ev, 'DESCRIPTION'), 'DESCRIPTION:Item 1: Minutes\\;\\nItem 2: Budget\\, 2019/20\\\\draft');
});

test('long lines fold at 75 octets without splitting a multi-byte character', () => {
  const summary =
    'Café £ review: Adult Social Care and Health Overview and Scrutiny Committee — budget £1.2m, précis — item 7: Better Care Fund plan 2019/20, section 75 agreement (café £)';
  const ics = buildCalendar({ name: 'B', events: [event({ summary })], now: NOW });
  const raw = ics.split('\r\n');
  for (const line of raw) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `${Buffer.byteLength(line, 'utf8')} octets: ${line}`);
  const start = raw.findIndex((l) => l.startsWith('SUMMARY:'));
  assert.ok(raw[start + 1]!.startsWith(' '), 'continuation begins with a space');
  // Folding happens by octets: the first line is exactly as long as fits.
  assert.ok(Buffer.byteLength(raw[start]!, 'utf8') >= 73);
  // No line breaks a UTF-8 sequence: each physical line decodes on its own.
  for (const line of raw) assert.equal(Buffer.from(line, 'utf8').toString('utf8'), line);
  assert.equal(prop(vevent(ics), 'SUMMARY'), `SUMMARY:${escapeText(summary)}`);
});

test('foldLine: exact boundaries', () => {
  const exactly75 = `SUMMARY:${'x'.repeat(67)}`;
  assert.equal(foldLine(exactly75), exactly75);
  assert.equal(foldLine(`${exactly75}y`), `${exactly75}\r\n y`);
  // An é (2 octets) that would straddle octet 75 moves whole to the next line.
  const straddle = `${'x'.repeat(74)}é`;
  assert.equal(foldLine(straddle), `${'x'.repeat(74)}\r\n é`);
  // Continuation lines hold 74 octets after their space.
  const long = 'y'.repeat(75 + 74 + 1);
  assert.deepEqual(foldLine(long).split('\r\n'), ['y'.repeat(75), ` ${'y'.repeat(74)}`, ' y']);
  // A 4-octet emoji (a surrogate pair in JavaScript) is never split either.
  const emoji = `${'x'.repeat(73)}😀z`;
  assert.equal(foldLine(emoji), `${'x'.repeat(73)}\r\n 😀z`);
});

test('property: folding keeps every line within 75 octets and unfolding restores the text', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 400, size: 'max' }), (text) => {
      const line = `DESCRIPTION:${escapeText(text)}`;
      const folded = foldLine(line);
      for (const physical of folded.split('\r\n')) {
        assert.ok(Buffer.byteLength(physical, 'utf8') <= 75);
        assert.equal(Buffer.from(physical, 'utf8').toString('utf8'), physical); // no split characters
      }
      assert.equal(unfoldLines(folded), line);
    }),
  );
});

test('bad event data is refused', () => {
  assert.throws(() => buildCalendar({ name: 'B', events: [event({ date: '2018-02-30' })], now: NOW }), TypeError);
  assert.throws(() => buildCalendar({ name: 'B', events: [event({ startTime: '2pm' })], now: NOW }), {
    name: 'TypeError',
    message: /start time of calendar event meeting-42@partnership-hub\.example must be a time written HH:MM/,
  });
  assert.throws(() => buildCalendar({ name: 'B', events: [event({ endTime: '24:00' })], now: NOW }), TypeError);
  assert.throws(() => buildCalendar({ name: 'B', events: [event({ lastModified: new Date('nonsense') })], now: NOW }), TypeError);
});
