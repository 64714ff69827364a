// JSON API operations for an indicator's periods: recording and publishing values, setting targets, and
// recording exception reports. performance.api.ts joins them to the indicator and scorecard operations.
import { defineOperation, idParams, type Operation } from '../api/index.ts';
import { exceptionBody, exceptionOut, periodParams, targetBody, targetOut, valueBody, valueOut } from './performance.api-schemas.ts';
import * as repo from './performance.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as exceptionsRepo from './exception-reports.repository.ts';
import * as service from './performance.service.ts';
import { exceptionShape, label, valueDetail, valueIdFor, withPublicationPointers } from './performance.shapes.ts';

export const indicatorValueOperations: Operation[] = [
  defineOperation({
    operationId: 'recordIndicatorValue',
    method: 'PUT',
    path: '/indicators/{id}/values/{period}',
    tag: 'Performance',
    access: 'performance.edit',
    summary: "Record (or replace) an indicator's value for a period",
    description:
      "The period is the first day of a period of the indicator's frequency that has ended (otherwise 422 at /period: a month, quarter or year still running has no value yet). With a numerator and denominator, a percentage or rate must agree with them at the indicator's decimal places (the value may be left null to work it out). Changing a value takes it off the public scorecard until it is published again.",
    params: periodParams,
    body: valueBody,
    problems: [404],
    response: { status: 200, description: 'The period as recorded, with its RAG status and direction of travel', schema: valueOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await service.recordValue(db, ctx, params.id, { ...body, period: params.period });
      return valueDetail(db, ctx.tenantId, params.id, params.period);
    },
  }),
  ...(['publish', 'withdraw'] as const).map((action) =>
    defineOperation({
      operationId: action === 'publish' ? 'publishIndicatorValue' : 'withdrawIndicatorValue',
      method: 'POST',
      path: `/indicators/{id}/values/{period}/${action}`,
      tag: 'Performance',
      access: 'performance.publish',
      summary: action === 'publish' ? "Publish a period's value to the public scorecard" : "Take a period's value off the public scorecard",
      ...(action === 'publish'
        ? {
            description:
              'Refused (422, with the message as the detail and pointers to /commentary and /correctiveAction) while the value is off target without a commentary and a corrective action.',
          }
        : {}),
      params: periodParams,
      problems: [404],
      response: { status: 200, description: 'The period', schema: valueOut },
      async handler({ params, ctx, request }) {
        const db = request.server.db;
        const valueId = await valueIdFor(db, ctx.tenantId, params.id, params.period);
        await withPublicationPointers(() => service.publishValue(db, ctx, params.id, valueId, action === 'publish'));
        return valueDetail(db, ctx.tenantId, params.id, params.period);
      },
    }),
  ),
  defineOperation({
    operationId: 'setIndicatorTarget',
    method: 'PUT',
    path: '/indicators/{id}/targets/{period}',
    tag: 'Performance',
    access: 'performance.edit',
    summary: "Set (or remove, with null) an indicator's target for a period",
    params: periodParams,
    body: targetBody,
    problems: [404],
    response: { status: 200, description: 'The target as saved', schema: targetOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await service.setTarget(db, ctx, params.id, { period: params.period, value: body.value });
      const indicator = (await repo.getIndicator(db, ctx.tenantId, params.id))!;
      const row = (await seriesRepo.seriesOf(db, ctx.tenantId, params.id)).find((s) => s.periodStart === params.period);
      return { indicatorId: params.id, period: params.period, label: label(indicator.frequency, params.period), value: row?.target ?? null };
    },
  }),
  defineOperation({
    operationId: 'createExceptionReport',
    method: 'POST',
    path: '/indicators/{id}/exception-reports',
    tag: 'Performance',
    access: 'performance.edit',
    summary: 'Record an exception report for an indicator off target period after period: its cause, the actions, their cost and owner',
    description:
      'With a meetingId the report is recorded as submitted to that meeting; otherwise it is open. The period is the first day of the period it is about.',
    params: idParams,
    body: exceptionBody,
    problems: [404],
    response: { status: 201, description: 'The exception report as recorded', schema: exceptionOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const reportId = await service.createExceptionReport(db, ctx, params.id, body);
      const indicator = (await repo.getIndicator(db, ctx.tenantId, params.id))!;
      const report = (await exceptionsRepo.exceptionReports(db, ctx.tenantId, { indicatorId: params.id })).find((e) => e.id === reportId)!;
      return exceptionShape(report, indicator.frequency);
    },
  }),
];
