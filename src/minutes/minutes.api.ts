import { z } from 'zod';
import { defineOperation, type Operation, uuidParam, idParams, isoDateOut, pagination, asProblem } from '../api/index.ts';
import { todayInEngland } from '../calendar/today.ts';
import type { Queryable } from '../db/database.ts';
import * as meetingsRepo from '../meetings/index.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import { isoDate, version } from '../web/schema.ts';
import * as repo from './minutes.repository.ts';
import {
  actionProgressInput,
  approvalInput,
  ATTENDANCE_CATEGORIES,
  attendanceInput,
  DECLARATION_KINDS,
  declarationInput,
  OUTCOMES,
  resolutionInput,
} from './minutes.schemas.ts';
import * as service from './minutes.service.ts';
import { councillorProfile } from './councillors.ts';
import { actionState, decisionText } from './rules.ts';
import { formatLongDate } from '../calendar/format.ts';
import { letter } from '../documents/text.ts';
import { isStaff } from '../access/permissions.ts';

const minuteParams = z.object({ id: uuidParam, minuteId: uuidParam });
const versionBody = z.object({ version });

const PUBLIC_MINUTES_STATES = ['published', 'approved'];
const MINUTES_STATES = ['none', 'draft', 'published', 'approved'] as const;

// ---- Response schemas ----------------------------------------------------------------------------

const votesOut = z.object({ for: z.number().int().nullable(), against: z.number().int().nullable(), abstentions: z.number().int().nullable() });

