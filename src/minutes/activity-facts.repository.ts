// What a partnership's quarterly summary of activity (src/reports, issue 16) reads from minutes: the decisions
// made at the meetings it names, minute by minute with their lettered resolutions (withdrawn minutes aside).
import type { Queryable } from '../db/database.ts';

export interface MeetingDecisionRow {
  meetingId: string;
  minuteId: string;
  minuteNumber: number;
  title: string;
  position: number;
  text: string;
  outcome: 'unanimous' | 'majority' | 'noted' | 'lost';
}

/** The resolutions recorded in the minutes of the meetings, in minute and letter order. */
export async function decisionsOfMeetings(db: Queryable, tenantId: string, meetingIds: string[]) {
  if (!meetingIds.length) return [];
  return db.query<MeetingDecisionRow>(
    `select mi.meeting_id as "meetingId", mi.id as "minuteId", mi.number as "minuteNumber", mi.title, r.position, r.text, r.outcome
     from minutes mi join resolutions r on r.minute_id = mi.id and r.deleted_at is null
     where mi.tenant_id = $1 and mi.meeting_id = any($2::uuid[]) and mi.deleted_at is null and not mi.withdrawn
     order by mi.number, r.position`,
    [tenantId, meetingIds],
  );
}
