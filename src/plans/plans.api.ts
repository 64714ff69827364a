import { z } from 'zod';
import { API_PREFIX, defineOperation, type Operation, uuidParam, isoDateOut } from '../api/index.ts';
import type { Queryable } from '../db/database.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import { version } from '../web/schema.ts';
import * as repo from './plans.repository.ts';
import { actionInput, PLAN_KINDS, planInput, priorityInput, progressInput, RAG_CHOICES, scoreInput, taskInput } from './plans.schemas.ts';
import * as service from './plans.service.ts';
import { ACTION_STATUSES, RECURRENCES } from './rules.ts';
import { isStaff } from '../access/permissions.ts';

const planParams = z.object({ planId: uuidParam });
const priorityParams = z.object({ planId: uuidParam, priorityId: uuidParam });
const actionParams = z.object({ planId: uuidParam, actionId: uuidParam });
const taskParams = z.object({ planId: uuidParam, taskId: uuidParam });
const versionBody = z.object({ version });

// ---- Request bodies -------------------------------------------------------------------------------
// The forms' schemas: whole numbers may be JSON numbers or strings, dates are given as the plan
// prints them ("April 2018", "30/04/2018") or as YYYY-MM-DD.

const planBody = planInput;
const priorityBody = priorityInput;
const actionBody = actionInput;
const progressBody = progressInput;
const taskBody = taskInput;
const scoreBody = scoreInput;

// ---- Response schemas ----------------------------------------------------------------------------

const named = z.object({ id: z.uuid(), name: z.string() });
const RAGS = ['green', 'amber', 'red', 'grey'] as const;
const rag = z.enum(RAGS).describe('green, amber or red; grey for a deferred action');

const planFields = {
  id: z.uuid(),
  type: z.literal('plan'),
  kind: z.enum(PLAN_KINDS),
  title: z.string(),
  periodLabel: z.string().describe('As printed, e.g. "2018–2020"'),
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
const planSummaryOut = z.object(planFields);

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
  overdue: z.boolean().describe('Not completed or deferred, and past its end (or next review)'),
  milestoneOverdue: z.boolean().describe('Not started, and its first milestone has passed'),
  lastUpdateOn: isoDateOut.nullable(),
  completedOn: isoDateOut.nullable(),
  version: z.number().int(),
};
const overdueActionOut = z.object({ ...actionFields, plan: z.object({ id: z.uuid(), title: z.string() }) });
const planActionOut = z.object({
  ...actionFields,
  dependsOn: z.array(z.string()).describe('References of the actions this one depends on ("Via action 1.4")'),
  neededBy: z.array(z.string()).describe('References of the actions that depend on this one'),
});
const priorityOut = z.object({ id: z.uuid(), number: z.number().int(), title: z.string(), outcomes: z.array(z.string()), version: z.number().int() });

