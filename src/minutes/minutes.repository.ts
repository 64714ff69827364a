// SQL for minutes, resolutions, amendments, the minutes' state and the decisions register. Attendance and
// declarations are in attendance.repository.ts and the action log with its reminders in actions.repository.ts,
// both re-exported here; councillors' public records are in councillors.repository.ts.
import type { Queryable } from '../db/database.ts';
import { queryPage } from '../db/paging.ts';
import { inPublicSet } from '../publication/visibility.ts';
// The minutes' state is a column of the meeting, so meetings owns its query.
export { minutesStateOf } from '../meetings/index.ts';
import { likePattern } from '../web/schema.ts';

export * from './actions.repository.ts';
export * from './attendance.repository.ts';

/** Removing a row of the minutes: each table's fixed statement, the row found by its id and its parent's (meeting or minute). */
const DELETE_ROW = {
  attendance: `update attendance set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and meeting_id = $3 and deleted_at is null returning id`,
  declarations: `update declarations set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and meeting_id = $3 and deleted_at is null returning id`,
  resolutions: `update resolutions set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and minute_id = $3 and deleted_at is null returning id`,
} as const;

/** Marks a row deleted; false when there is no such row under that meeting (attendance, declarations) or minute (resolutions). */
export async function deleteRow(tx: Queryable, table: keyof typeof DELETE_ROW, tenantId: string, id: string, parentId: string) {
  const rows = await tx.query<{ id: string }>(DELETE_ROW[table], [tenantId, id, parentId]);
  return rows.length === 1;
}

// ---- Minutes and resolutions -------------------------------------------------------------------

export interface MinuteRow {
  id: string;
  meetingId: string;
  bodyId: string;
  agendaItemId: string | null;
  itemPosition: number | null;
  number: number;
  title: string;
  discussion: string;
  withdrawn: boolean;
  /** Confirmed as having had no discussion: the minutes say "No discussion recorded." when it is left blank. */
  noDiscussion: boolean;
  version: number;
}

const MINUTE_COLUMNS = `m.id, m.meeting_id as "meetingId", m.body_id as "bodyId", m.agenda_item_id as "agendaItemId", i.position as "itemPosition",
  m.number, m.title, m.discussion, m.withdrawn, m.no_discussion as "noDiscussion", m.version`;

export async function listMinutes(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<MinuteRow>(
    `select ${MINUTE_COLUMNS} from minutes m left join agenda_items i on i.id = m.agenda_item_id
    where m.tenant_id = $1 and m.meeting_id = $2 and m.deleted_at is null order by m.number`,
    [tenantId, meetingId],
  );
}

export async function getMinute(db: Queryable, tenantId: string, meetingId: string, minuteId: string) {
  const rows = await db.query<MinuteRow>(
    `select ${MINUTE_COLUMNS} from minutes m left join agenda_items i on i.id = m.agenda_item_id
    where m.tenant_id = $1 and m.meeting_id = $2 and m.id = $3 and m.deleted_at is null`,
    [tenantId, meetingId, minuteId],
  );
  return rows[0] ?? null;
}

/** Locks the body's minute counter for the rest of the transaction and returns it. */
export async function lockMinuteCounter(tx: Queryable, tenantId: string, bodyId: string) {
  const rows = await tx.query<{ n: number }>(`select last_minute_number as n from bodies where tenant_id = $1 and id = $2 for update`, [tenantId, bodyId]);
  return rows[0]!.n;
}

export async function setMinuteCounter(tx: Queryable, tenantId: string, bodyId: string, n: number) {
  await tx.query<never>(`update bodies set last_minute_number = $3 where tenant_id = $1 and id = $2`, [tenantId, bodyId, n]);
}

export async function insertMinute(
  tx: Queryable,
  tenantId: string,
  m: { bodyId: string; meetingId: string; agendaItemId: string | null; number: number; title: string; discussion?: string },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into minutes (tenant_id, body_id, meeting_id, agenda_item_id, number, title, discussion) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [tenantId, m.bodyId, m.meetingId, m.agendaItemId, m.number, m.title, m.discussion ?? ''],
  );
  return rows[0]!.id;
}

