// Pages that show the register, to the public (/register) and in the back office: the list of partnerships,
// the landscape over time, the contacts table and a partnership's own page.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { changedFields, historyOf } from '../audit/index.ts';
import { areaChoicesFor } from '../directory/index.ts';
import type { Area } from '../web/navigation.ts';
import type { FieldErrors } from '../web/errors.ts';
import { errorSummary, readDate, type FormBody } from '../web/forms.ts';
import { dateInputParts } from '../web/form-input.ts';
import { isUuid } from '../web/schema.ts';
import { optionsFor } from '../web/labels.ts';
import * as repo from './partnerships.repository.ts';
import * as service from './partnerships.service.ts';
import { access } from '../access/route-access.ts';
import { can, type Action } from '../access/permissions.ts';
import { listPlans } from '../plans/index.ts';
import { paginationOf } from '../web/pagination.ts';
import { flashFrom } from '../web/page.ts';
import { idParam, page, type Req } from './partnership-pages.ts';
import { partnershipMoney } from './money.service.ts';
import { contributionSummary } from './money.ts';

const PAGE_SIZE = 50;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

const DONE_MESSAGES: Record<string, string> = {
  created: 'Partnership added to the register',
  updated: 'Partnership updated',
  deleted: 'Partnership deleted',
  event: 'Event added to the timeline',
  membership: 'Member added',
  contribution: 'Contribution recorded',
  pool: 'Pooled budget added',
  share: "Partner's share added",
  funding: 'Funding added',
  investment: 'Loan or investment added',
  repayment: 'Repayment added to the schedule',
  document: 'Source document added',
  removed: 'Removed',
  published: 'Published: the partnership is on the public register',
  withdrawn: 'Withdrawn: the partnership is no longer on the public register',
  ended: 'Membership ended',
};
const flashOf = flashFrom(DONE_MESSAGES);

const q = (req: Req, key: string) => {
  const v = req.query[key];
  return typeof v === 'string' ? v.trim() : '';
};

/** Staff (any signed-in role) see drafts, marked as such; the public see only what is published. */
const staff = (req: FastifyRequest) => can(req.user, 'manage.view');

