// Pages for the actions of a delivery plan: adding and changing one (its dependencies and links), and
// an action with its dependencies both ways, links and progress updates, where progress is recorded.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import { asBody, readDate, submitForm, text, toArray, type FormBody } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import { idParam, page, queryText } from '../web/page.ts';
import { todayInEngland } from '../calendar/today.ts';
import { formatLongDate } from '../calendar/format.ts';
import * as repo from './plans.repository.ts';
import * as actionsRepo from './plan-actions.repository.ts';
import * as service from './plans.service.ts';
import * as actionsService from './plan-actions.service.ts';
import { ACTION_STATUSES, formatPlanDate } from './rules.ts';
import { checkboxes, flashOf, labels, options, planBreadcrumbs, RAG_LABELS, type Req, refused, rights, STATUS_LABELS } from './plan-pages.ts';

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

export function registerPlanActionPages(app: FastifyInstance, db: Database) {
  const actionFormPage = async (req: Req, reply: FastifyReply, actionId: string | null, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'));
    const action = actionId ? view.actions.find((a) => a.id === actionId) : null;
    if (actionId && !action) throw new NotFoundError('page');
    const [choices, owners, links] = await Promise.all([
      actionsRepo.linkChoices(db, req.ctx.tenantId),
      repo.ownerChoices(db, req.ctx.tenantId),
      action ? actionsRepo.actionLinks(db, req.ctx.tenantId, action.id) : [],
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
      breadcrumbs: planBreadcrumbs(view.plan),
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
        return submitForm(() => actionsService.saveAction(db, req.ctx, planId, actionId, formVersion(body.version), actionForm(body)), {
          done: (id) => reply.redirect(`/plans/${planId}/actions/${id}?done=action`, 303),
          invalid: (errors, status) => actionFormPage(req, reply, actionId, { values: body, ...refused(errors, status) }, status),
        });
      }),
    );
  }

  const actionPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await actionsService.actionView(db, req.ctx.tenantId, idParam(req, 'id'), idParam(req, 'actionId'));
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
      breadcrumbs: planBreadcrumbs(view.plan),
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
      return submitForm(
        async () => {
          const errors: Record<string, string> = {};
          const updateOn = readDate(body, 'updateOn', 'Date of the update', errors, { required: true });
          if (Object.keys(errors).length) throw new ValidationError(errors);
          await actionsService.recordProgress(db, req.ctx, planId, actionId, {
            updateOn,
            narrative: text(body.narrative),
            percentComplete: text(body.percentComplete),
            status: text(body.status),
            ragOverride: text(body.ragOverride),
            ragOverrideReason: text(body.ragOverrideReason),
          });
        },
        {
          done: () => reply.redirect(`/plans/${planId}/actions/${actionId}?done=progress`, 303),
          invalid: (errors, status) => actionPage(req, reply, { values: body, ...refused(errors, status) }, status),
        },
      );
    }),
  );
}
