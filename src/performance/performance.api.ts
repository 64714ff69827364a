import { z } from 'zod';
import {
  defineOperation,
  type Operation,
  syncListQuery,
  tombstone,
  uuidParam,
  idParams,
  isoDateOut,
  pagination,
  tombstoneOut as apiTombstone,
} from '../api/index.ts';
import type { Queryable } from '../db/database.ts';
import { GoneError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isoDate, version } from '../web/schema.ts';
import { DIRECTIONS, FREQUENCIES, POLARITIES, RAG_STATUSES, UNITS, type Frequency } from './indicator-types.ts';
import { periodLabel } from './periods.ts';
import * as repo from './performance.repository.ts';
import { exceptionReportInput, indicatorInput, valueInput } from './performance.schemas.ts';
import * as service from './performance.service.ts';
import { PUBLICATION_MESSAGES } from './rules.ts';
import { isStaff } from '../access/permissions.ts';

const periodParams = z.object({
  id: uuidParam,
  period: isoDate('period').describe(
    'The first day of the period, as YYYY-MM-DD: 2018-03-01 for March 2018 (monthly), 2017-10-01 for 2017/18 Q3 (quarterly), 2017-04-01 for 2017/18 (annual)',
  ),
});
const versionBody = z.object({ version });

// ---- Request bodies -------------------------------------------------------------------------------
// The forms' schemas, with numbers as JSON numbers (the forms also read '84.8%' and '7,390').

const apiNumber = (label: string) =>
  z
    .number({ error: `${label} must be a number, like 12.53` })
    .nullable()
    .optional()
    .transform((v) => v ?? null);
const ids = (message: string) =>
  z
    .array(z.uuid({ error: message }), { error: message })
    .max(200, 'Choose 200 or fewer')
    .optional();

const indicatorBody = indicatorInput.extend({
  cumulative: z.boolean({ error: 'Cumulative must be true or false' }).default(false).describe('True when each value is the year to date'),
  decimals: z
    .number({ error: 'Decimal places must be a whole number from 0 to 6' })
    .int('Decimal places must be a whole number from 0 to 6')
    .min(0, 'Decimal places must be a whole number from 0 to 6')
    .max(6, 'Decimal places must be a whole number from 0 to 6')
    .default(1)
    .describe('Decimal places values are shown with and compared at'),
  tolerancePercent: apiNumber('Amber tolerance')
    .refine((v) => v === null || (v >= 0 && v <= 100), 'Amber tolerance must be between 0% and 100%')
    .describe("The amber band as a percentage of the target; null for the site's default"),
  baselineValue: apiNumber('Baseline'),
  baselineNumerator: apiNumber('Baseline numerator'),
  baselineDenominator: apiNumber('Baseline denominator').refine((v) => v !== 0, 'The denominator cannot be 0'),
  finalTargetValue: apiNumber('Final target'),
  partnershipIds: ids('Select the partnerships from the list').describe('The partnerships whose scorecards show the indicator'),
  bodyIds: ids('Select the committees and boards from the list').describe('The committees and boards whose scorecards show the indicator'),
});
type IndicatorBody = z.output<typeof indicatorBody>;

const valueBody = valueInput.omit({ period: true }).extend({
  value: apiNumber('Value').describe(
    "In the indicator's unit (a percentage as 84.8, a rate per 1,000 as 12.53); null to work it out from the numerator and denominator, or when there is no value (then give a commentary)",
  ),
  numerator: apiNumber('Numerator').describe(
    'Give both the numerator and the denominator, or neither; for percentages and rates the value must agree with them',
  ),
  denominator: apiNumber('Denominator')
    .refine((v) => v !== 0, 'The denominator cannot be 0')
    .refine((v) => v === null || v === 0 || Math.abs(v) >= 0.0000005, 'The denominator must be at least 0.000001'),
  statNeighbours: apiNumber('Statistical neighbours').describe('The average of the statistical neighbours for the period'),
  england: apiNumber('England').describe('The England average for the period'),
});

