// Pages for plans: the list, the overdue list, adding and changing a plan, a delivery plan in seed 004's
// table shape or a work programme in seed 003's, endorsement, publication and priorities. registerPlanPages
// also registers the pages of actions, tasks, documents, import and the public pages of published plans.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import { asBody, lines, readDate, submitForm, text, type FormBody } from '../web/forms.ts';
import { fieldErrorsFrom, formVersion } from '../web/schema.ts';
import { planInput } from './plans.schemas.ts';
import { todayInEngland } from '../calendar/today.ts';
import { idParam, page, queryText } from '../web/page.ts';
import * as repo from './plans.repository.ts';
import * as actionsRepo from './plan-actions.repository.ts';
import * as service from './plans.service.ts';
import { formatPlanDate } from './rules.ts';
import { formatLongDate } from '../calendar/format.ts';
import { flashOf, KIND_LABELS, labels, options, planBreadcrumbs, type Req, refused, rights } from './plan-pages.ts';
import { registerPlanActionPages } from './plan-actions.routes.ts';
import { registerProgrammeTaskPages } from './programme-tasks.routes.ts';
import { registerPlanDocuments, registerPlanImportPages } from './plan-documents.routes.ts';
import { registerPublicPlanPages } from './public-plans.routes.ts';

const planForm = (b: FormBody) => ({
  kind: text(b.kind),
  title: text(b.title),
  periodLabel: text(b.periodLabel),
  introduction: text(b.introduction),
  partnershipId: text(b.partnershipId),
  bodyId: text(b.bodyId),
});

/**
 * Runs a command with the plan form's fields and its period's date inputs. A date that cannot be read is
 * reported with every other problem of the form (checked against the schema), and nothing is saved.
 */
function withPeriod<T>(b: FormBody, fields: ReturnType<typeof planForm>, run: (input: Record<string, unknown>) => Promise<T>): Promise<T> {
  const errors: Record<string, string> = {};
  const input = {
    ...fields,
    startsOn: readDate(b, 'startsOn', 'Start of the period', errors) ?? null,
    endsOn: readDate(b, 'endsOn', 'End of the period', errors) ?? null,
  };
  if (!Object.keys(errors).length) return run(input);
  const checked = planInput.safeParse(input);
  throw new ValidationError({ ...(checked.success ? {} : fieldErrorsFrom(checked.error)), ...errors });
}

export async function registerPlanPages(app: FastifyInstance, db: Database) {
  // ---- List and overdue -----------------------------------------------------------------------------------
  app.get(
    '/plans',
    access('manage.view'),
    page(async (req, reply) => {
      const [plans, overdue] = await Promise.all([repo.listPlans(db, req.ctx.tenantId), service.overdueView(db, req.ctx.tenantId)]);
      return reply.view('plans/views/plans.njk', {
        pageTitle: 'Plans',
        plans,
        today: todayInEngland(),
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
      return submitForm(() => withPeriod(body, planForm(body), (input) => service.createPlan(db, req.ctx, input)), {
        done: (id) => reply.redirect(`/plans/${id}?done=created`, 303),
        invalid: (errors, status) => planFormPage(req, reply, null, { values: body, ...refused(errors, status) }, status),
      });
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
      return submitForm(
        () => withPeriod(body, { ...planForm(body), kind: plan.kind }, (input) => service.updatePlan(db, req.ctx, id, formVersion(body.version), input)),
        {
          done: () => reply.redirect(`/plans/${id}?done=updated`, 303),
          invalid: (errors, status) => planFormPage(req, reply, plan, { values: { ...body, kind: plan.kind }, ...refused(errors, status) }, status),
        },
      );
    }),
  );

  // ---- A plan: the page ---------------------------------------------------------------------------------------
  const planPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'));
    const needsMeetings = can(req.user, 'plan.edit');
    const choices = needsMeetings ? await actionsRepo.linkChoices(db, req.ctx.tenantId) : null;
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
      today: todayInEngland(),
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
        return submitForm(() => run(req, body, id), {
          done: (done) => reply.redirect(`/plans/${id}?done=${done}`, 303),
          invalid: (errors, status) => planPage(req, reply, { values: body, ...refused(errors, status) }, status),
        });
      }),
    );
  planPost('/publish', 'plan.publish', async (req, b, id) => {
    const publish = text(b.action) !== 'withdraw';
    await service.setPublication(db, req.ctx, id, publish);
    return publish ? 'published' : 'withdrawn';
  });
  planPost('/reopen', 'plan.edit', async (req, _b, id) => {
    await service.reopenPlan(db, req.ctx, id);
    return 'reopened';
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

  // ---- Closing a plan: its final position frozen as at a date, after confirmation ----------------------------
  const closePage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'));
    return reply.code(code).view('plans/views/close.njk', {
      pageTitle: `Close ${view.plan.title}`,
      ...view,
      ...labels,
      formatLongDate,
      errors: {},
      values: {},
      backLink: `/plans/${view.plan.id}`,
      breadcrumbs: planBreadcrumbs(view.plan),
      ...extra,
    });
  };
  app.get(
    '/plans/:id/close',
    access('plan.edit'),
    page(async (req, reply) => closePage(req, reply)),
  );
  app.post(
    '/plans/:id/close',
    access('plan.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const body = asBody(req.body);
      return submitForm(
        async () => {
          const dateErrors: Record<string, string> = {};
          const closedOn = readDate(body, 'closedOn', 'Date closed', dateErrors, { required: true });
          try {
            await service.closePlan(db, req.ctx, id, { closedOn, closingNote: text(body.closingNote) }, { confirmed: text(body.confirmed) === 'yes' });
          } catch (err) {
            // The date input's own message ("Date closed must include a month") rather than the schema's.
            if (err instanceof ValidationError && dateErrors.closedOn) throw new ValidationError({ ...err.fieldErrors, ...dateErrors });
            throw err;
          }
        },
        {
          done: () => reply.redirect(`/plans/${id}?done=closed`, 303),
          invalid: (errors, status) => closePage(req, reply, { values: body, ...refused(errors, status) }, status),
        },
      );
    }),
  );

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
      breadcrumbs: planBreadcrumbs(plan),
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
      return submitForm(
        () =>
          service.savePriority(db, req.ctx, planId, idParam(req, 'priorityId'), formVersion(body.version), {
            number: text(body.number),
            title: text(body.title),
            outcomes: lines(body.outcomes),
          }),
        {
          done: () => reply.redirect(`/plans/${planId}?done=priority`, 303),
          invalid: (errors, status) => priorityPage(req, reply, { values: body, ...refused(errors, status) }, status),
        },
      );
    }),
  );

  registerPlanActionPages(app, db);
  registerProgrammeTaskPages(app, db);

  // ---- Documents and import ------------------------------------------------------------------------------------
  registerPlanDocuments(app, db, '/plans/:id', 'manage.view', false);
  registerPlanImportPages(app, db);
  registerPublicPlanPages(app, db);
}
