// The plans API's answers: plans, actions, updates and tasks shaped as the response schemas describe
// them, and validation errors turned into problem documents.
import { asProblem as wholeRequestAsDetail } from '../api/index.ts';
import type { Queryable } from '../db/database.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import type * as repo from './plans.repository.ts';
import type { RAG_CHOICES } from './plans.schemas.ts';
import * as service from './plans.service.ts';
import { actionView } from './plan-actions.service.ts';
import type { RAGS } from './plans.api-schemas.ts';
import { planStage } from './rules.ts';
import { todayInEngland } from '../calendar/today.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
export type Described = ReturnType<typeof service.describeAction>;
type TaskView = NonNullable<service.PlanView['programme']>['tasks'][number];

export function planShape(p: repo.PlanRow, counts: { actions: number; tasks: number }, today = todayInEngland()) {
  const { stage, asAt } = planStage(p, today);
  return {
    id: p.id,
    type: 'plan' as const,
    kind: p.kind,
    title: p.title,
    periodLabel: p.periodLabel,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    stage,
    closedOn: p.closedOn,
    closingNote: p.closingNote,
    assessedOn: asAt,
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

export function actionShape(a: Described, forStaff: boolean) {
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

export const planActionShape = (a: service.ActionView, forStaff: boolean) => ({
  ...actionShape(a, forStaff),
  dependsOn: a.dependsOn.map((d) => d.reference),
  neededBy: a.neededBy.map((d) => d.reference),
});

export function taskShape(t: TaskView) {
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
export const priorityShape = (p: Pick<repo.PriorityRow, 'id' | 'number' | 'title' | 'outcomes' | 'version'>) => ({
  id: p.id,
  number: p.number,
  title: p.title,
  outcomes: p.outcomes,
  version: p.version,
});

/** A plan as the caller may see it: 404 to the public for a draft. */
export async function planDetail(db: Queryable, tenantId: string, planId: string, forStaff: boolean) {
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
export async function actionDetail(db: Queryable, tenantId: string, planId: string, actionId: string, forStaff: boolean) {
  const view = await actionView(db, tenantId, planId, actionId, { publicOnly: !forStaff });
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

export async function taskDetail(db: Queryable, tenantId: string, planId: string, taskId: string) {
  const view = await service.planView(db, tenantId, planId);
  const task = view.programme?.tasks.find((t) => t.id === taskId);
  if (!task) throw new NotFoundError('task');
  return taskShape(task);
}

const GENERIC_MESSAGE = new ValidationError({}).message;

/** A refusal about one field only (a dependency that would make a circle) gives its message as the detail too. */
async function soleErrorAsDetail<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ValidationError && err.message === GENERIC_MESSAGE) {
      const messages = Object.values(err.fieldErrors);
      if (messages.length === 1) throw new ValidationError(err.fieldErrors, messages[0]);
    }
    throw err;
  }
}

/**
 * The kernel's asProblem: a message the service puts under `_` (about the whole request) is the problem's
 * detail. For the plans API, so is the message of a refusal about one field.
 */
export const asProblem = <T>(run: () => Promise<T>): Promise<T> => wholeRequestAsDetail(() => soleErrorAsDetail(run));
