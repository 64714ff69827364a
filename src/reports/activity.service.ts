// A partnership's quarterly summary of activity (issue 16): gathers what was recorded since the last approved
// update (or the quarter's start) to the quarter's end through the other capabilities' front doors, drafts it
// (activity-draft.ts), and runs its approval: the officer submits the draft, the partnership's lead member (its
// member contact in the register, found by the e-mail address of their account) approves it; audited.
import type { ChangeContext, Database, Queryable } from '../db/database.ts';
import { addDays } from '../calendar/working-days.ts';
import { getMeeting, partnershipMeetings } from '../meetings/index.ts';
import { decisionsOfMeetings } from '../minutes/index.ts';
import { contactsOn, eventsBetween, moneyBetween, quarterlyPartnerships } from '../partnerships/index.ts';
import { exceptionReports, indicatorResultsBetween } from '../performance/index.ts';
import { planActionsBetween } from '../plans/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import type { FormBody } from '../web/forms.ts';
import { type ActivityFacts, draftActivity, type MeetingFact } from './activity-draft.ts';
import * as repo from './activity.repository.ts';
import { canApprove, quarterOf, type Quarter } from './quarterly-rules.ts';

type Ctx = ChangeContext & { tenantId: string };
const EARLIEST = '1900-01-01';
const LATEST = '2999-12-31';

/** The window a draft covers: from the day after the last approved update's quarter, or the quarter's start, to its end. */
export async function windowOf(db: Queryable, tenantId: string, partnershipId: string, q: Quarter) {
  const last = await repo.lastApprovedBefore(db, tenantId, partnershipId, q.start);
  return { from: last ? addDays(quarterOf(last).end, 1) : q.start, to: q.end, sinceLastReport: last !== null };
}

/** Everything recorded for one partnership in the window, as the drafting rule takes it. */
export async function activityFacts(db: Queryable, tenantId: string, q: Quarter, partnershipId: string, today: string): Promise<ActivityFacts> {
  const [p] = await quarterlyPartnerships(db, tenantId, [partnershipId]);
  if (!p) throw new NotFoundError('partnership');
  const w = await windowOf(db, tenantId, partnershipId, q);
  const ids = [partnershipId];
  const asFact = (m: { id: string; bodyName: string; meetingDate: string; status: string }): MeetingFact => ({
    id: m.id,
    bodyName: m.bodyName,
    meetingDate: m.meetingDate,
    held: m.status === 'held' || m.meetingDate <= today,
  });
  const [meetings, before, after, indicators, exceptions, events, planActions, money] = await Promise.all([
    partnershipMeetings(db, tenantId, ids, w.from, w.to),
    partnershipMeetings(db, tenantId, ids, EARLIEST, addDays(w.from, -1)),
    partnershipMeetings(db, tenantId, ids, addDays(w.to, 1), LATEST),
    indicatorResultsBetween(db, tenantId, ids, w.from, w.to),
    exceptionReports(db, tenantId, {}),
    eventsBetween(db, tenantId, ids, w.from, w.to),
    planActionsBetween(db, tenantId, ids, w.from, w.to),
    moneyBetween(db, tenantId, ids, w.from, w.to),
  ]);
  const facts = meetings.map(asFact);
  const held = facts.filter((m) => m.held).map((m) => m.id);
  const inWindow = (d: string | null) => d !== null && d >= w.from && d <= w.to;
  const mine = exceptions.filter((e) => e.partnershipId === partnershipId && (inWindow(e.periodStart) || inWindow(e.meetingDate) || inWindow(e.consideredOn)));
  const considerers = await Promise.all(mine.map((e) => (e.meetingId ? getMeeting(db, tenantId, e.meetingId) : null)));
  return {
    partnershipId,
    partnershipName: p.name,
    ...w,
    meetings: facts,
    previousMeeting: before.length ? asFact(before.at(-1)!) : null,
    nextMeeting: after.length ? asFact(after[0]!) : null,
    decisions: await decisionsOfMeetings(db, tenantId, held),
    indicators,
    exceptions: mine.map((e, i) => ({
      indicatorId: e.indicatorId,
      indicatorTitle: e.indicatorTitle,
      cause: e.cause,
      actions: e.actions,
      cost: e.costPence,
      status: e.status,
      meetingDate: e.meetingDate,
      considerer: considerers[i]?.bodyName ?? null,
    })),
    events,
    planActions,
    money,
  };
}