const targetBody = z.object({ value: apiNumber('Target').describe('The target for the period; null removes it') });

const exceptionBody = exceptionReportInput.extend({
  cost: z
    .number({ error: 'Cost must be an amount of money, like 5000' })
    .min(0, 'Cost must be an amount of money, like 5000')
    .nullable()
    .optional()
    .transform((v) => v ?? null)
    .describe('The cost of the actions, in pounds'),
  period: isoDate('Period').describe('The first day of the period the report is about'),
});

// ---- Response schemas ----------------------------------------------------------------------------

const tombstoneOut = apiTombstone('indicator');
const named = z.object({ id: z.uuid(), name: z.string() });
const rag = z
  .enum(RAG_STATUSES)
  .nullable()
  .describe('on_target, within_tolerance (amber), off_target, or no_target (no target, or no direction is better); null when there is a target but no value');
const direction = z.enum(DIRECTIONS).describe('Against the previous period with a value, judged by the polarity; none when there is nothing to compare');

const indicatorFields = {
  id: z.uuid(),
  type: z.literal('indicator'),
  code: z.string().nullable(),
  title: z.string(),
  definition: z.string(),
  unit: z.enum(UNITS),
  polarity: z.enum(POLARITIES),
  frequency: z.enum(FREQUENCIES),
  cumulative: z.boolean(),
  decimals: z.number().int(),
  dataSource: z.string(),
  outcomeGroup: z.string(),
  directorate: z.string(),
  leadOfficer: z.string().nullable(),
  owner: named.nullable().describe('Who is reminded to enter values; null to the public'),
  tolerancePercent: z
    .number()
    .nullable()
    .describe("The amber tolerance set on the indicator, as a percentage of the target; null when the site's default applies"),
  effectiveTolerancePercent: z.number().describe('The amber tolerance that applies'),
  baseline: z
    .object({
      period: isoDateOut.nullable(),
      label: z.string().nullable(),
      value: z.number(),
      numerator: z.number().nullable(),
      denominator: z.number().nullable(),
      note: z.string(),
    })
    .nullable(),
  finalTarget: z.object({ period: isoDateOut.nullable(), label: z.string().nullable(), value: z.number() }).nullable(),
  publicationState: z.enum(['draft', 'published']),
  latest: z
    .object({
      period: isoDateOut,
      label: z.string(),
      value: z.number(),
      valueText: z.string().describe('As a report prints it: "12.53 per 1,000", "84.8%"'),
      statNeighbours: z.number().nullable(),
      england: z.number().nullable(),
      commentary: z.string(),
      correctiveAction: z.string(),
      published: z.boolean(),
    })
    .nullable()
    .describe('The latest period with a value (for the public, the latest published value); null when there is none'),
  previous: z.object({ period: isoDateOut, label: z.string(), value: z.number() }).nullable().describe('The period with a value before the latest'),
  target: z.number().nullable().describe('The target for the latest period'),
  rag,
  direction,
  exceptionReportRequired: z
    .boolean()
    .nullable()
    .describe('As the scorecard flags it: off target for the latest two or more periods in a row; null to the public'),
  created: z.iso.datetime(),
  modified: z.iso.datetime().describe('The latest change to the indicator, its values, targets, assignments or exception reports'),
  version: z.number().int(),
  deleted: z.literal(false),
};
const indicatorSummaryOut = z.object(indicatorFields);

