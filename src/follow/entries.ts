// The entries of a followable list, read only through the public views of the capabilities that own
// them (meetings, minutes, search), for its Atom feed, its iCalendar feed and its alert digests.
import type { Queryable } from '../db/database.ts';
import type { CalendarEvent } from '../calendar/icalendar.ts';
import { formatLongDate, formatTime } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import { addDays } from '../calendar/working-days.ts';
import { getBody, getMeeting, listMeetings, meetingLabel, type MeetingRow } from '../meetings/index.ts';
import { searchDecisions } from '../minutes/index.ts';
import { isSearchKind, KIND_LABELS, queryHasTerms, resultHref, SEARCH_KINDS, searchDocuments, searchResultsChanged } from '../search/index.ts';
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
  /** The meeting a search result belongs to, for the search's calendar. */
  meetingId?: string | null;
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

/**
 * Whether the public can follow the list: a committee or board it names is published, and a search has words
 * to look for and known kinds. The cheap checks of listEntries, for offering a Follow box without reading the list.
 */
export async function followable(
  db: Queryable,
  tenantId: string,
  query: FollowQuery,
): Promise<{ ok: true; bodyName: string | null } | { ok: false; error: string }> {
  const body = await publishedBodyName(db, tenantId, query);
  if (!body.ok) return body;
  if (query.kind === 'search') {
    if (query.types.some((t) => !isSearchKind(t))) return { ok: false, error: 'Select the kinds of record from the list' };
    if (!(await queryHasTerms(db, query.q))) return { ok: false, error: 'Enter a more specific word or phrase' };
  }
  return { ok: true, bodyName: body.name };
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
  const checked = await followable(db, tenantId, query);
  if (!checked.ok) return checked;
  const body = { name: checked.bodyName };
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
      // A result is dated by when it last changed as the public see it (a paper published today is new today,
      // whatever its meeting's date), so a feed reader and the digest see it as new from then.
      const changed = await searchResultsChanged(
        db,
        tenantId,
        rows.map((r) => r.id),
      );
      const entries = rows.map(
        (r): ListEntry => ({
          id: r.id,
          title: `${KIND_LABELS[r.kind]}: ${r.title}`,
          href: resultHref(r, false),
          updated: changed.get(r.id) ?? (r.occurredOn ? new Date(`${r.occurredOn}T00:00:00Z`) : SEARCH_UNDATED),
          summary: r.extract.replace(/[\u0001\u0002]/g, ''),
          meetingId: r.meetingId,
        }),
      );
      return { ok: true, bodyName: body.name, entries: entries.sort(byUpdated) };
    }
  }
}

/** The time given to a search result with no date of its own. */
const SEARCH_UNDATED = new Date('2000-01-01T00:00:00Z');

/**
 * The meetings of a list, for its calendar: the calendar's and a committee's own entries, or the public
 * meetings a search's results belong to (a meeting found, or the meeting of an item, paper, minute or decision
 * found), each once, in date order.
 */
export async function meetingsOf(db: Queryable, tenantId: string, entries: ListEntry[]): Promise<MeetingRow[]> {
  const own = entries.flatMap((e) => (e.meeting ? [e.meeting] : []));
  const ids = [...new Set(entries.flatMap((e) => (!e.meeting && e.meetingId ? [e.meetingId] : [])))];
  const found: MeetingRow[] = [];
  for (const id of ids) {
    const m = await getMeeting(db, tenantId, id);
    // The search read only public results; the meeting is checked again all the same.
    if (m?.isPublic && m.bodyPublished) found.push(m);
  }
  found.sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || (a.startTime ?? '').localeCompare(b.startTime ?? '') || a.id.localeCompare(b.id));
  return [...own, ...found];
}

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
