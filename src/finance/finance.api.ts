// The JSON API of budget monitoring: the year's budget lines at a period, with budget, actual, forecast
// outturn and variance in pence (integers), whether the commentary rule asks for commentary, and the
// commentary that covers the line. For token holders (committee members read; finance officers keep the figures).
import { z } from 'zod';
import { defineOperation, type Operation, pagination } from '../api/index.ts';
import { latestYear, yearView } from './finance.service.ts';
import { OUTTURN, parsePeriod, parseYear, periodLabel, yearLabel } from './rules.ts';

const pence = (what: string) => z.number().int().nullable().describe(`${what}, in pence (null when there is no figure)`);

const budgetLineOut = z
  .object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    directorate: z.string(),
    serviceGroup: z.string().nullable(),
    financialYear: z.string().describe('As 2017-18'),
    period: z.number().int().min(1).max(OUTTURN).describe('1 (April) to 12 (March), 13 for the outturn'),
    periodLabel: z.string(),
    budget: z.number().int().describe('The revised budget at the period (original and virements), in pence'),
    actual: pence('The actual spend to date'),
    forecast: pence('The forecast outturn for the year (at the outturn, the actual)'),
    variance: pence('Forecast outturn less budget: positive is an overspend'),
    variancePercent: z.number().int().nullable().describe('The variance as a percentage of the budget, as Appendix 1 prints it (null when the budget is 0)'),
    commentaryRequired: z
      .boolean()
      .describe('The variance is greater than the percentage of the annual budget or the floor, whichever is greater (by default 2% or £100,000)'),
    commentary: z.string().nullable().describe('The commentary for the period that covers the line, alone or in a group of lines; null when there is none'),
  })
  .strict();

const listQuery = z.object({
  financialYear: z
    .string()
    .optional()
    .refine((v) => v === undefined || parseYear(v) !== null, 'must be a financial year written like 2017-18')
    .describe('The financial year, like 2017-18; the newest year with budgets when left out'),
  period: z
    .string()
    .optional()
    .refine((v) => v === undefined || parsePeriod(v) !== null, 'must be 1 to 12, a month such as Feb, or Outturn')
    .describe("1 (April) to 12 (March) or 'outturn'; the latest period with figures when left out"),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
  offset: z.coerce.number({ error: 'must be a number' }).int().min(0).max(1_000_000).default(0),
});

export const financeOperations: Operation[] = [
  defineOperation({
    operationId: 'listBudgetLines',
    method: 'GET',
    path: '/budget-lines',
    tag: 'Finance',
    access: 'manage.view',
    summary: "A financial year's budget lines at a period, with budget, actual, forecast, variance and commentary",
    description:
      'In the order of the budget monitoring report (directorate, service group, line). Money is in pence, as integers; variances and revised budgets are derived from the original budgets, virements and the monthly ledger.',
    query: listQuery,
    response: { status: 200, description: 'A page of budget lines', schema: z.object({ data: z.array(budgetLineOut), pagination }) },
    async handler({ query, ctx, request }) {
      const db = request.server.db;
      const latest = await latestYear(db, ctx.tenantId);
      const year = (query.financialYear ? parseYear(query.financialYear) : null) ?? latest?.year ?? 2017;
      const period = (query.period ? parsePeriod(query.period) : null) ?? (latest && latest.year === year ? latest.period : OUTTURN);
      const view = await yearView(db, ctx.tenantId, year, period);
      const texts = new Map<string, string[]>();
      for (const c of view.commentaries) {
        for (const id of c.lineIds) texts.set(id, [...(texts.get(id) ?? []), c.lineIds.length > 1 && c.title ? `${c.title}: ${c.body}` : c.body]);
      }
      const rows = view.table.lines;
      return {
        data: rows.slice(query.offset, query.offset + query.limit).map((l) => ({
          id: l.id,
          code: l.code,
          name: l.name,
          directorate: l.directorate,
          serviceGroup: l.group,
          financialYear: yearLabel(year),
          period,
          periodLabel: periodLabel(year, period),
          budget: l.budgetPence,
          actual: l.actualPence,
          forecast: l.forecastPence,
          variance: l.variancePence,
          variancePercent: l.variancePercent,
          commentaryRequired: l.commentaryRequired,
          commentary: texts.get(l.id)?.join('\n\n') ?? null,
        })),
        pagination: { total: rows.length, limit: query.limit, offset: query.offset },
      };
    },
  }),
];
