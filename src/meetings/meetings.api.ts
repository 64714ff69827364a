import { z } from 'zod';
import {
  defineOperation,
  type Operation,
  syncListQuery,
  tombstone,
  uuidParam,
  idParams,
  isoDateOut,
  timestampsOut,
  pagination,
  tombstoneOut,
} from '../api/index.ts';
import type { Queryable } from '../db/database.ts';
import { GoneError, NotFoundError, ValidationError } from '../web/errors.ts';
import { codesOf } from '../web/labels.ts';
import { id as idField, isoDate, version } from '../web/schema.ts';
import * as repo from './meetings.repository.ts';
import { bodyInput, itemInput, meetingInput, memberInput, moveInput, reportContentInput, roleInput } from './meetings.schemas.ts';
import * as service from './meetings.service.ts';
import { clearanceProblems, IMPLICATIONS, type ReportContent } from './report-template.ts';
import { isStaff } from '../access/permissions.ts';

const itemParams = z.object({ id: uuidParam, itemId: uuidParam });
const withVersion = <T extends z.ZodType>(schema: T) => z.intersection(schema, z.object({ version }));
const versionBody = z.object({ version });

// ---- Response schemas ----------------------------------------------------------------------------

const personRef = z.object({ id: z.uuid(), name: z.string(), honorificPrefix: z.string().nullable() });

const bodyFields = {
  id: z.uuid(),
  type: z.literal('body'),
  name: z.string(),
  kind: z.enum(codesOf('bodyKind')),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  partnershipId: z.uuid().nullable(),
  partnershipName: z.string().nullable(),
  termsOfReference: z.string(),
  quorum: z.number().int().nullable(),
  draftReportClearDays: z.number().int(),
  despatchClearDays: z.number().int(),
  defaultVenue: z.string(),
  defaultStartTime: z.string().nullable(),
  clerkName: z.string().nullable(),
  clerkPhone: z.string().nullable(),
  clerkEmail: z.string().nullable(),
  publicNotes: z.array(z.string()),
  publicationState: z.enum(['draft', 'published']),
  ...timestampsOut,
};
const bodySummaryOut = z.object({
  ...bodyFields,
  nextMeeting: isoDateOut.nullable().describe('The date of the next meeting (today or later) that is not cancelled'),
  currentMemberCount: z.number().int().describe('Chair, vice-chair, members and co-opted members today'),
});
const memberOut = z.object({
  id: z.uuid(),
  role: z.enum(codesOf('bodyRole')),
  person: personRef,
  politicalGroup: z.string().nullable(),
  startDate: isoDateOut.nullable(),
  endDate: isoDateOut.nullable(),
  appointedBy: z.string().nullable(),
  version: z.number().int(),
});
const roleOut = z.object({
  id: z.uuid(),
  title: z.string(),
  area: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  person: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('null when the role is vacant'),
  startDate: isoDateOut.nullable(),
  endDate: isoDateOut.nullable(),
  version: z.number().int(),
});
const bodyFullOut = z.object({
  ...bodyFields,
  members: z.array(memberOut),
  roles: z.array(roleOut),
  currentMembers: z.array(memberOut).describe('The members on the body today (Europe/London)'),
});

