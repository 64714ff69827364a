// Commands and queries for the actions of delivery plans: adding and changing them (references,
// dependencies without circles, links), progress updates (recurring actions get their next review),
// reminders to leads, and import of actions.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import { todayInEngland } from '../calendar/today.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as repo from './plans.repository.ts';
import * as actionsRepo from './plan-actions.repository.ts';
import { actionInput, progressInput, type ActionInput } from './plans.schemas.ts';
import { assessAction, cycleMessage, dependencyCycle, nextReviewDate, routeReferences } from './rules.ts';
import type { PlanImportRow } from './plan-types.ts';
import { assertOpen, describeAction, openPlan, planView } from './plans.service.ts';
import { formatLongDate } from '../calendar/format.ts';
import { reminderDue } from '../mail/reminders.ts';

// ---- Actions ---------------------------------------------------------------------------------------------

/** Field errors for an action's references: its prefix, the actions it depends on, and cycles. */
async function checkAction(tx: Queryable, tenantId: string, planId: string, actionId: string | null, input: ActionInput) {
  const priorities = await repo.listPriorities(tx, tenantId, planId);
  const priority = priorities.find((p) => p.id === input.priorityId);
  if (!priority) throw new ValidationError({ priorityId: 'Select the priority from the list' });
  if (!input.reference.startsWith(`${priority.number}.`)) {
    throw new ValidationError({ reference: `Actions under priority ${priority.number} are numbered ${priority.number}.1, ${priority.number}.2 and so on` });
  }
  const actions = await actionsRepo.listActions(tx, tenantId, planId);
  const byRef = new Map(actions.filter((a) => a.id !== actionId).map((a) => [a.reference, a.id]));
  if (byRef.has(input.reference)) throw new ValidationError({ reference: `The plan already has an action ${input.reference}` });
  const dependsOn = [...new Set(input.dependsOn)];
  const unknown = dependsOn.filter((r) => !byRef.has(r) && r !== input.reference);
  if (unknown.length) throw new ValidationError({ dependsOn: `The plan has no action ${unknown.join(', ')}` });
  // Cycles are checked on references, with this action's edges replaced by the new ones.
  const refOf = new Map(actions.map((a) => [a.id, a.reference]));
  const edges = (await actionsRepo.planDependencies(tx, tenantId, planId))
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

const actionFields = (input: ActionInput, existing: actionsRepo.ActionRow | null): actionsRepo.ActionFields => ({
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
      await openPlan(tx, ctx.tenantId, planId);
      const existing = actionId ? await actionsRepo.getAction(tx, ctx.tenantId, planId, actionId) : null;
      if (actionId && !existing) throw new NotFoundError('action');
      const dependsOnIds = await checkAction(tx, ctx.tenantId, planId, actionId, input);
      const fields = actionFields(input, existing);
      let id = actionId;
      if (!id) id = await actionsRepo.insertAction(tx, ctx.tenantId, planId, fields);
      else if (!(await actionsRepo.updateAction(tx, ctx.tenantId, id, version, fields))) throw new ConflictError();
      await actionsRepo.replaceDependencies(tx, ctx.tenantId, id, dependsOnIds);
      await actionsRepo.replaceLinks(tx, ctx.tenantId, id, input);
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
  const [updates, links] = await Promise.all([actionsRepo.listUpdates(db, tenantId, actionId), actionsRepo.actionLinks(db, tenantId, actionId)]);
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
    const action = await actionsRepo.getAction(tx, ctx.tenantId, planId, actionId);
    if (!action) throw new NotFoundError('action');
    assertOpen(action.planClosedOn);
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
      lastUpdateOn: input.updateOn,
    };
    const { rag } = assessAction(after, { startsOn: action.planStartsOn, endsOn: action.planEndsOn, closedOn: action.planClosedOn }, today);
    await actionsRepo.insertUpdate(tx, ctx.tenantId, actionId, {
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
    await actionsRepo.setActionProgress(tx, ctx.tenantId, actionId, {
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
  for (const row of await actionsRepo.listOpenActions(db, tenantId)) {
    const a = describeAction(row, today);
    // Nobody is chased about an action of a plan whose period is over.
    if (a.stage !== 'live') continue;
    const kind = reminderDue({ status: 'ongoing', dueDate: a.dueOn }, today);
    if (!kind || !a.leadEmail || !a.dueOn) continue;
    await db.transaction({ actor: 'system:reminders' }, async (tx) => {
      if (!(await actionsRepo.claimActionReminder(tx, tenantId, a.id, kind, a.dueOn!))) return;
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
    await openPlan(tx, ctx.tenantId, planId);
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
    const existing = new Map((await actionsRepo.listActions(tx, ctx.tenantId, planId)).map((a) => [a.reference, a]));
    let added = 0,
      updated = 0;
    const ids = new Map([...existing].map(([ref, a]) => [ref, a.id]));
    for (const r of rows) {
      const input = parseOrThrow(actionInput, { ...r, priorityId: priorities.get(r.priorityNumber), dependsOn: [] });
      const before = existing.get(r.reference) ?? null;
      const fields = actionFields(input, before);
      if (before) {
        await actionsRepo.updateAction(tx, ctx.tenantId, before.id, before.version, fields);
        updated += 1;
      } else {
        ids.set(r.reference, await actionsRepo.insertAction(tx, ctx.tenantId, planId, fields));
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
      await actionsRepo.replaceDependencies(
        tx,
        ctx.tenantId,
        ids.get(r.reference)!,
        targets.map((t) => ids.get(t)!),
      );
    }
    return { added, updated };
  });
}