const attendanceOut = z.object({
  id: z.uuid(),
  personId: z.uuid().nullable(),
  name: z.string(),
  honorificPrefix: z.string().nullable(),
  category: z.enum(ATTENDANCE_CATEGORIES),
  substituteFor: z.object({ personId: z.uuid(), name: z.string() }).nullable().describe('For a substitute, the member they substituted for'),
  note: z.string().nullable(),
  version: z.number().int(),
});
const declarationOut = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  agendaItemId: z.uuid().nullable(),
  itemNumber: z.number().int().nullable(),
  kind: z.enum(DECLARATION_KINDS),
  description: z.string().nullable().describe('null to the public when the declaration is about an exempt item'),
});
const resolutionOut = z.object({
  id: z.uuid(),
  letter: z.string(),
  text: z.string(),
  outcome: z.enum(OUTCOMES),
  votes: votesOut,
  decision: z.string().describe('How the decision reads in the minutes, e.g. "by a majority (7 votes in favour, 0 against, 1 abstention)"'),
  keyDecisionRef: z.string().nullable(),
  namedVotes: z.array(z.object({ name: z.string(), vote: z.string() })),
  version: z.number().int(),
});
const amendmentOut = z.object({ text: z.string(), agreedOn: isoDateOut });
const minuteOut = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  agendaItemId: z.uuid().nullable(),
  itemNumber: z.number().int().nullable().describe('The agenda item minuted; null for business not on the agenda'),
  withdrawn: z.boolean(),
  discussion: z.string(),
  resolutions: z.array(resolutionOut),
  amendments: z.array(amendmentOut),
  version: z.number().int(),
});
/** What the public learn of an exempt item's minute. */
const exemptMinuteOut = z.strictObject({ number: z.number().int(), title: z.literal('Exempt item'), exemptParagraph: z.number().int().min(1).max(7) });
const minutesOut = z.object({
  meetingId: z.uuid(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  meetingDate: isoDateOut,
  state: z.enum(MINUTES_STATES).describe('none: not started; draft; published: draft minutes shown to the public; approved: signed and locked'),
  publishedOn: isoDateOut.nullable(),
  approval: z.object({ approvedOn: isoDateOut.nullable(), approvedAtMeetingId: z.uuid().nullable(), statement: z.string() }).nullable(),
  votingMembersPresent: z.number().int(),
  quorumWarning: z.string().nullable(),
  attendance: z.array(attendanceOut),
  declarations: z.array(declarationOut),
  minutes: z.array(z.union([minuteOut, exemptMinuteOut])).describe('In number order; exempt items are masked for the public'),
  version: z.number().int().describe("The meeting's version, to send when publishing or approving the minutes"),
});
const decisionOut = z.object({
  id: z.uuid(),
  type: z.literal('decision'),
  text: z.string(),
  outcome: z.enum(OUTCOMES),
  votes: votesOut,
  decision: z.string(),
  keyDecisionRef: z.string().nullable(),
  position: z.number().int(),
  minute: z.object({ id: z.uuid(), number: z.number().int(), title: z.string() }),
  meeting: z.object({ id: z.uuid(), date: isoDateOut, minutesState: z.enum(MINUTES_STATES) }),
  body: z.object({ id: z.uuid(), name: z.string() }),
});
const actionOut = z.object({
  id: z.uuid(),
  type: z.literal('action'),
  bodyId: z.uuid(),
  bodyName: z.string(),
  meetingId: z.uuid().nullable(),
  meetingDate: isoDateOut.nullable(),
  minuteId: z.uuid().nullable(),
  minuteNumber: z.number().int().nullable(),
  reportTitle: z.string(),
  owner: z.object({ personId: z.uuid().nullable(), name: z.string() }),
  description: z.string(),
  dueDate: isoDateOut.nullable(),
  comments: z.string(),
  status: z.enum(['ongoing', 'completed']),
  state: z.enum(['ongoing', 'completed', 'overdue']).describe('Overdue when not completed and the due date has passed (Europe/London)'),
  completedOn: isoDateOut.nullable(),
  version: z.number().int(),
});

// ---- Shaping rows --------------------------------------------------------------------------------

const votesOf = (r: { votesFor: number | null; votesAgainst: number | null; abstentions: number | null }) => ({
  for: r.votesFor,
  against: r.votesAgainst,
  abstentions: r.abstentions,
});

const attendanceShape = (a: repo.AttendanceRow) => ({
  id: a.id,
  personId: a.personId,
  name: a.personName ?? a.name ?? '',
  honorificPrefix: a.honorificPrefix,
  category: a.category as (typeof ATTENDANCE_CATEGORIES)[number],
  substituteFor: a.substituteForPersonId ? { personId: a.substituteForPersonId, name: a.substituteForName ?? '' } : null,
  note: a.note,
  version: a.version,
});

const resolutionShape = (r: repo.ResolutionRow, i: number) => ({
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

function actionShape(a: repo.ActionRow, today: string) {
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
async function minutesDetail(db: Queryable, tenantId: string, meetingId: string, includeDrafts: boolean) {
  const meeting = await visibleMeeting(db, tenantId, meetingId, includeDrafts);
  const state = (await repo.minutesStateOf(db, tenantId, meetingId))!;
  const forPublic = !includeDrafts;
  if (forPublic && !PUBLIC_MINUTES_STATES.includes(state.state)) throw new NotFoundError('minutes');
  const [attendance, declarations, minutes, resolutions, amendments, items] = await Promise.all([
    repo.listAttendance(db, tenantId, meetingId),
    repo.listDeclarations(db, tenantId, meetingId),
    repo.listMinutes(db, tenantId, meetingId),
    repo.resolutionsOfMeeting(db, tenantId, meetingId),
    repo.amendmentsOfMeeting(db, tenantId, meetingId),
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
        resolutions: resolutions.filter((r) => r.minuteId === m.id).map(resolutionShape),
        amendments: amendments.filter((a) => a.minuteId === m.id).map((a) => ({ text: a.text, agreedOn: a.agreedOn })),
        version: m.version,
      };
    }),
    version: meeting.version,
  };
}

const optionalQueryText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));

const decisionQuery = z
  .object({
    q: optionalQueryText('q', 200).describe("Words to find in the resolution or the minute's heading"),
    bodyId: uuidParam.optional(),
    from: isoDate('from').optional(),
    to: isoDate('to').optional(),
    keyDecisionRef: optionalQueryText('keyDecisionRef', 50).describe('A Forward Plan reference, e.g. 2018/052'),
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
    offset: z.coerce.number({ error: 'must be a number' }).int().min(0).max(1_000_000).default(0),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be the same as or after from' });
  });

// ---- Operations ------------------------------------------------------------------------------------