export async function registerPartnershipViews(app: FastifyInstance, db: Database) {
  const base = (area: Area) => (area === 'public' ? '/register' : '/partnerships');

  // ---- List -------------------------------------------------------------------------------
  const list = (area: Area) =>
    page(async (req, reply) => {
      const asAt = service.todayInEngland();
      const filters = { search: q(req, 'q'), kind: q(req, 'kind'), status: q(req, 'status'), areaId: q(req, 'area') };
      const errors: FieldErrors = {};
      if (filters.kind && !optionsFor('partnershipKind').some((o) => o.value === filters.kind)) filters.kind = '';
      if (filters.status && !optionsFor('status').some((o) => o.value === filters.status)) filters.status = '';
      if (filters.areaId && !isUuid(filters.areaId)) filters.areaId = '';
      if (filters.search.length > 200) {
        errors.q = 'Search must be 200 characters or fewer';
        filters.search = '';
      }
      const pageNo = Math.min(Math.max(1, Number.parseInt(q(req, 'page') || '1', 10) || 1), 10_000);
      const [{ rows, total }, areas] = await Promise.all([
        repo.listPartnerships(db, req.ctx.tenantId, { ...filters, asAt, limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE, includeDrafts: staff(req) }),
        areaChoicesFor(db, req.ctx.tenantId, filters.areaId),
      ]);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const params = new URLSearchParams(
        Object.entries({ q: filters.search, kind: filters.kind, status: filters.status, area: filters.areaId }).filter(([, v]) => v) as [string, string][],
      );
      const pageHref = (n: number) => `${base(area)}?${new URLSearchParams([...params, ['page', String(n)]])}`;
      return reply.view('partnerships/views/list.njk', {
        pageTitle: area === 'public' ? 'Partnership register' : 'Partnerships',
        manage: area === 'manage',
        base: base(area),
        rows,
        total,
        filters,
        errors,
        errorList: errorSummary(errors),
        kindOptions: optionsFor('partnershipKind', filters.kind, { blank: 'Any kind' }),
        statusOptions: optionsFor('status', filters.status, { blank: 'Any status' }),
        areaOptions: [{ value: '', text: 'Any area' }, ...areas],
        pagination: paginationOf(pageNo, pages, pageHref),
        pageNo,
        pages,
        filtered: params.size > 0,
      });
    });
  app.get('/register', access('public.view'), list('public'));
  app.get('/partnerships', access('manage.view'), list('manage'));

  // ---- Landscape --------------------------------------------------------------------------
  const landscapePage = (area: Area) =>
    page(async (req, reply) => {
      const errors: FieldErrors = {};
      const readAsAt = (field: string, fallback: string | null) => {
        const iso = q(req, field);
        if (ISO.test(iso)) {
          const parsed = readDate(
            { [`${field}-day`]: iso.slice(8), [`${field}-month`]: iso.slice(5, 7), [`${field}-year`]: iso.slice(0, 4) },
            field,
            'The date',
            errors,
          );
          return parsed ?? fallback;
        }
        const body = req.query as FormBody;
        const anyPart = [`${field}-day`, `${field}-month`, `${field}-year`].some((k) => q(req, k));
        if (!anyPart) return fallback;
        return readDate(body, field, field === 'date' ? 'The first date' : 'The date to compare with', errors) ?? fallback;
      };
      const date = readAsAt('date', service.todayInEngland());
      const compare = readAsAt('compare', null);
      const dates = [date!, ...(compare ? [compare] : [])].sort();
      const result = await service.landscape(db, req.ctx.tenantId, dates, staff(req));
      const names = new Map<string, string>();
      const walk = (nodes: { id: string; name: string; children: unknown[] }[]) =>
        nodes.forEach((n) => {
          names.set(n.id, n.name);
          walk(n.children as typeof nodes);
        });
      result.trees.forEach((t) => walk(t.roots));
      return reply.view('partnerships/views/landscape.njk', {
        pageTitle: 'Partnership landscape',
        base: base(area),
        manage: area === 'manage',
        errors,
        errorList: errorSummary(errors, {
          date: 'date-day',
          compare: 'compare-day',
        }),
        ...result,
        names,
        date,
        compare,
        dateValue: dateInputParts(date),
        compareValue: dateInputParts(compare),
        rawQuery: req.query,
        added: new Set(result.comparison?.added ?? []),
        removed: new Set(result.comparison?.removed ?? []),
        moved: new Set(result.comparison?.moved ?? []),
      });
    });
  app.get('/register/landscape', access('public.view'), landscapePage('public'));
  app.get('/landscape', access('manage.view'), landscapePage('manage'));

  // ---- Contacts (seed 001's table of officer and member contacts) --------------------------
  const contacts = (area: Area) =>
    page(async (req, reply) => {
      const errors: FieldErrors = {};
      const asked = q(req, 'date');
      const asAt =
        ISO.test(asked) && readDate({ 'd-day': asked.slice(8), 'd-month': asked.slice(5, 7), 'd-year': asked.slice(0, 4) }, 'd', 'The date', errors)
          ? asked
          : service.todayInEngland();
      return reply.view('partnerships/views/contacts.njk', {
        pageTitle: 'Partnership contacts',
        base: base(area),
        manage: area === 'manage',
        asAt,
        table: await service.contactTable(db, req.ctx.tenantId, asAt, staff(req)),
      });
    });
  app.get('/register/contacts', access('public.view'), contacts('public'));
  app.get('/contacts', access('manage.view'), contacts('manage'));

  // ---- Detail -----------------------------------------------------------------------------
  const show = (area: Area) =>
    page(async (req, reply) => {
      const id = idParam(req);
      const detail = await service.partnershipDetail(db, req.ctx.tenantId, id, { includeDrafts: staff(req) });
      const history = area === 'manage' ? await historyOf(db, req.ctx.tenantId, id, 20) : [];
      const scope = req.user ? await repo.scopeOf(db, req.ctx.tenantId, id) : null;
      const allowed = (action: Action) => area === 'manage' && can(req.user, action, scope);
      const ownedPlans = await listPlans(db, req.ctx.tenantId, { partnershipId: id, publicOnly: area === 'public' });
      const money = await partnershipMoney(db, req.ctx.tenantId, id, { publicOnly: area === 'public' });
      return reply.view('partnerships/views/show.njk', {
        pageTitle: detail.partnership.name,
        manage: area === 'manage',
        base: base(area),
        ...detail,
        ownedPlans,
        money,
        contributionYears: detail.contributionYears.map((y) => ({ ...y, summary: contributionSummary(y.rows) })),
        plansBase: area === 'public' ? '/delivery-plans' : '/plans',
        canEdit: allowed('partnership.edit'),
        canContribute: allowed('contribution.edit'),
        canPublish: allowed('partnership.publish'),
        canDelete: allowed('partnership.delete'),
        history: history.map((h) => ({ ...h, fields: changedFields(h) })),
        flash: flashOf(req),
        breadcrumbs: [{ text: area === 'public' ? 'Partnership register' : 'Partnerships', href: base(area) }],
      });
    });
  app.get('/register/:id', access('public.view'), show('public'));
  app.get('/partnerships/:id', access('manage.view'), show('manage'));
}
