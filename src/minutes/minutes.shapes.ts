// How the JSON API shapes the minutes' rows into its responses, and reads the minutes of a meeting as the
// caller may see them (the public: published or approved minutes, exempt items masked).
import type { Queryable } from '../db/database.ts';
import * as meetingsRepo from '../meetings/index.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import * as repo from './minutes.repository.ts';
import type { ATTENDANCE_CATEGORIES, DECLARATION_KINDS } from './minutes.schemas.ts';
import * as service from './minutes.service.ts';
import { actionState, decisionText } from './rules.ts';
import { formatLongDate } from '../calendar/format.ts';
import { letter } from '../documents/text.ts';
import type { MINUTES_STATES } from './minutes.api-schemas.ts';

const PUBLIC_MINUTES_STATES = ['published', 'approved'];

export const votesOf = (r: { votesFor: number | null; votesAgainst: number | null; abstentions: number | null }) => ({
  for: r.votesFor,
  against: r.votesAgainst,
  abstentions: r.abstentions,
});

export const attendanceShape = (a: repo.AttendanceRow) => ({
  id: a.id,
  personId: a.personId,
  name: a.personName ?? a.name ?? '',
  honorificPrefix: a.honorificPrefix,
  category: a.category as (typeof ATTENDANCE_CATEGORIES)[number],
  substituteFor: a.substituteForPersonId ? { personId: a.substituteForPersonId, name: a.substituteForName ?? '' } : null,
  note: a.note,
  version: a.version,
});

export const resolutionShape = (r: repo.ResolutionRow, i: number) => ({
  id: r.id,
  letter: letter(i),
  text: r.text,
  outcome: r.outcome,
  votes: votesOf(r),
  decision: decisionText(r),
  keyDecisionRef: r.keyDecisionRef,
  namedVotes: r.namedVotes ?? [],
  version: r.version,
});

export function actionShape(a: repo.ActionRow, today: string) {
  return {
    id: a.id,
    type: 'action' as const,
    bodyId: a.bodyId,
    bodyName: a.bodyName,
    meetingId: a.meetingId,
    meetingDate: a.meetingDate,
    minuteId: a.minuteId,
    minuteNumber: a.minuteNumber,
    reportTitle: a.reportTitle,
    owner: { personId: a.ownerPersonId, name: a.ownerName },
    description: a.description,
    dueDate: a.dueDate,
    comments: a.comments,
    status: a.status,
    state: actionState(a, today),
    completedOn: a.completedOn,
    version: a.version,
  };
}

/** A meeting as the caller may see it: 404 to the public for a draft body or private meeting. */
async function visibleMeeting(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const meeting = await meetingsRepo.getMeeting(db, tenantId, id, { withDeleted: true });
  if (!meeting || (!includeDrafts && !(meeting.bodyPublished && meeting.isPublic))) throw new NotFoundError('meeting');
  if (meeting.deletedAt) throw new GoneError('meeting');
  return meeting;
}

/** The minutes of a meeting as the caller may see them. */
export async function minutesDetail(db: Queryable, tenantId: string, meetingId: string, includeDrafts: boolean) {
  const meeting = await visibleMeeting(db, tenantId, meetingId, includeDrafts);
  const state = (await repo.minutesStateOf(db, tenantId, meetingId))!;
  const forPublic = !includeDrafts;
  if (forPublic && !PUBLIC_MINUTES_STATES.includes(state.state)) throw new NotFoundError('minutes');
  const [{ attendance, declarations, minutes, resolutions, amendments }, items] = await Promise.all([
    service.minutesRecord(db, tenantId, meetingId),
    meetingsRepo.listItems(db, tenantId, meetingId),
  ]);
  const exempt = new Map(items.filter((i) => i.exemptParagraph !== null).map((i) => [i.id, i.exemptParagraph!]));
  const masked = (itemId: string | null) => forPublic && itemId !== null && exempt.has(itemId);
  return {
    meetingId: meeting.id,
    bodyId: meeting.bodyId,
    bodyName: meeting.bodyName,
    meetingDate: meeting.meetingDate,
    state: state.state as (typeof MINUTES_STATES)[number],
    publishedOn: state.publishedOn,
    approval:
      state.state === 'approved'
        ? {
            approvedOn: state.approvedOn,
            approvedAtMeetingId: state.approvedAtMeetingId,
            statement: state.approvedAtDate
              ? `Agreed as a correct record at the meeting of ${formatLongDate(state.approvedAtDate)} and signed by the Chairman`
              : 'Agreed as a correct record and signed by the Chairman',
          }
        : null,
    votingMembersPresent: service.votingMembersPresent(attendance),
    quorumWarning: await service.quorumOf(db, tenantId, meeting, attendance),
    attendance: attendance.map(attendanceShape),
    declarations: declarations.map((d) => ({
      id: d.id,
      personId: d.personId,
      personName: d.personName,
      agendaItemId: d.agendaItemId,
      itemNumber: d.itemPosition,
      kind: d.kind as (typeof DECLARATION_KINDS)[number],
      description: masked(d.agendaItemId) ? null : d.description,
    })),
    minutes: minutes.map((m) => {
      if (masked(m.agendaItemId)) return { number: m.number, title: 'Exempt item' as const, exemptParagraph: exempt.get(m.agendaItemId!)! };
      return {
        id: m.id,
        number: m.number,
        title: m.title,
        agendaItemId: m.agendaItemId,
        itemNumber: m.itemPosition,
        withdrawn: m.withdrawn,
        discussion: m.discussion,
        noDiscussionRecorded: m.noDiscussion,
        resolutions: resolutions.filter((r) => r.minuteId === m.id).map(resolutionShape),
        amendments: amendments.filter((a) => a.minuteId === m.id).map((a) => ({ text: a.text, agreedOn: a.agreedOn })),
        version: m.version,
      };
    }),
    version: meeting.version,
  };
}