const valueOut = z.object({
  id: z.uuid().nullable().describe("The value's id; null for a period with a target but no value"),
  period: isoDateOut,
  label: z.string().describe('"March 2018", "2017/18 Q3", "2017/18"'),
  value: z.number().nullable(),
  valueText: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  status: z.enum(['provisional', 'final']).nullable(),
  target: z.number().nullable(),
  rag,
  direction,
  statNeighbours: z.number().nullable(),
  england: z.number().nullable(),
  commentary: z.string(),
  correctiveAction: z.string(),
  published: z.boolean(),
  publicationProblems: z
    .array(z.string())
    .nullable()
    .describe('What must be written before the value can be published; empty when it can be; null to the public'),
  version: z.number().int().nullable(),
  modified: z.iso.datetime().nullable(),
});
const exceptionOut = z.object({
  id: z.uuid(),
  period: isoDateOut,
  label: z.string(),
  cause: z.string(),
  actions: z.string(),
  cost: z.number().nullable().describe('In pounds'),
  owner: z.string(),
  partnership: named.nullable(),
  meeting: z.object({ id: z.uuid(), date: isoDateOut }).nullable(),
  status: z.enum(['open', 'submitted', 'considered']),
  consideredOn: isoDateOut.nullable(),
  version: z.number().int(),
});
const indicatorFullOut = z.object({
  ...indicatorFields,
  exceptionReportRequired: z
    .boolean()
    .nullable()
    .describe('Off target for the latest two or more periods in a row, with no open exception report written for a period of that run; null to the public'),
  partnerships: z.array(named).describe('The partnerships whose scorecards show it (to the public, only published ones)'),
  bodies: z.array(named).describe('The committees and boards whose scorecards show it (to the public, only published ones)'),
  offTargetRun: z.number().int().describe('How many of the latest periods in a row are off target'),
  values: z
    .array(valueOut)
    .describe(
      'Every period with a value or a target, oldest first; to the public only published values (a period whose value is not published shows its target alone)',
    ),
  exceptionReports: z.array(exceptionOut).nullable().describe('Newest first; null to the public'),
});
const targetOut = z.object({ indicatorId: z.uuid(), period: isoDateOut, label: z.string(), value: z.number().nullable() });
const summaryOut = z
  .object({ red: z.number().int(), amber: z.number().int(), green: z.number().int(), noTarget: z.number().int(), total: z.number().int() })
  .describe('Every indicator on the scorecard, before the offTarget and worsening filters (an indicator without a value counts as no target)');

// ---- Shaping -------------------------------------------------------------------------------------

const iso = (d: Date | string) => new Date(d).toISOString();
const label = (frequency: string, start: string) => periodLabel({ frequency: frequency as Frequency, start });

function summaryShape(e: service.ScorecardEntry, forStaff: boolean, site: number, modified: Date) {
  const i = e.indicator;
  return {
    id: i.id,
    type: 'indicator' as const,
    code: i.code,
    title: i.title,
    definition: i.definition,
    unit: i.unit as (typeof UNITS)[number],
    polarity: i.polarity as (typeof POLARITIES)[number],
    frequency: i.frequency as Frequency,
    cumulative: i.cumulative,
    decimals: i.decimals,
    dataSource: i.dataSource,
    outcomeGroup: i.outcomeGroup,
    directorate: i.directorate,
    leadOfficer: i.leadOfficer,
    owner: forStaff && i.ownerPersonId ? { id: i.ownerPersonId, name: i.ownerName ?? '' } : null,
    tolerancePercent: i.tolerancePercent,
    effectiveTolerancePercent: i.tolerancePercent ?? site,
    baseline:
      i.baselineValue === null
        ? null
        : {
            period: i.baselinePeriod,
            label: i.baselinePeriod ? label(i.frequency, i.baselinePeriod) : null,
            value: i.baselineValue,
            numerator: i.baselineNumerator,
            denominator: i.baselineDenominator,
            note: i.baselineNote,
          },
    finalTarget:
      i.finalTargetValue === null
        ? null
        : {
            period: i.finalTargetPeriod,
            label: i.finalTargetPeriod ? label(i.frequency, i.finalTargetPeriod) : null,
            value: i.finalTargetValue,
          },
    publicationState: i.publicationState,
    latest:
      i.latestPeriod === null || i.latestValue === null
        ? null
        : {
            period: i.latestPeriod,
            label: e.periodLabel,
            value: i.latestValue,
            valueText: e.latest,
            statNeighbours: i.statNeighbours,
            england: i.england,
            commentary: i.commentary ?? '',
            correctiveAction: i.correctiveAction ?? '',
            published: i.latestPublished ?? false,
          },
    previous:
      i.previousPeriod === null || i.previousValue === null
        ? null
        : { period: i.previousPeriod, label: label(i.frequency, i.previousPeriod), value: i.previousValue },
    target: i.latestTarget,
    rag: e.rag,
    direction: e.direction,
    exceptionReportRequired: forStaff ? e.exceptionRequired : null,
    created: iso(i.created),
    modified: modified.toISOString(),
    version: i.version,
    deleted: false as const,
  };
}

