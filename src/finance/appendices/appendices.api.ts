// JSON API operations of the appendices: for a financial year, the savings tracker, grant income, reserves,
// capital schemes and capital funding, each a paged list with the totals and variances derived (all in pence).
// Staff and councillors (any signed-in token holder) read them; the figures are not public on their own.
import { z } from 'zod';
import { defineOperation, type Operation, pagination } from '../../api/index.ts';
import * as service from './appendices.service.ts';
import * as rules from './rules.ts';
import { savingsOf } from './savings.service.ts';

const TAG = 'Finance';
const pence = z.number().int().describe('Whole pence');
const quarters = z.array(pence).length(4).describe('Q1 to Q4, in pence');

const yearQuery = z.object({
  financialYear: z
    .string({ error: 'is required, like 2017-18' })
    .refine(rules.isFinancialYear, 'must be a financial year like 2017-18')
    .describe('The financial year, April to March, written 2017-18'),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
  offset: z.coerce.number({ error: 'must be a number' }).int().min(0).max(1_000_000).default(0),
});
type YearQuery = z.infer<typeof yearQuery>;

const common = { id: z.uuid(), financialYear: z.string(), version: z.number().int(), modified: z.iso.datetime() };

const savingOut = z.object({
  ...common,
  reference: z.string(),
  title: z.string(),
  description: z.string(),
  committee: z.string().describe('As the tracker prints it'),
  bodyId: z.uuid().nullable().describe('The committee in Partnership Hub, when it is one'),
  workstream: z.string(),
  kind: z.enum(['bp_saving', 'funnel']),
  investment: pence,
  planned: quarters,
  plannedTotal: pence,
  forecast: quarters,
  forecastTotal: pence,
  variance: pence.describe('Forecast less planned: positive when less is saved than planned'),
  complete: z.boolean(),
  rag: z.enum(['red', 'amber', 'green']).nullable(),
  direction: z.enum(['improving', 'same', 'worsening']).nullable(),
  commentary: z.string(),
  partnerLinks: z.string(),
  partnerOrganisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
const savingTotalsOut = z.object({
  investment: pence,
  planned: quarters,
  plannedTotal: pence,
  forecast: quarters,
  forecastTotal: pence,
  variance: pence,
});

const grantOut = z.object({ ...common, kind: z.enum(['non_baselined', 'baselined']), name: z.string(), awardingBody: z.string(), amount: pence });
const reserveOut = z.object({
  ...common,
  kind: z.enum(['revenue', 'capital']),
  section: z.string(),
  serviceGroup: z.string(),
  name: z.string(),
  opening: pence,
  movement: pence,
  closing: pence.describe('Opening balance plus movements'),
  yearEndForecast: pence,
  notes: z.string(),
});
const schemeOut = z.object({
  ...common,
  name: z.string(),
  originalBudget: pence,
  revisedBudget: pence,
  actual: pence,
  outturnVariance: pence.describe('Actual less revised budget'),
  totalSchemeBudget: pence,
  totalSchemeForecast: pence,
  totalSchemeForecastVariance: pence.describe('Total scheme forecast less total scheme budget'),
  notes: z.string(),
});
const fundingOut = z.object({
  ...common,
  source: z.string(),
  original: pence,
  revised: pence,
  outturn: pence,
  variance: pence.describe('Outturn less revised funding'),
});

const listOf = <T extends z.ZodType, U extends z.ZodType>(item: T, totals: U) => z.object({ data: z.array(item), totals, pagination });
const page = <T>(rows: T[], q: YearQuery) => ({
  data: rows.slice(q.offset, q.offset + q.limit),
  pagination: { total: rows.length, limit: q.limit, offset: q.offset },
});
const stamp = (r: { id: string; financialYear: string; version: number; modified: Date }) => ({
  id: r.id,
  financialYear: r.financialYear,
  version: r.version,
  modified: r.modified.toISOString(),
});

const list = <T extends z.ZodType, U extends z.ZodType>(
  operationId: string,
  path: string,
  summary: string,
  item: T,
  totals: U,
  read: (db: Parameters<typeof savingsOf>[0], tenantId: string, year: string) => Promise<{ rows: z.infer<T>[]; totals: z.infer<U> }>,
) =>
  defineOperation({
    operationId,
    method: 'GET',
    path,
    tag: TAG,
    access: 'manage.view',
    summary,
    description: 'For one financial year, in the order of the appendix, paged (limit, offset). Totals cover the whole year, not just the page.',
    query: yearQuery,
    response: { status: 200, description: 'A page of the appendix and its totals', schema: listOf(item, totals) },
    async handler({ query, ctx, request }) {
      const { rows, totals } = await read(request.server.db, ctx.tenantId, query.financialYear);
      return { ...page(rows, query), totals };
    },
  });

export const appendixOperations: Operation[] = [
  list(
    'listSavings',
    '/finance/savings',
    "The savings tracker of a financial year, with each saving's totals and the tracker's",
    savingOut,
    savingTotalsOut,
    async (db, t, y) => {
      const s = await savingsOf(db, t, y);
      return {
        rows: s.rows.map((r) => ({
          ...stamp(r),
          reference: r.reference,
          title: r.title,
          description: r.description,
          committee: r.committee,
          bodyId: r.bodyId,
          workstream: r.workstream,
          kind: r.kind,
          investment: r.investmentPence,
          planned: [...r.plannedPence],
          plannedTotal: r.totalsPence.planned,
          forecast: [...r.forecastPence],
          forecastTotal: r.totalsPence.forecast,
          variance: r.totalsPence.variance,
          complete: r.complete,
          rag: r.rag,
          direction: r.direction,
          commentary: r.commentary,
          partnerLinks: r.partnerLinks,
          partnerOrganisations: r.partners,
        })),
        totals: {
          investment: s.totalsPence.investment,
          planned: [...s.totalsPence.plannedByQuarter],
          plannedTotal: s.totalsPence.planned,
          forecast: [...s.totalsPence.forecastByQuarter],
          forecastTotal: s.totalsPence.forecast,
          variance: s.totalsPence.variance,
        },
      };
    },
  ),
  list('listGrants', '/finance/grants', 'Grant income of a financial year', grantOut, z.object({ nonBaselined: pence, total: pence }), async (db, t, y) => {
    const g = await service.grantsOf(db, t, y);
    return {
      rows: g.rows.map((r) => ({ ...stamp(r), kind: r.kind, name: r.name, awardingBody: r.awardingBody, amount: r.amountPence })),
      totals: { nonBaselined: g.totalsPence.nonBaselined, total: g.totalsPence.total },
    };
  }),
  list(
    'listReserves',
    '/finance/reserves',
    'The reserve schedule of a financial year',
    reserveOut,
    z.object({
      revenue: z.object({ opening: pence, movement: pence, closing: pence, yearEndForecast: pence }),
      capital: z.object({ opening: pence, movement: pence, closing: pence, yearEndForecast: pence }),
    }),
    async (db, t, y) => {
      const r = await service.reservesOf(db, t, y);
      const totals = (kind: 'revenue' | 'capital') => {
        const x = r.groups.find((g) => g.kind === kind)!.totalsPence;
        return { opening: x.opening, movement: x.movement, closing: x.closing, yearEndForecast: x.yearEnd };
      };
      return {
        rows: r.groups.flatMap((g) =>
          g.rows.map((v) => ({
            ...stamp(v),
            kind: v.kind,
            section: v.section,
            serviceGroup: v.serviceGroup,
            name: v.name,
            opening: v.openingPence,
            movement: v.movementPence,
            closing: v.closingPence,
            yearEndForecast: v.yearEndPence,
            notes: v.notes,
          })),
        ),
        totals: { revenue: totals('revenue'), capital: totals('capital') },
      };
    },
  ),
  list(
    'listCapitalSchemes',
    '/finance/capital-schemes',
    'The capital programme of a financial year, by scheme',
    schemeOut,
    z.object({
      originalBudget: pence,
      revisedBudget: pence,
      actual: pence,
      outturnVariance: pence,
      totalSchemeBudget: pence,
      totalSchemeForecastVariance: pence,
    }),
    async (db, t, y) => {
      const s = await service.schemesOf(db, t, y);
      const p = s.totalsPence;
      return {
        rows: s.rows.map((r) => ({
          ...stamp(r),
          name: r.name,
          originalBudget: r.originalBudgetPence,
          revisedBudget: r.revisedBudgetPence,
          actual: r.actualPence,
          outturnVariance: r.outturnVariancePence,
          totalSchemeBudget: r.totalSchemeBudgetPence,
          totalSchemeForecast: r.totalSchemeForecastPence,
          totalSchemeForecastVariance: r.forecastVariancePence,
          notes: r.notes,
        })),
        totals: {
          originalBudget: p.original,
          revisedBudget: p.revised,
          actual: p.actual,
          outturnVariance: p.outturnVariance,
          totalSchemeBudget: p.totalSchemeBudget,
          totalSchemeForecastVariance: p.totalSchemeForecastVariance,
        },
      };
    },
  ),
  list(
    'listCapitalFunding',
    '/finance/capital-funding',
    'The sources of capital funding of a financial year',
    fundingOut,
    z.object({ original: pence, revised: pence, outturn: pence, variance: pence }),
    async (db, t, y) => {
      const f = await service.fundingOf(db, t, y);
      return {
        rows: f.rows.map((r) => ({
          ...stamp(r),
          source: r.source,
          original: r.originalPence,
          revised: r.revisedPence,
          outturn: r.outturnPence,
          variance: r.variancePence,
        })),
        totals: f.totalsPence,
      };
    },
  ),
];
