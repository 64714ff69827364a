// What the home page shows, read through the capabilities' front doors with their public filters.
import type { Database } from '../db/database.ts';
import { formatLongDate, formatTime } from '../calendar/format.ts';
import { addDays } from '../calendar/working-days.ts';
import { labelFor } from '../web/labels.ts';
import { latestPublicPapers, listBodies, listMeetings, minutesStatesOf, publicMeetingStatus, type MeetingRow } from '../meetings/index.ts';
import { listPublicCouncillors, searchDecisions } from '../minutes/index.ts';
import { listPartnerships } from '../partnerships/index.ts';

const MEETINGS = 5;
const DECISIONS = 5;
const PAPERS = 5;

/** A meeting's name as the public lists show it. */
const meetingName = (m: MeetingRow) => (m.kind === 'formal' || !m.title ? m.bodyName : `${m.bodyName}: ${m.title}`);

/** A letter for each group of an A–Z list: its first letter, or '#' for a name that starts otherwise. */
export function byInitial<T extends { name: string }>(rows: readonly T[]) {
  const groups = new Map<string, T[]>();
  for (const r of [...rows].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))) {
    const first = r.name.trim().charAt(0).toUpperCase();
    const letter = /[A-Z]/.test(first) ? first : '#';
    groups.set(letter, [...(groups.get(letter) ?? []), r]);
  }
  return [...groups].map(([letter, items]) => ({ letter, items }));
}

export async function homePage(db: Database, tenantId: string, today: string) {
  const [upcoming, decisions, papers, bodies, partnerships, councillors] = await Promise.all([
    listMeetings(db, tenantId, { publicOnly: true, from: today, order: 'asc', limit: MEETINGS }),
    searchDecisions(db, tenantId, { publicOnly: true, limit: DECISIONS, offset: 0 }),
    latestPublicPapers(db, tenantId, PAPERS),
    listBodies(db, tenantId, { includeDrafts: false }),
    listPartnerships(db, tenantId, { asAt: today, includeDrafts: false, limit: 1000, offset: 0 }),
    listPublicCouncillors(db, tenantId, today),
  ]);
  // When nothing is arranged, the latest meetings stand in, however old, so the page is never bare.
  const recent = upcoming.total ? null : await listMeetings(db, tenantId, { publicOnly: true, to: addDays(today, -1), order: 'desc', limit: MEETINGS });
  const shown = recent?.rows ?? upcoming.rows;
  const minutes = await minutesStatesOf(
    db,
    tenantId,
    shown.map((m) => m.id),
  );
  return {
    upcomingTotal: upcoming.total,
    meetings: shown.map((m) => ({
      href: `/calendar/${m.id}`,
      name: meetingName(m),
      date: formatLongDate(m.meetingDate),
      time: formatTime(m.startTime),
      venue: m.venue,
      kindLabel: m.kind === 'formal' ? null : labelFor('meetingKind', m.kind),
      status: publicMeetingStatus({ ...m, minutesState: minutes.get(m.id) ?? 'none' }, today),
    })),
    decisions: decisions.rows.map((d) => ({
      href: `/calendar/${d.meetingId}/minutes#minute-${d.minuteNumber}`,
      minuteTitle: d.minuteTitle,
      // A decision's words, cut at a word near 160 characters: the link leads to the whole.
      text: d.text.length > 160 ? `${d.text.slice(0, 160).replace(/\s+\S*$/, '')}…` : d.text,
      bodyName: d.bodyName,
      date: formatLongDate(d.meetingDate),
      draft: d.minutesState !== 'approved',
    })),
    papers: papers.map((p) => ({
      href: `/calendar/${p.meetingId}/papers/${p.itemId}`,
      meetingHref: `/calendar/${p.meetingId}`,
      title: p.title,
      bodyName: p.bodyName,
      date: formatLongDate(p.meetingDate),
      position: p.position,
    })),
    bodies: byInitial(bodies.map((b) => ({ name: b.name, href: `/committees/${b.id}` }))),
    partnerships: byInitial(
      partnerships.rows.map((p) => ({ name: p.name, href: `/register/${p.id}`, note: p.status === 'active' ? null : labelFor('status', p.status) })),
    ),
    councillorCount: councillors.length,
  };
}