const meetingFields = {
  id: z.uuid(),
  type: z.literal('meeting'),
  bodyId: z.uuid(),
  bodyName: z.string(),
  meetingDate: isoDateOut,
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  venue: z.string(),
  kind: z.enum(codesOf('meetingKind')),
  status: z.enum(codesOf('meetingStatus')),
  isPublic: z.boolean(),
  title: z.string().nullable(),
  agendaPublished: z.boolean(),
  agendaPublishedOn: isoDateOut.nullable(),
  ...timestampsOut,
};
const meetingSummaryOut = z.object(meetingFields);
const meetingDatesOut = z.object({
  draftReportsDue: isoDateOut,
  agendaDespatch: isoDateOut,
  publicSpeakingDeadline: z.object({ date: isoDateOut, time: z.literal('12:00') }),
  forwardPlanEntryBy: isoDateOut,
});
const flagOut = z.object({
  rule: z.enum(['despatch', 'draft_reports', 'forward_plan', 'not_working_day', 'order']),
  field: z.enum(['plannedDespatch', 'plannedDraftDeadline', 'agendaPublished', 'keyDecision']),
  severity: z.enum(['breach', 'warning']),
  message: z.string(),
  itemRef: z.string().optional(),
});
const reportRefOut = z.object({ id: z.uuid(), kind: z.enum(['template', 'upload']), status: z.enum(['draft', 'published']), title: z.string().nullable() });
const itemOut = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  number: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  purpose: z.enum(codesOf('itemPurpose')),
  leadOfficers: z.string(),
  keyDecisionRef: z.string().nullable(),
  keyDecisionNoticedOn: isoDateOut.nullable(),
  exemptParagraph: z.number().int().min(1).max(7).nullable(),
  description: z.string(),
  startTime: z.string().nullable(),
  isLate: z.boolean(),
  report: reportRefOut.nullable(),
  ...timestampsOut,
});
/** What the public learn of an exempt item. */
const exemptItemOut = z.object({ id: z.uuid(), number: z.number().int(), title: z.literal('Exempt item'), exemptParagraph: z.number().int().min(1).max(7) });
const meetingFullOut = z.object({
  ...meetingFields,
  plannedDraftDeadline: isoDateOut.nullable(),
  plannedDespatch: isoDateOut.nullable(),
  derivedDates: meetingDatesOut,
  flags: z.array(flagOut),
  items: z.array(z.union([itemOut, exemptItemOut])).describe('Empty to the public until the agenda is published; exempt items are masked for the public'),
});
const reportOut = z.object({
  id: z.uuid(),
  agendaItemId: z.uuid(),
  kind: z.enum(['template', 'upload']),
  status: z.enum(['draft', 'published']),
  publishedAt: z.iso.datetime().nullable(),
  modified: z.iso.datetime(),
  version: z.number().int(),
  content: reportContentInput.nullable().describe('The report written on the standard template; null for an uploaded paper'),
  clearanceProblems: z
    .array(z.object({ key: z.enum(IMPLICATIONS.map((i) => i.key) as [string, ...string[]]), message: z.string() }))
    .describe('What stops publication; empty when the report may be published'),
  file: z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
});

// ---- Shaping rows --------------------------------------------------------------------------------

const iso = (d: Date) => d.toISOString();

function bodyShape(b: repo.BodyRow) {
  const { deletedAt: _d, ...rest } = b;
  return { ...rest, type: 'body' as const, created: iso(b.created), modified: iso(b.modified), deleted: false as const };
}

const memberShape = (m: repo.MemberRow) => ({
  id: m.id,
  role: m.role,
  person: { id: m.personId, name: m.personName, honorificPrefix: m.honorificPrefix },
  politicalGroup: m.politicalGroup,
  startDate: m.startDate,
  endDate: m.endDate,
  appointedBy: m.appointedBy,
  version: m.version,
});

const roleShape = (r: repo.RoleRow) => ({
  id: r.id,
  title: r.title,
  area: r.areaId ? { id: r.areaId, name: r.areaName ?? '' } : null,
  person: r.personId ? { id: r.personId, name: r.personName ?? '' } : null,
  startDate: r.startDate,
  endDate: r.endDate,
  version: r.version,
});

async function bodyDetail(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const body = await repo.getBody(db, tenantId, id, { includeDrafts, withDeleted: true });
  if (!body) throw new NotFoundError('committee or board');
  if (body.deletedAt) throw new GoneError('committee or board');
  const [members, roles] = await Promise.all([repo.listMembers(db, tenantId, id), repo.listRoles(db, tenantId, id)]);
  return {
    ...bodyShape(body),
    members: members.map(memberShape),
    roles: roles.map(roleShape),
    currentMembers: service.membershipOn(members, service.todayInEngland()).map(memberShape),
  };
}

function meetingShape(m: repo.MeetingRow) {
  return {
    id: m.id,
    type: 'meeting' as const,
    bodyId: m.bodyId,
    bodyName: m.bodyName,
    meetingDate: m.meetingDate,
    startTime: m.startTime,
    endTime: m.endTime,
    venue: m.venue,
    kind: m.kind,
    status: m.status,
    isPublic: m.isPublic,
    title: m.title,
    agendaPublished: m.agendaPublishedOn !== null,
    agendaPublishedOn: m.agendaPublishedOn,
    created: iso(m.created),
    modified: iso(m.modified),
    version: m.version,
    deleted: false as const,
  };
}

