// Validation for bodies, membership, meetings, agenda items and reports: one set of zod schemas
// for the forms and the API, with messages that say what to do.
import { z } from 'zod';
import { codesOf } from '../web/labels.ts';
import {
  alsoWithFieldErrors,
  code,
  id,
  isoDate,
  optionalEmail,
  optionalId,
  optionalIsoDate,
  optionalPhone,
  optionalText,
  requiredText,
} from '../web/schema.ts';

/** 'HH:MM' on a 24-hour clock; '2pm', '14.00' and '1400' are read too, as officers type them. */
export const optionalTime = (label: string) =>
  z
    .string({ error: `${label} must be a time like 14:00` })
    .trim()
    .max(10)
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const t = normaliseTime(v);
      if (!t) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a time like 14:00 or 2pm` });
        return z.NEVER;
      }
      return t;
    });

export function normaliseTime(value: string): string | null {
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?\s*(am|pm)?$/i.exec(value.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? '0');
  const half = m[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    if (half === 'pm' && hour !== 12) hour += 12;
    if (half === 'am' && hour === 12) hour = 0;
  } else if (m[2] === undefined) return null;
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export const bodyInput = z.object({
  name: requiredText('Enter the name of the committee or board', 'Name'),
  kind: code(codesOf('bodyKind'), 'Select what kind of body it is'),
  organisationId: optionalId('Select the organisation from the list'),
  partnershipId: optionalId('Select the partnership from the list'),
  termsOfReference: z
    .string()
    .trim()
    .max(20_000, 'Terms of reference must be 20,000 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  quorum: z.preprocess(
    (v) => (v === '' || v === undefined ? null : v),
    z.coerce
      .number({ error: 'Quorum must be a whole number, like 3' })
      .int('Quorum must be a whole number, like 3')
      .min(1, 'Quorum must be at least 1')
      .max(200, 'Quorum must be 200 or fewer')
      .nullable(),
  ),
  draftReportClearDays: z.coerce
    .number({ error: 'Enter the number of clear working days, like 8' })
    .int('Enter a whole number of days, like 8')
    .min(0, 'Clear working days for draft reports must be 0 or more')
    .max(60, 'Clear working days for draft reports must be 60 or fewer'),
  despatchClearDays: z.coerce
    .number({ error: 'Enter the number of clear working days, like 5' })
    .int('Enter a whole number of days, like 5')
    .min(5, 'The agenda must be despatched at least 5 clear working days before the meeting (Local Government Act 1972, section 100B)')
    .max(60, 'Clear working days for despatch must be 60 or fewer'),
  defaultVenue: z
    .string()
    .trim()
    .max(300, 'Venue must be 300 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  defaultStartTime: optionalTime('Usual start time'),
  clerkName: optionalText('Clerk name', 200),
  clerkPhone: optionalPhone('the clerk’s telephone number'),
  clerkEmail: optionalEmail('the clerk’s email address'),
  publicNotes: z.array(z.string().trim().max(4000, 'Each note must be 4,000 characters or fewer')).max(20).default([]),
});
export type BodyInput = z.infer<typeof bodyInput>;

/** A membership or role ends on or after the day it starts. */
function endNotBeforeStart(m: { startDate?: unknown; endDate?: unknown }, ctx: z.RefinementCtx) {
  // With alsoWithFieldErrors this runs even when a field failed: compare only real strings.
  if (typeof m.startDate === 'string' && typeof m.endDate === 'string' && m.endDate < m.startDate)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'End date must be the same as or after the start date' });
}

export const memberInput = z
  .object({
    personId: id('Select the person from the list'),
    role: code(codesOf('bodyRole'), 'Select their role on the body'),
    politicalGroup: optionalText('Political group', 100),
    startDate: optionalIsoDate('Start date'),
    endDate: optionalIsoDate('End date'),
    appointedBy: optionalText('Appointed by', 300),
    note: optionalText('Note', 1000),
  })
  .superRefine(endNotBeforeStart, alsoWithFieldErrors);
export type MemberInput = z.infer<typeof memberInput>;

export const roleInput = z
  .object({
    title: requiredText('Enter the title of the role, like Area Champion', 'Title', 200),
    areaId: optionalId('Select the area from the list'),
    personId: optionalId('Select the person from the list'),
    startDate: optionalIsoDate('Start date'),
    endDate: optionalIsoDate('End date'),
    note: optionalText('Note', 1000),
  })
  .superRefine(endNotBeforeStart, alsoWithFieldErrors);
export type RoleInput = z.infer<typeof roleInput>;

export const meetingInput = z
  .object({
    meetingDate: isoDate('Meeting date'),
    startTime: optionalTime('Start time'),
    endTime: optionalTime('End time'),
    venue: z
      .string()
      .trim()
      .max(300, 'Venue must be 300 characters or fewer')
      .nullish()
      .transform((v) => v ?? ''),
    kind: code(codesOf('meetingKind'), 'Select the kind of meeting'),
    status: code(codesOf('meetingStatus'), 'Select the status of the meeting').default('scheduled'),
    isPublic: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], { error: 'Select whether the meeting is open to the public' }),
    title: optionalText('Title', 300),
    plannedDraftDeadline: optionalIsoDate('Planned deadline for draft reports'),
    plannedDespatch: optionalIsoDate('Planned agenda despatch date'),
  })
  .superRefine((m, ctx) => {
    if (typeof m.startTime === 'string' && typeof m.endTime === 'string' && m.endTime <= m.startTime)
      ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'End time must be after the start time' });
  }, alsoWithFieldErrors);
export type MeetingInput = z.infer<typeof meetingInput>;

export const itemInput = z.object({
  title: requiredText('Enter the title of the agenda item', 'Title', 500),
  section: optionalText('Section heading', 200),
  purpose: code(codesOf('itemPurpose'), 'Select the purpose of the item'),
  leadOfficers: z
    .string()
    .trim()
    .max(500, 'Lead officers must be 500 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  keyDecisionRef: optionalText('Forward Plan reference', 50),
  exemptParagraph: z
    .union([z.coerce.number().int().min(1).max(7), z.literal('').transform(() => null), z.null()], {
      error: 'Select the paragraph of Schedule 12A that applies, or none',
    })
    .optional()
    .transform((v) => v ?? null),
  description: z
    .string()
    .trim()
    .max(10_000, 'Description must be 10,000 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
  startTime: optionalTime('Start time'),
  minutesOfMeetingId: optionalId('Select the earlier meeting whose minutes this item presents'),
});
export type ItemInput = z.infer<typeof itemInput>;

export const moveInput = z.object({
  toMeetingId: id('Select the meeting to move the item to'),
  reason: z
    .string()
    .trim()
    .max(1000, 'Reason must be 1,000 characters or fewer')
    .nullish()
    .transform((v) => v ?? ''),
});

const para = z.string().max(20_000, 'Each paragraph must be 20,000 characters or fewer');
const contact = z.object({
  name: z.string().trim().max(200),
  post: z.string().trim().max(300),
  email: z.string().trim().max(320),
  phone: z.string().trim().max(60),
});
const clearance = z.object({
  status: z.enum(['pending', 'cleared', 'not_applicable'], { error: 'Select whether the implications are cleared' }),
  officer: z.string().trim().max(200, 'Officer name must be 200 characters or fewer').default(''),
  note: z.string().trim().max(1000, 'Note must be 1,000 characters or fewer').default(''),
});
/** By implications section key: the council configures the sections (src/meetings/implications.ts), so any key of the right shape. */
const byImplication = <T extends z.ZodType>(schema: T) =>
  z.record(z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'Give each implications section by its key, like resource'), schema).default({});

export const reportContentInput = z.object({
  title: requiredText('Enter the title of the report', 'Title', 500),
  from: z.string().trim().max(500, 'From must be 500 characters or fewer').default(''),
  electoralDivisions: z.string().trim().max(500, 'Electoral divisions must be 500 characters or fewer').default('All'),
  forwardPlanRef: z.string().trim().max(50, 'Forward Plan reference must be 50 characters or fewer').default(''),
  keyDecision: z.boolean().default(false),
  purpose: z.string().trim().max(5000, 'Purpose must be 5,000 characters or fewer').default(''),
  recommendations: z.array(z.string().trim().min(1).max(5000)).max(52, 'A report can have at most 52 recommendations').default([]),
  officerContacts: z.array(contact).max(10).default([]),
  memberContacts: z.array(contact).max(10).default([]),
  background: z.array(para).max(100).default([]),
  mainIssues: z.array(para).max(200).default([]),
  alignment: z.array(z.string().max(10_000)).length(3, 'Give one entry for each of the three corporate priorities'),
  implications: byImplication(z.string().max(20_000, 'Implications must be 20,000 characters or fewer')),
  clearances: byImplication(clearance),
  sourceDocuments: z
    .array(z.object({ title: z.string().trim().min(1).max(1000), location: z.string().trim().max(2000) }))
    .max(50)
    .default([]),
});
