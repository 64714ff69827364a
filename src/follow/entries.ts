// The entries of a followable list, read only through the public views of the capabilities that own
// them (meetings, minutes, search), for its Atom feed, its iCalendar feed and its alert digests.
import type { Queryable } from '../db/database.ts';
import type { CalendarEvent } from '../calendar/icalendar.ts';
import { formatLongDate, formatTime } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import { addDays } from '../calendar/working-days.ts';
import { getBody, listMeetings, meetingLabel, type MeetingRow } from '../meetings/index.ts';
import { searchDecisions } from '../minutes/index.ts';
import { isSearchKind, KIND_LABELS, queryHasTerms, resultHref, SEARCH_KINDS, searchDocuments } from '../search/index.ts';
import { bodyOf, NO_SUCH_BODY, type FollowQuery } from './query.ts';

export interface ListEntry {
  id: string;
  title: string;
  /** The page it is about, relative to the site. */
  href: string;
  updated: Date;
  summary: string;
  /** A meeting, for the calendar. */
  meeting?: MeetingRow;
}

export type ListAnswer = { ok: true; entries: ListEntry[]; bodyName: string | null } | { ok: false; error: string };

/** Calendar feeds reach back to the start of the year three years ago (so always at least three years)... */
export const FEED_YEARS_BACK = 3;
/** ...or further, to take in at least this many past meetings, so a quiet committee's feed is never empty. */
export const FEED_MIN_PAST = 50;
/** The most entries an Atom feed or a digest lists (the newest first). */
export const FEED_MAX_ENTRIES = 100;

/** The first day a calendar feed covers: 1 January three years ago, or earlier to take in FEED_MIN_PAST meetings. */
export async function calendarFrom(db: Queryable, tenantId: string, bodyId: string | null, today = todayInEngland()): Promise<string> {
  const threeYears = `${Number(today.slice(0, 4)) - FEED_YEARS_BACK}-01-01`;
  // The last FEED_MIN_PAST past meetings (all of them, when there are fewer): the oldest of them bounds the feed.
  const { rows } = await listMeetings(db, tenantId, {
    publicOnly: true,
    bodyId: bodyId ?? undefined,
    to: addDays(today, -1),
    order: 'desc',
    limit: FEED_MIN_PAST,
  });
  const oldest = rows.at(-1)?.meetingDate;
  return oldest && oldest < threeYears ? oldest : threeYears;
}

/** The published committee or board a query names, or an error when it names one the public cannot see. */
async function publishedBodyName(
  db: Queryable,
  tenantId: string,
  query: FollowQuery,
): Promise<{ ok: true; name: string | null } | { ok: false; error: string }> {
  const id = bodyOf(query);
  if (!id) return { ok: true, name: null };
  const body = await getBody(db, tenantId, id, { includeDrafts: false });
  return body ? { ok: true, name: body.name } : { ok: false, error: NO_SUCH_BODY };
}

function meetingSummaryText(m: MeetingRow): string {
  return [
    `${formatLongDate(m.meetingDate)}${m.startTime ? `, ${formatTime(m.startTime)}` : ''}`,
    m.venue,
    m.status === 'cancelled' ? 'This meeting has been cancelled.' : '',
    m.kind === 'reserve' ? 'Reserve date: the meeting will take place only if it is needed.' : '',
  ]
    .filter(Boolean)
    .join('. ');
}

const meetingEntry = (m: MeetingRow): ListEntry => ({
  id: m.id,
  title: `${meetingLabel(m)}, ${formatLongDate(m.meetingDate)}${m.status === 'cancelled' ? ' (cancelled)' : ''}`,
  href: `/calendar/${m.id}`,
  updated: new Date(m.modified),
  summary: meetingSummaryText(m),
  meeting: m,
});

/** Newest change first; ties by id, so the order is the same on every request. */
const byUpdated = (a: ListEntry, b: ListEntry) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id);

/**
 * The list's entries as the public sees them. Meetings: every public meeting of published committees from
 * calendarFrom on, upcoming included. Decisions and search results: the newest FEED_MAX_ENTRIES.
 */
