// The plans API's operations on plans and their priorities, and the list of overdue actions. Actions
// and work programme tasks are in plan-actions.api.ts; index.ts joins the two lists.
import { z } from 'zod';
import { API_PREFIX, defineOperation, type Operation } from '../api/index.ts';
import { isStaff } from '../access/permissions.ts';
import * as repo from './plans.repository.ts';
import * as service from './plans.service.ts';
import {
  TAG,
  VERSION_NOTE,
  closeBody,
  planBody,
  planOut,
  planParams,
  planSummaryOut,
  overdueActionOut,
  priorityBody,
  priorityOut,
  priorityParams,
  versionBody,
} from './plans.api-schemas.ts';
import { actionShape, asProblem, type Described, planDetail, planShape, priorityShape } from './plans.shapes.ts';

export const planOperations: Operation[] = [
  defineOperation({
    operationId: 'listPlans',
    method: 'GET',
    path: '/plans',
    tag: TAG,
    access: 'public.view',
    summary: 'The delivery plans and work programmes, with their owners, endorsement and how many actions or tasks each has',
    description: 'The public see published plans; token holders see drafts too. Delivery plans first, then work programmes, each by title.',
    response: { status: 200, description: 'The plans', schema: z.object({ data: z.array(planSummaryOut) }) },
    async handler({ ctx, request }) {
      const rows = await repo.listPlans(request.server.db, ctx.tenantId, { publicOnly: !isStaff(request) });
      return { data: rows.map((p) => planShape(p, { actions: p.actionCount, tasks: p.taskCount })) };
    },
  }),
  defineOperation({
    operationId: 'listOverduePlanActions',
    method: 'GET',
    path: '/plans/overdue',
    tag: TAG,
    access: 'manage.view',
    summary: 'Open actions across plans that are overdue, and those not started after their first milestone',
    description:
      'Overdue: not completed or deferred, and past the end date (or, for a recurring action, its next review), Europe/London. Late starts are not overdue but have not started after their first milestone. Actions of plans whose period has ended, or that are closed, are never listed.',
    response: {
      status: 200,
      description: 'The overdue actions and late starts',
      schema: z.object({
        overdue: z.array(overdueActionOut),
        lateStarts: z.array(overdueActionOut),
      }),
    },
    async handler({ ctx, request }) {
      const { overdue, lateStarts } = await service.overdueView(request.server.db, ctx.tenantId);
      const shape = (a: Described) => ({ ...actionShape(a, true), plan: { id: a.planId, title: a.planTitle } });
      return { overdue: overdue.map(shape), lateStarts: lateStarts.map(shape) };
    },
  }),
  defineOperation({
    operationId: 'getPlan',
    method: 'GET',
    path: '/plans/{planId}',
    tag: TAG,
    access: 'public.view',
    summary:
      'A plan: its priorities and actions (milestones, recurrence, RAG, dependencies both ways) or, for a work programme, its scored tasks, heat map and level-1 shortlist',
    description: "The public see a published plan (404 for a draft); token holders see drafts and each action's lead person.",
    params: planParams,
    problems: [404],
    response: { status: 200, description: 'The plan', schema: planOut },
    handler: ({ params, ctx, request }) => planDetail(request.server.db, ctx.tenantId, params.planId, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createPlan',
    method: 'POST',
    path: '/plans',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add a delivery plan or work programme (as a draft, not on the public site)',
    description: 'Owned by a partnership, a committee or board, or both. Priorities, actions and tasks are added afterwards.',
    body: planBody,
    response: { status: 201, description: 'The plan as saved', schema: planOut },
    async handler({ body, ctx, request, reply }) {
      const db = request.server.db;
      const id = await asProblem(() => service.createPlan(db, ctx, body));
      reply.header('location', `${API_PREFIX}/plans/${id}`);
      return planDetail(db, ctx.tenantId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updatePlan',
    method: 'PUT',
    path: '/plans/{planId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace a plan's title, period, introduction and owners",
    description: `${VERSION_NOTE} The kind of a plan cannot change.`,
    params: planParams,
    body: z.intersection(planBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The plan as saved', schema: planOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => service.updatePlan(db, ctx, params.planId, v, input));
      return planDetail(db, ctx.tenantId, params.planId, true);
    },
  }),
  ...(['publish', 'withdraw'] as const).map((action) =>
    defineOperation({
      operationId: action === 'publish' ? 'publishPlan' : 'withdrawPlan',
      method: 'POST',
      path: `/plans/{planId}/${action}`,
      tag: TAG,
      access: 'plan.publish',
      summary: action === 'publish' ? 'Put a plan on the public site' : 'Take a plan off the public site',
      ...(action === 'publish' ? { description: 'A delivery plan without actions is refused (422, with the message as the detail).' } : {}),
      params: planParams,
      problems: [404],
      response: { status: 200, description: 'The plan', schema: planOut },
      async handler({ params, ctx, request }) {
        const db = request.server.db;
        await asProblem(() => service.setPublication(db, ctx, params.planId, action === 'publish'));
        return planDetail(db, ctx.tenantId, params.planId, true);
      },
    }),
  ),
  defineOperation({
    operationId: 'closePlan',
    method: 'POST',
    path: '/plans/{planId}/close',
    tag: TAG,
    access: 'plan.edit',
    summary: "Close a plan as at a date: its actions' RAG is frozen as at closedOn and none of them is overdue any more",
    description:
      'closedOn must be today or earlier (Europe/London), not before the plan starts nor before its latest progress update. A closed plan refuses changes to its priorities, actions and progress until it is reopened (422, with the message as the detail).',
    params: planParams,
    body: closeBody,
    problems: [404],
    response: { status: 200, description: 'The plan as closed', schema: planOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await asProblem(() => service.closePlan(db, ctx, params.planId, body));
      return planDetail(db, ctx.tenantId, params.planId, true);
    },
  }),
  defineOperation({
    operationId: 'reopenPlan',
    method: 'POST',
    path: '/plans/{planId}/reopen',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Reopen a closed plan, so that its actions and progress can change again',
    description: 'Its actions are judged against today again, or against the end of its period when that is past. A plan that is not closed is refused (422).',
    params: planParams,
    problems: [404],
    response: { status: 200, description: 'The plan as reopened', schema: planOut },
    async handler({ params, ctx, request }) {
      const db = request.server.db;
      await asProblem(() => service.reopenPlan(db, ctx, params.planId));
      return planDetail(db, ctx.tenantId, params.planId, true);
    },
  }),
  defineOperation({
    operationId: 'createPlanPriority',
    method: 'POST',
    path: '/plans/{planId}/priorities',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add a priority to a plan, with its outcomes',
    description: 'Its actions are numbered from it: priority 2 has actions 2.1, 2.2 and so on. A plan has one priority of each number.',
    params: planParams,
    body: priorityBody,
    problems: [404],
    response: { status: 201, description: 'The priority as saved', schema: priorityOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const id = await asProblem(() => service.savePriority(db, ctx, params.planId, null, 1, body));
      return priorityShape((await repo.listPriorities(db, ctx.tenantId, params.planId)).find((p) => p.id === id)!);
    },
  }),
  defineOperation({
    operationId: 'updatePlanPriority',
    method: 'PUT',
    path: '/plans/{planId}/priorities/{priorityId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace a priority's number, title and outcomes",
    description: `${VERSION_NOTE} A priority with actions keeps its number (its actions are numbered from it).`,
    params: priorityParams,
    body: z.intersection(priorityBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The priority as saved', schema: priorityOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => service.savePriority(db, ctx, params.planId, params.priorityId, v, input));
      return priorityShape((await repo.listPriorities(db, ctx.tenantId, params.planId)).find((p) => p.id === params.priorityId)!);
    },
  }),
];
