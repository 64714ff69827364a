// Commands and queries for what happens at and after a meeting: attendance and declarations,
// minutes numbered across a body's meetings, resolutions and votes, publication, approval (which
// locks the minutes) and amendments. The action log with its reminders is in actions.service.ts.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { parseOrThrow } from '../web/schema.ts';
import { labelFor } from '../web/labels.ts';
import { todayInEngland } from '../calendar/today.ts';
import { exemptNotice } from '../publication/exempt.ts';
import * as meetingsRepo from '../meetings/index.ts';
import { getPerson } from '../directory/index.ts';
import * as repo from './minutes.repository.ts';
import {
  allocateMinuteNumbers,
  decisionText,
  discussionText,
  quorumWarning,
  resolvedPreamble,
  unwrittenMinutes,
  voteProblems,
  VOTING_CATEGORIES,
} from './rules.ts';
import { amendmentInput, approvalInput, attendanceInput, declarationInput, minuteInput, resolutionInput } from './minutes.schemas.ts';
import type { MinutesDocument } from './minutes-document.ts';
import { formatLongDate } from '../calendar/format.ts';
import { letter } from '../documents/text.ts';

/** The database refuses changes to approved minutes (trigger minutes_locked); say so plainly. */
function lockedError(err: unknown): never {
  if (typeof err === 'object' && err !== null && /approved and signed/.test(String((err as Error).message))) {
    throw new ValidationError({ _: 'These minutes have been approved and signed: record an amendment instead' });
  }
  throw err;
}

/** The meeting, or a 404 (the actions service uses it too). */
export async function meetingOrThrow(tx: Queryable, tenantId: string, meetingId: string) {
  const meeting = await meetingsRepo.getMeeting(tx, tenantId, meetingId);
  if (!meeting) throw new NotFoundError('meeting');
  return meeting;
}

function refuseIfApproved(state: string) {
  if (state === 'approved') throw new ValidationError({ _: 'These minutes have been approved and signed: record an amendment instead' });
}

/** The meeting, when its minutes have been started and are not yet approved (so may still change). */
async function meetingWithOpenMinutes(tx: Queryable, tenantId: string, meetingId: string) {
  const meeting = await meetingOrThrow(tx, tenantId, meetingId);
  const state = (await repo.minutesStateOf(tx, tenantId, meetingId))!.state;
  if (state === 'none') throw new ValidationError({ _: 'Start the minutes first' });
  refuseIfApproved(state);
  return meeting;
}

// ---- Attendance and declarations -------------------------------------------------------------------

export async function addAttendance(db: Database, ctx: RequestContext, meetingId: string, raw: unknown) {
  const input = parseOrThrow(attendanceInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await meetingOrThrow(tx, ctx.tenantId, meetingId);
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state);
    for (const [field, personId] of [
      ['personId', input.personId],
      ['substituteForPersonId', input.substituteForPersonId],
    ] as const) {
      if (personId && !(await getPerson(tx, ctx.tenantId, personId))) throw new ValidationError({ [field]: 'Select the person from the list' });
    }
    const existing = await repo.listAttendance(tx, ctx.tenantId, meetingId);
    if (input.personId && existing.some((a) => a.personId === input.personId)) {
      throw new ValidationError({ personId: 'This person is already recorded for this meeting: remove them first to change how they attended' });
    }
    return repo.insertAttendance(tx, ctx.tenantId, meetingId, input);
  });
}

