// Validation for the programme and project portfolio (seed 004, Appendix 8): items and their RAG assessments.
import { z } from 'zod';
import { isoDate, optionalId, requiredText } from '../web/schema.ts';
import { longText as sharedLongText } from '../web/schema.ts';

export const PORTFOLIO_KINDS = ['programme', 'project'] as const;
export const PORTFOLIO_RAGS = ['green', 'amber', 'red'] as const;
export type PortfolioRag = (typeof PORTFOLIO_RAGS)[number];
export const KIND_LABELS: Record<(typeof PORTFOLIO_KINDS)[number], string> = { programme: 'Programme', project: 'Project' };
/** As the portfolio prints them. */
export const RAG_LABELS: Record<PortfolioRag, string> = { green: 'GREEN', amber: 'AMBER', red: 'RED' };
export const RAG_TAGS: Record<PortfolioRag, string> = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red' };

const longText = (label: string, max = 20_000) => sharedLongText(label, max);

export const portfolioItemInput = z.object({
  kind: z.enum(PORTFOLIO_KINDS, { error: 'Select whether this is a programme or a project' }),
  title: requiredText('Enter the name of the programme or project', 'Name', 300),
  leadDirector: z
    .string({ error: 'Lead director must be text' })
    .trim()
    .max(300, 'Lead director must be 300 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  description: longText('Description'),
  partnershipId: optionalId('Select the partnership from the list'),
  bodyId: optionalId('Select the committee or board from the list'),
});
export type PortfolioItemInput = z.infer<typeof portfolioItemInput>;

export const assessmentInput = z.object({
  asAt: z.union([isoDate('As-at date'), z.null(), z.undefined()]).transform((v, ctx) => {
    if (!v) {
      ctx.addIssue({ code: 'custom', message: 'Enter the as-at date' });
      return z.NEVER;
    }
    return v;
  }),
  rag: z.enum(PORTFOLIO_RAGS, { error: 'Select the RAG status: green, amber or red' }),
  keyIssues: longText('Key issues'),
});
export type AssessmentInput = z.infer<typeof assessmentInput>;
