// The JSON API's decisions register: resolutions across committees and boards, searched by words, body,
// date and Forward Plan reference.
import { z } from 'zod';
import { defineOperation, type Operation, uuidParam, pagination } from '../api/index.ts';
import { dateRangeQuery, toNotBeforeFrom } from '../web/date-fields.ts';
import * as repo from './minutes.repository.ts';
import { decisionText } from './rules.ts';
import { isStaff } from '../access/permissions.ts';
import { decisionOut, type MINUTES_STATES } from './minutes.api-schemas.ts';
import { votesOf } from './minutes.shapes.ts';

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
    ...dateRangeQuery,
    keyDecisionRef: optionalQueryText('keyDecisionRef', 50).describe('A Forward Plan reference, e.g. 2018/052'),
    limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
    offset: z.coerce.number({ error: 'must be a number' }).int().min(0).max(1_000_000).default(0),
  })
  .superRefine(toNotBeforeFrom);

export const decisionOperations: Operation[] = [
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
];
