// The plans API's operations on the actions of delivery plans (progress updates too) and on the
// tasks of work programmes (scoring too).
import { z } from 'zod';
import { API_PREFIX, defineOperation, type Operation } from '../api/index.ts';
import { isStaff } from '../access/permissions.ts';
import * as actionsService from './plan-actions.service.ts';
import * as tasksService from './programme-tasks.service.ts';
import {
  TAG,
  VERSION_NOTE,
  actionBody,
  actionDetailOut,
  actionParams,
  planParams,
  progressBody,
  scoreBody,
  taskBody,
  taskOut,
  taskParams,
  versionBody,
} from './plans.api-schemas.ts';
import { actionDetail, asProblem, taskDetail } from './plans.shapes.ts';

export const planActionOperations: Operation[] = [
  defineOperation({
    operationId: 'getPlanAction',
    method: 'GET',
    path: '/plans/{planId}/actions/{actionId}',
    tag: TAG,
    access: 'public.view',
    summary: 'An action of a plan with its progress updates and its links to indicators, meetings and decisions',
    description: 'The public see the actions of published plans, and only the links to published records; token holders also see who recorded each update.',
    params: actionParams,
    problems: [404],
    response: { status: 200, description: 'The action', schema: actionDetailOut },
    handler: ({ params, ctx, request }) => actionDetail(request.server.db, ctx.tenantId, params.planId, params.actionId, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createPlanAction',
    method: 'POST',
    path: '/plans/{planId}/actions',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add an action to a plan, under one of its priorities',
    description:
      'The reference follows the priority (2.3 under priority 2). firstMilestone is a month or date ("April 2018", "30/04/2018", "2018-04-30") or a note ("Reviewed yearly"); continuesUntil a month or date (a month runs to its last day) or how often the action recurs ("Refreshed annually"). dependsOn lists the references of the plan\'s actions this one depends on; one that would make a circle is refused (422, with the message as the detail).',
    params: planParams,
    body: actionBody,
    problems: [404],
    response: { status: 201, description: 'The action as saved', schema: actionDetailOut },
    async handler({ params, ctx, request, reply }) {
      const db = request.server.db;
      // The service reads the dates as the plan prints them, so it is given the body as sent.
      const id = await asProblem(() => actionsService.saveAction(db, ctx, params.planId, null, 1, request.body ?? {}));
      reply.header('location', `${API_PREFIX}/plans/${params.planId}/actions/${id}`);
      return actionDetail(db, ctx.tenantId, params.planId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updatePlanAction',
    method: 'PUT',
    path: '/plans/{planId}/actions/{actionId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace an action's details, dependencies and links",
    description: `${VERSION_NOTE} As createPlanAction; dependsOn, indicatorIds, meetingIds and resolutionIds replace the action's (left out, they are emptied). Progress is recorded with recordPlanActionProgress.`,
    params: actionParams,
    body: z.intersection(actionBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The action as saved', schema: actionDetailOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await asProblem(() => actionsService.saveAction(db, ctx, params.planId, params.actionId, body.version, request.body ?? {}));
      return actionDetail(db, ctx.tenantId, params.planId, params.actionId, true);
    },
  }),
  defineOperation({
    operationId: 'recordPlanActionProgress',
    method: 'POST',
    path: '/plans/{planId}/actions/{actionId}/progress',
    tag: TAG,
    access: 'action.edit',
    summary: 'Record a progress update on an action: what was done, its status and percent complete',
    description:
      "The RAG is worked out from the percent complete against the share of the action's time that has passed (or from the status), unless ragOverride is given with a reason. A recurring action's next review falls one recurrence after the update. The date of the update must be today or earlier (Europe/London).",
    params: actionParams,
    body: progressBody,
    problems: [404],
    response: { status: 201, description: 'The action with its updates', schema: actionDetailOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await asProblem(() => actionsService.recordProgress(db, ctx, params.planId, params.actionId, body));
      return actionDetail(db, ctx.tenantId, params.planId, params.actionId, true);
    },
  }),
  defineOperation({
    operationId: 'createProgrammeTask',
    method: 'POST',
    path: '/plans/{planId}/tasks',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add a key task or activity to a work programme',
    description:
      'dependsOn and incorporates list the numbers of other tasks of the programme; one that would make a circle is refused (422, with the message as the detail). Scored afterwards with scoreProgrammeTask. 404 for a delivery plan.',
    params: planParams,
    body: taskBody,
    problems: [404],
    response: { status: 201, description: 'The task as saved', schema: taskOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const id = await asProblem(() => tasksService.saveTask(db, ctx, params.planId, null, 1, body));
      return taskDetail(db, ctx.tenantId, params.planId, id);
    },
  }),
  defineOperation({
    operationId: 'updateProgrammeTask',
    method: 'PUT',
    path: '/plans/{planId}/tasks/{taskId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace a task's details and the tasks it depends on or incorporates",
    description: `${VERSION_NOTE} Its score is kept.`,
    params: taskParams,
    body: z.intersection(taskBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The task as saved', schema: taskOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => tasksService.saveTask(db, ctx, params.planId, params.taskId, v, input));
      return taskDetail(db, ctx.tenantId, params.planId, params.taskId);
    },
  }),
  defineOperation({
    operationId: 'scoreProgrammeTask',
    method: 'PUT',
    path: '/plans/{planId}/tasks/{taskId}/score',
    tag: TAG,
    access: 'plan.edit',
    summary: "Score a task on the partnership's risk matrix: the likelihood and impact of the risk of deferring it",
    description: `${VERSION_NOTE} Likelihood and impact are points on the matrix's scales, from 1. The score maps to a level; a levelOverride other than that level needs a levelOverrideReason.`,
    params: taskParams,
    body: z.intersection(scoreBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The task as scored', schema: taskOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => tasksService.scoreTask(db, ctx, params.planId, params.taskId, v, input));
      return taskDetail(db, ctx.tenantId, params.planId, params.taskId);
    },
  }),
];
