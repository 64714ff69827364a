// Validation for risks (with their mitigating actions) and for the risk matrix a partnership scores on.
// Scores are checked against the partnership's own matrix by the service, which knows its scales.
import { z } from 'zod';
import { id, isUuid, longText, optionalId, optionalIsoDate, requiredText } from '../web/schema.ts';

export const RISK_TRENDS = ['new', 'improving', 'stable', 'worsening'] as const;
export const RISK_STATUSES = ['open', 'closed'] as const;
export const TREND_LABELS: Record<(typeof RISK_TRENDS)[number], string> = { new: 'New', improving: 'Improving', stable: 'Stable', worsening: 'Worsening' };
export const RISK_STATUS_LABELS: Record<(typeof RISK_STATUSES)[number], string> = { open: 'Open', closed: 'Closed' };

/**
 * A point on a scale, as a select posts it ('1' to '10'): empty asks for a choice, anything else not a
 * point of any matrix is "from the list". The service checks it against the partnership's scale.
 */
export const scalePoint = (what: string) =>
  z.unknown().transform((v, ctx) => {
    const t = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
    if (v === undefined || v === null || t === '') {
      ctx.addIssue({ code: 'custom', message: `Select the ${what}` });
      return z.NEVER;
    }
    if (!/^\d{1,2}$/.test(t) || Number(t) < 1 || Number(t) > 10) {
      ctx.addIssue({ code: 'custom', message: `Select the ${what} from the list` });
      return z.NEVER;
    }
    return Number(t);
  });

export const riskInput = z.object({
  partnershipId: z.unknown().transform((v, ctx) => {
    if (v === undefined || v === null || v === '') {
      ctx.addIssue({ code: 'custom', message: 'Select the partnership whose risk this is' });
      return z.NEVER;
    }
    if (!isUuid(v)) {
      ctx.addIssue({ code: 'custom', message: 'Select the partnership from the list' });
      return z.NEVER;
    }
    return v.toLowerCase();
  }),
  planId: optionalId('Select the plan from the list'),
  reference: z
    .string({ error: 'Reference must be text' })
    .trim()
    .max(30, 'Reference must be 30 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  title: requiredText('Enter the risk', 'Risk', 300),
  cause: longText('Cause'),
  effect: longText('Effect'),
  owner: z
    .string({ error: 'Owner must be text' })
    .trim()
    .max(300, 'Owner must be 300 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  inherentLikelihood: scalePoint('inherent likelihood'),
  inherentImpact: scalePoint('inherent impact'),
  residualLikelihood: scalePoint('residual likelihood'),
  residualImpact: scalePoint('residual impact'),
  controls: longText('Controls in place'),
  reviewDate: optionalIsoDate('Review date'),
  trend: z.enum(RISK_TRENDS, { error: 'Select whether the risk is new, improving, stable or worsening' }).default('new'),
  status: z.enum(RISK_STATUSES, { error: 'Select whether the risk is open or closed' }).default('open'),
  actionIds: z
    .array(id('Select the mitigating actions from the list'), { error: 'Select the mitigating actions from the list' })
    .max(200, 'Select at most 200 mitigating actions')
    .default([]),
});
export type RiskInput = z.infer<typeof riskInput>;

/** "15, 8" → [15, 8]; null when it is not a list of whole numbers. */
export function parseLevelMinimums(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length || parts.length > 9 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
}

const labelList = (what: string) =>
  z.array(z.string().trim().min(1).max(100, `Each ${what} label must be 100 characters or fewer`)).max(10, `The ${what} scale needs 2 to 10 points`);

export const matrixInput = z.object({
  likelihoodLabels: labelList('likelihood'),
  impactLabels: labelList('impact'),
  levelMinimums: z
    .string()
    .trim()
    .max(100)
    .nullish()
    .transform((v, ctx) => {
      const t = v ?? '';
      if (!t) {
        ctx.addIssue({ code: 'custom', message: 'Enter the lowest score of each level, like 15, 8' });
        return z.NEVER;
      }
      const parsed = parseLevelMinimums(t);
      if (!parsed) {
        ctx.addIssue({ code: 'custom', message: 'Enter the lowest score of each level as whole numbers separated by commas, like 15, 8' });
        return z.NEVER;
      }
      return parsed;
    }),
});
export type MatrixInput = z.infer<typeof matrixInput>;
