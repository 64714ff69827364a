// Commands and queries for work programme tasks: the programme scored on the partnership's risk matrix
// (heat map, levels, level-1 shortlist), adding and changing tasks, scoring them, and partners' resources.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import * as repo from './plans.repository.ts';
import * as tasksRepo from './programme-tasks.repository.ts';
import { resourceInput, scoreInput, taskInput } from './plans.schemas.ts';
import { DEFAULT_MATRIX, cycleMessage, dependencyCycle, heatMap, priorityLevel, taskLevel, type RiskMatrix } from './rules.ts';
import { matrixLevels } from './risks.service.ts';
import { matrixFor } from './risks.repository.ts';

// ---- Reading a programme ---------------------------------------------------------------------------------

/** A work programme's tasks with their levels, heat map, shortlist and resources, as its page shows them. */

export async function programmeView(db: Queryable, tenantId: string, plan: repo.PlanRow) {
  const [tasks, deps, resources, matrix] = await Promise.all([
    tasksRepo.listTasks(db, tenantId, plan.id),
    tasksRepo.taskDependencies(db, tenantId, plan.id),
    tasksRepo.taskResources(db, tenantId, plan.id),
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
function scoreWithin(t: tasksRepo.TaskRow, matrix: RiskMatrix) {
  const inScale = t.likelihood !== null && t.impact !== null && t.likelihood <= matrix.likelihoodLabels.length && t.impact <= matrix.impactLabels.length;
  return taskLevel(inScale ? t : { likelihood: null, impact: null, levelOverride: t.levelOverride }, matrix);
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
      const tasks = await tasksRepo.listTasks(tx, ctx.tenantId, planId);
      if (taskId && !tasks.some((t) => t.id === taskId)) throw new NotFoundError('task');
      const byNumber = new Map(tasks.filter((t) => t.id !== taskId).map((t) => [t.number, t.id]));
      if (byNumber.has(input.number)) throw new ValidationError({ number: `The programme already has a task ${input.number}` });
      const numberOf = new Map(tasks.map((t) => [t.id, String(t.number)]));
      const allDeps = await tasksRepo.taskDependencies(tx, ctx.tenantId, planId);
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
      if (!id) id = await tasksRepo.insertTask(tx, ctx.tenantId, planId, input);
      else if (!(await tasksRepo.updateTask(tx, ctx.tenantId, id, version, input))) throw new ConflictError();
      await tasksRepo.replaceTaskDependencies(tx, ctx.tenantId, id, 'depends_on', resolved.depends_on);
      await tasksRepo.replaceTaskDependencies(tx, ctx.tenantId, id, 'incorporates', resolved.incorporates);
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
    const task = plan ? await tasksRepo.getTask(tx, ctx.tenantId, planId, taskId) : null;
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
      !(await tasksRepo.scoreTask(tx, ctx.tenantId, taskId, version, {
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
    if (!(await tasksRepo.getTask(tx, ctx.tenantId, planId, taskId))) throw new NotFoundError('task');
    if (!(await repo.existingIds(tx, ctx.tenantId, 'organisations', [input.organisationId])).size)
      throw new ValidationError({ organisationId: 'Select the partner from the list' });
    await tasksRepo.insertTaskResource(tx, ctx.tenantId, taskId, input);
  });
}
