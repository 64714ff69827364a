// Pages for the programme and project portfolio (seed 004, Appendix 8): the portfolio in the seed's three
// columns (programme or project and lead director; description and key issues; RAG), each item with its
// RAG history and a form to record a new assessment, adding and changing items, publishing them, and the
// public portfolio of published items.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, readDate, submitForm, text, type FormBody } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import { flashFrom, idParam, page, queryText, type PageRequest } from '../web/page.ts';
import * as repo from './portfolio.repository.ts';
import * as service from './portfolio.service.ts';
import { KIND_LABELS, RAG_LABELS } from './portfolio.schemas.ts';

type Req = PageRequest;

const FLASH: Record<string, string> = {
  created: 'Programme or project added',
  updated: 'Changes saved',
  assessed: 'Assessment recorded',
  published: 'Published',
  withdrawn: 'Withdrawn from the public site',
};
const flashOf = flashFrom(FLASH);
const FIRST_INPUT = { asAt: 'asAt-day' };
const BREADCRUMBS = [{ text: 'Portfolio', href: '/plans/portfolio' }];
const choiceItems = (labels: Record<string, string>, selected: unknown) =>
  Object.entries(labels).map(([value, t]) => ({ value, text: t, checked: value === selected }));

const itemFromForm = (b: FormBody) => ({
  kind: text(b.kind),
  title: text(b.title),
  leadDirector: text(b.leadDirector),
  description: text(b.description),
  partnershipId: text(b.partnershipId),
  bodyId: text(b.bodyId),
});
const toForm = (i: repo.PortfolioItemRow): FormBody => ({
  kind: i.kind,
  title: i.title,
  leadDirector: i.leadDirector,
  description: i.description,
  partnershipId: i.partnershipId ?? '',
  bodyId: i.bodyId ?? '',
});

