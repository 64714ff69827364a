// Commands and queries for plans: the delivery plan in seed 004's shape (priorities, outcomes and
// actions with their RAG, dependencies both ways and links), progress updates (recurring actions get
// their next review), overdue actions and milestones, reminders to leads, work programmes scored on
// the partnership's risk matrix (heat map, level-1 shortlist, endorsement), and import of actions.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import { todayInEngland } from '../calendar/today.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as repo from './plans.repository.ts';
import {
  actionInput,
  endorsementInput,
  planInput,
  priorityInput,
  progressInput,
  resourceInput,
  scoreInput,
  taskInput,
  type ActionInput,
} from './plans.schemas.ts';
import {
  DEFAULT_MATRIX,
  actionRag,
  compareReferences,
  cycleMessage,
  dependencyCycle,
  dueOn,
  formatPlanDate,
  heatMap,
  isOverdue,
  milestoneOverdue,
  nextReviewDate,
  priorityLevel,
  routeReferences,
  taskLevel,
  type RiskMatrix,
} from './rules.ts';
import type { PlanDocument, PlanImportRow } from './plan-types.ts';
import { matrixLevels } from './risks.service.ts';
import { matrixFor } from './risks.repository.ts';
import { formatLongDate } from '../calendar/format.ts';
import { reminderDue } from '../mail/reminders.ts';

// ---- Reading a plan ------------------------------------------------------------------------------------

/** An action as its row of the plan prints it, with its progress worked out for today. */
export function describeAction(a: repo.ActionRow, today: string) {
  const progress = {
    status: a.status,
    percentComplete: a.percentComplete,
    firstMilestone: a.firstMilestone,
    continuesUntil: a.continuesUntil,
    recurrence: a.recurrence,
    nextReview: a.nextReview,
    ragOverride: a.ragOverride,
  };
  return {
    ...a,
    firstMilestoneText: a.firstMilestone ? formatPlanDate(a.firstMilestone) : a.firstMilestoneNote,
    continuesUntilText: a.recurrence ? a.recurrenceLabel : formatPlanDate(a.continuesUntil),
    dueOn: dueOn(progress),
    ...actionRag(progress, today),
    overdue: isOverdue(progress, today),
    milestoneOverdue: milestoneOverdue(progress, today),
  };
}
export type ActionView = ReturnType<typeof describeAction> & { dependsOn: { id: string; reference: string }[]; neededBy: { id: string; reference: string }[] };

