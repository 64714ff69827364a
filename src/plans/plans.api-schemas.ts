// The plans API's parameters, request bodies and response schemas (zod; the OpenAPI document is
// built from them), and the notes its operations share.
import { z } from 'zod';
import { uuidParam, isoDateOut } from '../api/index.ts';
import { version } from '../web/schema.ts';
import { actionInput, closeInput, PLAN_KINDS, planInput, priorityInput, progressInput, RAG_CHOICES, scoreInput, taskInput } from './plans.schemas.ts';
import { ACTION_STATUSES, PLAN_STAGES, RECURRENCES } from './rules.ts';

export const planParams = z.object({ planId: uuidParam });
export const priorityParams = z.object({ planId: uuidParam, priorityId: uuidParam });
export const actionParams = z.object({ planId: uuidParam, actionId: uuidParam });
export const taskParams = z.object({ planId: uuidParam, taskId: uuidParam });
export const versionBody = z.object({ version });

// ---- Request bodies -------------------------------------------------------------------------------
// The forms' schemas: whole numbers may be JSON numbers or strings, dates are given as the plan
// prints them ("April 2018", "30/04/2018") or as YYYY-MM-DD.

export const planBody = planInput;
export const closeBody = closeInput;
export const priorityBody = priorityInput;
export const actionBody = actionInput;
export const progressBody = progressInput;
export const taskBody = taskInput;
export const scoreBody = scoreInput;

// ---- Response schemas ----------------------------------------------------------------------------

const named = z.object({ id: z.uuid(), name: z.string() });
export const RAGS = ['green', 'amber', 'red', 'grey'] as const;
const rag = z
  .enum(RAGS)
  .describe('green, amber or red; grey (not assessed) for a deferred action, or in an ended or closed plan one with no progress reported since it fell due');

const planFields = {
  id: z.uuid(),
  type: z.literal('plan'),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  periodLabel: z.string().describe('As printed, e.g. "2018–2020"'),
  startsOn: isoDateOut.nullable().describe('The first day of the period the plan covers; null when not given'),
  endsOn: isoDateOut.nullable().describe('The last day of the period the plan covers; null when not given'),
  stage: z
    .enum(PLAN_STAGES)
    .describe('live: judged against today; ended: its period is over but it has not been closed, judged at endsOn; closed: frozen as at closedOn'),
  closedOn: isoDateOut.nullable().describe('The date the plan was closed, as at which its final position is judged; null when not closed'),
  closingNote: z.string().describe('Why the plan was closed; empty when not given or not closed'),
  assessedOn: isoDateOut.describe(
    "The date its actions' RAG is judged at: today (Europe/London), endsOn or closedOn. No action of an ended or closed plan is overdue",
  ),
  introduction: z.string(),
  partnership: named.nullable().describe('The partnership that owns the plan'),
  body: named.nullable().describe('The committee or board that owns the plan'),
  publicationState: z.enum(['draft', 'published']),
  endorsement: z
    .object({
      meetingId: z.uuid(),
      meetingDate: isoDateOut.nullable(),
      minuteNumber: z.number().int().nullable(),
      resolutionId: z.uuid().nullable(),
      resolutionText: z.string().nullable(),
      endorsedOn: isoDateOut.nullable(),
    })
    .nullable()
    .describe('The meeting (and decision) that endorsed the plan; null when not yet endorsed'),
  counts: z.object({ actions: z.number().int(), tasks: z.number().int() }),
  version: z.number().int(),
  modified: z.iso.datetime(),
};
export const planSummaryOut = z.object(planFields);

const actionFields = {
  id: z.uuid(),
  reference: z.string().describe('"1.4": the priority number, a full stop and a number'),
  priorityId: z.uuid(),
  priorityNumber: z.number().int(),
  description: z.string(),
  leadOfficer: z.string().describe('As printed'),
  leadPerson: named.nullable().describe('The person reminded when the action falls due; null to the public'),
  firstMilestone: isoDateOut.nullable().describe('null when the plan gives a note instead of a date'),
  firstMilestoneText: z.string().describe('As the plan prints it: "April 2018", or a note such as "Reviewed yearly"'),
  continuesUntil: isoDateOut.nullable().describe('The last day of the action; null for a recurring action'),
  continuesUntilText: z.string().describe('As the plan prints it: "May 2020", or the recurrence label'),
  recurrence: z.enum(RECURRENCES).nullable(),
  recurrenceLabel: z.string().describe('As printed, e.g. "Refreshed annually"; empty when it does not recur'),
  nextReview: isoDateOut.nullable().describe('For a recurring action, when it is next due for review (one recurrence after its latest update)'),
  dueOn: isoDateOut.nullable().describe('When it is next due: its end, or for a recurring action its next review'),
  resources: z.string(),
  keyRisks: z.string(),
  outputs: z.string(),
  decisionRoute: z.string(),
  status: z.enum(ACTION_STATUSES),
  percentComplete: z.number().int().nullable(),
  rag,
  ragReason: z.string().describe('Why: "Completed", "Past its end date and not completed", "40% complete against 60% expected", "Set by hand"'),
  derivedRag: rag.describe('The RAG worked out from progress, before any set by hand'),
  expectedProgress: z.number().int().nullable().describe('The percentage of its time that has passed; null for a recurring action'),
  ragOverride: z.enum(RAG_CHOICES).nullable().describe('The RAG set by hand with the latest update; null when worked out'),
  ragOverrideReason: z.string(),
  overdue: z.boolean().describe('Not completed or deferred, and past its end (or next review); never in an ended or closed plan'),
  milestoneOverdue: z.boolean().describe('Not started, and its first milestone has passed; never in an ended or closed plan'),
  lastUpdateOn: isoDateOut.nullable(),
  completedOn: isoDateOut.nullable(),
  version: z.number().int(),
};
export const overdueActionOut = z.object({ ...actionFields, plan: z.object({ id: z.uuid(), title: z.string() }) });
const planActionOut = z.object({
  ...actionFields,
  dependsOn: z.array(z.string()).describe('References of the actions this one depends on ("Via action 1.4")'),
  neededBy: z.array(z.string()).describe('References of the actions that depend on this one'),
});
export const priorityOut = z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), outcomes: z.array(z.string()), version: z.number().int() });