export async function registerPortfolioPages(app: FastifyInstance, db: Database) {
  // ---- The portfolio (back office and public) ---------------------------------------------------------------
  for (const area of ['manage', 'public'] as const) {
    const publicOnly = area === 'public';
    app.get(
      publicOnly ? '/delivery-plans/portfolio' : '/plans/portfolio',
      access(publicOnly ? 'public.view' : 'manage.view'),
      page(async (req, reply) => {
        const choices = await repo.filterChoices(db, req.ctx.tenantId, publicOnly);
        const pick = (key: string, list: { id: string }[]) => {
          const v = queryText(req, key).toLowerCase();
          return list.some((o) => o.id === v) ? v : '';
        };
        const partnershipId = pick('partnership', choices.partnerships);
        const bodyId = pick('body', choices.bodies);
        const items = await service.portfolioView(db, req.ctx.tenantId, { partnershipId: partnershipId || undefined, bodyId: bodyId || undefined, publicOnly });
        const options = (list: { id: string; name: string }[], selected: string, blank: string) => [
          { value: '', text: blank },
          ...list.map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
        ];
        return reply.view('plans/views/portfolio-list.njk', {
          pageTitle: publicOnly ? 'Programme and project portfolio' : 'Portfolio',
          items,
          manage: !publicOnly,
          flash: publicOnly ? undefined : flashOf(req),
          base: publicOnly ? '/delivery-plans/portfolio' : '/plans/portfolio',
          filtered: Boolean(partnershipId || bodyId),
          partnershipOptions: choices.partnerships.length ? options(choices.partnerships, partnershipId, 'All partnerships') : null,
          bodyOptions: choices.bodies.length ? options(choices.bodies, bodyId, 'All committees and boards') : null,
          canEdit: can(req.user, 'plan.edit'),
        });
      }),
    );
  }

  // ---- Adding and changing an item ---------------------------------------------------------------------------
  const formPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, row?: repo.PortfolioItemRow, code = 200) => {
    const owners = await repo.ownerChoices(db, req.ctx.tenantId);
    const selected = (key: string) => String(values[key] ?? '').toLowerCase();
    return reply.code(code).view('plans/views/portfolio-form.njk', {
      pageTitle: row ? `Change ${row.title}` : 'Add a programme or project',
      row,
      values,
      errors,
      errorList: errorSummary(errors),
      action: row ? `/plans/portfolio/${row.id}` : '/plans/portfolio/new',
      backLink: row ? `/plans/portfolio/${row.id}` : '/plans/portfolio',
      kindItems: choiceItems(KIND_LABELS, values.kind ?? 'programme'),
      partnershipOptions: [
        { value: '', text: 'None' },
        ...owners.partnerships.map((p) => ({ value: p.id, text: p.name, selected: p.id === selected('partnershipId') })),
      ],
      bodyOptions: [{ value: '', text: 'None' }, ...owners.bodies.map((b) => ({ value: b.id, text: b.name, selected: b.id === selected('bodyId') }))],
    });
  };
  app.get(
    '/plans/portfolio/new',
    access('plan.edit'),
    page(async (req, reply) => formPage(req, reply, { kind: 'programme' }, {})),
  );
  app.post(
    '/plans/portfolio/new',
    access('plan.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.createItem(db, req.ctx, itemFromForm(body)), {
        done: (id) => reply.redirect(`/plans/portfolio/${id}?done=created`, 303),
        invalid: (errors, status) => formPage(req, reply, body, errors, undefined, status),
      });
    }),
  );
  app.get(
    '/plans/portfolio/:id/edit',
    access('plan.edit'),
    page(async (req, reply) => {
      const { item } = await service.itemView(db, req.ctx.tenantId, idParam(req, 'id'));
      return formPage(req, reply, toForm(item), {}, item);
    }),
  );
  app.post(
    '/plans/portfolio/:id',
    access('plan.edit'),
    page(async (req, reply) => {
      const { item } = await service.itemView(db, req.ctx.tenantId, idParam(req, 'id'));
      const body = asBody(req.body);
      return submitForm(() => service.updateItem(db, req.ctx, item.id, formVersion(body.version), itemFromForm(body)), {
        done: () => reply.redirect(`/plans/portfolio/${item.id}?done=updated`, 303),
        // On a conflict the form shows what the other person saved, for the user to make their changes again.
        invalid: async (errors, status) => {
          if (status === 400) return formPage(req, reply, body, errors, item, 400);
          const fresh = (await service.itemView(db, req.ctx.tenantId, item.id)).item;
          return formPage(req, reply, toForm(fresh), { _: `${errors._}. Their changes are shown: make yours again.` }, fresh, 409);
        },
      });
    }),
  );

  // ---- One item: its RAG history, assessments, publication -------------------------------------------------------
  const itemPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.itemView(db, req.ctx.tenantId, idParam(req, 'id'));
    const values = (extra.values as FormBody | undefined) ?? {};
    return reply.code(code).view('plans/views/portfolio-item.njk', {
      pageTitle: view.item.title,
      ...view,
      flash: flashOf(req),
      errors: {},
      values,
      breadcrumbs: BREADCRUMBS,
      ragItems: Object.entries(RAG_LABELS).map(([value, t]) => ({ value, text: t, checked: value === values.rag })),
      canEdit: can(req.user, 'plan.edit'),
      canPublish: can(req.user, 'plan.publish'),
      ...extra,
    });
  };
  app.get(
    '/plans/portfolio/:id',
    access('manage.view'),
    page(async (req, reply) => itemPage(req, reply)),
  );

  const itemPost = (path: string, action: 'plan.edit' | 'plan.publish', run: (req: Req, body: FormBody) => Promise<string>) =>
    app.post(
      `/plans/portfolio/:id${path}`,
      access(action),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        return submitForm(() => run(req, body), {
          done: (done) => reply.redirect(`/plans/portfolio/${id}?done=${done}`, 303),
          invalid: (errors, status) =>
            status === 409
              ? itemPage(req, reply, { errorList: [{ text: `${errors._}. Reload the page and try again.` }] }, 409)
              : itemPage(req, reply, { values: body, errors, errorList: errorSummary(errors, FIRST_INPUT) }, 400),
        });
      }),
    );
  itemPost('/assessments', 'plan.edit', async (req, b) => {
    const errors: FieldErrors = {};
    const asAt = readDate(b, 'asAt', 'The as-at date', errors, { required: true });
    await service.recordAssessment(db, req.ctx, idParam(req, 'id'), { asAt: asAt ?? null, rag: text(b.rag), keyIssues: text(b.keyIssues) }, errors);
    return 'assessed#history';
  });
  itemPost('/publish', 'plan.publish', async (req, b) => {
    await service.setPublication(db, req.ctx, idParam(req, 'id'), formVersion(b.version), 'published');
    return 'published';
  });
  itemPost('/withdraw', 'plan.publish', async (req, b) => {
    await service.setPublication(db, req.ctx, idParam(req, 'id'), formVersion(b.version), 'draft');
    return 'withdrawn';
  });
}
