// Pages for the tasks of a work programme: adding and changing a task, and a task with its score,
// dependencies and partners' resources, where it is scored.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { NotFoundError } from '../web/errors.ts';
import { asBody, submitForm, text, type FormBody } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import { idParam, page } from '../web/page.ts';
import * as repo from './plans.repository.ts';
import * as service from './plans.service.ts';
import * as tasksService from './programme-tasks.service.ts';
import { flashOf, labels, options, planBreadcrumbs, type Req, refused, rights } from './plan-pages.ts';

const taskForm = (b: FormBody) => ({
  number: text(b.number),
  title: text(b.title),
  comments: text(b.comments),
  source: text(b.source),
  leadOrganisationId: text(b.leadOrganisationId),
  dependsOn: String(text(b.dependsOn) ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean),
  incorporates: String(text(b.incorporates) ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean),
});

export function registerProgrammeTaskPages(app: FastifyInstance, db: Database) {
  const taskPage = async (req: Req, reply: FastifyReply, taskId: string | null, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'));
    if (!view.programme) throw new NotFoundError('page');
    const task = taskId ? view.programme.tasks.find((t) => t.id === taskId) : null;
    if (taskId && !task) throw new NotFoundError('page');
    const owners = await repo.ownerChoices(db, req.ctx.tenantId);
    const values =
      (extra.values as FormBody | undefined) ??
      (task
        ? { ...task, dependsOn: task.dependsOn.join(', '), incorporates: task.incorporates.join(', ') }
        : { number: String((view.programme.tasks.at(-1)?.number ?? 0) + 1) });
    const m = view.programme.matrix;
    const scale = (labelsOf: string[], chosen: unknown) =>
      labelsOf.map((l, k) => ({ value: String(k + 1), text: `${k + 1}: ${l}`, checked: String(chosen) === String(k + 1) }));
    return reply.code(code).view(task ? 'plans/views/task.njk' : 'plans/views/task-form.njk', {
      pageTitle: task ? `Task ${task.number}` : 'Add a task',
      plan: view.plan,
      programme: view.programme,
      task,
      values,
      errors: {},
      ...labels,
      ...rights(req),
      flash: flashOf(req),
      organisationOptions: options(owners.organisations, values.leadOrganisationId, 'None yet'),
      partnerOptions: options(owners.organisations, values.organisationId, 'Select a partner'),
      likelihoodItems: scale(m.likelihoodLabels, values.likelihood),
      impactItems: scale(m.impactLabels, values.impact),
      levelOptions: [
        { value: '', text: 'As the matrix gives' },
        ...Array.from({ length: m.levelMinimums.length + 1 }, (_, k) => ({
          value: String(k + 1),
          text: `Level ${k + 1}`,
          selected: String(values.levelOverride ?? '') === String(k + 1),
        })),
      ],
      backLink: task ? `/plans/${view.plan.id}/tasks/${task.id}` : `/plans/${view.plan.id}`,
      breadcrumbs: planBreadcrumbs(view.plan),
      ...extra,
    });
  };
  app.get(
    '/plans/:id/tasks/new',
    access('plan.edit'),
    page(async (req, reply) => taskPage(req, reply, null)),
  );
  app.get(
    '/plans/:id/tasks/:taskId',
    access('manage.view'),
    page(async (req, reply) => taskPage(req, reply, idParam(req, 'taskId'))),
  );
  const taskPost = (path: string, run: (req: Req, body: FormBody, planId: string, taskId: string | null) => Promise<[string, string]>) =>
    app.post(
      path,
      access('plan.edit'),
      page(async (req, reply) => {
        const planId = idParam(req, 'id');
        const taskId = req.params.taskId ? idParam(req, 'taskId') : null;
        const body = asBody(req.body);
        return submitForm(() => run(req, body, planId, taskId), {
          done: ([id, done]) => reply.redirect(`/plans/${planId}/tasks/${id}?done=${done}`, 303),
          invalid: (errors, status) => taskPage(req, reply, taskId, { values: body, ...refused(errors, status) }, status),
        });
      }),
    );
  taskPost('/plans/:id/tasks/new', async (req, b, planId) => [await tasksService.saveTask(db, req.ctx, planId, null, 1, taskForm(b)), 'task']);
  taskPost('/plans/:id/tasks/:taskId', async (req, b, planId, taskId) => [
    await tasksService.saveTask(db, req.ctx, planId, taskId, formVersion(b.version), taskForm(b)),
    'task',
  ]);
  taskPost('/plans/:id/tasks/:taskId/score', async (req, b, planId, taskId) => {
    await tasksService.scoreTask(db, req.ctx, planId, taskId!, formVersion(b.version), {
      likelihood: text(b.likelihood),
      impact: text(b.impact),
      levelOverride: text(b.levelOverride),
      levelOverrideReason: text(b.levelOverrideReason),
    });
    return [taskId!, 'scored'];
  });
  taskPost('/plans/:id/tasks/:taskId/resources', async (req, b, planId, taskId) => {
    await tasksService.addTaskResource(db, req.ctx, planId, taskId!, { organisationId: text(b.organisationId), resources: text(b.resources) });
    return [taskId!, 'resource'];
  });
}