export async function draftFromRecord(db: Queryable, tenantId: string, q: Quarter, partnershipId: string, today: string) {
  const facts = await activityFacts(db, tenantId, q, partnershipId, today);
  return { ...draftActivity(facts), from: facts.from, to: facts.to };
}

/** Whether the account (by its e-mail address) is the partnership's lead member: its member contact on the day. */
export async function isLeadMember(db: Queryable, tenantId: string, partnershipId: string, email: string, today: string) {
  const contacts = await contactsOn(db, tenantId, [partnershipId], today);
  const mine = email.trim().toLowerCase();
  return contacts.some((c) => c.role === 'member_contact' && (c.email ?? '').trim().toLowerCase() === mine && mine !== '');
}

/** The lead member's name for the page: who may approve. */
export async function leadMemberName(db: Queryable, tenantId: string, partnershipId: string, today: string) {
  const contacts = await contactsOn(db, tenantId, [partnershipId], today);
  return contacts.find((c) => c.role === 'member_contact')?.name ?? null;
}

const versionOf = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : null);

async function current(db: Queryable, tenantId: string, q: Quarter, partnershipId: string) {
  const [p] = await quarterlyPartnerships(db, tenantId, [partnershipId]);
  if (!p) throw new NotFoundError('partnership');
  const [u] = await repo.updatesOf(db, tenantId, q.start, [partnershipId]);
  return u ?? null;
}

/** The officer submits the saved draft to the lead member. */
export async function submitUpdate(db: Database, ctx: Ctx, q: Quarter, partnershipId: string, body: FormBody, who: string, today: string) {
  const u = await current(db, ctx.tenantId, q, partnershipId);
  if (!u) throw new ValidationError({ _: 'Save the summary of activity as a draft before submitting it' });
  if (u.state === 'submitted') throw new ValidationError({ _: 'This summary of activity is already submitted to the lead member' });
  if (u.state === 'approved') throw new ValidationError({ _: 'This summary of activity is already approved' });
  const version = versionOf(body.version);
  if (version === null) throw new ConflictError();
  const ok = await db.transaction(ctx, (tx) => repo.submit(tx, ctx.tenantId, { partnershipId, quarterStart: q.start, version, by: who, on: today }));
  if (!ok) throw new ConflictError();
}

/**
 * The lead member approves a submitted update. Anyone else who may approve updates in general (another councillor,
 * an administrator) is refused with a message: the rule is about this record, not the role.
 */
export async function approveUpdate(
  db: Database,
  ctx: Ctx,
  q: Quarter,
  partnershipId: string,
  body: FormBody,
  who: { name: string; email: string },
  today: string,
) {
  const u = await current(db, ctx.tenantId, q, partnershipId);
  if (!(await isLeadMember(db, ctx.tenantId, partnershipId, who.email, today)))
    throw new ValidationError({ _: "Only the partnership's lead member can approve its summary of activity" });
  if (u?.state === 'approved') throw new ValidationError({ _: 'This summary of activity is already approved' });
  if (!u || !canApprove(u.state)) throw new ValidationError({ _: 'The lead officer must submit the summary of activity before it can be approved' });
  const version = versionOf(body.version);
  if (version === null) throw new ConflictError();
  const ok = await db.transaction(ctx, (tx) =>
    repo.approve(tx, ctx.tenantId, { partnershipId, quarterStart: q.start, version, approvedBy: who.name, approvedOn: today }),
  );
  if (!ok) throw new ConflictError();
}
