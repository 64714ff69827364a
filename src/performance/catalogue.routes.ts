// Pages for the indicator catalogue: the list of indicators, and the forms adding and changing one (with the
// partnerships and committees whose scorecards show it).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, text, toArray, type FormBody } from '../web/forms.ts';
import { formVersion, isUuid } from '../web/schema.ts';
import { page, queryText } from '../web/page.ts';
import { FREQUENCY_LABELS, flashOf, items, labels, POLARITY_LABELS, type Req, UNIT_LABELS } from './performance-pages.ts';
import * as repo from './performance.repository.ts';
import * as scorecardRepo from './scorecard.repository.ts';
import * as service from './performance.service.ts';

export async function registerCataloguePages(app: FastifyInstance, db: Database) {
  const indicatorFromForm = (b: FormBody) => ({
    code: text(b.code),
    title: text(b.title),
    definition: text(b.definition),
    unit: text(b.unit),
    polarity: text(b.polarity),
    frequency: text(b.frequency),
    cumulative: text(b.cumulative) === 'true',
    decimals: text(b.decimals) || '1',
    dataSource: text(b.dataSource),
    outcomeGroup: text(b.outcomeGroup),
    directorate: text(b.directorate),
    leadOfficer: text(b.leadOfficer),
    ownerPersonId: text(b.ownerPersonId),
    tolerancePercent: text(b.tolerancePercent),
    baselinePeriod: text(b.baselinePeriod) || null,
    baselineValue: text(b.baselineValue),
    baselineNumerator: text(b.baselineNumerator),
    baselineDenominator: text(b.baselineDenominator),
    baselineNote: text(b.baselineNote),
    finalTargetPeriod: text(b.finalTargetPeriod) || null,
    finalTargetValue: text(b.finalTargetValue),
    // Not sent (an old form): a new indicator is live and a change keeps its status.
    status: text(b.status) || undefined,
  });
  const assignmentsFromForm = (b: FormBody) => ({ partnershipIds: toArray(b.partnershipIds).filter(isUuid), bodyIds: toArray(b.bodyIds).filter(isUuid) });
  const formPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, row?: repo.IndicatorRow, code = 200) => {
    const t = req.ctx.tenantId;
    const [{ partnerships, bodies, people }, assigned] = await Promise.all([
      repo.indicatorFormChoices(db, t),
      row ? repo.assignmentsOf(db, t, row.id) : Promise.resolve([]),
    ]);
    const chosenP = values.partnershipIds !== undefined ? toArray(values.partnershipIds) : assigned.map((a) => a.partnershipId).filter(Boolean);
    const chosenB = values.bodyIds !== undefined ? toArray(values.bodyIds) : assigned.map((a) => a.bodyId).filter(Boolean);
    return reply.code(code).view('performance/views/indicator-form.njk', {
      pageTitle: row ? `Change ${row.title}` : 'Add an indicator',
      row,
      values,
      errors,
      errorList: errorSummary(errors),
      backLink: row ? `/performance/indicators/${row.id}` : '/performance/indicators',
      unitItems: items(UNIT_LABELS, values.unit),
      polarityItems: items(POLARITY_LABELS, values.polarity),
      frequencyItems: items(FREQUENCY_LABELS, values.frequency ?? 'monthly'),
      partnershipItems: partnerships.map((p) => ({ value: p.id, text: p.name, selected: chosenP.includes(p.id) })),
      bodyItems: bodies.map((b) => ({ value: b.id, text: b.name, checked: chosenB.includes(b.id) })),
      statusItems: [
        { value: 'live', text: 'Yes, values are collected and fall due', checked: values.status !== 'retired' },
        { value: 'retired', text: 'No, it is retired: keep its history, but it is never due', checked: values.status === 'retired' },
      ],
      ownerOptions: [{ value: '', text: 'Nobody yet' }, ...people.map((p) => ({ value: p.id, text: p.name, selected: p.id === values.ownerPersonId }))],
    });
  };
  app.get(
    '/performance/indicators',
    access('manage.view'),
    page(async (req, reply) => {
      const rows = await scorecardRepo.scorecard(db, req.ctx.tenantId, { publicOnly: false, q: queryText(req, 'q').slice(0, 200) || undefined });
      return reply.view('performance/views/catalogue.njk', {
        pageTitle: 'Indicators',
        rows,
        ...labels,
        q: queryText(req, 'q'),
        flash: flashOf(req),
        breadcrumbs: [{ text: 'Performance', href: '/performance' }],
      });
    }),
  );
  app.get(
    '/performance/indicators/new',
    access('performance.edit'),
    page(async (req, reply) => formPage(req, reply, { decimals: '1', frequency: 'monthly' }, {})),
  );
  app.post(
    '/performance/indicators',
    access('performance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.createIndicator(db, req.ctx, indicatorFromForm(body), assignmentsFromForm(body)), {
        done: (id) => reply.redirect(`/performance/indicators/${id}?done=created`, 303),
        invalid: (errors, status) => formPage(req, reply, body, errors, undefined, status),
      });
    }),
  );
  const toForm = (r: repo.IndicatorRow): FormBody =>
    Object.fromEntries(
      Object.entries({ ...r, cumulative: String(r.cumulative) }).map(([k, v]) => [k, v === null ? '' : typeof v === 'number' ? String(v) : v]),
    );
  const loadIndicator = async (req: Req) => {
    const row = await repo.getIndicator(db, req.ctx.tenantId, req.params.id!);
    if (!row) throw new NotFoundError('indicator');
    return row;
  };
  app.get(
    '/performance/indicators/:id/edit',
    access('performance.edit'),
    page(async (req, reply) => {
      const row = await loadIndicator(req);
      return formPage(req, reply, toForm(row), {}, row);
    }),
  );
  app.post(
    '/performance/indicators/:id/edit',
    access('performance.edit'),
    page(async (req, reply) => {
      const row = await loadIndicator(req);
      const body = asBody(req.body);
      return submitForm(() => service.updateIndicator(db, req.ctx, row.id, formVersion(body.version), indicatorFromForm(body), assignmentsFromForm(body)), {
        done: () => reply.redirect(`/performance/indicators/${row.id}?done=updated`, 303),
        // On a conflict the form shows the indicator as it was read, with the message.
        invalid: (errors, status) =>
          status === 409
            ? formPage(req, reply, toForm(row), { _: `${errors._}. Their changes are shown: make yours again.` }, row, 409)
            : formPage(req, reply, body, errors, row, 400),
      });
    }),
  );
}
