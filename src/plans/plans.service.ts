// Commands and queries for plans: reading a delivery plan in seed 004's shape (priorities, outcomes and
// actions with their RAG and dependencies both ways), its documents, overdue actions, and plans and priorities.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { fieldErrorsFrom, isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import { formatLongDate } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import * as repo from './plans.repository.ts';
import * as actionsRepo from './plan-actions.repository.ts';
import { closeInput, endorsementInput, planInput, priorityInput } from './plans.schemas.ts';
import { assessAction, closeProblems, compareReferences, dueOn, formatPlanDate, planStage } from './rules.ts';
import type { PlanDocument } from './plan-types.ts';
import { programmeView } from './programme-tasks.service.ts';

// ---- Reading a plan ------------------------------------------------------------------------------------

/** An action as its row of the plan prints it, with its progress judged for its plan's stage (live, ended or closed). */
export function describeAction(a: actionsRepo.ActionRow, today: string) {
  const progress = {
    status: a.status,
    percentComplete: a.percentComplete,
    firstMilestone: a.firstMilestone,
    continuesUntil: a.continuesUntil,
    recurrence: a.recurrence,
    nextReview: a.nextReview,
    ragOverride: a.ragOverride,
    lastUpdateOn: a.lastUpdateOn,
  };
  return {
    ...a,
    firstMilestoneText: a.firstMilestone ? formatPlanDate(a.firstMilestone) : a.firstMilestoneNote,
    continuesUntilText: a.recurrence ? a.recurrenceLabel : formatPlanDate(a.continuesUntil),
    dueOn: dueOn(progress),
    ...assessAction(progress, { startsOn: a.planStartsOn, endsOn: a.planEndsOn, closedOn: a.planClosedOn }, today),
  };
}
export type ActionView = ReturnType<typeof describeAction> & { dependsOn: { id: string; reference: string }[]; neededBy: { id: string; reference: string }[] };

export async function planView(db: Queryable, tenantId: string, planId: string, { publicOnly = false, today = todayInEngland() } = {}) {
  const plan = await repo.getPlan(db, tenantId, planId, { publicOnly });
  if (!plan) throw new NotFoundError('plan');
  const [priorities, actions, deps] = await Promise.all([
    repo.listPriorities(db, tenantId, planId),
    actionsRepo.listActions(db, tenantId, planId),
    actionsRepo.planDependencies(db, tenantId, planId),
  ]);
  const refOf = new Map(actions.map((a) => [a.id, a.reference]));
  const link = (id: string) => ({ id, reference: refOf.get(id) ?? '' });
  const views: ActionView[] = actions.map((a) => ({
    ...describeAction(a, today),
    dependsOn: deps
      .filter((x) => x.actionId === a.id)
      .map((x) => link(x.dependsOnId))
      .sort((x, y) => compareReferences(x.reference, y.reference)),
    neededBy: deps
      .filter((x) => x.dependsOnId === a.id)
      .map((x) => link(x.actionId))
      .sort((x, y) => compareReferences(x.reference, y.reference)),
  }));
  const ragCounts = { green: 0, amber: 0, red: 0, grey: 0 };
  for (const v of views) ragCounts[v.rag] += 1;
  return {
    plan,
    // live, ended (its period is over but nobody has closed it) or closed, and the date its RAG is judged at.
    ...planStage(plan, today),
    priorities: priorities.map((p) => ({ ...p, actions: views.filter((a) => a.priorityId === p.id) })),
    actions: views,
    ragCounts,
    overdue: views.filter((a) => a.overdue || a.milestoneOverdue),
    programme: plan.kind === 'work_programme' ? await programmeView(db, tenantId, plan) : null,
  };
}
export type PlanView = Awaited<ReturnType<typeof planView>>;

/** The plan as its documents print it (Word, XLSX, CSV). */
export function planDocument(view: PlanView): PlanDocument {
  return {
    title: view.plan.title,
    owner: view.plan.bodyName ?? view.plan.partnershipName ?? '',
    periodLabel: view.plan.periodLabel,
    priorities: view.priorities.map((p) => ({
      number: p.number,
      title: p.title,
      outcomes: p.outcomes,
      actions: p.actions.map((a) => ({
        reference: a.reference,
        description: a.description,
        leadOfficer: a.leadOfficer,
        firstMilestone: a.firstMilestoneText,
        continuesUntil: a.continuesUntilText,
        resources: a.resources,
        keyRisks: a.keyRisks,
        outputs: a.outputs,
        decisionRoute: a.decisionRoute,
        status: a.status,
        // A grey RAG is printed as the page shows it: "Not assessed".
        rag: a.rag === 'grey' ? 'not_assessed' : a.rag,
        percentComplete: a.percentComplete,
        dependsOn: a.dependsOn.map((x) => x.reference),
      })),
    })),
  };
}

/** Every open action that is overdue or has missed its first milestone, across plans. */
export async function overdueView(db: Queryable, tenantId: string, today = todayInEngland()) {
  const open = (await actionsRepo.listOpenActions(db, tenantId)).map((a) => describeAction(a, today));
  return { overdue: open.filter((a) => a.overdue), lateStarts: open.filter((a) => !a.overdue && a.milestoneOverdue) };
}

// ---- Plans ---------------------------------------------------------------------------------------------

export async function createPlan(db: Database, ctx: RequestContext, raw: unknown) {
  const input = parseOrThrow(planInput, raw);
  return db.transaction(changeContext(ctx), (tx) => repo.insertPlan(tx, ctx.tenantId, input));
}