const publicMeeting = (m: Pick<repo.MeetingRow, 'bodyPublished' | 'isPublic'>) => m.bodyPublished && m.isPublic;

function itemShape(i: repo.ItemRow, forPublic: boolean) {
  if (forPublic && i.exemptParagraph !== null) {
    return { id: i.id, number: i.position, title: 'Exempt item' as const, exemptParagraph: i.exemptParagraph };
  }
  const report =
    i.reportId && (!forPublic || i.reportStatus === 'published')
      ? { id: i.reportId, kind: i.reportKind!, status: i.reportStatus!, title: i.reportTitle }
      : null;
  return {
    id: i.id,
    meetingId: i.meetingId,
    number: i.position,
    section: i.section,
    title: i.title,
    purpose: i.purpose,
    leadOfficers: i.leadOfficers,
    keyDecisionRef: i.keyDecisionRef,
    keyDecisionNoticedOn: i.keyDecisionNoticedOn,
    exemptParagraph: i.exemptParagraph,
    description: i.description,
    startTime: i.startTime,
    isLate: i.isLate,
    report,
    created: iso(i.created),
    modified: iso(i.modified),
    version: i.version,
    deleted: false as const,
  };
}

/** A meeting as the caller may see it: 404 to the public for a draft body or private meeting. */
async function visibleMeeting(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const meeting = await repo.getMeeting(db, tenantId, id, { withDeleted: true });
  if (!meeting || (!includeDrafts && !publicMeeting(meeting))) throw new NotFoundError('meeting');
  if (meeting.deletedAt) throw new GoneError('meeting');
  return meeting;
}

async function meetingDetail(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const meeting = await visibleMeeting(db, tenantId, id, includeDrafts);
  const forPublic = !includeDrafts;
  const [items, calendar] = await Promise.all([repo.listItems(db, tenantId, id), service.holidays(db, tenantId)]);
  // The public see nothing of the agenda before it is published, and nothing of an exempt item but that it exists.
  const shown = forPublic && meeting.agendaPublishedOn === null ? [] : items;
  const forFlags = forPublic ? shown.map((i) => (i.exemptParagraph === null ? i : { ...i, title: 'Exempt item', keyDecisionRef: null })) : shown;
  const schedule = service.scheduleOf(meeting, forFlags, calendar);
  return {
    ...meetingShape(meeting),
    plannedDraftDeadline: meeting.plannedDraftDeadline,
    plannedDespatch: meeting.plannedDespatch,
    derivedDates: schedule.dates,
    flags: schedule.flags,
    items: shown.map((i) => itemShape(i, forPublic)),
  };
}

async function staffItem(db: Queryable, tenantId: string, meetingId: string, itemId: string) {
  const item = await repo.getItem(db, tenantId, meetingId, itemId);
  if (!item) throw new NotFoundError('agenda item');
  return itemShape(item, false);
}

/** An item's report as the caller may see it: to the public only a published report of a non-exempt item on a published agenda. */
async function reportDetail(db: Queryable, tenantId: string, meetingId: string, itemId: string, includeDrafts: boolean) {
  const meeting = await visibleMeeting(db, tenantId, meetingId, includeDrafts);
  const item = await repo.getItem(db, tenantId, meetingId, itemId);
  if (!item || (!includeDrafts && (meeting.agendaPublishedOn === null || item.exemptParagraph !== null))) throw new NotFoundError('agenda item');
  const report = await repo.getReport(db, tenantId, itemId);
  if (!report || (!includeDrafts && report.status !== 'published')) throw new NotFoundError('report');
  const content = report.kind === 'template' ? (report.document as ReportContent) : null;
  return {
    id: report.id,
    agendaItemId: report.agendaItemId,
    kind: report.kind,
    status: report.status,
    publishedAt: report.status === 'published' && report.publishedAt ? iso(report.publishedAt) : null,
    modified: iso(report.modified),
    version: report.version,
    content,
    clearanceProblems: content ? clearanceProblems(content) : [],
    file:
      report.kind === 'upload' && item.filename && item.contentType && item.sizeBytes !== null
        ? { filename: item.filename, contentType: item.contentType, sizeBytes: item.sizeBytes }
        : null,
  };
}

