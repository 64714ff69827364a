// The JSON API's operations on the minutes of a meeting: read them; record attendance, declarations and
// resolutions; start, publish and approve them. Joined here with the decisions register (decisions.api.ts),
// the action log (actions.api.ts) and councillors (councillors.api.ts).
import { z } from 'zod';
import { defineOperation, type Operation, uuidParam, idParams, asProblem, problem, sendProblem } from '../api/index.ts';
import * as repo from './minutes.repository.ts';
import { approvalInput, attendanceInput, type DECLARATION_KINDS, declarationInput, resolutionInput } from './minutes.schemas.ts';
import * as service from './minutes.service.ts';
import { isStaff } from '../access/permissions.ts';
import { actionOperations } from './actions.api.ts';
import { councillorOperations } from './councillors.api.ts';
import { decisionOperations } from './decisions.api.ts';
import { attendanceOut, declarationOut, minutesOut, publishBody, resolutionOut, versionBody } from './minutes.api-schemas.ts';
import { attendanceShape, minutesDetail, resolutionShape } from './minutes.shapes.ts';

const minuteParams = z.object({ id: uuidParam, minuteId: uuidParam });

const minuteOperationList: Operation[] = [
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
    description:
      "Send the meeting's `version` (from getMinutes); if someone changed the meeting since, the answer is 409. " +
      'Every minute must be written: a minute with no discussion and no resolution (and not withdrawn) is unwritten, and publishing is ' +
      'refused (422) with a problem whose `detail` lists the unwritten minutes by number and title and whose `errors` name each one ' +
      '(pointer `/noDiscussionRecorded`, with the minute id in the detail), unless its id is in `noDiscussionRecorded`: ' +
      'that confirms there was no discussion to record, and the published minutes then say "No discussion recorded." for it ' +
      '(`noDiscussionRecorded: true` on the minute).',
    params: idParams,
    body: publishBody,
    problems: [404, 409, 422],
    response: { status: 200, description: 'The minutes as published', schema: minutesOut },
    async handler({ params, body, ctx, request, reply }) {
      try {
        await asProblem(() => service.publishMinutes(request.server.db, ctx, params.id, body.version, body.noDiscussionRecorded));
      } catch (err) {
        if (!(err instanceof service.UnwrittenMinutesError)) throw err;
        return sendProblem(
          reply,
          problem(
            422,
            err.message,
            err.unwritten.map((m) => ({
              pointer: '/noDiscussionRecorded',
              detail: `Minute ${m.number}, ${m.title} (id ${m.id}), has no discussion and no resolution: write it, or include its id to confirm no discussion was recorded`,
            })),
          ),
        );
      }
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
];

export const minutesOperations: Operation[] = [...minuteOperationList, ...decisionOperations, ...actionOperations, ...councillorOperations];
