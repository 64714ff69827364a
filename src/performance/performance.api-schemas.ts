// The JSON API's request and response schemas for performance: indicator, value, target and exception
// report bodies (the forms' schemas with JSON numbers), the list and scorecard queries, and what the answers hold.
import { z } from 'zod';
import { isoDateOut, syncListQuery, tombstoneOut as apiTombstone, uuidParam } from '../api/index.ts';
import { isoDate, version } from '../web/schema.ts';
import { DIRECTIONS, FREQUENCIES, INDICATOR_STATUSES, POLARITIES, RAG_STATUSES, UNITS } from './indicator-types.ts';
import { exceptionReportInput, indicatorInput, valueInput } from './performance.schemas.ts';

export const periodParams = z.object({
  id: uuidParam,
  period: isoDate('period').describe(
    'The first day of the period, as YYYY-MM-DD: 2018-03-01 for March 2018 (monthly), 2017-10-01 for 2017/18 Q3 (quarterly), 2017-04-01 for 2017/18 (annual)',
  ),
});
export const versionBody = z.object({ version });

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

export const indicatorBody = indicatorInput.extend({
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
  status: z
    .enum(INDICATOR_STATUSES, { error: 'Select whether its values are still collected' })
    .optional()
    .describe('live: values are collected and fall due; retired: kept with its history, never due. Left out: a new indicator is live and a change keeps it'),
});
export type IndicatorBody = z.output<typeof indicatorBody>;

export const valueBody = valueInput.omit({ period: true }).extend({
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

export const targetBody = z.object({ value: apiNumber('Target').describe('The target for the period; null removes it') });

export const exceptionBody = exceptionReportInput.extend({
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

export const tombstoneOut = apiTombstone('indicator');
const named = z.object({ id: z.uuid(), name: z.string() });
const rag = z
  .enum(RAG_STATUSES)
  .nullable()
  .describe('on_target, within_tolerance (amber), off_target, or no_target (no target, or no direction is better); null when there is a target but no value');
const direction = z
  .enum(DIRECTIONS)
  .describe(
    'Against the value before, judged by the polarity, only when that value is from the period just before or no more than a year before (see directionOfTravel); none when there is nothing recent enough to compare',
  );
const directionOfTravel = z
  .object({
    against: z
      .enum(['previous', 'earlier', 'too_old', 'none'])
      .describe(
        'previous: the period just before; earlier: up to a year before (named in the words); too_old: further back, so no direction; none: no value before',
      ),
    previousPeriod: isoDateOut.nullable().describe('The first day of the period of the value compared with'),
    periodsBefore: z.number().int().nullable().describe('How many periods before; null when no comparison is made'),
    words: z.string().describe('As the pages say it: "Improving", "Up", "No comparison: previous value is from August 2017"'),
  })
  .describe('What the direction of travel compares with, and in words');

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
  status: z.enum(INDICATOR_STATUSES).describe('live: values are collected and fall due; retired: kept with its history, never due'),
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
  directionOfTravel,
  exceptionReportRequired: z
    .boolean()
    .nullable()
    .describe('As the scorecard flags it: off target for the latest two or more periods in a row; null to the public'),
  created: z.iso.datetime(),
  modified: z.iso.datetime().describe('The latest change to the indicator, its values, targets, assignments or exception reports'),
  version: z.number().int(),
  deleted: z.literal(false),
};
export const indicatorSummaryOut = z.object(indicatorFields);

export const valueOut = z.object({
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
  directionOfTravel,
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
export const exceptionOut = z.object({
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
export const indicatorFullOut = z.object({
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
export const targetOut = z.object({ indicatorId: z.uuid(), period: isoDateOut, label: z.string(), value: z.number().nullable() });
export const summaryOut = z
  .object({ red: z.number().int(), amber: z.number().int(), green: z.number().int(), noTarget: z.number().int(), total: z.number().int() })
  .describe('Every indicator on the scorecard, before the offTarget and worsening filters (an indicator without a value counts as no target)');

// ---- Queries ---------------------------------------------------------------------------------------

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
export const listQuery = syncListQuery.extend({ q: optionalQueryText('q', 200).describe('Words in the title or code'), ...filterQuery });
export const scorecardQuery = z.object({
  ...filterQuery,
  offTarget: flag('true: only indicators whose latest value is off target'),
  worsening: flag('true: only indicators getting worse'),
});