const meetingListQuery = syncListQuery
  .extend({
    bodyId: z.uuid({ error: 'must be a UUID' }).optional(),
    from: isoDate('from').optional(),
    to: isoDate('to').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be the same as or after from' });
  });

// ---- Operations ------------------------------------------------------------------------------------

const bodyOperations: Operation[] = [
  defineOperation({
    operationId: 'listBodies',
    method: 'GET',
    path: '/bodies',
    tag: 'Bodies',
    access: 'public.view',
    summary: 'List committees and boards',
    description:
      'The public see published bodies; token holders also see drafts. With modifiedSince, returns everything changed since then in order of change, with tombstones for deleted bodies (and, for the public, bodies no longer published).',
    query: syncListQuery,
    response: {
      status: 200,
      description: 'A page of committees and boards',
      schema: z.object({ data: z.array(z.union([bodySummaryOut, tombstoneOut('body')])), pagination }),
    },
    async handler({ query, ctx, request }) {
      const since = query.modifiedSince ? new Date(query.modifiedSince) : undefined;
      // In a sync, a body the public may no longer see is, to them, deleted.
      const rows = await repo.listBodies(request.server.db, ctx.tenantId, { includeDrafts: isStaff(request) || since !== undefined, since });
      const data = rows.slice(query.offset, query.offset + query.limit).map((r) => {
        if (r.deletedAt || (!isStaff(request) && r.publicationState !== 'published')) return tombstone('body', r);
        const { nextMeeting, members, ...body } = r;
        return { ...bodyShape(body), nextMeeting, currentMemberCount: members };
      });
      return { data, pagination: { total: rows.length, limit: query.limit, offset: query.offset } };
    },
  }),
  defineOperation({
    operationId: 'getBody',
    method: 'GET',
    path: '/bodies/{id}',
    tag: 'Bodies',
    access: 'public.view',
    summary: 'Get a committee or board with its members and named roles',
    params: idParams,
    problems: [404, 410],
    response: { status: 200, description: 'The committee or board', schema: bodyFullOut },
    handler: ({ params, ctx, request }) => bodyDetail(request.server.db, ctx.tenantId, params.id, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createBody',
    method: 'POST',
    path: '/bodies',
    tag: 'Bodies',
    access: 'meeting.edit',
    summary: 'Add a committee or board (as a draft, not yet public)',
    body: bodyInput,
    response: { status: 201, description: 'The committee or board as saved', schema: bodyFullOut },
    async handler({ body, ctx, request, reply }) {
      const id = await service.createBody(request.server.db, ctx, body);
      reply.header('location', `/api/v1/bodies/${id}`);
      return bodyDetail(request.server.db, ctx.tenantId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updateBody',
    method: 'PUT',
    path: '/bodies/{id}',
    tag: 'Bodies',
    access: 'meeting.edit',
    summary: "Replace a committee or board's details",
    description: 'Send the `version` you read; if someone changed the body since, the answer is 409 and nothing is saved.',
    params: idParams,
    body: withVersion(bodyInput),
    problems: [404, 409],
    response: { status: 200, description: 'The committee or board as saved', schema: bodyFullOut },
    async handler({ params, body, ctx, request }) {
      const { version: v, ...input } = body;
      await service.updateBody(request.server.db, ctx, params.id, v, input);
      return bodyDetail(request.server.db, ctx.tenantId, params.id, true);
    },
  }),
  ...(['publish', 'withdraw'] as const).map((verb) =>
    defineOperation({
      operationId: `${verb}Body`,
      method: 'POST',
      path: `/bodies/{id}/${verb}`,
      tag: 'Bodies',
      access: 'meeting.publish',
      summary: verb === 'publish' ? 'Publish a committee or board (and its public meetings) to the public' : 'Withdraw a committee or board from the public',
      params: idParams,
      body: versionBody,
      problems: [404, 409],
      response: { status: 200, description: 'The committee or board as saved', schema: bodyFullOut },
      async handler({ params, body, ctx, request }) {
        await service.setBodyPublication(request.server.db, ctx, params.id, body.version, verb === 'publish' ? 'published' : 'draft');
        return bodyDetail(request.server.db, ctx.tenantId, params.id, true);
      },
    }),
  ),
  defineOperation({
    operationId: 'addBodyMember',
    method: 'POST',
    path: '/bodies/{id}/members',
    tag: 'Bodies',
    access: 'meeting.edit',
    summary: 'Add a member to a committee or board',
    params: idParams,
    body: memberInput,
    problems: [404],
    response: { status: 201, description: 'The membership as saved', schema: memberOut },
    async handler({ params, body, ctx, request }) {
      const memberId = await service.addMember(request.server.db, ctx, params.id, body);
      const member = (await repo.listMembers(request.server.db, ctx.tenantId, params.id)).find((m) => m.id === memberId)!;
      return memberShape(member);
    },
  }),
  defineOperation({
    operationId: 'addBodyRole',
    method: 'POST',
    path: '/bodies/{id}/roles',
    tag: 'Bodies',
    access: 'meeting.edit',
    summary: 'Add a named role (such as an Area Champion) to a committee or board; with no person it is vacant',
    params: idParams,
    body: roleInput,
    problems: [404],
    response: { status: 201, description: 'The role as saved', schema: roleOut },
    async handler({ params, body, ctx, request }) {
      const roleId = await service.addRole(request.server.db, ctx, params.id, body);
      const role = (await repo.listRoles(request.server.db, ctx.tenantId, params.id)).find((r) => r.id === roleId)!;
      return roleShape(role);
    },
  }),
];

const meetingOperationList: Operation[] = [
  defineOperation({
    operationId: 'listMeetings',
    method: 'GET',
    path: '/meetings',
    tag: 'Meetings',
    access: 'public.view',
    summary: 'List meetings',
    description:
      'Filter by body and by date (from and to, inclusive). The public see the public meetings of published bodies. With modifiedSince, returns everything changed since then in order of change, with tombstones for deleted meetings (and, for the public, meetings they may not see).',
    query: meetingListQuery,
    response: {
      status: 200,
      description: 'A page of meetings',
      schema: z.object({ data: z.array(z.union([meetingSummaryOut, tombstoneOut('meeting')])), pagination }),
    },
    async handler({ query, ctx, request }) {
      const since = query.modifiedSince ? new Date(query.modifiedSince) : undefined;
      // In a sync, a meeting the public may no longer see is, to them, deleted.
      const { rows, total } = await repo.listMeetings(request.server.db, ctx.tenantId, {
        bodyId: query.bodyId,
        from: query.from,
        to: query.to,
        publicOnly: !isStaff(request) && since === undefined,
        since,
        limit: query.limit,
        offset: query.offset,
      });
      return {
        data: rows.map((r) => (r.deletedAt || (!isStaff(request) && !publicMeeting(r)) ? tombstone('meeting', r) : meetingShape(r))),
        pagination: { total, limit: query.limit, offset: query.offset },
      };
    },
  }),
  defineOperation({
    operationId: 'getMeeting',
    method: 'GET',
    path: '/meetings/{id}',
    tag: 'Meetings',
    access: 'public.view',
    summary: 'Get a meeting with its agenda, its deadlines and any dates that break the rules',
    description:
      "`derivedDates` are the deadlines that follow from the meeting date, the body's rules and the bank holidays; `flags` are the planned or actual dates that break them. The public see the items only once the agenda is published, exempt items masked, and only published reports.",
    params: idParams,
    problems: [404, 410],
    response: { status: 200, description: 'The meeting', schema: meetingFullOut },
    handler: ({ params, ctx, request }) => meetingDetail(request.server.db, ctx.tenantId, params.id, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createMeeting',
    method: 'POST',
    path: '/meetings',
    tag: 'Meetings',
    access: 'meeting.edit',
    summary: 'Add a meeting of a committee or board',
    body: z.intersection(z.object({ bodyId: idField('Select the committee or board from the list') }), meetingInput),
    response: { status: 201, description: 'The meeting as saved', schema: meetingFullOut },
    async handler({ body, ctx, request, reply }) {
      const db = request.server.db;
      const { bodyId, ...input } = body;
      // A body that does not exist is a mistake in what was sent (422), not a missing address.
      if (!(await repo.getBody(db, ctx.tenantId, bodyId))) throw new ValidationError({ bodyId: 'Select the committee or board from the list' });
      const id = await service.createMeeting(db, ctx, bodyId, input);
      reply.header('location', `/api/v1/meetings/${id}`);
      return meetingDetail(db, ctx.tenantId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updateMeeting',
    method: 'PUT',
    path: '/meetings/{id}',
    tag: 'Meetings',
    access: 'meeting.edit',
    summary: "Replace a meeting's details",
    description: 'Send the `version` you read; if someone changed the meeting since, the answer is 409 and nothing is saved.',
    params: idParams,
    body: withVersion(meetingInput),
    problems: [404, 409],
    response: { status: 200, description: 'The meeting as saved', schema: meetingFullOut },
    async handler({ params, body, ctx, request }) {
      const { version: v, ...input } = body;
      await service.updateMeeting(request.server.db, ctx, params.id, v, input);
      return meetingDetail(request.server.db, ctx.tenantId, params.id, true);
    },
  }),
  ...(['publish', 'withdraw'] as const).map((verb) =>
    defineOperation({
      operationId: `${verb}Agenda`,
      method: 'POST',
      path: `/meetings/{id}/${verb}-agenda`,
      tag: 'Meetings',
      access: 'meeting.publish',
      summary: verb === 'publish' ? 'Publish the agenda (today): its items become public' : 'Withdraw a published agenda from the public',
      params: idParams,
      body: versionBody,
      problems: [404, 409],
      response: { status: 200, description: 'The meeting as saved', schema: meetingFullOut },
      async handler({ params, body, ctx, request }) {
        await service.publishAgenda(request.server.db, ctx, params.id, body.version, verb === 'publish');
        return meetingDetail(request.server.db, ctx.tenantId, params.id, true);
      },
    }),
  ),
  defineOperation({
    operationId: 'addAgendaItem',
    method: 'POST',
    path: '/meetings/{id}/items',
    tag: 'Meetings',
    access: 'meeting.edit',
    summary: "Add an item at the end of a meeting's agenda (after publication, a late item)",
    params: idParams,
    body: itemInput,
    problems: [404],
    response: { status: 201, description: 'The item as saved', schema: itemOut },
    async handler({ params, body, ctx, request }) {
      const itemId = await service.addItem(request.server.db, ctx, params.id, body);
      return staffItem(request.server.db, ctx.tenantId, params.id, itemId);
    },
  }),
  defineOperation({
    operationId: 'updateAgendaItem',
    method: 'PUT',
    path: '/meetings/{id}/items/{itemId}',
    tag: 'Meetings',
    access: 'meeting.edit',
    summary: "Replace an agenda item's details",
    params: itemParams,
    body: withVersion(itemInput),
    problems: [404, 409],
    response: { status: 200, description: 'The item as saved', schema: itemOut },
    async handler({ params, body, ctx, request }) {
      const { version: v, ...input } = body;
      await service.updateItem(request.server.db, ctx, params.id, params.itemId, v, input);
      return staffItem(request.server.db, ctx.tenantId, params.id, params.itemId);
    },
  }),
  defineOperation({
    operationId: 'removeAgendaItem',
    method: 'DELETE',
    path: '/meetings/{id}/items/{itemId}',
    tag: 'Meetings',
    access: 'meeting.edit',
    summary: 'Remove an item (and its report) from an agenda; the items after it move up',
    params: itemParams,
    query: z.object({ version }),
    problems: [404, 409],
    response: { status: 204, description: 'Removed' },
    async handler({ params, query, ctx, request }) {
      await service.removeItem(request.server.db, ctx, params.id, params.itemId, query.version);
    },
  }),
  defineOperation({
    operationId: 'moveAgendaItem',
    method: 'POST',
    path: '/meetings/{id}/items/{itemId}/move',
    tag: 'Meetings',
    access: 'meeting.edit',
    summary: 'Move an item (and its report) to another meeting of the same body, recording why',
    params: itemParams,
    body: withVersion(moveInput),
    problems: [404, 409],
    response: { status: 200, description: 'The item as saved, on the meeting it moved to', schema: itemOut },
    async handler({ params, body, ctx, request }) {
      const { version: v, ...input } = body;
      await service.moveItem(request.server.db, ctx, params.id, params.itemId, v, input);
      return staffItem(request.server.db, ctx.tenantId, input.toMeetingId, params.itemId);
    },
  }),
  defineOperation({
    operationId: 'getReport',
    method: 'GET',
    path: '/meetings/{id}/items/{itemId}/report',
    tag: 'Meetings',
    access: 'public.view',
    summary: 'Get the report for an agenda item',
    description: 'The public see only a published report of an item that is not exempt, on a published agenda; token holders also see drafts.',
    params: itemParams,
    problems: [404, 410],
    response: { status: 200, description: 'The report', schema: reportOut },
    handler: ({ params, ctx, request }) => reportDetail(request.server.db, ctx.tenantId, params.id, params.itemId, isStaff(request)),
  }),
  defineOperation({
    operationId: 'saveReport',
    method: 'PUT',
    path: '/meetings/{id}/items/{itemId}/report',
    tag: 'Meetings',
    access: 'report.edit',
    summary: 'Write or replace the report for an agenda item on the standard template',
    description:
      'Send `version: null` to write the first report for an item, or the `version` you read to replace it (409 if someone changed it since). Saving makes the report a draft again: it must be cleared and published afresh.',
    params: itemParams,
    body: z.object({ version: version.nullable(), content: reportContentInput }),
    problems: [404, 409],
    response: { status: 200, description: 'The report as saved', schema: reportOut },
    async handler({ params, body, ctx, request }) {
      await service.saveReport(request.server.db, ctx, params.id, params.itemId, body.version, body.content);
      return reportDetail(request.server.db, ctx.tenantId, params.id, params.itemId, true);
    },
  }),
  defineOperation({
    operationId: 'publishReport',
    method: 'POST',
    path: '/meetings/{id}/items/{itemId}/report/publish',
    tag: 'Meetings',
    access: 'meeting.publish',
    summary: 'Publish the report for an agenda item',
    description:
      'A report on the template is published only when each of the seven implications is cleared by a named officer or marked not applicable; otherwise the answer is 422 with one error per implication still to clear. For an uploaded paper, send `confirmUploadCleared: true` to confirm its own clearance table is complete.',
    params: itemParams,
    body: z.object({ version, confirmUploadCleared: z.boolean({ error: 'confirmUploadCleared must be true or false' }).optional() }),
    problems: [404, 409],
    response: { status: 200, description: 'The report as saved', schema: reportOut },
    async handler({ params, body, ctx, request }) {
      try {
        await service.setReportPublished(request.server.db, ctx, params.id, params.itemId, body.version, true, {
          uploadClearanceConfirmed: body.confirmUploadCleared === true,
        });
      } catch (err) {
        // The service names the form's field; the API's is confirmUploadCleared.
        if (err instanceof ValidationError && 'confirmCleared' in err.fieldErrors) {
          const { confirmCleared, ...rest } = err.fieldErrors;
          throw new ValidationError({ ...rest, confirmUploadCleared: confirmCleared! }, err.message);
        }
        throw err;
      }
      return reportDetail(request.server.db, ctx.tenantId, params.id, params.itemId, true);
    },
  }),
  defineOperation({
    operationId: 'withdrawReport',
    method: 'POST',
    path: '/meetings/{id}/items/{itemId}/report/withdraw',
    tag: 'Meetings',
    access: 'meeting.publish',
    summary: 'Withdraw a published report (it becomes a draft again)',
    params: itemParams,
    body: versionBody,
    problems: [404, 409],
    response: { status: 200, description: 'The report as saved', schema: reportOut },
    async handler({ params, body, ctx, request }) {
      await service.setReportPublished(request.server.db, ctx, params.id, params.itemId, body.version, false);
      return reportDetail(request.server.db, ctx.tenantId, params.id, params.itemId, true);
    },
  }),
];

export const meetingOperations: Operation[] = [...bodyOperations, ...meetingOperationList];
