// What a partnership's money records may hold: one set of schemas for the forms and the API.
import { z } from 'zod';
import { alsoWithFieldErrors, id, isoDate, optionalId, optionalIsoDate, optionalText, requiredText } from '../web/schema.ts';

const pence = (label: string) =>
  z
    .number({ error: `Enter the ${label.toLowerCase()} in pence, as a whole number` })
    .int(`Enter the ${label.toLowerCase()} in pence, as a whole number`)
    .min(0, `${label} must be £0 or more`)
    .max(10_000_000_000_00, `${label} must be less than £10,000,000,000`);

const financialYear = z.coerce
  .number({ error: 'Enter the financial year, like 2008 for 2008/09' })
  .int('Enter the financial year, like 2008 for 2008/09')
  .min(1990, 'Financial year must be 1990/91 or later')
  .max(2100, 'Financial year must be 2100/01 or earlier');

const exemptParagraph = z
  .union([z.coerce.number().int().min(1).max(7), z.literal(''), z.null()], { error: 'Select a paragraph of Schedule 12A from the list' })
  .optional()
  .transform((v) => (typeof v === 'number' ? v : null));

export const pooledBudgetInput = z.object({
  name: requiredText('Enter the name of the pooled budget', 'Name', 200),
  financialYear,
  hostOrganisationId: optionalId('Select the host organisation from the list'),
  legalBasis: optionalText('Legal basis', 300),
  purposes: z.array(z.string().trim().min(1).max(300, 'Each purpose must be 300 characters or fewer')).max(50, 'List 50 purposes or fewer').default([]),
  exemptParagraph,
});
export type PooledBudgetInput = z.infer<typeof pooledBudgetInput>;

export const shareInput = z.object({
  organisationId: id('Select the partner from the list'),
  amountPence: pence('Share'),
});

const dated = <T extends { startDate: string | null; endDate: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.startDate && v.endDate && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'End date must be the same as or after the start date' });
  }
};

export const fundingInput = z
  .object({
    kind: z.enum(['grant', 'allocation', 'other'], { error: 'Select whether it is a grant, an allocation or other funding' }),
    funder: requiredText('Enter who gives the funding', 'Funder', 200),
    title: requiredText('Enter what the funding is', 'What the funding is', 300),
    amountPence: pence('Amount'),
    startDate: optionalIsoDate('Start date'),
    endDate: optionalIsoDate('End date'),
    conditions: optionalText('Conditions', 4000),
    exemptParagraph,
  })
  .superRefine(dated, alsoWithFieldErrors);
export type FundingInput = z.infer<typeof fundingInput>;

export const investmentInput = z.object({
  kind: z.enum(['loan', 'equity'], { error: 'Select a loan or an equity investment' }),
  counterparty: requiredText('Enter who the loan or investment was made to', 'Made to', 200),
  purpose: optionalText('Purpose', 1000),
  amountPence: pence('Amount'),
  madeOn: optionalIsoDate('Date made'),
  exemptParagraph,
});
export type InvestmentInput = z.infer<typeof investmentInput>;

export const repaymentInput = z.object({
  dueOn: isoDate('Date due'),
  amountPence: pence('Amount').min(1, 'Amount must be more than £0'),
});