/** Records every member of the body on the meeting's date as present, except those already recorded. */
export async function addMembersAsPresent(db: Database, ctx: RequestContext, meetingId: string) {
  return db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await meetingOrThrow(tx, ctx.tenantId, meetingId);
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state);
    const recorded = new Set((await repo.listAttendance(tx, ctx.tenantId, meetingId)).map((a) => a.personId));
    const members = (await meetingsRepo.listMembers(tx, ctx.tenantId, meeting.bodyId)).filter(
      (m) =>
        ['chair', 'vice_chair', 'member', 'co_opted'].includes(m.role) &&
        (!m.startDate || m.startDate <= meeting.meetingDate) &&
        (!m.endDate || m.endDate >= meeting.meetingDate),
    );
    let added = 0;
    for (const m of members) {
      if (recorded.has(m.personId)) continue;
      recorded.add(m.personId);
      await repo.insertAttendance(tx, ctx.tenantId, meetingId, {
        personId: m.personId,
        name: null,
        category: 'present',
        substituteForPersonId: null,
        note: m.role === 'chair' ? 'Chairman' : m.role === 'vice_chair' ? 'Vice-Chairman' : null,
      });
      added += 1;
    }
    return added;
  });
}

export async function removeAttendance(db: Database, ctx: RequestContext, meetingId: string, attendanceId: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))?.state ?? 'none');
    if (!(await repo.deleteRow(tx, 'attendance', ctx.tenantId, attendanceId, meetingId))) throw new NotFoundError('attendance record');
  });
}

export async function addDeclaration(db: Database, ctx: RequestContext, meetingId: string, raw: unknown) {
  const input = parseOrThrow(declarationInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await meetingOrThrow(tx, ctx.tenantId, meetingId);
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state);
    if (!(await getPerson(tx, ctx.tenantId, input.personId))) throw new ValidationError({ personId: 'Select the member from the list' });
    if (input.agendaItemId && !(await meetingsRepo.getItem(tx, ctx.tenantId, meetingId, input.agendaItemId))) {
      throw new ValidationError({ agendaItemId: 'Select an item on this meeting’s agenda' });
    }
    return repo.insertDeclaration(tx, ctx.tenantId, meetingId, input);
  });
}

export async function removeDeclaration(db: Database, ctx: RequestContext, meetingId: string, declarationId: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))?.state ?? 'none');
    if (!(await repo.deleteRow(tx, 'declarations', ctx.tenantId, declarationId, meetingId))) throw new NotFoundError('declaration');
  });
}

/** Members who may vote at the meeting: those present and substitutes. */
export function votingMembersPresent(attendance: repo.AttendanceRow[]): number {
  return attendance.filter((a) => (VOTING_CATEGORIES as readonly string[]).includes(a.category)).length;
}

export async function quorumOf(db: Queryable, tenantId: string, meeting: meetingsRepo.MeetingRow, attendance: repo.AttendanceRow[]) {
  const body = await meetingsRepo.getBody(db, tenantId, meeting.bodyId);
  return quorumWarning(body?.quorum ?? null, votingMembersPresent(attendance));
}

// ---- Minutes --------------------------------------------------------------------------------------------

/**
 * Starts the minutes: one minute per agenda item in agenda order, numbered on from the body's last
 * minute. Withdrawn items get none. A cancelled meeting has no minutes, so it uses no numbers.
 */
export async function startMinutes(db: Database, ctx: RequestContext, meetingId: string) {
  return db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await meetingOrThrow(tx, ctx.tenantId, meetingId);
    if (meeting.status === 'cancelled') throw new ValidationError({ _: 'This meeting was cancelled: it has no minutes' });
    const state = (await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state;
    if (state !== 'none') throw new ValidationError({ _: 'The minutes of this meeting have already been started' });
    const last = await repo.lockMinuteCounter(tx, ctx.tenantId, meeting.bodyId);
    const items = await meetingsRepo.listItems(tx, ctx.tenantId, meetingId);
    const { numbered, lastNumber } = allocateMinuteNumbers(last, items);
    for (const n of numbered) {
      const item = items.find((i) => i.id === n.itemId)!;
      await repo.insertMinute(tx, ctx.tenantId, { bodyId: meeting.bodyId, meetingId, agendaItemId: item.id, number: n.number, title: item.title });
    }
    await repo.setMinuteCounter(tx, ctx.tenantId, meeting.bodyId, lastNumber);
    if (!(await repo.setMinutesState(tx, ctx.tenantId, meetingId, meeting.version, { state: 'draft' }))) throw new ConflictError();
    return numbered.length;
  });
}

