// Validation for indicators, targets, values and exception reports (forms, imports and the API).
import { z } from 'zod';
import { isoDate, optionalId, optionalText, requiredText } from '../web/schema.ts';
import { FREQUENCIES, INDICATOR_STATUSES, POLARITIES, UNITS } from './indicator-types.ts';

/** A number as people type it: '84.8%', '12.53', '7,390', '£5,000', '-3'. Empty → null. */
export function parseNumber(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) && Math.abs(value) < 1e14 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value
    .trim()
    .replace(/^£/, '')
    .replace(/%$/, '')
    .replace(/,(?=\d{3}\b)/g, '')
    .trim();
  if (!text) return null;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Math.abs(n) < 1e14 ? n : undefined;
}

export const decimal = (label: string) =>
  z.unknown().transform((v, ctx) => {
    const n = parseNumber(v);
    if (n === undefined) {
      ctx.addIssue({ code: 'custom', message: `${label} must be a number, like 12.53` });
      return z.NEVER;
    }
    return n;
  });

/** The first day of a period, as ISO; checked against the frequency by the service. */
const periodStart = (label: string) => isoDate(label);
const optionalPeriodStart = (label: string) =>
  periodStart(label)
    .nullish()
    .transform((v) => v ?? null);

export const indicatorInput = z.object({
  code: optionalText('Code', 30),
  title: requiredText('Enter the name of the measure', 'Name', 500),
  definition: z
    .string()
    .trim()
    .max(5000, 'Definition must be 5,000 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  unit: z.enum(UNITS, { error: 'Select the unit' }),
  polarity: z.enum(POLARITIES, { error: 'Select whether higher or lower is better' }),
  frequency: z.enum(FREQUENCIES, { error: 'Select how often values are reported' }),
  cumulative: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).default(false),
  decimals: z.coerce
    .number({ error: 'Decimal places must be a whole number from 0 to 6' })
    .int('Decimal places must be a whole number from 0 to 6')
    .min(0, 'Decimal places must be a whole number from 0 to 6')
    .max(6, 'Decimal places must be a whole number from 0 to 6')
    .default(1),
  dataSource: z
    .string()
    .trim()
    .max(500)
    .nullish()
    .transform((v) => v ?? ''),
  outcomeGroup: z
    .string()
    .trim()
    .max(300)
    .nullish()
    .transform((v) => v ?? ''),
  directorate: z
    .string()
    .trim()
    .max(300)
    .nullish()
    .transform((v) => v ?? ''),
  leadOfficer: optionalText('Lead officer', 300),
  ownerPersonId: optionalId('Select the owner from the list'),
  tolerancePercent: decimal('Amber tolerance').refine((v) => v === null || (v >= 0 && v <= 100), 'Amber tolerance must be between 0% and 100%'),
  baselinePeriod: optionalPeriodStart('Baseline period'),
  baselineValue: decimal('Baseline'),
  baselineNumerator: decimal('Baseline numerator'),
  baselineDenominator: decimal('Baseline denominator').refine((v) => v !== 0, 'The denominator cannot be 0'),
  baselineNote: z
    .string()
    .trim()
    .max(2000)
    .nullish()
    .transform((v) => v ?? ''),
  finalTargetPeriod: optionalPeriodStart('Final target period'),
  finalTargetValue: decimal('Final target'),
  // Left out (an API client that does not know it), a change keeps the indicator's status and a new one is live.
  status: z.enum(INDICATOR_STATUSES, { error: 'Select whether its values are still collected' }).optional(),
});
export type IndicatorInput = z.infer<typeof indicatorInput>;

export const valueInput = z.object({
  period: periodStart('Period'),
  value: decimal('Value'),
  numerator: decimal('Numerator'),
  denominator: decimal('Denominator')
    .refine((v) => v !== 0, 'The denominator cannot be 0')
    // Stored to 6 decimal places: anything smaller would be stored as 0.
    .refine((v) => v === null || v === 0 || Math.abs(v) >= 0.0000005, 'The denominator must be at least 0.000001'),
  status: z.enum(['provisional', 'final'], { error: 'Select whether the value is provisional or final' }).default('final'),
  commentary: z
    .string()
    .trim()
    .max(20_000, 'Commentary must be 20,000 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  correctiveAction: z
    .string()
    .trim()
    .max(20_000, 'Corrective action must be 20,000 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  statNeighbours: decimal('Statistical neighbours'),
  england: decimal('England'),
});
export type ValueInput = z.infer<typeof valueInput>;

export const targetInput = z.object({ period: periodStart('Period'), value: decimal('Target') });

export const exceptionReportInput = z.object({
  period: periodStart('Period'),
  cause: requiredText('Describe the cause of the under-performance', 'Cause', 20_000),
  actions: requiredText('Describe the actions to improve performance', 'Actions', 20_000),
  cost: z.unknown().transform((v, ctx) => {
    const n = parseNumber(v);
    if (n === undefined || (n !== null && n < 0)) {
      ctx.addIssue({ code: 'custom', message: 'Cost must be an amount of money, like £5,000' });
      return z.NEVER;
    }
    return n === null ? null : Math.round(n * 100);
  }),
  owner: requiredText('Enter who owns the actions', 'Owner', 300),
  partnershipId: optionalId('Select the board from the list'),
  meetingId: optionalId('Select the meeting from the list'),
});
