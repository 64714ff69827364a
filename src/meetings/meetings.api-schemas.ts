// The JSON API's schemas for committees, boards and meetings: the request helpers shared by their
// operations and every response schema (bodies, members, roles, meetings, agenda items, reports).
import { z } from 'zod';
import { isoDateOut, timestampsOut } from '../api/index.ts';
import { codesOf } from '../web/labels.ts';
import { version } from '../web/schema.ts';
import { reportContentInput } from './meetings.schemas.ts';

export const withVersion = <T extends z.ZodType>(schema: T) => z.intersection(schema, z.object({ version }));
export const versionBody = z.object({ version });

const personRef = z.object({ id: z.uuid(), name: z.string(), honorificPrefix: z.string().nullable() });

const bodyFields = {
  id: z.uuid(),
  type: z.literal('body'),
  name: z.string(),
  kind: z.enum(codesOf('bodyKind')),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  partnershipId: z.uuid().nullable(),
  partnershipName: z.string().nullable(),
  termsOfReference: z.string(),
  quorum: z.number().int().nullable(),
  draftReportClearDays: z.number().int(),
  despatchClearDays: z.number().int(),
  defaultVenue: z.string(),
  defaultStartTime: z.string().nullable(),
  clerkName: z.string().nullable(),
  clerkPhone: z.string().nullable(),
  clerkEmail: z.string().nullable(),
  publicNotes: z.array(z.string()),
  publicationState: z.enum(['draft', 'published']),
  ...timestampsOut,
};
export const bodySummaryOut = z.object({
  ...bodyFields,
  nextMeeting: isoDateOut.nullable().describe('The date of the next meeting (today or later) that is not cancelled'),
  currentMemberCount: z.number().int().describe('Chair, vice-chair, members and co-opted members today'),
});
export const memberOut = z.object({
  id: z.uuid(),
  role: z.enum(codesOf('bodyRole')),
  person: personRef,
  politicalGroup: z.string().nullable(),
  startDate: isoDateOut.nullable(),
  endDate: isoDateOut.nullable(),
  appointedBy: z.string().nullable(),
  version: z.number().int(),
});
export const roleOut = z.object({
  id: z.uuid(),
  title: z.string(),
  area: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  person: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('null when the role is vacant'),
  startDate: isoDateOut.nullable(),
  endDate: isoDateOut.nullable(),
  version: z.number().int(),
});
export const bodyFullOut = z.object({
  ...bodyFields,
  members: z.array(memberOut),
  roles: z.array(roleOut),
  currentMembers: z.array(memberOut).describe('The members on the body today (Europe/London)'),
});

const meetingFields = {
  id: z.uuid(),
  type: z.literal('meeting'),
  bodyId: z.uuid(),
  bodyName: z.string(),
  meetingDate: isoDateOut,
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  venue: z.string(),
  kind: z.enum(codesOf('meetingKind')),
  status: z.enum(codesOf('meetingStatus')),
  isPublic: z.boolean(),
  title: z.string().nullable(),
  agendaPublished: z.boolean(),
  agendaPublishedOn: isoDateOut.nullable(),
  ...timestampsOut,
};
export const meetingSummaryOut = z.object(meetingFields);
const meetingDatesOut = z.object({
  draftReportsDue: isoDateOut,
  agendaDespatch: isoDateOut,
  publicSpeakingDeadline: z.object({ date: isoDateOut, time: z.literal('12:00') }),
  forwardPlanEntryBy: isoDateOut,
});
const flagOut = z.object({
  rule: z.enum(['despatch', 'draft_reports', 'forward_plan', 'not_working_day', 'order']),
  field: z.enum(['meetingDate', 'plannedDespatch', 'plannedDraftDeadline', 'agendaPublished', 'keyDecision']),
  severity: z.enum(['breach', 'warning']),
  message: z.string(),
  itemRef: z.string().optional(),
});
const reportRefOut = z.object({ id: z.uuid(), kind: z.enum(['template', 'upload']), status: z.enum(['draft', 'published']), title: z.string().nullable() });
export const itemOut = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  number: z.number().int(),
  section: z.string().nullable(),
  title: z.string(),
  purpose: z.enum(codesOf('itemPurpose')),
  leadOfficers: z.string(),
  keyDecisionRef: z.string().nullable(),
  keyDecisionNoticedOn: isoDateOut.nullable(),
  exemptParagraph: z.number().int().min(1).max(7).nullable(),
  description: z.string(),
  startTime: z.string().nullable(),
  isLate: z.boolean(),
  report: reportRefOut.nullable(),
  ...timestampsOut,
});
/** What the public learn of an exempt item. */
const exemptItemOut = z.object({ id: z.uuid(), number: z.number().int(), title: z.literal('Exempt item'), exemptParagraph: z.number().int().min(1).max(7) });
export const meetingFullOut = z.object({
  ...meetingFields,
  plannedDraftDeadline: isoDateOut.nullable(),
  plannedDespatch: isoDateOut.nullable(),
  derivedDates: meetingDatesOut,
  flags: z.array(flagOut),
  dateWarnings: z
    .array(flagOut)
    .describe(
      "The meeting's date or planned dates that fall on a weekend or bank holiday (rule `not_working_day`, also among `flags`): warnings to check, not errors, since councils do sometimes meet on a Saturday",
    ),
  items: z.array(z.union([itemOut, exemptItemOut])).describe('Empty to the public until the agenda is published; exempt items are masked for the public'),
});
export const reportOut = z.object({
  id: z.uuid(),
  agendaItemId: z.uuid(),
  kind: z.enum(['template', 'upload']),
  status: z.enum(['draft', 'published']),
  publishedAt: z.iso.datetime().nullable(),
  modified: z.iso.datetime(),
  version: z.number().int(),
  content: reportContentInput
    .extend({
      sections: z
        .array(
          z.object({
            key: z.string(),
            heading: z.string(),
            question: z.string(),
            clearedBy: z.string(),
            clearanceRequired: z.boolean(),
            defaultText: z.string(),
          }),
        )
        .optional()
        .describe('The implications sections the council configured when the report was saved; absent: the report template’s seven'),
    })
    .nullable()
    .describe('The report written on the standard template; null for an uploaded paper'),
  clearanceProblems: z
    .array(z.object({ key: z.string().describe('The implications section, by its key'), message: z.string() }))
    .describe('What stops publication; empty when the report may be published'),
  file: z.object({ filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() }).nullable(),
});
