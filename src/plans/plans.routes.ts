// Pages for plans: the list, a delivery plan in seed 004's table shape (printable; Word, XLSX and
// CSV; import), an action with its dependencies both ways, links and progress, the overdue list, a
// work programme in seed 003's shape with its scoring, heat map and level-1 shortlist, endorsement,
// publication, and the public pages of published plans.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { asBody, errorSummary, lines, readDate, text, toArray, type FormBody } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import { idParam, page, queryText, type PageRequest } from '../web/page.ts';
import { isUpload, MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { todayInEngland } from '../calendar/today.ts';
import * as repo from './plans.repository.ts';
import * as service from './plans.service.ts';
import { ACTION_STATUSES, formatPlanDate } from './rules.ts';
import { PLAN_COLUMNS } from './plan-types.ts';
import { planToDocx } from './documents/plan-docx.ts';
import { planToCsv, planToXlsx } from './documents/plan-xlsx.ts';
import { parsePlanImport } from './documents/plan-import.ts';
import { formatLongDate } from '../calendar/format.ts';
import { sendDocument } from '../documents/download.ts';

type Req = PageRequest;

export const STATUS_LABELS: Record<string, string> = {
  not_started: 'Not started',
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  completed: 'Completed',
  deferred: 'Deferred',
};
export const RAG_LABELS: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red', grey: 'Not assessed' };
export const RAG_TAGS: Record<string, string> = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red', grey: 'govuk-tag--grey' };
const KIND_LABELS: Record<string, string> = { delivery_plan: 'Delivery plan', work_programme: 'Work programme' };
const FLASH: Record<string, string> = {
  created: 'Plan added',
  updated: 'Changes saved',
  priority: 'Priority saved',
  action: 'Action saved',
  progress: 'Progress update recorded',
  published: 'Published',
  withdrawn: 'Withdrawn',
  endorsed: 'Endorsement recorded',
  task: 'Task saved',
  scored: 'Score saved',
  resource: 'Resources recorded',
  imported: 'Actions imported',
};
const labels = { statusLabels: STATUS_LABELS, ragLabels: RAG_LABELS, ragTags: RAG_TAGS, kindLabels: KIND_LABELS, columns: PLAN_COLUMNS };
const options = (list: { id: string; name?: string; label?: string }[], selected: unknown, blank?: string) => [
  ...(blank === undefined ? [] : [{ value: '', text: blank }]),
  ...list.map((o) => ({ value: o.id, text: o.name ?? o.label ?? '', selected: o.id === selected })),
];
const checkboxes = (list: { id: string; label: string }[], selected: string[]) =>
  list.map((o) => ({ value: o.id, text: o.label, checked: selected.includes(o.id) }));

function failure(err: unknown): { errors: Record<string, string>; errorList: { text: string; href?: string }[]; code: number } {
  if (err instanceof ConflictError) return { errors: {}, errorList: [{ text: `${err.message}. Reload the page and try again.` }], code: 409 };
  if (!(err instanceof ValidationError)) throw err;
  return { errors: err.fieldErrors, errorList: errorSummary(err.fieldErrors), code: 400 };
}

const planForm = (b: FormBody) => ({
  kind: text(b.kind),
  title: text(b.title),
  periodLabel: text(b.periodLabel),
  introduction: text(b.introduction),
  partnershipId: text(b.partnershipId),
  bodyId: text(b.bodyId),
});
const actionForm = (b: FormBody) => ({
  priorityId: text(b.priorityId),
  reference: text(b.reference),
  description: text(b.description),
  leadOfficer: text(b.leadOfficer),
  leadPersonId: text(b.leadPersonId),
  firstMilestone: text(b.firstMilestone),
  continuesUntil: text(b.continuesUntil),
  resources: text(b.resources),
  keyRisks: text(b.keyRisks),
  outputs: text(b.outputs),
  decisionRoute: text(b.decisionRoute),
  dependsOn: String(text(b.dependsOn) ?? '')
    .split(/[\s,;]+/)
    .filter(Boolean),
  indicatorIds: toArray(b.indicatorIds),
  meetingIds: toArray(b.meetingIds),
  resolutionIds: toArray(b.resolutionIds),
});
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

export async function registerPlanPages(app: FastifyInstance, db: Database) {
  const flashOf = (req: Req) => FLASH[queryText(req, 'done')];
  const rights = (req: Req) => ({ canEdit: can(req.user, 'plan.edit'), canPublish: can(req.user, 'plan.publish'), canUpdate: can(req.user, 'action.edit') });

  // ---- List and overdue -----------------------------------------------------------------------------------
  app.get(
    '/plans',
    access('manage.view'),
    page(async (req, reply) => {
      const [plans, overdue] = await Promise.all([repo.listPlans(db, req.ctx.tenantId), service.overdueView(db, req.ctx.tenantId)]);
      return reply.view('plans/views/plans.njk', {
        pageTitle: 'Plans',
        plans,
        overdueCount: overdue.overdue.length,
        lateCount: overdue.lateStarts.length,
        ...labels,
        ...rights(req),
        flash: flashOf(req),
      });
    }),
  );

  app.get(
    '/plans/overdue',
    access('manage.view'),
    page(async (req, reply) => {
      const view = await service.overdueView(db, req.ctx.tenantId);
      return reply.view('plans/views/overdue.njk', {
        pageTitle: 'Overdue actions and milestones',
        ...view,
        ...labels,
        formatPlanDate,
        breadcrumbs: [{ text: 'Plans', href: '/plans' }],
      });
    }),
  );

  // ---- A plan: add and change ---------------------------------------------------------------------------------
  const planFormPage = async (req: Req, reply: FastifyReply, plan: repo.PlanRow | null, extra: Record<string, unknown> = {}, code = 200) => {
    const choices = await repo.ownerChoices(db, req.ctx.tenantId);
    const values = (extra.values as FormBody | undefined) ?? (plan ? { ...plan } : { kind: queryText(req, 'kind') || 'delivery_plan' });
    return reply.code(code).view('plans/views/plan-form.njk', {
      pageTitle: plan ? `Change ${plan.title}` : 'Add a plan',
      plan,
      values,
      errors: {},
      partnershipOptions: options(choices.partnerships, values.partnershipId, 'None'),
      bodyOptions: options(choices.bodies, values.bodyId, 'None'),
      kindItems: Object.entries(KIND_LABELS).map(([value, t]) => ({ value, text: t, checked: value === values.kind })),
      backLink: plan ? `/plans/${plan.id}` : '/plans',
      breadcrumbs: [{ text: 'Plans', href: '/plans' }],
      ...extra,
    });
  };
  app.get(
    '/plans/new',
    access('plan.edit'),
    page(async (req, reply) => planFormPage(req, reply, null)),
  );
  app.post(
    '/plans/new',
    access('plan.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      try {
        const id = await service.createPlan(db, req.ctx, planForm(body));
        return reply.redirect(`/plans/${id}?done=created`, 303);
      } catch (err) {
        const f = failure(err);
        return planFormPage(req, reply, null, { values: body, ...f }, f.code);
      }
    }),
  );
  app.get(
    '/plans/:id/edit',
    access('plan.edit'),
    page(async (req, reply) => {
      const plan = await repo.getPlan(db, req.ctx.tenantId, idParam(req, 'id'));
      if (!plan) throw new NotFoundError('page');
      return planFormPage(req, reply, plan);
    }),
  );
  app.post(
    '/plans/:id/edit',
    access('plan.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const plan = await repo.getPlan(db, req.ctx.tenantId, id);
      if (!plan) throw new NotFoundError('page');
      const body = asBody(req.body);
      try {
        await service.updatePlan(db, req.ctx, id, formVersion(body.version), { ...planForm(body), kind: plan.kind });
        return reply.redirect(`/plans/${id}?done=updated`, 303);
      } catch (err) {
        const f = failure(err);
        return planFormPage(req, reply, plan, { values: { ...body, kind: plan.kind }, ...f }, f.code);
      }
    }),
  );

  // ---- A plan: the page ---------------------------------------------------------------------------------------
  const planPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'));
    const needsMeetings = can(req.user, 'plan.edit');
    const choices = needsMeetings ? await repo.linkChoices(db, req.ctx.tenantId) : null;
    const values = (extra.values as FormBody | undefined) ?? {};
    return reply.code(code).view(view.plan.kind === 'work_programme' ? 'plans/views/programme.njk' : 'plans/views/plan.njk', {
      pageTitle: view.plan.title,
      ...view,
      ...labels,
      ...rights(req),
      flash: flashOf(req),
      errors: {},
      values,
      formatPlanDate,
      formatLongDate,
      meetingOptions: choices ? options(choices.meetings, values.meetingId, 'Select a meeting') : [],
      resolutionOptions: choices ? options(choices.resolutions, values.resolutionId, 'None') : [],
      nextPriority: (view.priorities.at(-1)?.number ?? 0) + 1,
      breadcrumbs: [{ text: 'Plans', href: '/plans' }],
      ...extra,
    });
  };
  app.get(
    '/plans/:id',
    access('manage.view'),
    page(async (req, reply) => planPage(req, reply)),
  );

  const planPost = (path: string, action: 'plan.edit' | 'plan.publish', run: (req: Req, body: FormBody, id: string) => Promise<string>) =>
    app.post(
      `/plans/:id${path}`,
      access(action),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        try {
          const done = await run(req, body, id);
          return reply.redirect(`/plans/${id}?done=${done}`, 303);
        } catch (err) {
          const f = failure(err);
          return planPage(req, reply, { values: body, ...f }, f.code);
        }
      }),
    );
  planPost('/publish', 'plan.publish', async (req, b, id) => {
    const publish = text(b.action) !== 'withdraw';
    await service.setPublication(db, req.ctx, id, publish);
    return publish ? 'published' : 'withdrawn';
  });
  planPost('/endorsement', 'plan.edit', async (req, b, id) => {
    const errors: Record<string, string> = {};
    const endorsedOn = readDate(b, 'endorsedOn', 'Date endorsed', errors);
    if (Object.keys(errors).length) throw new ValidationError(errors);
    await service.endorse(db, req.ctx, id, { meetingId: text(b.meetingId), resolutionId: text(b.resolutionId), endorsedOn });
    return 'endorsed';
  });
  planPost('/priorities', 'plan.edit', async (req, b, id) => {
    await service.savePriority(db, req.ctx, id, null, 1, { number: text(b.number), title: text(b.title), outcomes: lines(b.outcomes) });
    return 'priority';
  });

  // ---- Priorities -------------------------------------------------------------------------------------------
  const priorityPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const planId = idParam(req, 'id');
    const plan = await repo.getPlan(db, req.ctx.tenantId, planId);
    const priority = plan && (await repo.listPriorities(db, req.ctx.tenantId, planId)).find((p) => p.id === idParam(req, 'priorityId'));
    if (!plan || !priority) throw new NotFoundError('page');
    return reply.code(code).view('plans/views/priority-form.njk', {
      pageTitle: `Change priority ${priority.number}`,
      plan,
      priority,
      errors: {},
      values: { ...priority, outcomes: priority.outcomes.join('\n') },
      backLink: `/plans/${planId}`,
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: plan.title, href: `/plans/${planId}` },
      ],
      ...extra,
    });
  };
  app.get(
    '/plans/:id/priorities/:priorityId',
    access('plan.edit'),
    page(async (req, reply) => priorityPage(req, reply)),
  );
  app.post(
    '/plans/:id/priorities/:priorityId',
    access('plan.edit'),
    page(async (req, reply) => {
      const planId = idParam(req, 'id');
      const body = asBody(req.body);
      try {
        await service.savePriority(db, req.ctx, planId, idParam(req, 'priorityId'), formVersion(body.version), {
          number: text(body.number),
          title: text(body.title),
          outcomes: lines(body.outcomes),
        });
        return reply.redirect(`/plans/${planId}?done=priority`, 303);
      } catch (err) {
        const f = failure(err);
        return priorityPage(req, reply, { values: body, ...f }, f.code);
      }
    }),
  );

  // ---- Actions ------------------------------------------------------------------------------------------------
  const actionFormPage = async (req: Req, reply: FastifyReply, actionId: string | null, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'));
    const action = actionId ? view.actions.find((a) => a.id === actionId) : null;
    if (actionId && !action) throw new NotFoundError('page');
    const [choices, owners, links] = await Promise.all([
      repo.linkChoices(db, req.ctx.tenantId),
      repo.ownerChoices(db, req.ctx.tenantId),
      action ? repo.actionLinks(db, req.ctx.tenantId, action.id) : [],
    ]);
    const linked = (kind: string) => links.filter((l) => l.kind === kind).map((l) => l.id);
    const values =
      (extra.values as FormBody | undefined) ??
      (action
        ? {
            ...action,
            firstMilestone: action.firstMilestoneText,
            continuesUntil: action.continuesUntilText,
            dependsOn: action.dependsOn.map((d) => d.reference).join(', '),
          }
        : { priorityId: queryText(req, 'priority') });
    const selected = (key: string, kind: string) => (extra.values ? toArray((extra.values as FormBody)[key]) : linked(kind));
    return reply.code(code).view('plans/views/action-form.njk', {
      pageTitle: action ? `Change action ${action.reference}` : 'Add an action',
      plan: view.plan,
      action,
      values,
      errors: {},
      priorityOptions: options(
        view.priorities.map((p) => ({ id: p.id, name: `${p.number}: ${p.title}` })),
        values.priorityId,
        'Select a priority',
      ),
      personOptions: options(owners.people, values.leadPersonId, 'No one (no reminders)'),
      indicatorItems: checkboxes(choices.indicators, selected('indicatorIds', 'indicator')),
      meetingItems: checkboxes(choices.meetings, selected('meetingIds', 'meeting')),
      resolutionItems: checkboxes(choices.resolutions.slice(0, 200), selected('resolutionIds', 'resolution')),
      backLink: action ? `/plans/${view.plan.id}/actions/${action.id}` : `/plans/${view.plan.id}`,
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: view.plan.title, href: `/plans/${view.plan.id}` },
      ],
      ...extra,
    });
  };
  app.get(
    '/plans/:id/actions/new',
    access('plan.edit'),
    page(async (req, reply) => actionFormPage(req, reply, null)),
  );
  app.get(
    '/plans/:id/actions/:actionId/edit',
    access('plan.edit'),
    page(async (req, reply) => actionFormPage(req, reply, idParam(req, 'actionId'))),
  );
  for (const path of ['/plans/:id/actions/new', '/plans/:id/actions/:actionId/edit']) {
    app.post(
      path,
      access('plan.edit'),
      page(async (req, reply) => {
        const planId = idParam(req, 'id');
        const actionId = path.endsWith('/new') ? null : idParam(req, 'actionId');
        const body = asBody(req.body);
        try {
          const id = await service.saveAction(db, req.ctx, planId, actionId, formVersion(body.version), actionForm(body));
          return reply.redirect(`/plans/${planId}/actions/${id}?done=action`, 303);
        } catch (err) {
          const f = failure(err);
          return actionFormPage(req, reply, actionId, { values: body, ...f }, f.code);
        }
      }),
    );
  }

  const actionPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.actionView(db, req.ctx.tenantId, idParam(req, 'id'), idParam(req, 'actionId'));
    const values = (extra.values as FormBody | undefined) ?? { status: view.action.status, percentComplete: view.action.percentComplete ?? '' };
    return reply.code(code).view('plans/views/action.njk', {
      pageTitle: `Action ${view.action.reference}`,
      ...view,
      ...labels,
      ...rights(req),
      flash: flashOf(req),
      errors: {},
      values,
      formatPlanDate,
      formatLongDate,
      statusItems: ACTION_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s], checked: s === values.status })),
      ragItems: [
        { value: '', text: 'Work it out from progress', checked: !values.ragOverride },
        ...['green', 'amber', 'red'].map((r) => ({ value: r, text: RAG_LABELS[r], checked: r === values.ragOverride })),
      ],
      today: todayInEngland(),
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: view.plan.title, href: `/plans/${view.plan.id}` },
      ],
      ...extra,
    });
  };
  app.get(
    '/plans/:id/actions/:actionId',
    access('manage.view'),
    page(async (req, reply) => actionPage(req, reply)),
  );
  app.post(
    '/plans/:id/actions/:actionId/progress',
    access('action.edit'),
    page(async (req, reply) => {
      const planId = idParam(req, 'id');
      const actionId = idParam(req, 'actionId');
      const body = asBody(req.body);
      try {
        const errors: Record<string, string> = {};
        const updateOn = readDate(body, 'updateOn', 'Date of the update', errors, { required: true });
        if (Object.keys(errors).length) throw new ValidationError(errors);
        await service.recordProgress(db, req.ctx, planId, actionId, {
          updateOn,
          narrative: text(body.narrative),
          percentComplete: text(body.percentComplete),
          status: text(body.status),
          ragOverride: text(body.ragOverride),
          ragOverrideReason: text(body.ragOverrideReason),
        });
        return reply.redirect(`/plans/${planId}/actions/${actionId}?done=progress`, 303);
      } catch (err) {
        const f = failure(err);
        return actionPage(req, reply, { values: body, ...f }, f.code);
      }
    }),
  );

  // ---- Work programme tasks -------------------------------------------------------------------------------------
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
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: view.plan.title, href: `/plans/${view.plan.id}` },
      ],
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
        try {
          const [id, done] = await run(req, body, planId, taskId);
          return reply.redirect(`/plans/${planId}/tasks/${id}?done=${done}`, 303);
        } catch (err) {
          const f = failure(err);
          return taskPage(req, reply, taskId, { values: body, ...f }, f.code);
        }
      }),
    );
  taskPost('/plans/:id/tasks/new', async (req, b, planId) => [await service.saveTask(db, req.ctx, planId, null, 1, taskForm(b)), 'task']);
  taskPost('/plans/:id/tasks/:taskId', async (req, b, planId, taskId) => [
    await service.saveTask(db, req.ctx, planId, taskId, formVersion(b.version), taskForm(b)),
    'task',
  ]);
  taskPost('/plans/:id/tasks/:taskId/score', async (req, b, planId, taskId) => {
    await service.scoreTask(db, req.ctx, planId, taskId!, formVersion(b.version), {
      likelihood: text(b.likelihood),
      impact: text(b.impact),
      levelOverride: text(b.levelOverride),
      levelOverrideReason: text(b.levelOverrideReason),
    });
    return [taskId!, 'scored'];
  });
  taskPost('/plans/:id/tasks/:taskId/resources', async (req, b, planId, taskId) => {
    await service.addTaskResource(db, req.ctx, planId, taskId!, { organisationId: text(b.organisationId), resources: text(b.resources) });
    return [taskId!, 'resource'];
  });

  // ---- Documents and import ------------------------------------------------------------------------------------
  registerPlanDocuments(app, db, '/plans/:id', 'manage.view', false);

  const importPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const plan = await repo.getPlan(db, req.ctx.tenantId, idParam(req, 'id'));
    if (plan?.kind !== 'delivery_plan') throw new NotFoundError('page');
    return reply.code(code).view('plans/views/import.njk', {
      pageTitle: `Import actions into ${plan.title}`,
      plan,
      errors: {},
      ...labels,
      backLink: `/plans/${plan.id}`,
      breadcrumbs: [
        { text: 'Plans', href: '/plans' },
        { text: plan.title, href: `/plans/${plan.id}` },
      ],
      ...extra,
    });
  };
  app.get(
    '/plans/:id/import',
    access('plan.edit'),
    page(async (req, reply) => importPage(req, reply)),
  );
  app.post(
    '/plans/:id/import',
    { ...access('plan.edit'), bodyLimit: 20 * 1024 * 1024 },
    page(async (req, reply) => {
      const planId = idParam(req, 'id');
      const file = asBody(req.body).file;
      try {
        if (!isUpload(file) || file.filename.trim() === '') throw new ValidationError({ file: 'Select a CSV or Excel file of actions' });
        if (file.tooLarge || file.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ file: 'The selected file must be smaller than 10MB' });
        if (file.data.length === 0) throw new ValidationError({ file: 'The selected file is empty' });
        const parsed = await parsePlanImport({ filename: file.filename, data: file.data });
        if (parsed.problems.length) {
          const count = parsed.problems.reduce((n, p) => n + p.messages.length, 0);
          return importPage(
            req,
            reply,
            {
              problems: parsed.problems,
              totalRows: parsed.rows.length + parsed.problems.length,
              errorList: [{ text: `The file has ${count} problem${count === 1 ? '' : 's'}. Nothing has been imported`, href: '#problems' }],
            },
            400,
          );
        }
        if (!parsed.rows.length) throw new ValidationError({ file: 'The file has no actions under its heading row' });
        const result = await service.importActions(
          db,
          req.ctx,
          planId,
          parsed.rows.map((r) => r.row),
        );
        return reply.redirect(`/plans/${planId}?done=imported&added=${result.added}&updated=${result.updated}`, 303);
      } catch (err) {
        const f = failure(err);
        return importPage(req, reply, { ...f, errors: f.errors._ ? { file: f.errors._ } : f.errors }, f.code);
      }
    }),
  );

  // ---- Public pages ----------------------------------------------------------------------------------------------
  app.get(
    '/delivery-plans',
    access('public.view'),
    page(async (req, reply) => {
      const plans = await repo.listPlans(db, req.ctx.tenantId, { publicOnly: true });
      return reply.view('plans/views/public-plans.njk', { pageTitle: 'Plans and work programmes', plans, ...labels });
    }),
  );
  app.get(
    '/delivery-plans/:id',
    access('public.view'),
    page(async (req, reply) => {
      const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'), { publicOnly: true });
      return reply.view(view.plan.kind === 'work_programme' ? 'plans/views/programme.njk' : 'plans/views/plan.njk', {
        pageTitle: view.plan.title,
        ...view,
        ...labels,
        publicView: true,
        formatPlanDate,
        formatLongDate,
        errors: {},
        values: {},
        breadcrumbs: [{ text: 'Plans and work programmes', href: '/delivery-plans' }],
      });
    }),
  );
  app.get(
    '/delivery-plans/:id/actions/:actionId',
    access('public.view'),
    page(async (req, reply) => {
      const view = await service.actionView(db, req.ctx.tenantId, idParam(req, 'id'), idParam(req, 'actionId'), { publicOnly: true });
      return reply.view('plans/views/action.njk', {
        pageTitle: `Action ${view.action.reference}`,
        ...view,
        ...labels,
        publicView: true,
        formatPlanDate,
        formatLongDate,
        errors: {},
        values: {},
        breadcrumbs: [
          { text: 'Plans and work programmes', href: '/delivery-plans' },
          { text: view.plan.title, href: `/delivery-plans/${view.plan.id}` },
        ],
      });
    }),
  );
  registerPlanDocuments(app, db, '/delivery-plans/:id', 'public.view', true);
}

/** The plan as Word, XLSX and CSV, at `${base}/plan.docx` and so on. */
function registerPlanDocuments(app: FastifyInstance, db: Database, base: string, action: 'manage.view' | 'public.view', publicOnly: boolean) {
  const send = (extension: 'docx' | 'xlsx' | 'csv', type: string, build: (doc: ReturnType<typeof service.planDocument>) => Promise<Buffer | string> | string) =>
    app.get(
      `${base}/plan.${extension}`,
      access(action),
      page(async (req, reply) => {
        const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'), { publicOnly });
        if (view.plan.kind !== 'delivery_plan') throw new NotFoundError('page');
        const name =
          view.plan.title
            .replace(/[^A-Za-z0-9 ()&-]+/g, ' ')
            .replace(/\s+/g, ' ')
            .trim() || 'Plan';
        return sendDocument(reply, {
          filename: `${name}.${extension}`,
          contentType: type,
          content: await build(service.planDocument(view)),
          caching: publicOnly ? 'public' : 'none',
        });
      }),
    );
  send('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', planToDocx);
  send('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', planToXlsx);
  send('csv', 'text/csv; charset=utf-8', planToCsv);
}