export async function updatePlan(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseOrThrow(planInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    const plan = await repo.getPlan(tx, ctx.tenantId, id);
    if (!plan) throw new NotFoundError('plan');
    if (plan.closedOn && input.startsOn && input.startsOn > plan.closedOn) {
      throw new ValidationError({ startsOn: `The plan was closed on ${formatLongDate(plan.closedOn)}: its period must start on or before that date` });
    }
    if (!(await repo.updatePlan(tx, ctx.tenantId, id, version, input))) throw new ConflictError();
  });
}

/** A closed plan's actions, progress and priorities are frozen as at its close: changing them is refused until it is reopened. */
export function assertOpen(closedOn: string | null) {
  if (closedOn) {
    const message = `The plan was closed on ${formatLongDate(closedOn)}: reopen it before changing it`;
    throw new ValidationError({ _: message }, message);
  }
}

/** A plan whose priorities or actions are to change: refused when there is none, or when it is closed. */
export async function openPlan(tx: Queryable, tenantId: string, planId: string) {
  const plan = await repo.getPlan(tx, tenantId, planId);
  if (!plan) throw new NotFoundError('plan');
  assertOpen(plan.closedOn);
  return plan;
}

/**
 * Closes a plan as at a date: its actions' RAG is judged as at that date from then on, and nothing in it
 * is overdue. The form asks for confirmation (`confirmed`); the API does not. Every problem at once.
 */
export async function closePlan(db: Database, ctx: RequestContext, id: string, raw: unknown, { confirmed = true, today = todayInEngland() } = {}) {
  const errors: Record<string, string> = {};
  const parsed = closeInput.safeParse(raw);
  if (!parsed.success) Object.assign(errors, fieldErrorsFrom(parsed.error));
  if (!confirmed) errors.confirmed = 'Confirm that the final position of the plan is to be frozen as at the date closed';
  await db.transaction(changeContext(ctx), async (tx) => {
    const plan = await repo.getPlan(tx, ctx.tenantId, id);
    if (!plan) throw new NotFoundError('plan');
    if (parsed.success) Object.assign(errors, closeProblems(plan, parsed.data.closedOn, today, await repo.latestUpdateOn(tx, ctx.tenantId, id)));
    else if (plan.closedOn) errors._ = `The plan was already closed on ${formatLongDate(plan.closedOn)}`;
    if (Object.keys(errors).length) throw new ValidationError(errors, errors._);
    await repo.setPlanClosed(tx, ctx.tenantId, id, { closedOn: parsed.data!.closedOn, note: parsed.data!.closingNote });
  });
}

/** Reopens a closed plan (a plan closed by mistake, or to record late progress): judged against today or its end again. */
export async function reopenPlan(db: Database, ctx: RequestContext, id: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const plan = await repo.getPlan(tx, ctx.tenantId, id);
    if (!plan) throw new NotFoundError('plan');
    if (!plan.closedOn) throw new ValidationError({ _: 'The plan is not closed' }, 'The plan is not closed');
    await repo.setPlanClosed(tx, ctx.tenantId, id, null);
  });
}

export async function setPublication(db: Database, ctx: RequestContext, id: string, publish: boolean) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const plan = await repo.getPlan(tx, ctx.tenantId, id);
    if (!plan) throw new NotFoundError('plan');
    if (publish && plan.kind === 'delivery_plan' && !(await actionsRepo.listActions(tx, ctx.tenantId, id)).length) {
      throw new ValidationError({ _: 'Add at least one action before publishing the plan' }, 'Add at least one action before publishing the plan');
    }
    await repo.setPlanPublication(tx, ctx.tenantId, id, publish ? 'published' : 'draft');
  });
}

/** Records that a meeting endorsed the plan or programme, with the decision where its minutes hold one. */
export async function endorse(db: Database, ctx: RequestContext, id: string, raw: unknown) {
  const input = parseOrThrow(endorsementInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getPlan(tx, ctx.tenantId, id))) throw new NotFoundError('plan');
    if (!(await repo.existingIds(tx, ctx.tenantId, 'meetings', [input.meetingId])).size)
      throw new ValidationError({ meetingId: 'Select the meeting from the list' });
    if (input.resolutionId && !(await repo.meetingResolutions(tx, ctx.tenantId, input.meetingId)).some((r) => r.id === input.resolutionId)) {
      throw new ValidationError({ resolutionId: 'Select a decision taken at that meeting' });
    }
    await repo.setEndorsement(tx, ctx.tenantId, id, input);
  });
}

// ---- Priorities ------------------------------------------------------------------------------------------

export async function savePriority(db: Database, ctx: RequestContext, planId: string, priorityId: string | null, version: number, raw: unknown) {
  const input = parseOrThrow(priorityInput, raw);
  try {
    return await db.transaction(changeContext(ctx), async (tx) => {
      await openPlan(tx, ctx.tenantId, planId);
      if (!priorityId) return repo.insertPriority(tx, ctx.tenantId, planId, input);
      const existing = (await repo.listPriorities(tx, ctx.tenantId, planId)).find((p) => p.id === priorityId);
      if (!existing) throw new NotFoundError('priority');
      if (existing.number !== input.number && (await actionsRepo.listActions(tx, ctx.tenantId, planId)).some((a) => a.priorityId === priorityId)) {
        throw new ValidationError({
          number: `Priority ${existing.number} has actions numbered ${existing.number}.1 onwards: renumber it before its actions can follow`,
        });
      }
      if (!(await repo.updatePriority(tx, ctx.tenantId, priorityId, version, input))) throw new ConflictError();
      return priorityId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ number: `The plan already has a priority ${input.number}` });
    throw err;
  }
}
