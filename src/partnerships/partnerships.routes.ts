// Pages of the partnership register: the public register (/register) and the back office
// (/partnerships). Routes are thin: read the request, call the service, render or redirect.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { changedFields, historyOf } from '../audit/index.ts';
import { areaChoicesFor } from '../directory/index.ts';
import { organisationChoices, personChoices } from '../directory/index.ts';
import type { Area } from '../web/navigation.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, lines, readDate, readMoney, text, toArray, type FormBody } from '../web/forms.ts';
import { dateInputParts } from '../web/form-input.ts';
import { financialYearLabel } from '../calendar/format.ts';
import { MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { fieldErrorsFrom, formVersion, isUuid } from '../web/schema.ts';
import { contributionInput, documentInput, eventInput, membershipInput } from './partnerships.schemas.ts';
import type { z } from 'zod';
import { labelFor, optionsFor } from '../web/labels.ts';
import * as repo from './partnerships.repository.ts';
import * as service from './partnerships.service.ts';
import { currentParentLine, PART_KINDS, type PartKind } from './parts.repository.ts';
import { access } from '../access/route-access.ts';
import { EXEMPT_PARAGRAPHS } from '../publication/exempt.ts';
import { can, type Action } from '../access/permissions.ts';
import { notFoundPage } from '../web/error-pages.ts';
import { listPlans } from '../plans/index.ts';
import { paginationOf } from '../web/pagination.ts';

const PAGE_SIZE = 50;
const ISO = /^\d{4}-\d{2}-\d{2}$/;

type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | string[]> }>;

const DONE_MESSAGES: Record<string, string> = {
  created: 'Partnership added to the register',
  updated: 'Partnership updated',
  deleted: 'Partnership deleted',
  event: 'Event added to the timeline',
  membership: 'Member added',
  contribution: 'Contribution recorded',
  document: 'Source document added',
  removed: 'Removed',
  published: 'Published: the partnership is on the public register',
  withdrawn: 'Withdrawn: the partnership is no longer on the public register',
  ended: 'Membership ended',
};

function idParam(req: Req, name = 'id'): string {
  const value = req.params[name] ?? '';
  if (!isUuid(value)) throw new NotFoundError('page');
  return value.toLowerCase();
}

const q = (req: Req, key: string) => {
  const v = req.query[key];
  return typeof v === 'string' ? v.trim() : '';
};

/** Staff (any signed-in role) see drafts, marked as such; the public see only what is published. */
const staff = (req: FastifyRequest) => can(req.user, 'manage.view');

/** Runs a page handler; a missing record becomes the 404 page rather than an error. */
const page = (handler: (req: Req, reply: FastifyReply) => Promise<unknown>) => async (req: Req, reply: FastifyReply) => {
  try {
    return await handler(req, reply);
  } catch (err) {
    if (err instanceof NotFoundError) return notFoundPage(reply);
    throw err;
  }
};

