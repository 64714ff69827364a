// Back-office pages for a partnership's parts: adding events, members, contributions and source documents,
// ending a membership, and removing a part.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Database } from '../db/database.ts';
import { organisationChoices, personChoices } from '../directory/index.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, readDate, readMoney, submitForm, text, type FormBody } from '../web/forms.ts';
import { MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { contributionInput, documentInput, eventInput, membershipInput } from './partnerships.schemas.ts';
import { optionsFor } from '../web/labels.ts';
import * as repo from './partnerships.repository.ts';
import * as service from './partnerships.service.ts';
import { PART_KINDS, type PartKind } from './parts.repository.ts';
import { access } from '../access/route-access.ts';
import type { Action } from '../access/permissions.ts';
import { exemptItems, idParam, readForm, page, yearOptions, type Req } from './partnership-pages.ts';

export async function registerPartPages(app: FastifyInstance, db: Database) {
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
      firstInput: { amountPence: 'amount', agreedOn: 'agreedOn-day', paidOn: 'paidOn-day' },
      read: (b, errors) => ({
        organisationId: text(b.organisationId),
        financialYear: text(b.financialYear),
        amountPence: readMoney(b, 'amount', 'Amount', errors) ?? 0,
        note: text(b.note),
        status: text(b.status) || 'agreed',
        agreedOn: readDate(b, 'agreedOn', 'Date agreed', errors),
        paidOn: readDate(b, 'paidOn', 'Date paid', errors),
        kind: text(b.kind) || 'cash',
        inKindDescription: text(b.inKindDescription),
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
      exemptItems: exemptItems(values.exemptParagraph),
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
      yearOptions: yearOptions(values.financialYear ?? thisYear - (Number(service.todayInEngland().slice(5, 7)) < 4 ? 1 : 0), service.todayInEngland()),
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
        const { input, errors } = readForm(form, body);
        const refused = async (shown: FieldErrors, status: number) =>
          reply.code(status).view(form.template, { pageTitle: form.title, ...(await partContext(req, p, body, shown, form.firstInput)) });
        if (Object.keys(errors).length) return refused(errors, 400);
        return submitForm(() => form.add(db, req.ctx, id, input), {
          done: () => reply.redirect(`/partnerships/${id}?done=${form.done}`, 303),
          invalid: refused,
        });
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
      if (!endDate) return endForm(req, reply, body, errors, 400);
      return submitForm(() => service.endMembership(db, req.ctx, idParam(req), idParam(req, 'partId'), endDate), {
        done: () => reply.redirect(`/partnerships/${idParam(req)}?done=ended`, 303),
        invalid: (refused, status) => endForm(req, reply, body, refused, status),
      });
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
}