type Filters = { q?: string; outcome?: string; directorate?: string; partnershipId?: string; bodyId?: string; offTarget?: boolean; worsening?: boolean };

/** The scorecard entries the caller may see, with when each last changed. */
async function entries(db: Queryable, tenantId: string, forStaff: boolean, f: Filters & { ids?: string[] }) {
  const [card, site, times] = await Promise.all([
    service.scorecardView(db, tenantId, {
      publicOnly: !forStaff,
      q: f.q,
      outcomeGroup: f.outcome,
      directorate: f.directorate,
      partnershipId: f.partnershipId,
      bodyId: f.bodyId,
      ids: f.ids,
      offTarget: f.offTarget,
      worsening: f.worsening,
    }),
    repo.siteTolerance(db, tenantId),
    repo.modifiedTimes(db, tenantId, { ids: f.ids }),
  ]);
  const modified = new Map(times.map((t) => [t.id, t.modified]));
  const shape = (e: service.ScorecardEntry) => summaryShape(e, forStaff, site, modified.get(e.indicator.id) ?? e.indicator.modified);
  return { card, shape };
}

/** An indicator as the caller may see it: 404 to the public for a draft, 410 once deleted. */
async function indicatorDetail(db: Queryable, tenantId: string, id: string, forStaff: boolean) {
  const row = await repo.getIndicator(db, tenantId, id, { publicOnly: !forStaff, withDeleted: true });
  if (!row) throw new NotFoundError('indicator');
  if (row.deletedAt) throw new GoneError('indicator');
  const [{ card, shape }, view] = await Promise.all([
    entries(db, tenantId, forStaff, { ids: [id] }),
    service.indicatorView(db, tenantId, id, { publicOnly: !forStaff }),
  ]);
  const entry = card.groups.flatMap((g) => g.entries)[0];
  if (!entry) throw new NotFoundError('indicator');
  return {
    ...shape(entry),
    exceptionReportRequired: forStaff ? view.exceptionRequired : null,
    partnerships: view.assignments.filter((a) => a.partnershipId).map((a) => ({ id: a.partnershipId!, name: a.name })),
    bodies: view.assignments.filter((a) => a.bodyId).map((a) => ({ id: a.bodyId!, name: a.name })),
    offTargetRun: view.offRun,
    values: view.rows.map((r) => ({
      id: r.id,
      period: r.periodStart,
      label: r.label,
      value: r.value,
      valueText: r.valueText,
      numerator: r.numerator,
      denominator: r.denominator,
      status: r.status as 'provisional' | 'final' | null,
      target: r.target,
      rag: r.rag,
      direction: r.direction,
      statNeighbours: r.statNeighbours,
      england: r.england,
      commentary: r.commentary,
      correctiveAction: r.correctiveAction,
      published: r.published,
      publicationProblems: forStaff ? r.problems : null,
      version: r.version,
      modified: r.modified ? iso(r.modified) : null,
    })),
    exceptionReports: forStaff ? view.exceptions.map((e) => exceptionShape(e, view.indicator.frequency)) : null,
  };
}