export async function planView(db: Queryable, tenantId: string, planId: string, { publicOnly = false, today = todayInEngland() } = {}) {
  const plan = await repo.getPlan(db, tenantId, planId, { publicOnly });
  if (!plan) throw new NotFoundError('plan');
  const [priorities, actions, deps] = await Promise.all([
    repo.listPriorities(db, tenantId, planId),
    repo.listActions(db, tenantId, planId),
    repo.planDependencies(db, tenantId, planId),
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
    priorities: priorities.map((p) => ({ ...p, actions: views.filter((a) => a.priorityId === p.id) })),
    actions: views,
    ragCounts,
    overdue: views.filter((a) => a.overdue || a.milestoneOverdue),
    programme: plan.kind === 'work_programme' ? await programmeView(db, tenantId, plan) : null,
  };
}
export type PlanView = Awaited<ReturnType<typeof planView>>;

async function programmeView(db: Queryable, tenantId: string, plan: repo.PlanRow) {
  const [tasks, deps, resources, matrix] = await Promise.all([
    repo.listTasks(db, tenantId, plan.id),
    repo.taskDependencies(db, tenantId, plan.id),
    repo.taskResources(db, tenantId, plan.id),
    plan.partnershipId ? matrixFor(db, tenantId, plan.partnershipId) : DEFAULT_MATRIX,
  ]);
  const numberOf = new Map(tasks.map((t) => [t.id, t.number]));
  const related = (taskId: string, kind: 'depends_on' | 'incorporates', reverse = false) =>
    deps
      .filter((d) => d.kind === kind && (reverse ? d.otherTaskId : d.taskId) === taskId)
      .map((d) => numberOf.get(reverse ? d.taskId : d.otherTaskId)!)
      .sort((a, b) => a - b);
  const views = tasks.map((t) => {
    const level = scoreWithin(t, matrix);
    return {
      ...t,
      ...level,
      href: `/plans/${plan.id}/tasks/${t.id}`,
      label: String(t.number),
      dependsOn: related(t.id, 'depends_on'),
      neededBy: related(t.id, 'depends_on', true),
      incorporates: related(t.id, 'incorporates'),
      incorporatedIn: related(t.id, 'incorporates', true),
      resources: resources.filter((r) => r.taskId === t.id),
    };
  });
  return {
    matrix,
    tasks: views,
    // The heat map's colours as the risk registers use them, named as seed 003 names its levels.
    mapLevels: matrixLevels(matrix).map((l) => ({ ...l, text: `Level ${l.level}` })),
    heatMap: heatMap(views, (t) => (t.score === null ? null : { likelihood: t.likelihood!, impact: t.impact! }), matrix),
    shortlist: views.filter((t) => t.level === 1),
    levels: Array.from({ length: matrix.levelMinimums.length + 1 }, (_, k) => ({ level: k + 1, count: views.filter((t) => t.level === k + 1).length })),
    unscored: views.filter((t) => t.level === null).length,
  };
}

/** A task's level, tolerating a stored score outside a matrix that has since shrunk (shown as unscored). */
function scoreWithin(t: repo.TaskRow, matrix: RiskMatrix) {
  const inScale = t.likelihood !== null && t.impact !== null && t.likelihood <= matrix.likelihoodLabels.length && t.impact <= matrix.impactLabels.length;
  return taskLevel(inScale ? t : { likelihood: null, impact: null, levelOverride: t.levelOverride }, matrix);
}

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
        rag: a.rag,
        percentComplete: a.percentComplete,
        dependsOn: a.dependsOn.map((x) => x.reference),
      })),
    })),
  };
}

/** Every open action that is overdue or has missed its first milestone, across plans. */
export async function overdueView(db: Queryable, tenantId: string, today = todayInEngland()) {
  const open = (await repo.listOpenActions(db, tenantId)).map((a) => describeAction(a, today));
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
    if (!(await repo.updatePlan(tx, ctx.tenantId, id, version, input))) throw new ConflictError();
  });
}