export async function registerPartnershipPages(app: FastifyInstance, db: Database) {
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
      return reply.view('partnerships/views/show.njk', {
        pageTitle: detail.partnership.name,
        manage: area === 'manage',
        base: base(area),
        ...detail,
        ownedPlans,
        plansBase: area === 'public' ? '/delivery-plans' : '/plans',
        canEdit: allowed('partnership.edit'),
        canContribute: allowed('contribution.edit'),
        canPublish: allowed('partnership.publish'),
        canDelete: allowed('partnership.delete'),
        history: history.map((h) => ({ ...h, fields: changedFields(h) })),
        flash: DONE_MESSAGES[q(req, 'done')],
        breadcrumbs: [{ text: area === 'public' ? 'Partnership register' : 'Partnerships', href: base(area) }],
      });
    });
  app.get('/register/:id', access('public.view'), show('public'));
  app.get('/partnerships/:id', access('manage.view'), show('manage'));

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
      try {
        const id = await service.createPartnership(db, req.ctx, fromForm(body));
        return reply.redirect(`/partnerships/${id}?done=created`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return reply
          .code(400)
          .view('partnerships/views/form.njk', {
            pageTitle: 'Add a partnership',
            isNew: true,
            backLink: '/partnerships',
            ...(await formContext(req, body, err.fieldErrors, null)),
          });
      }
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

      let errors: FieldErrors;
      let conflict = false;
      try {
        await service.updatePartnership(db, req.ctx, id, formVersion(body.version), fromForm(body));
        return reply.redirect(`/partnerships/${id}?done=updated`, 303);
      } catch (err) {
        if (err instanceof ValidationError) errors = err.fieldErrors;
        else if (err instanceof ConflictError) {
          conflict = true;
          errors = { _: `${err.message}. Their changes are shown below: check them, make your changes again and save.` };
        } else throw err;
      }
      const fresh = conflict
        ? { ...current, responsibilities: current.responsibilities.join('\n'), parentId: (await currentParentLine(db, req.ctx.tenantId, id))?.parentId ?? '' }
        : body;
      return reply.code(conflict ? 409 : 400).view('partnerships/views/form.njk', {
        pageTitle: `Change ${current.name}`,
        partnership: { ...current, version: current.version },
        backLink: `/partnerships/${id}`,
        ...(await formContext(req, fresh, errors, id)),
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
      try {
        await service.deletePartnership(db, req.ctx, id, formVersion(asBody(req.body).version));
        return reply.redirect('/partnerships?done=deleted', 303);
      } catch (err) {
        if (!(err instanceof ValidationError || err instanceof ConflictError)) throw err;
        const errors = err instanceof ValidationError ? err.fieldErrors : { _: `${err.message}. Check the partnership again before deleting it.` };
        return reply.code(err instanceof ConflictError ? 409 : 400).view('partnerships/views/delete.njk', {
          pageTitle: `Delete ${p.name}`,
          partnership: p,
          backLink: `/partnerships/${id}`,
          errorList: errorSummary(errors),
        });
      }
    }),
  );

  // ---- Parts: events, memberships, contributions, documents -------------------------------
  const PART_FORMS: Record<
    Exclude<PartKind, 'reporting-lines'>,
    {
      title: string;
      template: string;
      done: string;
      firstInput: Record<string, string>;
      action: Action;
      read(body: FormBody, errors: FieldErrors): unknown;
      schema: z.ZodType;
      add: typeof service.addEvent;
    }
  > = {
    events: {
      action: 'partnership.edit',
      title: 'Add an event to the timeline',
      template: 'partnerships/views/event-form.njk',
      done: 'event',
      firstInput: { eventDate: 'eventDate-day', kind: 'kind' },
      read: (b, errors) => ({
        kind: text(b.kind),
        eventDate: readDate(b, 'eventDate', 'Date of the event', errors, { required: true }),
        datePrecision: text(b.datePrecision) || 'day',
        relatedPartnershipId: text(b.relatedPartnershipId),
        previousName: text(b.previousName),
        description: text(b.description),
        source: text(b.source),
      }),
      schema: eventInput,
      add: service.addEvent,
    },
    memberships: {
      action: 'partnership.edit',
      title: 'Add a member',
      template: 'partnerships/views/membership-form.njk',
      done: 'membership',
      firstInput: { startDate: 'startDate-day', endDate: 'endDate-day' },
      read: (b, errors) => ({
        personId: text(b.personId),
        organisationId: text(b.organisationId),
        role: text(b.role),
        onBehalfOfId: text(b.onBehalfOfId),
        remit: text(b.remit),
        startDate: readDate(b, 'startDate', 'Start date', errors),
        endDate: readDate(b, 'endDate', 'End date', errors),
      }),
      schema: membershipInput,
      add: service.addMembership,
    },
    contributions: {
      action: 'contribution.edit',
      title: 'Record a yearly contribution',
      template: 'partnerships/views/contribution-form.njk',
      done: 'contribution',
      firstInput: { amountPence: 'amount' },
      read: (b, errors) => ({
        organisationId: text(b.organisationId),
        financialYear: text(b.financialYear),
        amountPence: readMoney(b, 'amount', 'Amount', errors) ?? 0,
        note: text(b.note),
      }),
      schema: contributionInput,
      add: service.addContribution,
    },
    documents: {
      action: 'partnership.edit',
      title: 'Add a source document',
      template: 'partnerships/views/document-form.njk',
      done: 'document',
      firstInput: { documentDate: 'documentDate-day' },
      read: (b, errors) => ({
        title: text(b.title),
        kind: text(b.kind) || 'other',
        exemptParagraph: text(b.exemptParagraph),
        url: text(b.url),
        upload: b.file,
        documentDate: readDate(b, 'documentDate', 'Date of the document', errors),
        note: text(b.note),
      }),
      schema: documentInput,
      add: service.addDocument,
    },
  };

  const partContext = async (req: Req, partnership: repo.PartnershipRow, values: FormBody, errors: FieldErrors, firstInput: Record<string, string>) => {
    const [organisations, people, partnerships] = await Promise.all([
      organisationChoices(db, req.ctx.tenantId),
      personChoices(db, req.ctx.tenantId),
      repo.listPartnerships(db, req.ctx.tenantId, { asAt: service.todayInEngland(), limit: 5000, offset: 0, includeDrafts: true }),
    ]);
    const thisYear = Number(service.todayInEngland().slice(0, 4));
    const pick = (rows: { id: string; name: string }[], selected: unknown, blank: string) => [
      { value: '', text: blank },
      ...rows.map((r) => ({ value: r.id, text: r.name, selected: r.id === selected })),
    ];
    return {
      partnership,
      values,
      errors,
      errorList: errorSummary(errors, firstInput),
      backLink: `/partnerships/${partnership.id}`,
      eventKindItems: optionsFor('eventKind', text(values.kind)),
      precisionItems: optionsFor('datePrecision', text(values.datePrecision) || 'day'),
      documentKindItems: optionsFor('documentKind', text(values.kind) || 'other'),
      exemptItems: [
        { value: '', text: 'No: the public may see it' },
        ...Object.entries(EXEMPT_PARAGRAPHS).map(([n, t]) => ({
          value: n,
          text: `Paragraph ${n}: ${t}`,
          selected: String(values.exemptParagraph ?? '') === n,
        })),
      ],
      roleOptions: optionsFor('role', text(values.role), { blank: 'Select a role' }),
      organisationOptions: pick(organisations, values.organisationId, 'Select an organisation'),
      onBehalfOfOptions: pick(organisations, values.onBehalfOfId, 'Not on behalf of an organisation'),
      personOptions: pick(
        people.map((p) => ({ id: p.id, name: p.organisationName ? `${p.name} (${p.organisationName})` : p.name })),
        values.personId,
        'Select a person',
      ),
      partnershipOptions: pick(
        partnerships.rows.filter((p) => p.id !== partnership.id),
        values.relatedPartnershipId,
        'Select a partnership',
      ),
      yearOptions: Array.from({ length: thisYear - 1990 + 3 }, (_, i) => thisYear + 1 - i).map((y) => ({
        value: String(y),
        text: financialYearLabel(y),
        selected: String(y) === String(values.financialYear ?? thisYear - (Number(service.todayInEngland().slice(5, 7)) < 4 ? 1 : 0)),
      })),
    };
  };

  for (const kind of Object.keys(PART_FORMS) as (keyof typeof PART_FORMS)[]) {
    const form = PART_FORMS[kind];
    app.get(
      `/partnerships/:id/${kind}/new`,
      access(form.action, 'id'),
      page(async (req, reply) => {
        const p = await repo.getPartnership(db, req.ctx.tenantId, idParam(req));
        if (!p) throw new NotFoundError('partnership');
        return reply.view(form.template, { pageTitle: form.title, ...(await partContext(req, p, {}, {}, form.firstInput)) });
      }),
    );
    // The upload form may carry a file of up to 10MB; anything larger is refused by the parser's
    // own limit with a message next to the field.
    app.post(
      `/partnerships/:id/${kind}`,
      { ...access(form.action, 'id'), bodyLimit: kind === 'documents' ? MAX_UPLOAD_BYTES + 2 * 1024 * 1024 : undefined },
      page(async (req, reply) => {
        const id = idParam(req);
        const p = await repo.getPartnership(db, req.ctx.tenantId, id);
        if (!p) throw new NotFoundError('partnership');
        const body = asBody(req.body);
        const readErrors: FieldErrors = {};
        const input = form.read(body, readErrors);
        // Show every problem at once: the schema's findings and those met reading the form.
        const parsed = form.schema.safeParse(input);
        let errors: FieldErrors = { ...(parsed.success ? {} : fieldErrorsFrom(parsed.error)), ...readErrors };
        if (Object.keys(errors).length === 0) {
          try {
            await form.add(db, req.ctx, id, input);
            return reply.redirect(`/partnerships/${id}?done=${form.done}`, 303);
          } catch (err) {
            if (!(err instanceof ValidationError)) throw err;
            errors = err.fieldErrors;
          }
        }
        return reply.code(400).view(form.template, { pageTitle: form.title, ...(await partContext(req, p, body, errors, form.firstInput)) });
      }),
    );
  }

  // ---- Ending a membership -----------------------------------------------------------------
  const endForm = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, status = 200) => {
    const id = idParam(req);
    const detail = await service.partnershipDetail(db, req.ctx.tenantId, id);
    const membership = detail.memberships.find((m) => m.id === idParam(req, 'partId'));
    if (!membership) throw new NotFoundError('membership');
    return reply.code(status).view('partnerships/views/end-membership.njk', {
      pageTitle: 'End a membership',
      partnership: detail.partnership,
      membership,
      values,
      errors,
      errorList: errorSummary(errors, { endDate: 'endDate-day' }),
      backLink: `/partnerships/${id}`,
    });
  };
  app.get(
    '/partnerships/:id/memberships/:partId/end',
    access('partnership.edit', 'id'),
    page((req, reply) => endForm(req, reply, {}, {})),
  );
  app.post(
    '/partnerships/:id/memberships/:partId/end',
    access('partnership.edit', 'id'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      const errors: FieldErrors = {};
      const endDate = readDate(body, 'endDate', 'End date', errors, { required: true });
      if (endDate) {
        try {
          await service.endMembership(db, req.ctx, idParam(req), idParam(req, 'partId'), endDate);
          return reply.redirect(`/partnerships/${idParam(req)}?done=ended`, 303);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          Object.assign(errors, err.fieldErrors);
        }
      }
      return endForm(req, reply, body, errors, 400);
    }),
  );

  for (const part of PART_KINDS) {
    app.post(
      `/partnerships/:id/${part}/:partId/delete`,
      access(part === 'contributions' ? 'contribution.edit' : 'partnership.edit', 'id'),
      page(async (req, reply) => {
        const id = idParam(req);
        await service.removePart(db, req.ctx, id, part, idParam(req, 'partId'));
        return reply.redirect(`/partnerships/${id}?done=removed`, 303);
      }),
    );
  }

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
