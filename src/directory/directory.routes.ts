// Back-office pages for organisations and people. Both follow one pattern (list with search,
// record page, add and change forms), so one function registers each from a small spec.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import type { RequestContext } from '../web/context.ts';
import { asBody, errorSummary, submitForm, text, type FormBody } from '../web/forms.ts';
import { page } from '../web/page.ts';
import { optionsFor } from '../web/labels.ts';
import * as repo from './directory.repository.ts';
import * as service from './directory.service.ts';
import { access } from '../access/route-access.ts';
import { formVersion, isUuid } from '../web/schema.ts';
import { notFoundPage } from '../web/error-pages.ts';

const PAGE_SIZE = 50;
type Req = FastifyRequest<{ Params: { id?: string }; Querystring: Record<string, string> }>;

interface EntitySpec<Row extends { id: string; name: string; version: number }> {
  path: string;
  noun: string;
  kindLabels: string;
  list(db: Database, tenantId: string, f: { search?: string; kind?: string; limit: number; offset: number }): Promise<{ rows: Row[]; total: number }>;
  get(db: Database, tenantId: string, id: string): Promise<Row | null>;
  create(db: Database, ctx: RequestContext, raw: unknown): Promise<string>;
  update(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown): Promise<void>;
  fromForm(body: FormBody): Record<string, unknown>;
  formExtras(db: Database, tenantId: string, values: FormBody): Promise<Record<string, unknown>>;
  showExtras(db: Database, tenantId: string, row: Row): Promise<Record<string, unknown>>;
}

