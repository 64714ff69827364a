// The JSON API's action log: a committee or board's actions with their state, and updating an action's progress.
import { z } from 'zod';
import { defineOperation, type Operation, idParams, asProblem } from '../api/index.ts';
import { todayInEngland } from '../calendar/today.ts';
import * as meetingsRepo from '../meetings/index.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import * as repo from './minutes.repository.ts';
import { actionProgressInput } from './minutes.schemas.ts';
import * as actionsService from './actions.service.ts';
import { isStaff } from '../access/permissions.ts';
import { actionOut, versionBody } from './minutes.api-schemas.ts';
import { actionShape } from './minutes.shapes.ts';

export const actionOperations: Operation[] = [
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
      await asProblem(() => actionsService.updateActionProgress(db, ctx, params.id, v, input));
      return actionShape((await repo.getAction(db, ctx.tenantId, params.id))!, todayInEngland());
    },
  }),
];