export async function setPublication(db: Database, ctx: RequestContext, id: string, publish: boolean) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const plan = await repo.getPlan(tx, ctx.tenantId, id);
    if (!plan) throw new NotFoundError('plan');
    if (publish && plan.kind === 'delivery_plan' && !(await repo.listActions(tx, ctx.tenantId, id)).length) {
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
      const plan = await repo.getPlan(tx, ctx.tenantId, planId);
      if (!plan) throw new NotFoundError('plan');
      if (!priorityId) return repo.insertPriority(tx, ctx.tenantId, planId, input);
      const existing = (await repo.listPriorities(tx, ctx.tenantId, planId)).find((p) => p.id === priorityId);
      if (!existing) throw new NotFoundError('priority');
      if (existing.number !== input.number && (await repo.listActions(tx, ctx.tenantId, planId)).some((a) => a.priorityId === priorityId)) {
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

// ---- Actions ---------------------------------------------------------------------------------------------

/** Field errors for an action's references: its prefix, the actions it depends on, and cycles. */
async function checkAction(tx: Queryable, tenantId: string, planId: string, actionId: string | null, input: ActionInput) {
  const priorities = await repo.listPriorities(tx, tenantId, planId);
  const priority = priorities.find((p) => p.id === input.priorityId);
  if (!priority) throw new ValidationError({ priorityId: 'Select the priority from the list' });
  if (!input.reference.startsWith(`${priority.number}.`)) {
    throw new ValidationError({ reference: `Actions under priority ${priority.number} are numbered ${priority.number}.1, ${priority.number}.2 and so on` });
  }
  const actions = await repo.listActions(tx, tenantId, planId);
  const byRef = new Map(actions.filter((a) => a.id !== actionId).map((a) => [a.reference, a.id]));
  if (byRef.has(input.reference)) throw new ValidationError({ reference: `The plan already has an action ${input.reference}` });
  const dependsOn = [...new Set(input.dependsOn)];
  const unknown = dependsOn.filter((r) => !byRef.has(r) && r !== input.reference);
  if (unknown.length) throw new ValidationError({ dependsOn: `The plan has no action ${unknown.join(', ')}` });
  // Cycles are checked on references, with this action's edges replaced by the new ones.
  const refOf = new Map(actions.map((a) => [a.id, a.reference]));
  const edges = (await repo.planDependencies(tx, tenantId, planId))
    .filter((e) => e.actionId !== actionId)
    .map((e) => [refOf.get(e.actionId)!, refOf.get(e.dependsOnId)!] as [string, string]);
  for (const to of dependsOn) {
    const cycle = dependencyCycle(edges, input.reference, to);
    if (cycle) throw new ValidationError({ dependsOn: cycleMessage(cycle) });
    edges.push([input.reference, to]);
  }
  for (const [field, table, list] of [
    ['indicatorIds', 'indicators', input.indicatorIds],
    ['meetingIds', 'meetings', input.meetingIds],
    ['resolutionIds', 'resolutions', input.resolutionIds],
  ] as const) {
    const found = await repo.existingIds(tx, tenantId, table, list);
    if (list.some((x) => !found.has(x))) throw new ValidationError({ [field]: 'Select from the list' });
  }
  return dependsOn.map((r) => byRef.get(r)!);
}

const actionFields = (input: ActionInput, existing: repo.ActionRow | null): repo.ActionFields => ({
  priorityId: input.priorityId,
  reference: input.reference,
  description: input.description,
  leadOfficer: input.leadOfficer,
  leadPersonId: input.leadPersonId,
  firstMilestone: input.firstMilestone.date,
  firstMilestoneNote: input.firstMilestone.note,
  continuesUntil: input.continuesUntil.date,
  recurrence: input.continuesUntil.recurrence,
  recurrenceLabel: input.continuesUntil.label,
  // A recurring action is first reviewed one recurrence after its first milestone; later reviews follow its updates.
  nextReview: !input.continuesUntil.recurrence
    ? null
    : existing?.recurrence === input.continuesUntil.recurrence && existing.nextReview
      ? existing.nextReview
      : input.firstMilestone.date
        ? nextReviewDate(input.firstMilestone.date, input.continuesUntil.recurrence)
        : null,
  resources: input.resources,
  keyRisks: input.keyRisks,
  outputs: input.outputs,
  decisionRoute: input.decisionRoute,
});

export async function saveAction(db: Database, ctx: RequestContext, planId: string, actionId: string | null, version: number, raw: unknown) {
  const input = parseOrThrow(actionInput, raw);
  try {
    return await db.transaction(changeContext(ctx), async (tx) => {
      if (!(await repo.getPlan(tx, ctx.tenantId, planId))) throw new NotFoundError('plan');
      const existing = actionId ? await repo.getAction(tx, ctx.tenantId, planId, actionId) : null;
      if (actionId && !existing) throw new NotFoundError('action');
      const dependsOnIds = await checkAction(tx, ctx.tenantId, planId, actionId, input);
      const fields = actionFields(input, existing);
      let id = actionId;
      if (!id) id = await repo.insertAction(tx, ctx.tenantId, planId, fields);
      else if (!(await repo.updateAction(tx, ctx.tenantId, id, version, fields))) throw new ConflictError();
      await repo.replaceDependencies(tx, ctx.tenantId, id, dependsOnIds);
      await repo.replaceLinks(tx, ctx.tenantId, id, input);
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ reference: `The plan already has an action ${input.reference}` });
    throw err;
  }
}

export async function actionView(db: Queryable, tenantId: string, planId: string, actionId: string, { publicOnly = false, today = todayInEngland() } = {}) {
  const view = await planView(db, tenantId, planId, { publicOnly, today });
  const action = view.actions.find((a) => a.id === actionId);
  if (!action) throw new NotFoundError('action');
  const [updates, links] = await Promise.all([repo.listUpdates(db, tenantId, actionId), repo.actionLinks(db, tenantId, actionId)]);
  return { ...view, action, updates, links: publicOnly ? links.filter((l) => l.published) : links };
}

/**
 * Records a progress update. The RAG is worked out from expected progress unless set by hand with a
 * reason; a recurring action's next review falls one recurrence after the update.
 */
export async function recordProgress(db: Database, ctx: RequestContext, planId: string, actionId: string, raw: unknown, today = todayInEngland()) {
  const input = parseOrThrow(progressInput, raw);
  if (input.updateOn > today) throw new ValidationError({ updateOn: 'The date of the update must be today or in the past' });
  await db.transaction(changeContext(ctx), async (tx) => {
    const action = await repo.getAction(tx, ctx.tenantId, planId, actionId);
    if (!action) throw new NotFoundError('action');
    const percentComplete = input.status === 'completed' ? 100 : input.percentComplete;
    const nextReview =
      action.recurrence && input.status !== 'completed' && input.status !== 'deferred' ? nextReviewDate(input.updateOn, action.recurrence) : action.nextReview;
    const after = {
      status: input.status,
      percentComplete,
      firstMilestone: action.firstMilestone,
      continuesUntil: action.continuesUntil,
      recurrence: action.recurrence,
      nextReview,
      ragOverride: input.ragOverride,
    };
    const { rag } = actionRag(after, today);
    await repo.insertUpdate(tx, ctx.tenantId, actionId, {
      updateOn: input.updateOn,
      narrative: input.narrative,
      percentComplete,
      status: input.status,
      rag,
      ragOverride: input.ragOverride,
      ragOverrideReason: input.ragOverride ? input.ragOverrideReason : '',
      nextReview,
      author: ctx.actor,
    });
    await repo.setActionProgress(tx, ctx.tenantId, actionId, {
      status: input.status,
      percentComplete,
      ragOverride: input.ragOverride,
      ragOverrideReason: input.ragOverride ? input.ragOverrideReason : '',
      lastUpdateOn: input.updateOn,
      nextReview,
      completedOn: input.status === 'completed' ? input.updateOn : null,
    });
  });
}

/** Reminds each lead a week before their action falls due and once when it is overdue, through the outbox. */
export async function sendPlanReminders(db: Database, tenantId: string, today = todayInEngland(), publicUrl = '') {
  let queued = 0;
  for (const row of await repo.listOpenActions(db, tenantId)) {
    const a = describeAction(row, today);
    const kind = reminderDue({ status: 'ongoing', dueDate: a.dueOn }, today);
    if (!kind || !a.leadEmail || !a.dueOn) continue;
    await db.transaction({ actor: 'system:reminders' }, async (tx) => {
      if (!(await repo.claimActionReminder(tx, tenantId, a.id, kind, a.dueOn!))) return;
      const due = formatLongDate(a.dueOn!);
      const what = a.recurrence ? 'review' : 'completion';
      await enqueueEmail(tx, tenantId, {
        to: a.leadEmail!,
        subject: kind === 'overdue' ? `Overdue: action ${a.reference} of ${a.planTitle}` : `Action ${a.reference} of ${a.planTitle} is due ${due}`,
        text: [
          `${a.leadName ?? a.leadOfficer},`,
          '',
          kind === 'overdue'
            ? `Action ${a.reference}, which you lead, was due for ${what} on ${due} and has no update saying it is done.`
            : `Action ${a.reference}, which you lead, is due for ${what} on ${due}.`,
          '',
          `Action: ${a.description}`,
          '',
          `Record its progress: ${publicUrl}/plans/${a.planId}/actions/${a.id}`,
        ].join('\n'),
      });
      queued += 1;
    });
  }
  return queued;
}

// ---- Import ----------------------------------------------------------------------------------------------

/**
 * Adds or updates the actions of valid import rows, creating priorities that are new. Dependencies
 * follow the "Via action 1.4" routes where the action is in the plan; a cycle refuses the import.
 */
export async function importActions(db: Database, ctx: RequestContext, planId: string, rows: PlanImportRow[]) {
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getPlan(tx, ctx.tenantId, planId))) throw new NotFoundError('plan');
    const priorities = new Map((await repo.listPriorities(tx, ctx.tenantId, planId)).map((p) => [p.number, p.id]));
    for (const r of rows) {
      if (!priorities.has(r.priorityNumber)) {
        priorities.set(
          r.priorityNumber,
          await repo.insertPriority(tx, ctx.tenantId, planId, {
            number: r.priorityNumber,
            title: r.priorityTitle || `Priority ${r.priorityNumber}`,
            outcomes: [],
          }),
        );
      }
    }
    const existing = new Map((await repo.listActions(tx, ctx.tenantId, planId)).map((a) => [a.reference, a]));
    let added = 0,
      updated = 0;
    const ids = new Map([...existing].map(([ref, a]) => [ref, a.id]));
    for (const r of rows) {
      const input = parseOrThrow(actionInput, { ...r, priorityId: priorities.get(r.priorityNumber), dependsOn: [] });
      const before = existing.get(r.reference) ?? null;
      const fields = actionFields(input, before);
      if (before) {
        await repo.updateAction(tx, ctx.tenantId, before.id, before.version, fields);
        updated += 1;
      } else {
        ids.set(r.reference, await repo.insertAction(tx, ctx.tenantId, planId, fields));
        added += 1;
      }
    }
    const edges: [string, string][] = [];
    for (const r of rows) {
      const targets = routeReferences(r.decisionRoute).filter((ref) => ids.has(ref) && ref !== r.reference);
      for (const to of targets) {
        const cycle = dependencyCycle(edges, r.reference, to);
        if (cycle) throw new ValidationError({ _: cycleMessage(cycle) }, cycleMessage(cycle));
        edges.push([r.reference, to]);
      }
      await repo.replaceDependencies(
        tx,
        ctx.tenantId,
        ids.get(r.reference)!,
        targets.map((t) => ids.get(t)!),
      );
    }
    return { added, updated };
  });
}

