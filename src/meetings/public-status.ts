// A meeting's status as the public read it, over time. The clerk records 'scheduled', 'held' or
// 'cancelled', but a meeting nobody marked held still says 'Scheduled' years later; the public need to
// know whether it took place and where its minutes are. Pure: no I/O.
import { addDays } from '../calendar/working-days.ts';

/**
 * How long after a meeting, unmarked and without minutes, we still expect news of it: draft minutes
 * normally follow within a few weeks, so until then the meeting is only 'awaiting minutes'.
 */
export const AWAITING_MINUTES_DAYS = 42;

export type PublicMeetingState = 'upcoming' | 'cancelled' | 'held' | 'awaiting_minutes' | 'did_not_take_place';
/** approved or draft: public minutes to link to; to_follow: none public yet; none: there will be none. */
export type PublicMinutes = 'approved' | 'draft' | 'to_follow' | 'none';

export interface MeetingFacts {
  meetingDate: string;
  /** As the clerk recorded it: scheduled, held or cancelled. */
  status: string;
  /** Where its minutes stand: none, draft (private), published (draft, public) or approved. */
  minutesState: string;
  /** The day its agenda was published, if it was. */
  agendaPublishedOn: string | null;
}

export interface PublicStatus {
  state: PublicMeetingState;
  /** The words of the status tag. */
  label: string;
  /** Its colour (govuk-tag--<colour>). */
  colour: 'blue' | 'red' | 'grey' | 'green' | 'yellow';
  minutes: PublicMinutes;
  /** The sentence about its agenda, as a past or future event. */
  agendaNote: string | null;
}

const LABELS: Record<PublicMeetingState, { label: string; colour: PublicStatus['colour'] }> = {
  upcoming: { label: 'Scheduled', colour: 'blue' },
  cancelled: { label: 'Cancelled', colour: 'red' },
  held: { label: 'Held', colour: 'green' },
  awaiting_minutes: { label: 'Minutes to follow', colour: 'yellow' },
  did_not_take_place: { label: 'Did not take place', colour: 'grey' },
};

/** The public status of a meeting on `today` (ISO dates). */
export function publicMeetingStatus(m: MeetingFacts, today: string): PublicStatus {
  const minutesPublic = m.minutesState === 'published' || m.minutesState === 'approved';
  const state = stateOf(m, today, minutesPublic);
  const minutes: PublicMinutes =
    state === 'held' || state === 'awaiting_minutes' ? (minutesPublic ? (m.minutesState === 'approved' ? 'approved' : 'draft') : 'to_follow') : 'none';
  return { state, ...LABELS[state], minutes, agendaNote: agendaNote(state, m.agendaPublishedOn !== null, m.meetingDate < today) };
}

function stateOf(m: MeetingFacts, today: string, minutesPublic: boolean): PublicMeetingState {
  if (m.status === 'cancelled') return 'cancelled';
  // Minutes, even draft ones not yet public, show it took place, whatever the date says.
  if (m.status === 'held' || minutesPublic || m.minutesState === 'draft') return 'held';
  if (m.meetingDate >= today) return 'upcoming';
  return addDays(m.meetingDate, AWAITING_MINUTES_DAYS) >= today ? 'awaiting_minutes' : 'did_not_take_place';
}

/** Said only when no agenda was published, and in the tense of the meeting. */
function agendaNote(state: PublicMeetingState, published: boolean, past: boolean): string | null {
  if (published) return null;
  switch (state) {
    case 'upcoming':
      return null; // The page says by when it will be published.
    case 'cancelled':
      return past ? 'No agenda was published because the meeting was cancelled.' : 'No agenda will be published because the meeting has been cancelled.';
    case 'did_not_take_place':
      return 'The meeting did not take place, and no agenda was published.';
    default:
      return 'No agenda was published before this meeting.';
  }
}