export const taskOut = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  comments: z.string(),
  source: z.string(),
  leadOrganisation: named.nullable(),
  likelihood: z.number().int().nullable(),
  impact: z.number().int().nullable(),
  score: z.number().int().nullable().describe('Likelihood × impact; null until scored'),
  scoredLevel: z.number().int().nullable().describe('The level the matrix gives the score (1 is the most urgent)'),
  level: z.number().int().nullable().describe('The level that applies: set by hand when levelOverride is given, otherwise the scored level'),
  levelOverride: z.number().int().nullable(),
  levelOverrideReason: z.string(),
  overridden: z.boolean(),
  dependsOn: z.array(z.number().int()),
  neededBy: z.array(z.number().int()),
  incorporates: z.array(z.number().int()),
  incorporatedIn: z.array(z.number().int()),
  resources: z.array(z.object({ organisation: named, resources: z.string() })).describe('What each partner commits'),
  version: z.number().int(),
});
const programmeOut = z.object({
  matrix: z
    .object({
      likelihoodLabels: z.array(z.string()),
      impactLabels: z.array(z.string()),
      levelMinimums: z.array(z.number().int()).describe('The lowest score at each level, level 1 first; lower scores are the last level'),
    })
    .describe('The risk matrix of the owning partnership (the default 5 × 5 when it has not set one)'),
  heatMap: z
    .array(
      z.array(
        z.object({
          likelihood: z.number().int(),
          impact: z.number().int(),
          score: z.number().int(),
          level: z.number().int(),
          tasks: z.array(z.number().int()),
        }),
      ),
    )
    .describe('Rows from the most likely down, cells from the least impact up, each with the numbers of the tasks scored there'),
  shortlist: z.array(z.number().int()).describe('The numbers of the tasks at level 1'),
  levels: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
  unscored: z.number().int().describe('Tasks with no level yet'),
});
export const planOut = z.object({
  ...planFields,
  priorities: z.array(priorityOut).describe('In number order'),
  actions: z.array(planActionOut).describe('In plan order (1.2 before 1.10); empty for a work programme'),
  ragCounts: z.object({ green: z.number().int(), amber: z.number().int(), red: z.number().int(), grey: z.number().int() }),
  tasks: z.array(taskOut).describe('In number order; empty for a delivery plan'),
  programme: programmeOut.nullable().describe('For a work programme: the matrix, heat map, levels and shortlist; null for a delivery plan'),
});
const updateOut = z.object({
  id: z.uuid(),
  updateOn: isoDateOut,
  narrative: z.string(),
  percentComplete: z.number().int().nullable(),
  status: z.enum(ACTION_STATUSES),
  rag: z.enum(RAGS).describe('The RAG the update gave the action'),
  ragOverride: z.enum(RAG_CHOICES).nullable(),
  ragOverrideReason: z.string(),
  nextReview: isoDateOut.nullable(),
  author: z.string().nullable().describe('Who recorded it; null to the public'),
  created: z.iso.datetime(),
});
const linkOut = z.object({
  kind: z.enum(['indicator', 'meeting', 'resolution']),
  id: z.uuid(),
  label: z.string(),
  date: isoDateOut.nullable(),
  published: z.boolean(),
  meetingId: z.uuid().nullable().describe('For a meeting or decision, the meeting'),
});
export const actionDetailOut = z.object({
  ...planActionOut.shape,
  plan: z.object({ id: z.uuid(), title: z.string(), publicationState: z.enum(['draft', 'published']) }),
  updates: z.array(updateOut).describe('Newest first'),
  links: z.array(linkOut).describe('Indicators, meetings and decisions; to the public only published ones'),
});

// ---- Documentation ---------------------------------------------------------------------------------

export const TAG = 'Plans';
export const VERSION_NOTE = 'Send the `version` you read; if someone changed it since, the answer is 409 and nothing is saved.';