// ---- Work programme tasks ------------------------------------------------------------------------------------

export async function saveTask(db: Database, ctx: RequestContext, planId: string, taskId: string | null, version: number, raw: unknown) {
  const input = parseOrThrow(taskInput, raw);
  try {
    return await db.transaction(changeContext(ctx), async (tx) => {
      const plan = await repo.getPlan(tx, ctx.tenantId, planId);
      if (plan?.kind !== 'work_programme') throw new NotFoundError('work programme');
      if (input.leadOrganisationId && !(await repo.existingIds(tx, ctx.tenantId, 'organisations', [input.leadOrganisationId])).size) {
        throw new ValidationError({ leadOrganisationId: 'Select the lead partner from the list' });
      }
      const tasks = await repo.listTasks(tx, ctx.tenantId, planId);
      if (taskId && !tasks.some((t) => t.id === taskId)) throw new NotFoundError('task');
      const byNumber = new Map(tasks.filter((t) => t.id !== taskId).map((t) => [t.number, t.id]));
      if (byNumber.has(input.number)) throw new ValidationError({ number: `The programme already has a task ${input.number}` });
      const numberOf = new Map(tasks.map((t) => [t.id, String(t.number)]));
      const allDeps = await repo.taskDependencies(tx, ctx.tenantId, planId);
      const resolved: Record<'depends_on' | 'incorporates', string[]> = { depends_on: [], incorporates: [] };
      for (const [kind, field, list] of [
        ['depends_on', 'dependsOn', input.dependsOn],
        ['incorporates', 'incorporates', input.incorporates],
      ] as const) {
        const unique = [...new Set(list)];
        const unknown = unique.filter((n) => !byNumber.has(n));
        if (unknown.length)
          throw new ValidationError({
            [field]: unknown.includes(input.number) ? 'A task cannot refer to itself' : `The programme has no task ${unknown.join(', ')}`,
          });
        const edges = allDeps
          .filter((e) => e.kind === kind && e.taskId !== taskId)
          .map((e) => [numberOf.get(e.taskId)!, numberOf.get(e.otherTaskId)!] as [string, string]);
        for (const n of unique) {
          const cycle = dependencyCycle(edges, String(input.number), String(n));
          if (cycle)
            throw new ValidationError({
              [field]:
                kind === 'depends_on'
                  ? cycleMessage(cycle, 'task')
                  : `Task ${cycle[0]} cannot incorporate ${cycle[1]}: that would make a circle (${cycle.join(' → ')})`,
            });
          edges.push([String(input.number), String(n)]);
        }
        resolved[kind] = unique.map((n) => byNumber.get(n)!);
      }
      let id = taskId;
      if (!id) id = await repo.insertTask(tx, ctx.tenantId, planId, input);
      else if (!(await repo.updateTask(tx, ctx.tenantId, id, version, input))) throw new ConflictError();
      await repo.replaceTaskDependencies(tx, ctx.tenantId, id, 'depends_on', resolved.depends_on);
      await repo.replaceTaskDependencies(tx, ctx.tenantId, id, 'incorporates', resolved.incorporates);
      return id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ValidationError({ number: `The programme already has a task ${input.number}` });
    throw err;
  }
}

/** Scores a task on the matrix; a level other than the scored one needs a recorded reason. */
export async function scoreTask(db: Database, ctx: RequestContext, planId: string, taskId: string, version: number, raw: unknown) {
  const input = parseOrThrow(scoreInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    const plan = await repo.getPlan(tx, ctx.tenantId, planId);
    const task = plan ? await repo.getTask(tx, ctx.tenantId, planId, taskId) : null;
    if (!plan || !task) throw new NotFoundError('task');
    const matrix = plan.partnershipId ? await matrixFor(tx, ctx.tenantId, plan.partnershipId) : DEFAULT_MATRIX;
    const errors: Record<string, string> = {};
    if (input.likelihood > matrix.likelihoodLabels.length) errors.likelihood = 'Select the likelihood from the list';
    if (input.impact > matrix.impactLabels.length) errors.impact = 'Select the impact from the list';
    const levels = matrix.levelMinimums.length + 1;
    if (input.levelOverride !== null && input.levelOverride > levels) errors.levelOverride = `Select a level from 1 to ${levels}`;
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const scored = priorityLevel(input.likelihood * input.impact, matrix);
    const overridden = input.levelOverride !== null && input.levelOverride !== scored;
    if (overridden && !input.levelOverrideReason) {
      throw new ValidationError({ levelOverrideReason: `Give the reason for level ${input.levelOverride} when the matrix gives level ${scored}` });
    }
    if (
      !(await repo.scoreTask(tx, ctx.tenantId, taskId, version, {
        likelihood: input.likelihood,
        impact: input.impact,
        levelOverride: overridden ? input.levelOverride : null,
        levelOverrideReason: overridden ? input.levelOverrideReason : '',
      }))
    )
      throw new ConflictError();
  });
}

export async function addTaskResource(db: Database, ctx: RequestContext, planId: string, taskId: string, raw: unknown) {
  const input = parseOrThrow(resourceInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getTask(tx, ctx.tenantId, planId, taskId))) throw new NotFoundError('task');
    if (!(await repo.existingIds(tx, ctx.tenantId, 'organisations', [input.organisationId])).size)
      throw new ValidationError({ organisationId: 'Select the partner from the list' });
    await repo.insertTaskResource(tx, ctx.tenantId, taskId, input);
  });
}