const named = z.object({ id: z.uuid(), name: z.string() });
const councillorOut = z.object({
  id: z.uuid(),
  type: z.literal('councillor'),
  name: z.string(),
  party: z.string().nullable(),
  memberships: z.array(
    z.object({ body: named, role: z.string(), politicalGroup: z.string().nullable(), startDate: isoDateOut.nullable(), endDate: isoDateOut.nullable() }),
  ),
  roles: z.array(z.object({ title: z.string(), area: z.string().nullable(), body: named, startDate: isoDateOut.nullable(), endDate: isoDateOut.nullable() })),
  outsideBodies: z.array(z.object({ outsideBody: named, role: z.string(), startDate: isoDateOut.nullable(), endDate: isoDateOut.nullable() })),
  attendance: z.array(
    z.object({
      meeting: z.object({ id: z.uuid(), date: isoDateOut }),
      body: named,
      category: z.enum(ATTENDANCE_CATEGORIES),
      substituteFor: z.string().nullable(),
    }),
  ),
  summary: z.object({
    meetings: z.number().int(),
    attended: z.number().int(),
    present: z.number().int(),
    substitute: z.number().int(),
    apologies: z.number().int(),
    absent: z.number().int(),
    other: z.number().int(),
  }),
});

export const minutesOperations: Operation[] = [
  defineOperation({
    operationId: 'getMinutes',
    method: 'GET',
    path: '/meetings/{id}/minutes',
    tag: 'Minutes',
    access: 'public.view',
    summary: 'Get the minutes of a meeting: attendance, declarations, numbered minutes, resolutions and votes, approval and amendments',
    description:
      'The public see minutes once published (as draft minutes) or approved, for public meetings of published bodies; of an exempt item\'s minute only its number, "Exempt item" and the Schedule 12A paragraph. Token holders see the minutes in any state.',
    params: idParams,
    problems: [404, 410],
    response: { status: 200, description: 'The minutes', schema: minutesOut },
    handler: ({ params, ctx, request }) => minutesDetail(request.server.db, ctx.tenantId, params.id, isStaff(request)),
  }),
  defineOperation({
    operationId: 'recordAttendance',
    method: 'POST',
    path: '/meetings/{id}/attendance',
    tag: 'Minutes',
    access: 'minutes.edit',
    summary: "Record someone's attendance at a meeting (present, apologies, substitute, absent, officer or other)",
    description:
      'Give `personId` for someone in the directory, or `name` for anyone else. A substitute names the member they substituted for. Refused (422) once the minutes are approved.',
    params: idParams,
    body: attendanceInput,
    problems: [404],
    response: { status: 201, description: 'The attendance as recorded', schema: attendanceOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const id = await asProblem(() => service.addAttendance(db, ctx, params.id, body));
      return attendanceShape((await repo.listAttendance(db, ctx.tenantId, params.id)).find((a) => a.id === id)!);
    },
  }),
  defineOperation({
    operationId: 'recordDeclaration',
    method: 'POST',
    path: '/meetings/{id}/declarations',
    tag: 'Minutes',
    access: 'minutes.edit',
    summary: 'Record a declaration of interest at a meeting, generally or about one agenda item',
    params: idParams,
    body: declarationInput,
    problems: [404],
    response: { status: 201, description: 'The declaration as recorded', schema: declarationOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const id = await asProblem(() => service.addDeclaration(db, ctx, params.id, body));
      const d = (await repo.listDeclarations(db, ctx.tenantId, params.id)).find((x) => x.id === id)!;
      return {
        id: d.id,
        personId: d.personId,
        personName: d.personName,
        agendaItemId: d.agendaItemId,
        itemNumber: d.itemPosition,
        kind: d.kind as (typeof DECLARATION_KINDS)[number],
        description: d.description,
      };
    },
  }),
  defineOperation({
    operationId: 'startMinutes',
    method: 'POST',
    path: '/meetings/{id}/minutes/start',
    tag: 'Minutes',
    access: 'minutes.edit',
    summary: "Start the minutes: one minute per agenda item, numbered on from the committee's last minute",
    description:
      'Items withdrawn beforehand get no number; numbers are never reused. A cancelled meeting has no minutes (422), nor can minutes be started twice (422).',
    params: idParams,
    problems: [404],
    response: { status: 200, description: 'The minutes as started', schema: minutesOut },
    async handler({ params, ctx, request }) {
      await asProblem(() => service.startMinutes(request.server.db, ctx, params.id));
      return minutesDetail(request.server.db, ctx.tenantId, params.id, true);
    },
  }),
  defineOperation({
    operationId: 'addResolution',
    method: 'POST',
    path: '/meetings/{id}/minutes/{minuteId}/resolutions',
    tag: 'Minutes',
    access: 'minutes.edit',
    summary: 'Add a resolution to a minute, with how it was decided and any vote',
    description:
      'The votes recorded may not be more than the voting members recorded as present (members present and substitutes); a majority needs more votes in favour than against; a resolution that was noted has no vote. Refused (422) once the minutes are approved.',
    params: minuteParams,
    body: resolutionInput,
    problems: [404],
    response: { status: 201, description: 'The resolution as recorded', schema: resolutionOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const id = await asProblem(() => service.addResolution(db, ctx, params.id, params.minuteId, body));
      const ofMinute = (await repo.resolutionsOfMeeting(db, ctx.tenantId, params.id)).filter((r) => r.minuteId === params.minuteId);
      const i = ofMinute.findIndex((r) => r.id === id);
      return resolutionShape(ofMinute[i]!, i);
    },
  }),
  defineOperation({
    operationId: 'publishMinutes',
    method: 'POST',
    path: '/meetings/{id}/minutes/publish',
    tag: 'Minutes',
    access: 'minutes.publish',
    summary: 'Publish the draft minutes to the public ahead of their approval',
    description: "Send the meeting's `version` (from getMinutes); if someone changed the meeting since, the answer is 409.",
    params: idParams,
    body: versionBody,
    problems: [404, 409],
    response: { status: 200, description: 'The minutes as published', schema: minutesOut },
    async handler({ params, body, ctx, request }) {
      await asProblem(() => service.publishMinutes(request.server.db, ctx, params.id, body.version));
      return minutesDetail(request.server.db, ctx.tenantId, params.id, true);
    },
  }),
  defineOperation({
    operationId: 'approveMinutes',
    method: 'POST',
    path: '/meetings/{id}/minutes/approve',
    tag: 'Minutes',
    access: 'minutes.publish',
    summary: 'Record that the minutes were agreed as a correct record and signed at a later meeting; they are then locked',
    description:
      "After approval the minutes, their resolutions and attendance cannot be changed: corrections are recorded as amendments. Send the meeting's `version`.",
    params: idParams,
    body: z.intersection(approvalInput, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The minutes as approved', schema: minutesOut },
    async handler({ params, body, ctx, request }) {
      const { version: v, ...input } = body;
      await asProblem(() => service.approveMinutes(request.server.db, ctx, params.id, v, input));
      return minutesDetail(request.server.db, ctx.tenantId, params.id, true);
    },
  }),
  defineOperation({
    operationId: 'listDecisions',
    method: 'GET',
    path: '/decisions',
    tag: 'Minutes',
    access: 'public.view',
    summary: 'Search the decisions register: resolutions across committees and boards',
    description:
      'Filter by words (q), body, meeting date (from and to, inclusive) and Forward Plan reference. The public see resolutions in published or approved minutes of public meetings of published bodies, never those of exempt or withdrawn items; token holders see all. Newest meetings first.',
    query: decisionQuery,
    response: { status: 200, description: 'A page of decisions', schema: z.object({ data: z.array(decisionOut), pagination }) },
    async handler({ query, ctx, request }) {
      const { rows, total } = await repo.searchDecisions(request.server.db, ctx.tenantId, { ...query, publicOnly: !isStaff(request) });
      return {
        data: rows.map((r) => ({
          id: r.id,
          type: 'decision' as const,
          text: r.text,
          outcome: r.outcome,
          votes: votesOf(r),
          decision: decisionText(r),
          keyDecisionRef: r.keyDecisionRef,
          position: r.position,
          minute: { id: r.minuteId, number: r.minuteNumber, title: r.minuteTitle },
          meeting: { id: r.meetingId, date: r.meetingDate, minutesState: r.minutesState as (typeof MINUTES_STATES)[number] },
          body: { id: r.bodyId, name: r.bodyName },
        })),
        pagination: { total, limit: query.limit, offset: query.offset },
      };
    },
  }),
  defineOperation({
    operationId: 'listBodyActions',
    method: 'GET',
    path: '/bodies/{id}/actions',
    tag: 'Minutes',
    access: 'public.view',
    summary: "The action log of a committee or board, with each action's state (ongoing, completed or overdue)",
    description:
      'The public see the actions arising from published or approved minutes of public meetings of a published body, except those of exempt items; token holders see every action.',
    params: idParams,
    problems: [404, 410],
    response: { status: 200, description: 'The actions, newest meeting first', schema: z.object({ data: z.array(actionOut) }) },
    async handler({ params, ctx, request }) {
      const db = request.server.db;
      const includeDrafts = isStaff(request);
      const body = await meetingsRepo.getBody(db, ctx.tenantId, params.id, { includeDrafts, withDeleted: true });
      if (!body) throw new NotFoundError('committee or board');
      if (body.deletedAt) throw new GoneError('committee or board');
      let actions = await repo.listActions(db, ctx.tenantId, { bodyId: body.id });
      if (!includeDrafts) {
        const exempt = await repo.exemptMinuteIdsOfBody(db, ctx.tenantId, body.id);
        actions = actions.filter((a) => a.minutesPublic && !(a.minuteId && exempt.has(a.minuteId)));
      }
      const today = todayInEngland();
      return { data: actions.map((a) => actionShape(a, today)) };
    },
  }),
  defineOperation({
    operationId: 'updateAction',
    method: 'PUT',
    path: '/actions/{id}',
    tag: 'Minutes',
    access: 'action.edit',
    summary: 'Update the progress of an action: its status, comments and due date',
    description:
      'Send the `version` you read; if someone changed the action since, the answer is 409 and nothing is saved. A due date left out (or null) clears it.',
    params: idParams,
    body: z.intersection(actionProgressInput, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The action as saved', schema: actionOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => service.updateActionProgress(db, ctx, params.id, v, input));
      return actionShape((await repo.getAction(db, ctx.tenantId, params.id))!, todayInEngland());
    },
  }),
  defineOperation({
    operationId: 'getCouncillor',
    method: 'GET',
    path: '/councillors/{id}',
    tag: 'Minutes',
    access: 'public.view',
    summary: 'A councillor: committees and roles, outside bodies, now and in the past, and attendance at meetings whose minutes are public',
    params: idParams,
    problems: [404],
    response: { status: 200, description: 'The councillor', schema: councillorOut },
    async handler({ params, ctx, request }) {
      const profile = await councillorProfile(request.server.db, ctx.tenantId, params.id);
      if (!profile) throw new NotFoundError('councillor');
      return {
        id: profile.person.id,
        type: 'councillor' as const,
        name: profile.person.name,
        party: profile.party,
        memberships: profile.memberships.map((m) => ({
          body: { id: m.bodyId, name: m.bodyName },
          role: m.role,
          politicalGroup: m.politicalGroup,
          startDate: m.startDate,
          endDate: m.endDate,
        })),
        roles: profile.roles.map((r) => ({
          title: r.title,
          area: r.areaName,
          body: { id: r.bodyId, name: r.bodyName },
          startDate: r.startDate,
          endDate: r.endDate,
        })),
        outsideBodies: profile.appointments.map((a) => ({
          outsideBody: { id: a.outsideBodyId, name: a.outsideBodyName },
          role: a.role,
          startDate: a.startDate,
          endDate: a.endDate,
        })),
        attendance: profile.attendance.map((a) => ({
          meeting: { id: a.meetingId, date: a.meetingDate },
          body: { id: a.bodyId, name: a.bodyName },
          category: a.category as (typeof ATTENDANCE_CATEGORIES)[number],
          substituteFor: a.substituteForName,
        })),
        summary: profile.summary,
      };
    },
  }),
];
