// Validation for plans, priorities, actions, progress updates, work programme tasks and their scores
// (forms, the import and the API).
import { z } from 'zod';
import { id, isoDate, longText, optionalId, optionalIsoDate, requiredText } from '../web/schema.ts';
import { ACTION_STATUSES, parsePlanDate, parseRecurrence } from './rules.ts';

const ids = (message: string) => z.array(id(message)).max(200).default([]);
const wholeNumber = (label: string, min: number, max: number) =>
  z
    .union([z.number(), z.string().trim().regex(/^\d+$/, `${label} must be a whole number from ${min} to ${max}`).transform(Number)], {
      error: `${label} must be a whole number from ${min} to ${max}`,
    })
    .refine((n) => Number.isInteger(n) && n >= min && n <= max, `${label} must be a whole number from ${min} to ${max}`);
const optionalWholeNumber = (label: string, min: number, max: number) =>
  z
    .union([wholeNumber(label, min, max), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v));

export const PLAN_KINDS = ['delivery_plan', 'work_programme'] as const;

export const planInput = z
  .object({
    kind: z.enum(PLAN_KINDS, { error: 'Select whether this is a delivery plan or a work programme' }),
    title: requiredText('Enter the title of the plan', 'Title', 300),
    periodLabel: z
      .string()
      .trim()
      .max(100, 'Period must be 100 characters or fewer')
      .nullish()
      .transform((v) => v ?? ''),
    introduction: longText('Introduction', 10000),
    partnershipId: optionalId('Select the partnership from the list'),
    bodyId: optionalId('Select the committee or board from the list'),
    startsOn: optionalIsoDate('Start of the period'),
    endsOn: optionalIsoDate('End of the period'),
  })
  .superRefine((p, ctx) => {
    if (!p.partnershipId && !p.bodyId)
      ctx.addIssue({ code: 'custom', message: 'Select the partnership or the committee that owns the plan', path: ['partnershipId'] });
    if (p.startsOn && p.endsOn && p.endsOn < p.startsOn)
      ctx.addIssue({ code: 'custom', message: 'The end of the period must be on or after its start', path: ['endsOn'] });
  });
export type PlanInput = z.infer<typeof planInput>;

export const priorityInput = z.object({
  number: wholeNumber('Priority number', 1, 99),
  title: requiredText('Enter the priority, like Community resilience', 'Priority', 300),
  outcomes: z.array(z.string().trim().min(1).max(1000, 'Each outcome must be 1,000 characters or fewer')).max(30, 'Give at most 30 outcomes').default([]),
});
export type PriorityInput = z.infer<typeof priorityInput>;

/** "April 2018", "30/04/2018" or a note such as "Reviewed yearly" (seed 004's 1.18). */
const firstMilestone = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((v, ctx) => {
    const t = v ?? '';
    if (!t) return { date: null, note: '' };
    const date = parsePlanDate(t);
    if (date) return { date, note: '' };
    if (parseRecurrence(t)) return { date: null, note: t };
    ctx.addIssue({ code: 'custom', message: `First milestone date must be a month or a date, like April 2018 or 30/04/2018` });
    return z.NEVER;
  });

/** A month or date ("May 2020" runs to 31 May) or a recurrence ("Refreshed annually"). */
const continuesUntil = z
  .string()
  .trim()
  .max(100)
  .nullish()
  .transform((v, ctx) => {
    const t = v ?? '';
    if (!t) return { date: null, recurrence: null, label: '' };
    const date = parsePlanDate(t, { end: true });
    if (date) return { date, recurrence: null, label: '' };
    const recurrence = parseRecurrence(t);
    if (recurrence) return { date: null, recurrence, label: t };
    ctx.addIssue({
      code: 'custom',
      message: 'Action continues until must be a month or a date, like May 2020, or how often it recurs, like Refreshed annually',
    });
    return z.NEVER;
  });

export const REFERENCE_PATTERN = /^\d{1,2}\.\d{1,3}$/;