export async function updateMinute(tx: Queryable, tenantId: string, minuteId: string, version: number, m: { title: string; discussion: string }) {
  const rows = await tx.query<{ id: string }>(
    `update minutes set title = $4, discussion = $5 where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, minuteId, version, m.title, m.discussion],
  );
  return rows.length === 1;
}

/** Marks minutes of a meeting as having had no discussion to record (on publishing them). */
export async function markNoDiscussion(tx: Queryable, tenantId: string, meetingId: string, minuteIds: string[]) {
  if (minuteIds.length === 0) return;
  await tx.query<never>(
    `update minutes set no_discussion = true where tenant_id = $1 and meeting_id = $2 and id = any($3::uuid[]) and deleted_at is null and not no_discussion`,
    [tenantId, meetingId, minuteIds],
  );
}

/** Marks an agenda item withdrawn: it stays on the agenda, marked. */
export async function withdrawAgendaItem(tx: Queryable, tenantId: string, itemId: string) {
  await tx.query<never>(`update agenda_items set withdrawn = true where tenant_id = $1 and id = $2`, [tenantId, itemId]);
}

export async function setMinuteWithdrawn(tx: Queryable, tenantId: string, agendaItemId: string) {
  await tx.query<never>(`update minutes set withdrawn = true where tenant_id = $1 and agenda_item_id = $2 and deleted_at is null and not withdrawn`, [
    tenantId,
    agendaItemId,
  ]);
}

export interface ResolutionRow {
  id: string;
  minuteId: string;
  position: number;
  text: string;
  outcome: 'unanimous' | 'majority' | 'noted' | 'lost';
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  namedVotes: { name: string; vote: string }[];
  keyDecisionRef: string | null;
  version: number;
}

const RESOLUTION_COLUMNS = `r.id, r.minute_id as "minuteId", r.position, r.text, r.outcome, r.votes_for as "votesFor", r.votes_against as "votesAgainst",
  r.abstentions, r.named_votes as "namedVotes", r.key_decision_ref as "keyDecisionRef", r.version`;

export async function resolutionsOfMeeting(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<ResolutionRow>(
    `select ${RESOLUTION_COLUMNS} from resolutions r join minutes m on m.id = r.minute_id
    where r.tenant_id = $1 and m.meeting_id = $2 and r.deleted_at is null and m.deleted_at is null order by m.number, r.position`,
    [tenantId, meetingId],
  );
}

export async function insertResolution(
  tx: Queryable,
  tenantId: string,
  minuteId: string,
  r: {
    text: string;
    outcome: string;
    votesFor: number | null;
    votesAgainst: number | null;
    abstentions: number | null;
    namedVotes: unknown[];
    keyDecisionRef: string | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into resolutions (tenant_id, minute_id, position, text, outcome, votes_for, votes_against, abstentions, named_votes, key_decision_ref)
     values ($1, $2, (select coalesce(max(position), 0) + 1 from resolutions where minute_id = $2 and deleted_at is null), $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, minuteId, r.text, r.outcome, r.votesFor, r.votesAgainst, r.abstentions, JSON.stringify(r.namedVotes), r.keyDecisionRef],
  );
  return rows[0]!.id;
}

export async function insertAmendment(
  tx: Queryable,
  tenantId: string,
  a: { minuteId: string; text: string; agreedAtMeetingId: string | null; agreedOn: string },
) {
  await tx.query<never>(`insert into minute_amendments (tenant_id, minute_id, text, agreed_at_meeting_id, agreed_on) values ($1, $2, $3, $4, $5)`, [
    tenantId,
    a.minuteId,
    a.text,
    a.agreedAtMeetingId,
    a.agreedOn,
  ]);
}

export async function amendmentsOfMeeting(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<{ minuteId: string; text: string; agreedOn: string }>(
    `select a.minute_id as "minuteId", a.text, a.agreed_on as "agreedOn" from minute_amendments a join minutes m on m.id = a.minute_id
     where a.tenant_id = $1 and m.meeting_id = $2 and a.deleted_at is null order by a.created`,
    [tenantId, meetingId],
  );
}

export async function setMinutesState(
  tx: Queryable,
  tenantId: string,
  meetingId: string,
  version: number,
  s: { state: 'none' | 'draft' | 'published' | 'approved'; publishedOn?: string | null; approvedAtMeetingId?: string | null; approvedOn?: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `update meetings set minutes_state = $4,
       minutes_published_on = case when $4 in ('published', 'approved') then coalesce(minutes_published_on, $5::date) else null end,
       minutes_approved_at_meeting_id = $6, minutes_approved_on = $7
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, meetingId, version, s.state, s.publishedOn ?? null, s.approvedAtMeetingId ?? null, s.approvedOn ?? null],
  );
  return rows.length === 1;
}

// ---- Decisions register --------------------------------------------------------------------------

export interface DecisionRow {
  id: string;
  text: string;
  outcome: ResolutionRow['outcome'];
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  keyDecisionRef: string | null;
  position: number;
  ordinal: number;
  minuteNumber: number;
  minuteTitle: string;
  minuteId: string;
  meetingId: string;
  meetingDate: string;
  bodyId: string;
  bodyName: string;
  minutesState: string;
  /** When the decision, its minute or its meeting (publishing its minutes) last changed: what a feed of decisions says is new. */
  updated: Date;
}

/**
 * The decisions register. For the public: resolutions in published or approved minutes of public
 * meetings of published bodies, never those of an exempt or withdrawn item.
 */