/** A minute for business not on the agenda (an urgent item), with the next number. */
export async function addMinute(db: Database, ctx: RequestContext, meetingId: string, raw: unknown) {
  const input = parseOrThrow(minuteInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await meetingWithOpenMinutes(tx, ctx.tenantId, meetingId);
    const number = (await repo.lockMinuteCounter(tx, ctx.tenantId, meeting.bodyId)) + 1;
    await repo.setMinuteCounter(tx, ctx.tenantId, meeting.bodyId, number);
    return repo.insertMinute(tx, ctx.tenantId, {
      bodyId: meeting.bodyId,
      meetingId,
      agendaItemId: null,
      number,
      title: input.title,
      discussion: input.discussion,
    });
  });
}

export async function updateMinute(db: Database, ctx: RequestContext, meetingId: string, minuteId: string, version: number, raw: unknown) {
  const input = parseOrThrow(minuteInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getMinute(tx, ctx.tenantId, meetingId, minuteId))) throw new NotFoundError('minute');
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state);
    if (!(await repo.updateMinute(tx, ctx.tenantId, minuteId, version, input).catch(lockedError))) throw new ConflictError();
  });
}

/** Withdraws an agenda item: it stays on the agenda, marked; its minute (if numbered already) keeps its number, marked withdrawn. */
export async function withdrawItem(db: Database, ctx: RequestContext, meetingId: string, itemId: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await meetingsRepo.getItem(tx, ctx.tenantId, meetingId, itemId))) throw new NotFoundError('agenda item');
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state);
    await repo.withdrawAgendaItem(tx, ctx.tenantId, itemId);
    await repo.setMinuteWithdrawn(tx, ctx.tenantId, itemId).catch(lockedError);
  });
}

export async function addResolution(db: Database, ctx: RequestContext, meetingId: string, minuteId: string, raw: unknown) {
  const input = parseOrThrow(resolutionInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    const minute = await repo.getMinute(tx, ctx.tenantId, meetingId, minuteId);
    if (!minute) throw new NotFoundError('minute');
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state);
    if (minute.withdrawn) throw new ValidationError({ _: 'This item was withdrawn: it has no resolutions' });
    const present = votingMembersPresent(await repo.listAttendance(tx, ctx.tenantId, meetingId));
    const problems = voteProblems(input, present);
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    return repo.insertResolution(tx, ctx.tenantId, minuteId, input).catch(lockedError);
  });
}

export async function removeResolution(db: Database, ctx: RequestContext, meetingId: string, minuteId: string, resolutionId: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getMinute(tx, ctx.tenantId, meetingId, minuteId))) throw new NotFoundError('minute');
    refuseIfApproved((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state);
    if (!(await repo.deleteRow(tx, 'resolutions', ctx.tenantId, resolutionId, minuteId).catch(lockedError))) throw new NotFoundError('resolution');
  });
}

/** Publishing refused because minutes are unwritten: each is listed, keyed `noDiscussion-<id>` as the form's checkbox. */
export class UnwrittenMinutesError extends ValidationError {
  constructor(readonly unwritten: { id: string; number: number; title: string }[]) {
    super(
      Object.fromEntries(
        unwritten.map((m) => [`noDiscussion-${m.id}`, `Minute ${m.number}, ${m.title}, is not written: write it, or confirm no discussion was recorded`]),
      ),
      `${unwritten.length} minute${unwritten.length === 1 ? ' is' : 's are'} not written (no discussion and no resolution): ${unwritten
        .map((m) => `${m.number}. ${m.title}`)
        .join('; ')}. Write each one, or confirm that no discussion was recorded`,
    );
  }
}

