// Validation for attendance, declarations, minutes, resolutions, amendments and actions (forms and API).
import { z } from 'zod';
import { code, id, isoDate, optionalId, optionalIsoDate, optionalText, requiredText } from '../web/schema.ts';

export const ATTENDANCE_CATEGORIES = ['present', 'apologies', 'substitute', 'absent', 'officer', 'other'] as const;
export const DECLARATION_KINDS = ['disclosable_pecuniary', 'other_registerable', 'non_registerable', 'other'] as const;
export const OUTCOMES = ['unanimous', 'majority', 'noted', 'lost'] as const;

export const attendanceInput = z
  .object({
    personId: optionalId('Select the person from the list'),
    name: optionalText('Name', 200),
    category: code([...ATTENDANCE_CATEGORIES], 'Select how they attended'),
    substituteForPersonId: optionalId('Select the member they substituted for'),
    note: optionalText('Note', 300),
  })
  .superRefine((a, ctx) => {
    if (!a.personId && !a.name) ctx.addIssue({ code: 'custom', path: ['personId'], message: 'Select the person, or type the name of someone not in the list' });
    if (a.category === 'substitute' && !a.substituteForPersonId)
      ctx.addIssue({ code: 'custom', path: ['substituteForPersonId'], message: 'Select the member they substituted for' });
    if (a.category !== 'substitute' && a.substituteForPersonId)
      ctx.addIssue({ code: 'custom', path: ['substituteForPersonId'], message: 'Only a substitute substitutes for a member' });
    if (a.personId && a.substituteForPersonId && a.personId === a.substituteForPersonId) {
      ctx.addIssue({ code: 'custom', path: ['substituteForPersonId'], message: 'A member cannot substitute for themselves' });
    }
  });

export const declarationInput = z.object({
  personId: id('Select the member making the declaration'),
  agendaItemId: optionalId('Select the agenda item from the list'),
  kind: code([...DECLARATION_KINDS], 'Select the kind of interest'),
  description: requiredText('Describe the interest', 'Description', 2000),
});

export const minuteInput = z.object({
  title: requiredText('Enter the heading of the minute', 'Heading', 500),
  discussion: z
    .string()
    .max(100_000, 'The minute must be 100,000 characters or fewer')
    .nullish()
    .transform((v) => (v ?? '').replace(/\r\n?/g, '\n').trim()),
});

const count = (label: string) =>
  z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce
      .number({ error: `${label} must be a whole number, like 7` })
      .int(`${label} must be a whole number, like 7`)
      .min(0, `${label} cannot be negative`)
      .max(1000, `${label} must be 1,000 or fewer`)
      .nullable(),
  );

export const resolutionInput = z.object({
  text: requiredText('Enter the resolution', 'Resolution', 5000),
  outcome: z.enum(OUTCOMES, { error: 'Select how it was decided' }),
  votesFor: count('Votes in favour'),
  votesAgainst: count('Votes against'),
  abstentions: count('Abstentions'),
  namedVotes: z
    .array(z.object({ name: z.string().trim().min(1).max(200), vote: z.enum(['for', 'against', 'abstain']) }))
    .max(200)
    .default([]),
  keyDecisionRef: optionalText('Forward Plan reference', 50),
});

export const amendmentInput = z.object({
  text: requiredText('Enter the amendment', 'Amendment', 5000),
  agreedAtMeetingId: optionalId('Select the meeting that agreed the amendment'),
  agreedOn: isoDate('Date agreed'),
});

export const approvalInput = z.object({
  approvedAtMeetingId: id('Select the meeting that agreed the minutes as a correct record'),
});

export const actionInput = z
  .object({
    description: requiredText('Enter the action', 'Action', 5000),
    reportTitle: z
      .string()
      .trim()
      .max(500)
      .nullish()
      .transform((v) => v ?? ''),
    ownerPersonId: optionalId('Select the owner from the list'),
    ownerName: z
      .string()
      .trim()
      .max(300, 'Owner must be 300 characters or fewer')
      .nullish()
      .transform((v) => v ?? ''),
    dueDate: optionalIsoDate('Due date'),
    comments: z
      .string()
      .trim()
      .max(5000, 'Comments must be 5,000 characters or fewer')
      .nullish()
      .transform((v) => v ?? ''),
  })
  .superRefine((a, ctx) => {
    if (!a.ownerPersonId && !a.ownerName)
      ctx.addIssue({ code: 'custom', path: ['ownerPersonId'], message: 'Select who will take the action, or type their name' });
  });

export const actionProgressInput = z.object({
  status: z.enum(['ongoing', 'completed'], { error: 'Select whether the action is ongoing or completed' }),
  comments: z
    .string()
    .trim()
    .max(5000, 'Comments must be 5,000 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  dueDate: optionalIsoDate('Due date'),
});
