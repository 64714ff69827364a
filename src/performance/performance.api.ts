// JSON API operations for performance: the indicator catalogue (listing, reading, adding, changing and
// publishing indicators) and the scorecard, with the operations on periods from indicator-values.api.ts.
import { z } from 'zod';
import { defineOperation, idParams, type Operation, pagination, tombstone } from '../api/index.ts';
import { isStaff } from '../access/permissions.ts';
import { indicatorValueOperations } from './indicator-values.api.ts';
import {
  indicatorBody,
  indicatorFullOut,
  indicatorSummaryOut,
  listQuery,
  scorecardQuery,
  summaryOut,
  tombstoneOut,
  versionBody,
} from './performance.api-schemas.ts';
import * as repo from './performance.repository.ts';
import * as service from './performance.service.ts';
import { entries, indicatorDetail, splitIndicator } from './performance.shapes.ts';

export const performanceOperations: Operation[] = [
  defineOperation({
    operationId: 'listIndicators',
    method: 'GET',
    path: '/indicators',
    tag: 'Performance',
    access: 'public.view',
    summary: 'The indicator catalogue, each with its latest value, target, RAG status and direction of travel',
    description:
      'The public see published indicators and, of each, the latest published value; token holders see every indicator and value. In order of outcome, directorate and title. With modifiedSince, returns the indicators changed since then (a change to a value, target or exception report counts) in order of change, with tombstones for deleted indicators (and, for the public, indicators no longer published).',
    query: listQuery,
    response: {
      status: 200,
      description: 'A page of indicators',
      schema: z.object({ data: z.array(z.union([indicatorSummaryOut, tombstoneOut])), pagination }),
    },
    async handler({ query, ctx, request }) {
      const db = request.server.db;
      const forStaff = isStaff(request);
      const filters = { q: query.q, outcome: query.outcome, directorate: query.directorate, partnershipId: query.partnershipId, bodyId: query.bodyId };
      if (!query.modifiedSince) {
        const { card, shape } = await entries(db, ctx.tenantId, forStaff, filters);
        const all = card.groups.flatMap((g) => g.entries);
        return {
          data: all.slice(query.offset, query.offset + query.limit).map(shape),
          pagination: { total: all.length, limit: query.limit, offset: query.offset },
        };
      }
      const changed = await repo.modifiedTimes(db, ctx.tenantId, { since: new Date(query.modifiedSince) });
      const page = changed.slice(query.offset, query.offset + query.limit);
      const gone = (r: (typeof changed)[number]) => r.deletedAt !== null || (!forStaff && r.publicationState !== 'published');
      const live = page.filter((r) => !gone(r)).map((r) => r.id);
      const { card, shape } = await entries(db, ctx.tenantId, forStaff, { ...filters, ids: live });
      const byId = new Map(card.groups.flatMap((g) => g.entries).map((e) => [e.indicator.id, e]));
      const data = page.flatMap((r): object[] => {
        if (gone(r)) return [tombstone('indicator', r)];
        const e = byId.get(r.id);
        return e ? [shape(e)] : [];
      });
      return { data, pagination: { total: changed.length, limit: query.limit, offset: query.offset } };
    },
  }),
  defineOperation({
    operationId: 'getIndicator',
    method: 'GET',
    path: '/indicators/{id}',
    tag: 'Performance',
    access: 'public.view',
    summary: "An indicator with every period's value, target, RAG status, direction of travel, benchmarks and commentary, and its exception reports",
    description:
      'The public see a published indicator with its published values only (404 for one not published); token holders see every value, whether it may be published, and the exception reports.',
    params: idParams,
    problems: [404, 410],
    response: { status: 200, description: 'The indicator', schema: indicatorFullOut },
    handler: ({ params, ctx, request }) => indicatorDetail(request.server.db, ctx.tenantId, params.id, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createIndicator',
    method: 'POST',
    path: '/indicators',
    tag: 'Performance',
    access: 'performance.edit',
    summary: 'Add an indicator to the catalogue (as a draft, not on the public scorecard)',
    description:
      "Targets and values are set period by period afterwards (setIndicatorTarget, recordIndicatorValue). Baseline and final target periods must be the first day of a period of the indicator's frequency.",
    body: indicatorBody,
    response: { status: 201, description: 'The indicator as saved', schema: indicatorFullOut },
    async handler({ body, ctx, request, reply }) {
      const db = request.server.db;
      const { fields, partnershipIds, bodyIds } = splitIndicator(body);
      const id = await service.createIndicator(db, ctx, fields, { partnershipIds: partnershipIds ?? [], bodyIds: bodyIds ?? [] });
      reply.header('location', `/api/v1/indicators/${id}`);
      return indicatorDetail(db, ctx.tenantId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updateIndicator',
    method: 'PUT',
    path: '/indicators/{id}',
    tag: 'Performance',
    access: 'performance.edit',
    summary: "Replace an indicator's details",
    description:
      "Send the `version` you read; if someone changed the indicator since, the answer is 409 and nothing is saved. partnershipIds and bodyIds, when given, replace the indicator's scorecards; left out, they are kept.",
    params: idParams,
    body: z.intersection(indicatorBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The indicator as saved', schema: indicatorFullOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...rest } = body;
      const { fields, partnershipIds, bodyIds } = splitIndicator(rest);
      let assignments: { partnershipIds: string[]; bodyIds: string[] } | undefined;
      if (partnershipIds !== undefined || bodyIds !== undefined) {
        const current = await repo.assignmentsOf(db, ctx.tenantId, params.id);
        assignments = {
          partnershipIds: partnershipIds ?? current.flatMap((a) => (a.partnershipId ? [a.partnershipId] : [])),
          bodyIds: bodyIds ?? current.flatMap((a) => (a.bodyId ? [a.bodyId] : [])),
        };
      }
      await service.updateIndicator(db, ctx, params.id, v, fields, assignments);
      return indicatorDetail(db, ctx.tenantId, params.id, true);
    },
  }),
  ...(['publish', 'withdraw'] as const).map((action) =>
    defineOperation({
      operationId: action === 'publish' ? 'publishIndicator' : 'withdrawIndicator',
      method: 'POST',
      path: `/indicators/{id}/${action}`,
      tag: 'Performance',
      access: 'performance.publish',
      summary: action === 'publish' ? 'Put an indicator on the public scorecard (with its published values)' : 'Take an indicator off the public scorecard',
      description: "Send the indicator's `version`; if someone changed it since, the answer is 409.",
      params: idParams,
      body: versionBody,
      problems: [404, 409],
      response: { status: 200, description: 'The indicator', schema: indicatorFullOut },
      async handler({ params, body, ctx, request }) {
        const db = request.server.db;
        await service.setIndicatorPublication(db, ctx, params.id, body.version, action === 'publish' ? 'published' : 'draft');
        return indicatorDetail(db, ctx.tenantId, params.id, true);
      },
    }),
  ),
  ...indicatorValueOperations,
  defineOperation({
    operationId: 'getScorecard',
    method: 'GET',
    path: '/scorecard',
    tag: 'Performance',
    access: 'public.view',
    summary: 'The performance scorecard: a summary of RAG statuses and the indicators grouped by outcome',
    description:
      "As the back office and the public scorecard show it (in the shape of a finance and performance report's scorecard appendix): the public see published indicators and their latest published values. The summary counts every indicator matching the partnership, body, outcome and directorate filters, before offTarget and worsening.",
    query: scorecardQuery,
    response: {
      status: 200,
      description: 'The scorecard',
      schema: z.object({
        summary: summaryOut,
        groups: z.array(
          z.object({
            outcome: z.string().describe('The outcome group; "Other measures" for indicators without one'),
            indicators: z.array(indicatorSummaryOut),
          }),
        ),
        count: z.number().int().describe('Indicators shown, after every filter'),
      }),
    },
    async handler({ query, ctx, request }) {
      const { card, shape } = await entries(request.server.db, ctx.tenantId, isStaff(request), query);
      const { red, amber, green, noTarget, total } = card.summary;
      return {
        summary: { red, amber, green, noTarget, total },
        groups: card.groups.map((g) => ({ outcome: g.outcome, indicators: g.entries.map(shape) })),
        count: card.count,
      };
    },
  }),
];
