// The public pages of published plans: the list, a plan or work programme, an action, and the plan's
// documents.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { idParam, page } from '../web/page.ts';
import { formatLongDate } from '../calendar/format.ts';
import * as repo from './plans.repository.ts';
import * as service from './plans.service.ts';
import * as actionsService from './plan-actions.service.ts';
import { formatPlanDate } from './rules.ts';
import { labels } from './plan-pages.ts';
import { registerPlanDocuments } from './plan-documents.routes.ts';

export function registerPublicPlanPages(app: FastifyInstance, db: Database) {
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
      const view = await actionsService.actionView(db, req.ctx.tenantId, idParam(req, 'id'), idParam(req, 'actionId'), { publicOnly: true });
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
