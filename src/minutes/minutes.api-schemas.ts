// The JSON API's schemas for minutes: the version body its commands take and every response schema
// (minutes with attendance, declarations and resolutions; decisions; actions; councillors).
import { z } from 'zod';
import { isoDateOut } from '../api/index.ts';
import { version } from '../web/schema.ts';
import { ATTENDANCE_CATEGORIES, DECLARATION_KINDS, OUTCOMES } from './minutes.schemas.ts';

export const versionBody = z.object({ version });

/** Publishing the draft minutes: the meeting's version, and the minutes confirmed as having had no discussion. */
export const publishBody = z.object({
  version,
  noDiscussionRecorded: z
    .array(z.uuid())
    .max(1000)
    .default([])
    .describe('Ids of unwritten minutes (no discussion, no resolution) to publish as "No discussion recorded."'),
});

export const MINUTES_STATES = ['none', 'draft', 'published', 'approved'] as const;

const votesOut = z.object({ for: z.number().int().nullable(), against: z.number().int().nullable(), abstentions: z.number().int().nullable() });

export const attendanceOut = z.object({
  id: z.uuid(),
  personId: z.uuid().nullable(),
  name: z.string(),
  honorificPrefix: z.string().nullable(),
  category: z.enum(ATTENDANCE_CATEGORIES),
  substituteFor: z.object({ personId: z.uuid(), name: z.string() }).nullable().describe('For a substitute, the member they substituted for'),
  note: z.string().nullable(),
  version: z.number().int(),
});
export const declarationOut = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  agendaItemId: z.uuid().nullable(),
  itemNumber: z.number().int().nullable(),
  kind: z.enum(DECLARATION_KINDS),
  description: z.string().nullable().describe('null to the public when the declaration is about an exempt item'),
});
export const resolutionOut = z.object({
  id: z.uuid(),
  letter: z.string(),
  text: z.string(),
  outcome: z.enum(OUTCOMES),
  votes: votesOut,
  decision: z.string().describe('How the decision reads in the minutes, e.g. "by a majority (7 votes in favour, 0 against, 1 abstention)"'),
  keyDecisionRef: z.string().nullable(),
  namedVotes: z.array(z.object({ name: z.string(), vote: z.string() })),
  version: z.number().int(),
});
const amendmentOut = z.object({ text: z.string(), agreedOn: isoDateOut });
const minuteOut = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  agendaItemId: z.uuid().nullable(),
  itemNumber: z.number().int().nullable().describe('The agenda item minuted; null for business not on the agenda'),
  withdrawn: z.boolean(),
  discussion: z.string(),
  noDiscussionRecorded: z.boolean().describe('Confirmed as having had no discussion: the minutes say "No discussion recorded." while `discussion` is empty'),
  resolutions: z.array(resolutionOut),
  amendments: z.array(amendmentOut),
  version: z.number().int(),
});
/** What the public learn of an exempt item's minute. */
const exemptMinuteOut = z.strictObject({ number: z.number().int(), title: z.literal('Exempt item'), exemptParagraph: z.number().int().min(1).max(7) });
export const minutesOut = z.object({
  meetingId: z.uuid(),
  bodyId: z.uuid(),
  bodyName: z.string(),
  meetingDate: isoDateOut,
  state: z.enum(MINUTES_STATES).describe('none: not started; draft; published: draft minutes shown to the public; approved: signed and locked'),
  publishedOn: isoDateOut.nullable(),
  approval: z.object({ approvedOn: isoDateOut.nullable(), approvedAtMeetingId: z.uuid().nullable(), statement: z.string() }).nullable(),
  votingMembersPresent: z.number().int(),
  quorumWarning: z.string().nullable(),
  attendance: z.array(attendanceOut),
  declarations: z.array(declarationOut),
  minutes: z.array(z.union([minuteOut, exemptMinuteOut])).describe('In number order; exempt items are masked for the public'),
  version: z.number().int().describe("The meeting's version, to send when publishing or approving the minutes"),
});
export const decisionOut = z.object({
  id: z.uuid(),
  type: z.literal('decision'),
  text: z.string(),
  outcome: z.enum(OUTCOMES),
  votes: votesOut,
  decision: z.string(),
  keyDecisionRef: z.string().nullable(),
  position: z.number().int(),
  minute: z.object({ id: z.uuid(), number: z.number().int(), title: z.string() }),
  meeting: z.object({ id: z.uuid(), date: isoDateOut, minutesState: z.enum(MINUTES_STATES) }),
  body: z.object({ id: z.uuid(), name: z.string() }),
});
export const actionOut = z.object({
  id: z.uuid(),
  type: z.literal('action'),
  bodyId: z.uuid(),
  bodyName: z.string(),
  meetingId: z.uuid().nullable(),
  meetingDate: isoDateOut.nullable(),
  minuteId: z.uuid().nullable(),
  minuteNumber: z.number().int().nullable(),
  reportTitle: z.string(),
  owner: z.object({ personId: z.uuid().nullable(), name: z.string() }),
  description: z.string(),
  dueDate: isoDateOut.nullable(),
  comments: z.string(),
  status: z.enum(['ongoing', 'completed']),
  state: z.enum(['ongoing', 'completed', 'overdue']).describe('Overdue when not completed and the due date has passed (Europe/London)'),
  completedOn: isoDateOut.nullable(),
  version: z.number().int(),
});

const named = z.object({ id: z.uuid(), name: z.string() });
export const councillorOut = z.object({
  id: z.uuid(),
  type: z.literal('councillor'),
  name: z.string(),
  party: z.string().nullable(),
  memberships: z.array(
    z.object({ body: named, role: z.string(), politicalGroup: z.string().nullable(), startDate: isoDateOut.nullable(), endDate: isoDateOut.nullable() }),
  ),
  roles: z.array(z.object({ title: z.string(), area: z.string().nullable(), body: named, startDate: isoDateOut.nullable(), endDate: isoDateOut.nullable() })),
  outsideBodies: z.array(z.object({ outsideBody: named, role: z.string(), startDate: isoDateOut.nullable(), endDate: isoDateOut.nullable() })),
  attendance: z.array(
    z.object({
      meeting: z.object({ id: z.uuid(), date: isoDateOut }),
      body: named,
      category: z.enum(ATTENDANCE_CATEGORIES),
      substituteFor: z.string().nullable(),
    }),
  ),
  summary: z.object({
    meetings: z.number().int(),
    attended: z.number().int(),
    present: z.number().int(),
    substitute: z.number().int(),
    apologies: z.number().int(),
    absent: z.number().int(),
    other: z.number().int(),
  }),
});
