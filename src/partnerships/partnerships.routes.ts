// Pages of the partnership register: the public register (/register) and the back office
// (/partnerships). Routes are thin: read the request, call the service, render or redirect.
// Here: adding, changing, deleting and publishing a partnership; the list, landscape, contacts and
// a partnership's page (partnership-views.routes.ts) and its parts (partnership-parts.routes.ts) beside it.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { areaChoicesFor } from '../directory/index.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, lines, submitForm, text, toArray, type FormBody } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import { labelFor, optionsFor } from '../web/labels.ts';
import * as repo from './partnerships.repository.ts';
import * as service from './partnerships.service.ts';
import { currentParentLine } from './parts.repository.ts';
import { access } from '../access/route-access.ts';
import { idParam, page, type Req } from './partnership-pages.ts';
import { registerPartPages } from './partnership-parts.routes.ts';
import { registerMoneyPages } from './money.routes.ts';
import { registerPartnershipViews } from './partnership-views.routes.ts';

export async function registerPartnershipPages(app: FastifyInstance, db: Database) {
  await registerPartnershipViews(app, db);

  // ---- Create and edit --------------------------------------------------------------------
  const formContext = async (req: Req, values: FormBody, errors: FieldErrors, selfId: string | null) => {
    const [areas, parents] = await Promise.all([
      areaChoicesFor(db, req.ctx.tenantId, toArray(values.areaIds)),
      repo.listPartnerships(db, req.ctx.tenantId, { asAt: service.todayInEngland(), limit: 5000, offset: 0, includeDrafts: true }),
    ]);
    return {
      values,
      errors,
      errorList: errorSummary(errors),
      kindOptions: optionsFor('partnershipKind', text(values.kind)),
      subgroupOptions: optionsFor('subgroupType', text(values.subgroupType)),
      areaItems: areas.map((a) => ({ ...a, checked: toArray(values.areaIds).includes(a.value) })),
      parentOptions: [
        { value: '', text: 'None – it does not report to another partnership' },
        ...parents.rows
          .filter((p) => p.id !== selfId)
          .map((p) => ({
            value: p.id,
            text: p.status === 'active' ? p.name : `${p.name} (${labelFor('status', p.status).toLowerCase()})`,
            selected: p.id === values.parentId,
          })),
      ],
    };
  };

  const fromForm = (body: FormBody) => ({
    name: text(body.name),
    shortName: text(body.shortName),
    kind: text(body.kind),
    subgroupType: text(body.subgroupType),
    purpose: text(body.purpose),
    mission: text(body.mission),
    responsibilities: lines(body.responsibilities),
    termsOfReference: text(body.termsOfReference),
    termsOfReferenceUrl: text(body.termsOfReferenceUrl),
    areaIds: toArray(body.areaIds),
    parentId: text(body.parentId),
  });

  app.get(
    '/partnerships/new',
    access('partnership.create'),
    page(async (req, reply) =>
      reply.view('partnerships/views/form.njk', {
        pageTitle: 'Add a partnership',
        isNew: true,
        backLink: '/partnerships',
        ...(await formContext(req, {}, {}, null)),
      }),
    ),
  );

  app.post(
    '/partnerships',
    access('partnership.create'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.createPartnership(db, req.ctx, fromForm(body)), {
        done: (id) => reply.redirect(`/partnerships/${id}?done=created`, 303),
        invalid: async (errors, status) =>
          reply.code(status).view('partnerships/views/form.njk', {
            pageTitle: 'Add a partnership',
            isNew: true,
            backLink: '/partnerships',
            ...(await formContext(req, body, errors, null)),
          }),
      });
    }),
  );

  app.get(
    '/partnerships/:id/edit',
    access('partnership.edit', 'id'),
    page(async (req, reply) => {
      const id = idParam(req);
      const detail = await service.partnershipDetail(db, req.ctx.tenantId, id);
      const p = detail.partnership;
      const line = detail.parentLines.find((l) => l.endDate === null);
      const values = { ...p, responsibilities: p.responsibilities.join('\n'), parentId: line?.parentId ?? '' };
      return reply.view('partnerships/views/form.njk', {
        pageTitle: `Change ${p.name}`,
        partnership: p,
        backLink: `/partnerships/${id}`,
        ...(await formContext(req, values, {}, id)),
      });
    }),
  );

  app.post(
    '/partnerships/:id/edit',
    access('partnership.edit', 'id'),
    page(async (req, reply) => {
      const id = idParam(req);
      const body = asBody(req.body);
      const current = await repo.getPartnership(db, req.ctx.tenantId, id);
      if (!current) throw new NotFoundError('partnership');

      return submitForm(() => service.updatePartnership(db, req.ctx, id, formVersion(body.version), fromForm(body)), {
        done: () => reply.redirect(`/partnerships/${id}?done=updated`, 303),
        // On a conflict the form shows what the other person saved, for the user to make their changes again.
        invalid: async (errors, status) => {
          const conflict = status === 409;
          const fresh = conflict
            ? {
                ...current,
                responsibilities: current.responsibilities.join('\n'),
                parentId: (await currentParentLine(db, req.ctx.tenantId, id))?.parentId ?? '',
              }
            : body;
          return reply.code(status).view('partnerships/views/form.njk', {
            pageTitle: `Change ${current.name}`,
            partnership: { ...current, version: current.version },
            backLink: `/partnerships/${id}`,
            ...(await formContext(
              req,
              fresh,
              conflict ? { _: `${errors._}. Their changes are shown below: check them, make your changes again and save.` } : errors,
              id,
            )),
          });
        },
      });
    }),
  );

  // ---- Delete -----------------------------------------------------------------------------
  app.get(
    '/partnerships/:id/delete',
    access('partnership.delete'),
    page(async (req, reply) => {
      const p = await repo.getPartnership(db, req.ctx.tenantId, idParam(req));
      if (!p) throw new NotFoundError('partnership');
      return reply.view('partnerships/views/delete.njk', { pageTitle: `Delete ${p.name}`, partnership: p, backLink: `/partnerships/${p.id}` });
    }),
  );
  app.post(
    '/partnerships/:id/delete',
    access('partnership.delete'),
    page(async (req, reply) => {
      const id = idParam(req);
      const p = await repo.getPartnership(db, req.ctx.tenantId, id);
      if (!p) throw new NotFoundError('partnership');
      return submitForm(() => service.deletePartnership(db, req.ctx, id, formVersion(asBody(req.body).version)), {
        done: () => reply.redirect('/partnerships?done=deleted', 303),
        invalid: (errors, status) =>
          reply.code(status).view('partnerships/views/delete.njk', {
            pageTitle: `Delete ${p.name}`,
            partnership: p,
            backLink: `/partnerships/${id}`,
            errorList: errorSummary(status === 409 ? { _: `${errors._}. Check the partnership again before deleting it.` } : errors),
          }),
      });
    }),
  );

  await registerPartPages(app, db);
  await registerMoneyPages(app, db);

  // ---- Publication ---------------------------------------------------------------------------
  for (const [verb, state] of [
    ['publish', 'published'],
    ['withdraw', 'withdrawn'],
  ] as const) {
    app.post(
      `/partnerships/:id/${verb}`,
      access('partnership.publish'),
      page(async (req, reply) => {
        const id = idParam(req);
        await service.setPublication(db, req.ctx, id, state);
        return reply.redirect(`/partnerships/${id}?done=${state}`, 303);
      }),
    );
  }
}