export const actionInput = z.object({
  priorityId: id('Select the priority'),
  reference: z
    .string({ error: 'Enter the reference, like 1.4' })
    .trim()
    .regex(REFERENCE_PATTERN, 'Enter the reference as the priority number, a full stop and a number, like 1.4'),
  description: requiredText('Enter the action description', 'Action description', 5000),
  leadOfficer: longText('Lead officer', 300),
  leadPersonId: optionalId('Select the lead from the list'),
  firstMilestone,
  continuesUntil,
  resources: longText('Resources required', 2000),
  keyRisks: longText('Key risks', 2000),
  outputs: longText('Outputs', 2000),
  decisionRoute: longText('Decision making route', 2000),
  dependsOn: z.array(z.string().trim().regex(REFERENCE_PATTERN, 'Each action it depends on must be a reference, like 1.4')).max(50).default([]),
  indicatorIds: ids('Select indicators from the list'),
  meetingIds: ids('Select meetings from the list'),
  resolutionIds: ids('Select decisions from the list'),
});
export type ActionInput = z.infer<typeof actionInput>;

export const RAG_CHOICES = ['green', 'amber', 'red'] as const;

export const progressInput = z
  .object({
    updateOn: isoDate('Date of the update'),
    narrative: requiredText('Describe the progress made', 'Progress', 5000),
    percentComplete: optionalWholeNumber('Percent complete', 0, 100),
    status: z.enum(ACTION_STATUSES, { error: 'Select the status' }),
    ragOverride: z
      .union([z.enum(RAG_CHOICES, { error: 'Select green, amber or red, or leave the RAG to be worked out' }), z.literal(''), z.null()])
      .optional()
      .transform((v) => (v ? v : null)),
    ragOverrideReason: longText('Reason for setting the RAG', 1000),
  })
  .superRefine((u, ctx) => {
    if (u.ragOverride && !u.ragOverrideReason)
      ctx.addIssue({ code: 'custom', path: ['ragOverrideReason'], message: 'Give the reason for setting the RAG by hand' });
    if (u.status === 'completed' && u.percentComplete !== null && u.percentComplete < 100) {
      ctx.addIssue({ code: 'custom', path: ['percentComplete'], message: 'A completed action is 100% complete: change the status or the percent' });
    }
  });
export type ProgressInput = z.infer<typeof progressInput>;

export const taskInput = z.object({
  number: wholeNumber('Task number', 1, 999),
  title: requiredText('Enter the key task or activity', 'Key task or activity', 1000),
  comments: longText('Comments', 5000),
  source: longText('Source', 300),
  leadOrganisationId: optionalId('Select the lead partner from the list'),
  dependsOn: z
    .array(wholeNumber('Each task it depends on', 1, 999))
    .max(50)
    .default([]),
  incorporates: z
    .array(wholeNumber('Each task it incorporates', 1, 999))
    .max(50)
    .default([]),
});
export type TaskInput = z.infer<typeof taskInput>;

/** A task's score on its partnership's matrix; the scale sizes are checked by the service. */
export const scoreInput = z.object({
  likelihood: wholeNumber('Likelihood', 1, 10),
  impact: wholeNumber('Impact', 1, 10),
  levelOverride: optionalWholeNumber('Priority level', 1, 10),
  levelOverrideReason: longText('Reason for the level', 1000),
});
export type ScoreInput = z.infer<typeof scoreInput>;

export const resourceInput = z.object({
  organisationId: id('Select the partner from the list'),
  resources: requiredText('Enter the resources the partner commits, like 0.5 FTE officer time', 'Resources', 1000),
});

/** Closing a plan: the date its final position is judged at, and why (optional). */
export const closeInput = z.object({
  closedOn: isoDate('Date closed'),
  closingNote: longText('Why the plan was closed', 1000),
});

export const endorsementInput = z.object({
  meetingId: id('Select the meeting at which the plan was endorsed'),
  resolutionId: optionalId('Select the decision from the list'),
  endorsedOn: optionalIsoDate('Date endorsed'),
});