function exceptionShape(e: repo.ExceptionReportRow, frequency: string) {
  return {
    id: e.id,
    period: e.periodStart,
    label: label(frequency, e.periodStart),
    cause: e.cause,
    actions: e.actions,
    cost: e.costPence === null ? null : e.costPence / 100,
    owner: e.owner,
    partnership: e.partnershipId ? { id: e.partnershipId, name: e.partnershipName ?? '' } : null,
    meeting: e.meetingId && e.meetingDate ? { id: e.meetingId, date: e.meetingDate } : null,
    status: e.status,
    consideredOn: e.consideredOn,
    version: e.version,
  };
}

async function valueDetail(db: Queryable, tenantId: string, id: string, period: string) {
  const detail = await indicatorDetail(db, tenantId, id, true);
  const row = detail.values.find((v) => v.period === period && v.id !== null);
  if (!row) throw new NotFoundError('value');
  return row;
}

/** The value recorded for a period, or 404. */
async function valueIdFor(db: Queryable, tenantId: string, id: string, period: string) {
  if (!(await repo.getIndicator(db, tenantId, id))) throw new NotFoundError('indicator');
  const row = (await repo.seriesOf(db, tenantId, id)).find((s) => s.periodStart === period && s.id !== null);
  if (!row) throw new NotFoundError('value');
  return row.id!;
}

/** Refusals to publish name the fields to write (commentary, correctiveAction) and carry the message as the problem's detail. */
async function withPublicationPointers<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ValidationError && '_' in err.fieldErrors) {
      const { _: message, ...rest } = err.fieldErrors;
      for (const [field, text] of Object.entries(PUBLICATION_MESSAGES)) if (message!.includes(text)) rest[field] = text;
      throw new ValidationError(rest, message);
    }
    throw err;
  }
}

const unique = (list: string[] | undefined) => (list === undefined ? undefined : [...new Set(list.map((i) => i.toLowerCase()))]);

function splitIndicator(body: IndicatorBody) {
  const { partnershipIds, bodyIds, ...fields } = body;
  return { fields, partnershipIds: unique(partnershipIds), bodyIds: unique(bodyIds) };
}

const optionalQueryText = (name: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : undefined));
const flag = (what: string) =>
  z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .optional()
    .transform((v) => v === 'true')
    .describe(what);
const filterQuery = {
  outcome: optionalQueryText('outcome', 300).describe('The outcome group, exactly, e.g. "Adults and children are kept safe"'),
  directorate: optionalQueryText('directorate', 300).describe('The responsible directorate, exactly'),
  partnershipId: uuidParam.optional().describe("Only indicators on this partnership's scorecard"),
  bodyId: uuidParam.optional().describe("Only indicators on this committee or board's scorecard"),
};
const listQuery = syncListQuery.extend({ q: optionalQueryText('q', 200).describe('Words in the title or code'), ...filterQuery });
const scorecardQuery = z.object({
  ...filterQuery,
  offTarget: flag('true: only indicators whose latest value is off target'),
  worsening: flag('true: only indicators getting worse'),
});

// ---- Operations ------------------------------------------------------------------------------------

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
  defineOperation({
    operationId: 'recordIndicatorValue',
    method: 'PUT',
    path: '/indicators/{id}/values/{period}',
    tag: 'Performance',
    access: 'performance.edit',
    summary: "Record (or replace) an indicator's value for a period",
    description:
      "The period is the first day of a period of the indicator's frequency (otherwise 422 at /period). With a numerator and denominator, a percentage or rate must agree with them at the indicator's decimal places (the value may be left null to work it out). Changing a value takes it off the public scorecard until it is published again.",
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
      const row = (await repo.seriesOf(db, ctx.tenantId, params.id)).find((s) => s.periodStart === params.period);
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
      const report = (await repo.exceptionReports(db, ctx.tenantId, { indicatorId: params.id })).find((e) => e.id === reportId)!;
      return exceptionShape(report, indicator.frequency);
    },
  }),
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