/** The draft minutes with no discussion and no resolution, not withdrawn and not confirmed as having none. */
export async function unwrittenMinutesOf(db: Queryable, tenantId: string, meetingId: string) {
  const [minutes, resolutions] = await Promise.all([repo.listMinutes(db, tenantId, meetingId), repo.resolutionsOfMeeting(db, tenantId, meetingId)]);
  return unwrittenMinutes(minutes, new Set(resolutions.map((r) => r.minuteId)));
}

/**
 * Draft minutes are published for the public ahead of their approval at the next meeting. Every minute must be
 * written, or confirmed (its id in `noDiscussionRecorded`) as having no discussion: it then reads "No discussion recorded."
 */
export async function publishMinutes(db: Database, ctx: RequestContext, meetingId: string, version: number, noDiscussionRecorded: string[] = []) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await meetingOrThrow(tx, ctx.tenantId, meetingId);
    const state = (await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state;
    if (state !== 'draft') throw new ValidationError({ _: state === 'none' ? 'Start the minutes first' : 'The minutes have already been published' });
    if (meeting.version !== version) throw new ConflictError();
    const unwritten = await unwrittenMinutesOf(tx, ctx.tenantId, meetingId);
    const confirmed = new Set(noDiscussionRecorded);
    const left = unwritten.filter((m) => !confirmed.has(m.id));
    if (left.length > 0) throw new UnwrittenMinutesError(left);
    await repo.markNoDiscussion(
      tx,
      ctx.tenantId,
      meetingId,
      unwritten.map((m) => m.id),
    );
    if (!(await repo.setMinutesState(tx, ctx.tenantId, meetingId, version, { state: 'published', publishedOn: todayInEngland() }))) throw new ConflictError();
  });
}

/** "Agreed as a correct record and signed by the Chairman" at a later meeting: the minutes are then locked. */
export async function approveMinutes(db: Database, ctx: RequestContext, meetingId: string, version: number, raw: unknown) {
  const input = parseOrThrow(approvalInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await meetingWithOpenMinutes(tx, ctx.tenantId, meetingId);
    const at = await meetingsRepo.getMeeting(tx, ctx.tenantId, input.approvedAtMeetingId);
    if (!at || at.bodyId !== meeting.bodyId || at.meetingDate <= meeting.meetingDate || at.kind === 'workshop' || at.status === 'cancelled') {
      throw new ValidationError({ approvedAtMeetingId: 'Select a later meeting of the same committee that was not cancelled' });
    }
    if (
      !(await repo.setMinutesState(tx, ctx.tenantId, meetingId, version, {
        state: 'approved',
        publishedOn: todayInEngland(),
        approvedAtMeetingId: at.id,
        approvedOn: at.meetingDate,
      }))
    )
      throw new ConflictError();
  });
}

/** A correction to approved minutes is recorded beside them, never by editing them. */
export async function addAmendment(db: Database, ctx: RequestContext, meetingId: string, minuteId: string, raw: unknown) {
  const input = parseOrThrow(amendmentInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getMinute(tx, ctx.tenantId, meetingId, minuteId))) throw new NotFoundError('minute');
    if ((await repo.minutesStateOf(tx, ctx.tenantId, meetingId))!.state !== 'approved') {
      throw new ValidationError({ text: 'These minutes are not approved yet: change the minute itself' });
    }
    await repo.insertAmendment(tx, ctx.tenantId, { minuteId, ...input });
  });
}

/** What the minutes of a meeting record: attendance, declarations, the minutes, their resolutions and amendments. */
export async function minutesRecord(db: Queryable, tenantId: string, meetingId: string) {
  const [attendance, declarations, minutes, resolutions, amendments] = await Promise.all([
    repo.listAttendance(db, tenantId, meetingId),
    repo.listDeclarations(db, tenantId, meetingId),
    repo.listMinutes(db, tenantId, meetingId),
    repo.resolutionsOfMeeting(db, tenantId, meetingId),
    repo.amendmentsOfMeeting(db, tenantId, meetingId),
  ]);
  return { attendance, declarations, minutes, resolutions, amendments };
}