export async function listEntries(db: Queryable, tenantId: string, query: FollowQuery, opts: { today?: string } = {}): Promise<ListAnswer> {
  const body = await publishedBodyName(db, tenantId, query);
  if (!body.ok) return body;
  switch (query.kind) {
    case 'calendar':
    case 'committee': {
      const from = await calendarFrom(db, tenantId, query.bodyId, opts.today);
      const { rows } = await listMeetings(db, tenantId, { publicOnly: true, bodyId: query.bodyId ?? undefined, from, order: 'asc', limit: 10_000 });
      return { ok: true, bodyName: body.name, entries: rows.map(meetingEntry) };
    }
    case 'decisions': {
      const { rows } = await searchDecisions(db, tenantId, {
        bodyId: query.committee ?? undefined,
        from: query.from ?? undefined,
        to: query.to ?? undefined,
        q: query.q ?? undefined,
        keyDecisionRef: query.ref ?? undefined,
        publicOnly: true,
        limit: 1000,
        offset: 0,
      });
      const entries = rows.map(
        (r): ListEntry => ({
          id: r.id,
          title: `${r.bodyName}, ${formatLongDate(r.meetingDate)}: minute ${r.minuteNumber}, ${r.minuteTitle}`,
          href: `/calendar/${r.meetingId}/minutes#minute-${r.minuteNumber}`,
          updated: new Date(r.updated),
          summary: `${r.text}${r.keyDecisionRef ? ` (key decision ${r.keyDecisionRef})` : ''}${r.minutesState === 'approved' ? '' : ' Draft minutes: subject to approval.'}`,
        }),
      );
      return { ok: true, bodyName: body.name, entries: entries.sort(byUpdated).slice(0, FEED_MAX_ENTRIES) };
    }
    case 'search': {
      if (query.types.some((t) => !isSearchKind(t))) return { ok: false, error: 'Select the kinds of record from the list' };
      if (!(await queryHasTerms(db, query.q))) return { ok: false, error: 'Enter a more specific word or phrase' };
      const rows = await searchDocuments(db, tenantId, {
        q: query.q,
        kinds: query.types.length ? query.types.filter(isSearchKind) : SEARCH_KINDS,
        bodyId: query.committee ?? undefined,
        from: query.from ?? undefined,
        to: query.to ?? undefined,
        publicOnly: true,
        limit: FEED_MAX_ENTRIES,
        offset: 0,
      });
      const entries = rows.map(
        (r): ListEntry => ({
          id: r.id,
          title: `${KIND_LABELS[r.kind]}: ${r.title}`,
          href: resultHref(r, false),
          // The search view keeps no time of change: a result is dated by the day it happened (a meeting's
          // date, a decision's meeting), so a feed reader and the digest see it as new from that day.
          updated: r.occurredOn ? new Date(`${r.occurredOn}T00:00:00Z`) : SEARCH_UNDATED,
          summary: r.extract.replace(/[\u0001\u0002]/g, ''),
        }),
      );
      return { ok: true, bodyName: body.name, entries: entries.sort(byUpdated) };
    }
  }
}

/** The time given to a search result with no date of its own. */
const SEARCH_UNDATED = new Date('2000-01-01T00:00:00Z');

/** A meeting as a calendar event, with a link back to its page. */
export function calendarEvent(origin: string, m: MeetingRow): CalendarEvent {
  const url = `${origin}/calendar/${m.id}`;
  const reserve = m.kind === 'reserve';
  const description = [
    m.status === 'cancelled' ? 'This meeting has been cancelled.' : '',
    reserve ? 'Reserve date: the meeting will take place only if it is needed.' : '',
    `Agenda and papers: ${url}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    uid: `meeting-${m.id}@partnership-hub`,
    date: m.meetingDate,
    startTime: m.startTime,
    endTime: m.endTime,
    summary: `${meetingLabel(m)}${m.status === 'cancelled' ? ' (cancelled)' : ''}`,
    description,
    location: m.venue,
    url,
    status: m.status === 'cancelled' ? 'CANCELLED' : reserve ? 'TENTATIVE' : 'CONFIRMED',
    lastModified: new Date(m.modified),
  };
}
