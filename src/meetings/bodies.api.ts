// The JSON API's operations on committees and boards: list, read, create, update, publish and withdraw,
// and add members and named roles.
import { z } from 'zod';
import { defineOperation, type Operation, syncListQuery, syncPage, idParams, pagination, tombstoneOut } from '../api/index.ts';
import { isStaff } from '../access/permissions.ts';
import * as repo from './meetings.repository.ts';
import { bodyInput, memberInput, roleInput } from './meetings.schemas.ts';
import * as service from './meetings.service.ts';
import { bodyFullOut, bodySummaryOut, memberOut, roleOut, versionBody, withVersion } from './meetings.api-schemas.ts';
import { bodyDetail, bodyShape, memberShape, roleShape } from './meetings.shapes.ts';

export const bodyOperations: Operation[] = [
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
      return syncPage(rows, query, {
        type: 'body',
        visible: (r) => isStaff(request) || r.publicationState === 'published',
        shape: ({ nextMeeting, members, ...body }) => ({ ...bodyShape(body), nextMeeting, currentMemberCount: members }),
      });
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
