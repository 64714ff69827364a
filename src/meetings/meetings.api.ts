// The JSON API's operations on meetings: list, read, create and update, publish the agenda, its items
// (add, update, remove, move) and their reports (read, write, publish, withdraw). Joined here with the
// operations on committees and boards (bodies.api.ts).
import { z } from 'zod';
import { defineOperation, type Operation, syncListQuery, syncPage, uuidParam, idParams, pagination, tombstoneOut } from '../api/index.ts';
import { ValidationError } from '../web/errors.ts';
import { id as idField, version } from '../web/schema.ts';
import { dateRangeQuery, toNotBeforeFrom } from '../web/date-fields.ts';
import * as repo from './meetings.repository.ts';
import { itemInput, meetingInput, moveInput, reportContentInput } from './meetings.schemas.ts';
import * as service from './meetings.service.ts';
import { isStaff } from '../access/permissions.ts';
import { bodyOperations } from './bodies.api.ts';
import { itemOut, meetingFullOut, meetingSummaryOut, reportOut, versionBody, withVersion } from './meetings.api-schemas.ts';
import { meetingDetail, meetingShape, publicMeeting, reportDetail, staffItem } from './meetings.shapes.ts';

const itemParams = z.object({ id: uuidParam, itemId: uuidParam });

const meetingListQuery = syncListQuery
  .extend({
    bodyId: z.uuid({ error: 'must be a UUID' }).optional(),
    ...dateRangeQuery,
  })
  .superRefine(toNotBeforeFrom);

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
      return syncPage(rows, query, { type: 'meeting', visible: (r) => isStaff(request) || publicMeeting(r), shape: meetingShape, total });
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
      "`derivedDates` are the deadlines that follow from the meeting date, the body's rules and the bank holidays; `flags` are the planned or actual dates that break them; `dateWarnings` are the dates that fall on a weekend or bank holiday (the meeting's own date included). The public see the items only once the agenda is published, exempt items masked, and only published reports.",
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
