// SQL for what a meeting decided on each agenda item, as the public may read it (the public meeting page).
import type { Queryable } from '../db/database.ts';

export interface ItemOutcomeRow {
  agendaItemId: string;
  minuteNumber: number;
  minuteTitle: string;
  minutesState: string;
  /** The resolution's columns are null for a minute without resolutions. */
  resolutionId: string | null;
  text: string | null;
  outcome: 'unanimous' | 'majority' | 'noted' | 'lost' | null;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  keyDecisionRef: string | null;
}

/**
 * The public minutes of a meeting's agenda items with their public resolutions, in minute and resolution order.
 * Whether the public may see each is asked of the public view functions (migration 0010), never decided here;
 * the SQL is a literal so that test/integration/sql-row-types.test.ts checks its row type.
 */
export async function publicItemOutcomes(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<ItemOutcomeRow>(
    `select mi.agenda_item_id as "agendaItemId", mi.number as "minuteNumber", mi.title as "minuteTitle", me.minutes_state as "minutesState",
       r.id as "resolutionId", r.text, r.outcome, r.votes_for as "votesFor", r.votes_against as "votesAgainst", r.abstentions,
       r.key_decision_ref as "keyDecisionRef"
     from minutes mi join meetings me on me.id = mi.meeting_id
       left join resolutions r on r.minute_id = mi.id and r.deleted_at is null and public_resolution(r.id)
     where mi.tenant_id = $1 and mi.meeting_id = $2 and mi.agenda_item_id is not null
       and public_minute(mi.id) and public_agenda_item(mi.agenda_item_id)
     order by mi.number, r.position`,
    [tenantId, meetingId],
  );
}