function registerEntityPages<Row extends { id: string; name: string; version: number }>(app: FastifyInstance, db: Database, spec: EntitySpec<Row>) {
  const folder = `directory/views/${spec.path.slice(1)}`;
  const load = async (req: Req) => (isUuid(req.params.id ?? '') ? spec.get(db, req.ctx.tenantId, req.params.id!) : null);

  app.get(spec.path, access('manage.view'), async (req: Req, reply) => {
    const search = String(req.query.q ?? '')
      .trim()
      .slice(0, 200);
    const kindOptions = optionsFor(spec.kindLabels, req.query.kind, { blank: 'Any' });
    const kind = kindOptions.some((o) => o.value && o.value === req.query.kind) ? req.query.kind : undefined;
    const pageNo = Math.min(Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1), 10_000);
    const { rows, total } = await spec.list(db, req.ctx.tenantId, { search, kind, limit: PAGE_SIZE, offset: (pageNo - 1) * PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const href = (n: number) => `${spec.path}?${new URLSearchParams({ ...(search ? { q: search } : {}), ...(kind ? { kind } : {}), page: String(n) })}`;
    return reply.view(`${folder}-list.njk`, {
      pageTitle: spec.noun === 'person' ? 'People' : 'Organisations',
      rows,
      total,
      search,
      kindOptions,
      pagination:
        pages > 1 ? { previous: pageNo > 1 ? { href: href(pageNo - 1) } : undefined, next: pageNo < pages ? { href: href(pageNo + 1) } : undefined } : null,
      pageNo,
      pages,
      flash: req.query.done ? 'Saved' : undefined,
    });
  });

  app.get(`${spec.path}/new`, access('directory.edit'), async (req: Req, reply) =>
    reply.view(`${folder}-form.njk`, {
      pageTitle: `Add ${spec.noun === 'person' ? 'a person' : 'an organisation'}`,
      isNew: true,
      values: {},
      errors: {},
      backLink: spec.path,
      ...(await spec.formExtras(db, req.ctx.tenantId, {})),
    }),
  );

  app.post(spec.path, access('directory.edit'), async (req: Req, reply) => {
    const body = asBody(req.body);
    return submitForm(() => spec.create(db, req.ctx, spec.fromForm(body)), {
      done: (id) => reply.redirect(`${spec.path}/${id}?done=created`, 303),
      invalid: async (errors, status) =>
        reply.code(status).view(`${folder}-form.njk`, {
          pageTitle: `Add ${spec.noun === 'person' ? 'a person' : 'an organisation'}`,
          isNew: true,
          values: body,
          errors,
          errorList: errorSummary(errors),
          backLink: spec.path,
          ...(await spec.formExtras(db, req.ctx.tenantId, body)),
        }),
    });
  });

  app.get(`${spec.path}/:id`, access('manage.view'), async (req: Req, reply) => {
    const row = await load(req);
    if (!row) return notFoundPage(reply);
    return reply.view(`${folder}-show.njk`, {
      pageTitle: row.name,
      row,
      flash: req.query.done ? 'Saved' : undefined,
      breadcrumbs: [{ text: spec.noun === 'person' ? 'People' : 'Organisations', href: spec.path }],
      ...(await spec.showExtras(db, req.ctx.tenantId, row)),
    });
  });

  app.get(`${spec.path}/:id/edit`, access('directory.edit'), async (req: Req, reply) => {
    const row = await load(req);
    if (!row) return notFoundPage(reply);
    const values = row as unknown as FormBody;
    return reply.view(`${folder}-form.njk`, {
      pageTitle: `Change ${row.name}`,
      row,
      values,
      errors: {},
      backLink: `${spec.path}/${row.id}`,
      ...(await spec.formExtras(db, req.ctx.tenantId, values)),
    });
  });

  app.post(
    `${spec.path}/:id/edit`,
    access('directory.edit'),
    page<Req>(async (req, reply) => {
      const row = await load(req);
      if (!row) return notFoundPage(reply);
      const body = asBody(req.body);
      return submitForm(() => spec.update(db, req.ctx, row.id, formVersion(body.version), spec.fromForm(body)), {
        done: () => reply.redirect(`${spec.path}/${row.id}?done=updated`, 303),
        // On a conflict the form shows what the other person saved, for the user to make their changes again.
        invalid: async (refused, status) => {
          const conflict = status === 409;
          const values = conflict ? (row as unknown as FormBody) : body;
          const errors = conflict ? { _: `${refused._}. Their changes are shown below: check them, make your changes again and save.` } : refused;
          return reply.code(status).view(`${folder}-form.njk`, {
            pageTitle: `Change ${row.name}`,
            row,
            values,
            errors,
            errorList: errorSummary(errors),
            backLink: `${spec.path}/${row.id}`,
            ...(await spec.formExtras(db, req.ctx.tenantId, values)),
          });
        },
      });
    }),
  );
}

export async function registerDirectoryPages(app: FastifyInstance, db: Database) {
  registerEntityPages<repo.OrganisationRow>(app, db, {
    path: '/organisations',
    noun: 'organisation',
    kindLabels: 'organisationKind',
    list: repo.listOrganisations,
    get: (d, t, id) => repo.getOrganisation(d, t, id),
    create: service.createOrganisation,
    update: service.updateOrganisation,
    fromForm: (b) => ({
      name: text(b.name),
      shortName: text(b.shortName),
      kind: text(b.kind),
      website: text(b.website),
      email: text(b.email),
      phone: text(b.phone),
    }),
    formExtras: async (_d, _t, values) => ({ kindItems: optionsFor('organisationKind', text(values.kind)) }),
    showExtras: async (d, t, row) => ({
      memberships: await repo.membershipsOf(d, t, { organisationId: row.id }),
      people: (await repo.listPeople(d, t, { organisationId: row.id, limit: 500, offset: 0 })).rows,
    }),
  });
  registerEntityPages<repo.PersonRow>(app, db, {
    path: '/people',
    noun: 'person',
    kindLabels: 'personKind',
    list: repo.listPeople,
    get: (d, t, id) => repo.getPerson(d, t, id),
    create: service.createPerson,
    update: service.updatePerson,
    fromForm: (b) => ({
      name: text(b.name),
      honorificPrefix: text(b.honorificPrefix),
      kind: text(b.kind),
      organisationId: text(b.organisationId),
      post: text(b.post),
      party: text(b.party),
      electoralDivision: text(b.electoralDivision),
      portfolio: text(b.portfolio),
      email: text(b.email),
      phone: text(b.phone),
    }),
    formExtras: async (d, t, values) => ({
      kindItems: optionsFor('personKind', text(values.kind)),
      organisationOptions: [
        { value: '', text: 'Select an organisation' },
        ...(await repo.organisationChoices(d, t)).map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organisationId })),
      ],
    }),
    showExtras: async (d, t, row) => ({ memberships: await repo.membershipsOf(d, t, { personId: row.id }) }),
  });
}