const ROLE_NOTE = (a: repo.AttendanceRow) => (a.note ? ` (${a.note})` : '');
const nameOf = (a: repo.AttendanceRow) => a.personName ?? a.name ?? '';

/** The minutes as a document, in the shape of seed 004's minutes. */
export async function minutesDocument(db: Queryable, tenantId: string, meetingId: string, council: string): Promise<MinutesDocument> {
  const meeting = await meetingOrThrow(db, tenantId, meetingId);
  const [state, { attendance, declarations, minutes, resolutions, amendments }] = await Promise.all([
    repo.minutesStateOf(db, tenantId, meetingId),
    minutesRecord(db, tenantId, meetingId),
  ]);
  const councillor = (a: repo.AttendanceRow) =>
    a.category === 'substitute' ? `${nameOf(a)} (substituting for Councillor ${a.substituteForName ?? ''})` : `${nameOf(a)}${ROLE_NOTE(a)}`;
  const of = (category: string) => attendance.filter((a) => a.category === category);
  const generalDeclarations = declarations.filter((d) => !d.agendaItemId);
  return {
    council,
    bodyName: meeting.bodyName,
    meetingDate: meeting.meetingDate,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    venue: meeting.venue,
    state: state!.state === 'approved' ? 'approved' : state!.state === 'published' ? 'published' : 'draft',
    approvalNote:
      state!.state === 'approved' && state!.approvedAtDate
        ? `Agreed as a correct record at the meeting of ${formatLongDate(state!.approvedAtDate)} and signed by the Chairman`
        : null,
    present: [...of('substitute'), ...of('present')].map(councillor),
    apologies: of('apologies').map(nameOf),
    absent: of('absent').map(nameOf),
    officers: of('officer').map((a) => `${nameOf(a)}${ROLE_NOTE(a)}`),
    others: of('other').map((a) => `${nameOf(a)}${ROLE_NOTE(a)}`),
    minutes: minutes.map((m) => {
      const rs = resolutions.filter((r) => r.minuteId === m.id);
      const preamble = resolvedPreamble(rs);
      return {
        number: m.number,
        title: m.title,
        withdrawn: m.withdrawn,
        discussion: discussionText(m),
        declarations: [
          ...(m.title.toLowerCase().includes('declaration') ? generalDeclarations : []),
          ...declarations.filter((d) => d.agendaItemId && d.agendaItemId === m.agendaItemId),
        ].map(
          (d) =>
            `Councillor ${d.personName} declared ${d.kind === 'other' ? 'an interest' : `a ${labelFor('declarationKind', d.kind).toLowerCase()}`}: ${d.description}`,
        ),
        resolvedPreamble: preamble,
        resolutions: rs.map((r, i) => {
          const decision = decisionText(r);
          return {
            letter: letter(i),
            text: r.text,
            decision: preamble.includes(decision) || (r.outcome === 'noted' && preamble.includes('note')) ? '' : decision,
          };
        }),
        amendments: amendments.filter((a) => a.minuteId === m.id).map((a) => ({ agreedOn: a.agreedOn, text: a.text })),
      };
    }),
  };
}

/** The minutes as the public may read them: every exempt minute reduced to its number, 'Exempt item' and the paragraph notice. */
export async function publicMinutesDocument(db: Queryable, tenantId: string, meetingId: string, council: string): Promise<MinutesDocument> {
  const [doc, exempt] = await Promise.all([minutesDocument(db, tenantId, meetingId, council), repo.exemptMinutesOf(db, tenantId, meetingId)]);
  return {
    ...doc,
    minutes: doc.minutes.map((m) => {
      const paragraph = exempt.get(m.number);
      if (!paragraph) return m;
      return {
        number: m.number,
        title: 'Exempt item',
        withdrawn: m.withdrawn,
        discussion: exemptNotice(paragraph),
        declarations: [],
        resolutions: [],
        resolvedPreamble: '',
        amendments: [],
      };
    }),
  };
}