const taskOut = z.object({
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
const planOut = z.object({
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
const actionDetailOut = z.object({
  ...planActionOut.shape,
  plan: z.object({ id: z.uuid(), title: z.string(), publicationState: z.enum(['draft', 'published']) }),
  updates: z.array(updateOut).describe('Newest first'),
  links: z.array(linkOut).describe('Indicators, meetings and decisions; to the public only published ones'),
});

// ---- Shaping -------------------------------------------------------------------------------------

const iso = (d: Date | string) => new Date(d).toISOString();
type Described = ReturnType<typeof service.describeAction>;
type TaskView = NonNullable<service.PlanView['programme']>['tasks'][number];

function planShape(p: repo.PlanRow, counts: { actions: number; tasks: number }) {
  return {
    id: p.id,
    type: 'plan' as const,
    kind: p.kind,
    title: p.title,
    periodLabel: p.periodLabel,
    introduction: p.introduction,
    partnership: p.partnershipId ? { id: p.partnershipId, name: p.partnershipName ?? '' } : null,
    body: p.bodyId ? { id: p.bodyId, name: p.bodyName ?? '' } : null,
    publicationState: p.publicationState,
    endorsement: p.endorsedMeetingId
      ? {
          meetingId: p.endorsedMeetingId,
          meetingDate: p.endorsedMeetingDate,
          minuteNumber: p.endorsedMinuteNumber,
          resolutionId: p.endorsedResolutionId,
          resolutionText: p.endorsedResolutionText,
          endorsedOn: p.endorsedOn,
        }
      : null,
    counts,
    version: p.version,
    modified: iso(p.modified),
  };
}

function actionShape(a: Described, forStaff: boolean) {
  return {
    id: a.id,
    reference: a.reference,
    priorityId: a.priorityId,
    priorityNumber: a.priorityNumber,
    description: a.description,
    leadOfficer: a.leadOfficer,
    leadPerson: forStaff && a.leadPersonId ? { id: a.leadPersonId, name: a.leadName ?? '' } : null,
    firstMilestone: a.firstMilestone,
    firstMilestoneText: a.firstMilestoneText,
    continuesUntil: a.continuesUntil,
    continuesUntilText: a.continuesUntilText,
    recurrence: a.recurrence,
    recurrenceLabel: a.recurrenceLabel,
    nextReview: a.nextReview,
    dueOn: a.dueOn,
    resources: a.resources,
    keyRisks: a.keyRisks,
    outputs: a.outputs,
    decisionRoute: a.decisionRoute,
    status: a.status,
    percentComplete: a.percentComplete,
    rag: a.rag,
    ragReason: a.reason,
    derivedRag: a.derived,
    expectedProgress: a.expected,
    ragOverride: a.ragOverride,
    ragOverrideReason: a.ragOverrideReason,
    overdue: a.overdue,
    milestoneOverdue: a.milestoneOverdue,
    lastUpdateOn: a.lastUpdateOn,
    completedOn: a.completedOn,
    version: a.version,
  };
}

const planActionShape = (a: service.ActionView, forStaff: boolean) => ({
  ...actionShape(a, forStaff),
  dependsOn: a.dependsOn.map((d) => d.reference),
  neededBy: a.neededBy.map((d) => d.reference),
});

function taskShape(t: TaskView) {
  return {
    id: t.id,
    number: t.number,
    title: t.title,
    comments: t.comments,
    source: t.source,
    leadOrganisation: t.leadOrganisationId ? { id: t.leadOrganisationId, name: t.leadOrganisationName ?? '' } : null,
    likelihood: t.likelihood,
    impact: t.impact,
    score: t.score,
    scoredLevel: t.scoredLevel,
    level: t.level,
    levelOverride: t.levelOverride,
    levelOverrideReason: t.levelOverrideReason,
    overridden: t.overridden,
    dependsOn: t.dependsOn,
    neededBy: t.neededBy,
    incorporates: t.incorporates,
    incorporatedIn: t.incorporatedIn,
    resources: t.resources.map((r) => ({ organisation: { id: r.organisationId, name: r.organisationName }, resources: r.resources })),
    version: t.version,
  };
}

/** A priority as priorityOut describes it. */
const priorityShape = (p: Pick<repo.PriorityRow, 'id' | 'number' | 'title' | 'outcomes' | 'version'>) => ({
  id: p.id,
  number: p.number,
  title: p.title,
  outcomes: p.outcomes,
  version: p.version,
});

/** A plan as the caller may see it: 404 to the public for a draft. */
async function planDetail(db: Queryable, tenantId: string, planId: string, forStaff: boolean) {
  const view = await service.planView(db, tenantId, planId, { publicOnly: !forStaff });
  const pr = view.programme;
  return {
    ...planShape(view.plan, { actions: view.actions.length, tasks: pr?.tasks.length ?? 0 }),
    priorities: view.priorities.map(priorityShape),
    actions: view.actions.map((a) => planActionShape(a, forStaff)),
    ragCounts: view.ragCounts,
    tasks: pr ? pr.tasks.map(taskShape) : [],
    programme: pr
      ? {
          matrix: { likelihoodLabels: pr.matrix.likelihoodLabels, impactLabels: pr.matrix.impactLabels, levelMinimums: pr.matrix.levelMinimums },
          heatMap: pr.heatMap.map((row) =>
            row.map((c) => ({ likelihood: c.likelihood, impact: c.impact, score: c.score, level: c.level, tasks: c.items.map((t) => t.number) })),
          ),
          shortlist: pr.shortlist.map((t) => t.number),
          levels: pr.levels,
          unscored: pr.unscored,
        }
      : null,
  };
}

/** An action with its progress updates and links, as the caller may see it. */
async function actionDetail(db: Queryable, tenantId: string, planId: string, actionId: string, forStaff: boolean) {
  const view = await service.actionView(db, tenantId, planId, actionId, { publicOnly: !forStaff });
  return {
    ...planActionShape(view.action, forStaff),
    plan: { id: view.plan.id, title: view.plan.title, publicationState: view.plan.publicationState },
    updates: view.updates.map((u) => ({
      id: u.id,
      updateOn: u.updateOn,
      narrative: u.narrative,
      percentComplete: u.percentComplete,
      status: u.status,
      rag: u.rag as (typeof RAGS)[number],
      ragOverride: u.ragOverride as (typeof RAG_CHOICES)[number] | null,
      ragOverrideReason: u.ragOverrideReason,
      nextReview: u.nextReview,
      author: forStaff ? u.author : null,
      created: iso(u.created),
    })),
    links: view.links.map((l) => ({ kind: l.kind, id: l.id, label: l.label, date: l.date, published: l.published, meetingId: l.meetingId })),
  };
}

async function taskDetail(db: Queryable, tenantId: string, planId: string, taskId: string) {
  const view = await service.planView(db, tenantId, planId);
  const task = view.programme?.tasks.find((t) => t.id === taskId);
  if (!task) throw new NotFoundError('task');
  return taskShape(task);
}

const GENERIC_MESSAGE = new ValidationError({}).message;

/**
 * The service puts messages about the whole request under `_`; in a problem document that is the
 * detail. A refusal about one field (a dependency that would make a circle) is the detail too.
 */
async function asProblem<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ValidationError) {
      const { _: message, ...rest } = err.fieldErrors;
      if (message !== undefined) throw new ValidationError(rest, message);
      const messages = Object.values(rest);
      if (messages.length === 1 && err.message === GENERIC_MESSAGE) throw new ValidationError(rest, messages[0]);
    }
    throw err;
  }
}

// ---- Operations ------------------------------------------------------------------------------------

const TAG = 'Plans';
const VERSION_NOTE = 'Send the `version` you read; if someone changed it since, the answer is 409 and nothing is saved.';

export const planOperations: Operation[] = [
  defineOperation({
    operationId: 'listPlans',
    method: 'GET',
    path: '/plans',
    tag: TAG,
    access: 'public.view',
    summary: 'The delivery plans and work programmes, with their owners, endorsement and how many actions or tasks each has',
    description: 'The public see published plans; token holders see drafts too. Delivery plans first, then work programmes, each by title.',
    response: { status: 200, description: 'The plans', schema: z.object({ data: z.array(planSummaryOut) }) },
    async handler({ ctx, request }) {
      const rows = await repo.listPlans(request.server.db, ctx.tenantId, { publicOnly: !isStaff(request) });
      return { data: rows.map((p) => planShape(p, { actions: p.actionCount, tasks: p.taskCount })) };
    },
  }),
  defineOperation({
    operationId: 'listOverduePlanActions',
    method: 'GET',
    path: '/plans/overdue',
    tag: TAG,
    access: 'manage.view',
    summary: 'Open actions across plans that are overdue, and those not started after their first milestone',
    description:
      'Overdue: not completed or deferred, and past the end date (or, for a recurring action, its next review), Europe/London. Late starts are not overdue but have not started after their first milestone.',
    response: {
      status: 200,
      description: 'The overdue actions and late starts',
      schema: z.object({
        overdue: z.array(overdueActionOut),
        lateStarts: z.array(overdueActionOut),
      }),
    },
    async handler({ ctx, request }) {
      const { overdue, lateStarts } = await service.overdueView(request.server.db, ctx.tenantId);
      const shape = (a: Described) => ({ ...actionShape(a, true), plan: { id: a.planId, title: a.planTitle } });
      return { overdue: overdue.map(shape), lateStarts: lateStarts.map(shape) };
    },
  }),
  defineOperation({
    operationId: 'getPlan',
    method: 'GET',
    path: '/plans/{planId}',
    tag: TAG,
    access: 'public.view',
    summary:
      'A plan: its priorities and actions (milestones, recurrence, RAG, dependencies both ways) or, for a work programme, its scored tasks, heat map and level-1 shortlist',
    description: "The public see a published plan (404 for a draft); token holders see drafts and each action's lead person.",
    params: planParams,
    problems: [404],
    response: { status: 200, description: 'The plan', schema: planOut },
    handler: ({ params, ctx, request }) => planDetail(request.server.db, ctx.tenantId, params.planId, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createPlan',
    method: 'POST',
    path: '/plans',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add a delivery plan or work programme (as a draft, not on the public site)',
    description: 'Owned by a partnership, a committee or board, or both. Priorities, actions and tasks are added afterwards.',
    body: planBody,
    response: { status: 201, description: 'The plan as saved', schema: planOut },
    async handler({ body, ctx, request, reply }) {
      const db = request.server.db;
      const id = await asProblem(() => service.createPlan(db, ctx, body));
      reply.header('location', `${API_PREFIX}/plans/${id}`);
      return planDetail(db, ctx.tenantId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updatePlan',
    method: 'PUT',
    path: '/plans/{planId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace a plan's title, period, introduction and owners",
    description: `${VERSION_NOTE} The kind of a plan cannot change.`,
    params: planParams,
    body: z.intersection(planBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The plan as saved', schema: planOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => service.updatePlan(db, ctx, params.planId, v, input));
      return planDetail(db, ctx.tenantId, params.planId, true);
    },
  }),
  ...(['publish', 'withdraw'] as const).map((action) =>
    defineOperation({
      operationId: action === 'publish' ? 'publishPlan' : 'withdrawPlan',
      method: 'POST',
      path: `/plans/{planId}/${action}`,
      tag: TAG,
      access: 'plan.publish',
      summary: action === 'publish' ? 'Put a plan on the public site' : 'Take a plan off the public site',
      ...(action === 'publish' ? { description: 'A delivery plan without actions is refused (422, with the message as the detail).' } : {}),
      params: planParams,
      problems: [404],
      response: { status: 200, description: 'The plan', schema: planOut },
      async handler({ params, ctx, request }) {
        const db = request.server.db;
        await asProblem(() => service.setPublication(db, ctx, params.planId, action === 'publish'));
        return planDetail(db, ctx.tenantId, params.planId, true);
      },
    }),
  ),
  defineOperation({
    operationId: 'createPlanPriority',
    method: 'POST',
    path: '/plans/{planId}/priorities',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add a priority to a plan, with its outcomes',
    description: 'Its actions are numbered from it: priority 2 has actions 2.1, 2.2 and so on. A plan has one priority of each number.',
    params: planParams,
    body: priorityBody,
    problems: [404],
    response: { status: 201, description: 'The priority as saved', schema: priorityOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const id = await asProblem(() => service.savePriority(db, ctx, params.planId, null, 1, body));
      return priorityShape((await repo.listPriorities(db, ctx.tenantId, params.planId)).find((p) => p.id === id)!);
    },
  }),
  defineOperation({
    operationId: 'updatePlanPriority',
    method: 'PUT',
    path: '/plans/{planId}/priorities/{priorityId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace a priority's number, title and outcomes",
    description: `${VERSION_NOTE} A priority with actions keeps its number (its actions are numbered from it).`,
    params: priorityParams,
    body: z.intersection(priorityBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The priority as saved', schema: priorityOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => service.savePriority(db, ctx, params.planId, params.priorityId, v, input));
      return priorityShape((await repo.listPriorities(db, ctx.tenantId, params.planId)).find((p) => p.id === params.priorityId)!);
    },
  }),
  defineOperation({
    operationId: 'getPlanAction',
    method: 'GET',
    path: '/plans/{planId}/actions/{actionId}',
    tag: TAG,
    access: 'public.view',
    summary: 'An action of a plan with its progress updates and its links to indicators, meetings and decisions',
    description: 'The public see the actions of published plans, and only the links to published records; token holders also see who recorded each update.',
    params: actionParams,
    problems: [404],
    response: { status: 200, description: 'The action', schema: actionDetailOut },
    handler: ({ params, ctx, request }) => actionDetail(request.server.db, ctx.tenantId, params.planId, params.actionId, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createPlanAction',
    method: 'POST',
    path: '/plans/{planId}/actions',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add an action to a plan, under one of its priorities',
    description:
      'The reference follows the priority (2.3 under priority 2). firstMilestone is a month or date ("April 2018", "30/04/2018", "2018-04-30") or a note ("Reviewed yearly"); continuesUntil a month or date (a month runs to its last day) or how often the action recurs ("Refreshed annually"). dependsOn lists the references of the plan\'s actions this one depends on; one that would make a circle is refused (422, with the message as the detail).',
    params: planParams,
    body: actionBody,
    problems: [404],
    response: { status: 201, description: 'The action as saved', schema: actionDetailOut },
    async handler({ params, ctx, request, reply }) {
      const db = request.server.db;
      // The service reads the dates as the plan prints them, so it is given the body as sent.
      const id = await asProblem(() => service.saveAction(db, ctx, params.planId, null, 1, request.body ?? {}));
      reply.header('location', `${API_PREFIX}/plans/${params.planId}/actions/${id}`);
      return actionDetail(db, ctx.tenantId, params.planId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updatePlanAction',
    method: 'PUT',
    path: '/plans/{planId}/actions/{actionId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace an action's details, dependencies and links",
    description: `${VERSION_NOTE} As createPlanAction; dependsOn, indicatorIds, meetingIds and resolutionIds replace the action's (left out, they are emptied). Progress is recorded with recordPlanActionProgress.`,
    params: actionParams,
    body: z.intersection(actionBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The action as saved', schema: actionDetailOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await asProblem(() => service.saveAction(db, ctx, params.planId, params.actionId, body.version, request.body ?? {}));
      return actionDetail(db, ctx.tenantId, params.planId, params.actionId, true);
    },
  }),
  defineOperation({
    operationId: 'recordPlanActionProgress',
    method: 'POST',
    path: '/plans/{planId}/actions/{actionId}/progress',
    tag: TAG,
    access: 'action.edit',
    summary: 'Record a progress update on an action: what was done, its status and percent complete',
    description:
      "The RAG is worked out from the percent complete against the share of the action's time that has passed (or from the status), unless ragOverride is given with a reason. A recurring action's next review falls one recurrence after the update. The date of the update must be today or earlier (Europe/London).",
    params: actionParams,
    body: progressBody,
    problems: [404],
    response: { status: 201, description: 'The action with its updates', schema: actionDetailOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await asProblem(() => service.recordProgress(db, ctx, params.planId, params.actionId, body));
      return actionDetail(db, ctx.tenantId, params.planId, params.actionId, true);
    },
  }),
  defineOperation({
    operationId: 'createProgrammeTask',
    method: 'POST',
    path: '/plans/{planId}/tasks',
    tag: TAG,
    access: 'plan.edit',
    summary: 'Add a key task or activity to a work programme',
    description:
      'dependsOn and incorporates list the numbers of other tasks of the programme; one that would make a circle is refused (422, with the message as the detail). Scored afterwards with scoreProgrammeTask. 404 for a delivery plan.',
    params: planParams,
    body: taskBody,
    problems: [404],
    response: { status: 201, description: 'The task as saved', schema: taskOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const id = await asProblem(() => service.saveTask(db, ctx, params.planId, null, 1, body));
      return taskDetail(db, ctx.tenantId, params.planId, id);
    },
  }),
  defineOperation({
    operationId: 'updateProgrammeTask',
    method: 'PUT',
    path: '/plans/{planId}/tasks/{taskId}',
    tag: TAG,
    access: 'plan.edit',
    summary: "Replace a task's details and the tasks it depends on or incorporates",
    description: `${VERSION_NOTE} Its score is kept.`,
    params: taskParams,
    body: z.intersection(taskBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The task as saved', schema: taskOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => service.saveTask(db, ctx, params.planId, params.taskId, v, input));
      return taskDetail(db, ctx.tenantId, params.planId, params.taskId);
    },
  }),
  defineOperation({
    operationId: 'scoreProgrammeTask',
    method: 'PUT',
    path: '/plans/{planId}/tasks/{taskId}/score',
    tag: TAG,
    access: 'plan.edit',
    summary: "Score a task on the partnership's risk matrix: the likelihood and impact of the risk of deferring it",
    description: `${VERSION_NOTE} Likelihood and impact are points on the matrix's scales, from 1. The score maps to a level; a levelOverride other than that level needs a levelOverrideReason.`,
    params: taskParams,
    body: z.intersection(scoreBody, versionBody),
    problems: [404, 409],
    response: { status: 200, description: 'The task as scored', schema: taskOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      const { version: v, ...input } = body;
      await asProblem(() => service.scoreTask(db, ctx, params.planId, params.taskId, v, input));
      return taskDetail(db, ctx.tenantId, params.planId, params.taskId);
    },
  }),
];