export async function searchDecisions(
  db: Queryable,
  tenantId: string,
  f: { bodyId?: string; from?: string; to?: string; q?: string; keyDecisionRef?: string; publicOnly: boolean; limit: number; offset: number },
) {
  const params: unknown[] = [tenantId];
  const where = ['r.tenant_id = $1', 'r.deleted_at is null', 'mi.deleted_at is null', 'me.deleted_at is null', 'b.deleted_at is null'];
  if (f.publicOnly) {
    where.push(inPublicSet('resolution', 'r.id'));
  }
  if (f.bodyId) {
    params.push(f.bodyId);
    where.push(`b.id = $${params.length}`);
  }
  if (f.from) {
    params.push(f.from);
    where.push(`me.meeting_date >= $${params.length}`);
  }
  if (f.to) {
    params.push(f.to);
    where.push(`me.meeting_date <= $${params.length}`);
  }
  if (f.keyDecisionRef) {
    params.push(f.keyDecisionRef);
    where.push(`lower(r.key_decision_ref) = lower($${params.length})`);
  }
  if (f.q) {
    // Words (stemmed, so "appoint" finds "appointed"), or the text as typed.
    params.push(f.q, likePattern(f.q));
    const words = `$${params.length - 1}`;
    const like = `$${params.length}`;
    where.push(`(to_tsvector('english', r.text) @@ plainto_tsquery('english', ${words})
      or to_tsvector('english', mi.title) @@ plainto_tsquery('english', ${words})
      or r.text ilike ${like} or mi.title ilike ${like})`);
  }
  return queryPage<DecisionRow>(
    db,
    `select r.id, r.text, r.outcome, r.votes_for as "votesFor", r.votes_against as "votesAgainst", r.abstentions, r.key_decision_ref as "keyDecisionRef",
       r.position, mi.number as "minuteNumber", mi.title as "minuteTitle", mi.id as "minuteId", me.id as "meetingId", me.meeting_date as "meetingDate",
       b.id as "bodyId", b.name as "bodyName", me.minutes_state as "minutesState", greatest(r.modified, mi.modified, me.modified) as updated,
       (select count(*)::int from resolutions r2 where r2.minute_id = r.minute_id and r2.deleted_at is null and r2.position <= r.position) as ordinal,
       count(*) over ()::int as total
     from resolutions r join minutes mi on mi.id = r.minute_id join meetings me on me.id = mi.meeting_id join bodies b on b.id = mi.body_id
       left join agenda_items ai on ai.id = mi.agenda_item_id
     where ${where.join(' and ')}
     order by me.meeting_date desc, b.name, mi.number desc, r.position`,
    params,
    f,
  );
}

/** The Schedule 12A paragraph of each exempt minute of a meeting, keyed by minute number. */
export async function exemptMinutesOf(db: Queryable, tenantId: string, meetingId: string): Promise<Map<number, number>> {
  const rows = await db.query<{ number: number; paragraph: number }>(
    `select m.number, i.exempt_paragraph as paragraph from minutes m join agenda_items i on i.id = m.agenda_item_id
     where m.tenant_id = $1 and m.meeting_id = $2 and m.deleted_at is null and i.exempt_paragraph is not null`,
    [tenantId, meetingId],
  );
  return new Map(rows.map((r) => [r.number, r.paragraph]));
}

/** Minutes of a body's exempt items: their actions are not public. */
export async function exemptMinuteIdsOfBody(db: Queryable, tenantId: string, bodyId: string) {
  const rows = await db.query<{ id: string }>(
    `select m.id from minutes m join agenda_items i on i.id = m.agenda_item_id
     where m.tenant_id = $1 and m.body_id = $2 and i.exempt_paragraph is not null`,
    [tenantId, bodyId],
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * What the minutes paper of a meeting depends on, for the agenda pack's cache: the minutes' state, whether
 * the public may see them, and a stamp that changes whenever the minutes, attendance or the body's actions do.
 */
export async function minutesPaperStamp(db: Queryable, tenantId: string, meetingId: string) {
  const rows = await db.query<{ state: string; isPublic: boolean; stamp: string }>(
    `select m.minutes_state as state, (m.is_public and b.publication_state = 'published') as "isPublic",
       concat_ws('|', m.version, (select max(modified) from minutes where meeting_id = m.id), (select count(*) from minutes where meeting_id = m.id),
         (select max(r.modified) from resolutions r join minutes x on x.id = r.minute_id where x.meeting_id = m.id),
         (select max(modified) from attendance where meeting_id = m.id), (select max(modified) from actions where body_id = m.body_id),
         (select count(*) from actions where body_id = m.body_id)) as stamp
     from meetings m join bodies b on b.id = m.body_id where m.tenant_id = $1 and m.id = $2 and m.deleted_at is null`,
    [tenantId, meetingId],
  );
  return rows[0] ?? null;
}
