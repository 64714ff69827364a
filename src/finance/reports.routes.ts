// Finance reports to a committee: the list, the form to make one, the generated report (summary by
// directorate, table 1.2, Appendix 1, Appendix 2 and the appendices) and publishing, refused while lines need commentary.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import { idParam, page, type PageRequest } from '../web/page.ts';
import { versionHistory } from '../documents/report-versions.repository.ts';
import * as notes from './commentary.repository.ts';
import { flashOf, periodItems, printers } from './finance-pages.ts';
import { laterAppendices } from './report-appendices.ts';
import { keyActivityTables } from './report-key-activity.ts';
import { appendixTables } from './report-document.ts';
import * as reports from './reports.service.ts';
import { publishNewVersion, publishReport } from './report-publish.ts';
import { OUTTURN, parsePeriod, yearLabel } from './rules.ts';
import { varianceChartSvg } from './variance-chart.ts';

export async function registerReportPages(app: FastifyInstance, db: Database) {
  app.get(
    '/finance/reports',
    access('manage.view'),
    page(async (req, reply) =>
      reply.view('finance/views/reports.njk', {
        pageTitle: 'Finance reports',
        reports: await notes.reports(db, req.ctx.tenantId),
        ...printers,
        breadcrumbs: [{ text: 'Budget monitoring', href: '/finance' }],
        flash: flashOf(req),
      }),
    ),
  );
  const form = async (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) =>
    reply.code(code).view('finance/views/report-form.njk', {
      pageTitle: 'Make a finance report',
      values,
      errors,
      errorList: errorSummary(errors),
      bodyItems: [
        { value: '', text: 'Choose a committee' },
        ...(await notes.bodies(db, req.ctx.tenantId)).map((b) => ({ value: b.id, text: b.name, selected: b.id === values.bodyId })),
      ],
      periodItems: periodItems(2017, parsePeriod(values.period) ?? OUTTURN).map((p) => ({ ...p, text: p.text.replace(/ \d{4}(-\d{2})?$/, '') })),
      backLink: '/finance/reports',
    });
  app.get(
    '/finance/reports/new',
    access('finance.edit'),
    page(async (req, reply) => form(req, reply, { year: yearLabel(2017) }, {})),
  );
  app.post(
    '/finance/reports/new',
    access('finance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => reports.createReport(db, req.ctx, body), {
        done: (id) => reply.redirect(`/finance/reports/${id}?done=report`, 303),
        invalid: (errors, status) => form(req, reply, body, errors, status),
      });
    }),
  );
  const show = async (req: PageRequest, reply: FastifyReply, errors: FieldErrors, code = 200) => {
    const view = await reports.reportView(db, req.ctx.tenantId, idParam(req, 'id'));
    const t = view.view.table;
    const items = view.report.agendaItemId ? await notes.agendaItemChoices(db, req.ctx.tenantId, view.report.bodyId) : [];
    const later = await laterAppendices(db, req.ctx.tenantId, view.report);
    return reply.code(code).view('finance/views/report.njk', {
      pageTitle: view.report.title,
      ...view,
      headlines: later.headlines,
      // Section 2.5 (key activity data) prints before the appendices.
      appendices: [
        ...(await keyActivityTables(db, req.ctx.tenantId, view.report.year, view.report.period, view.periodName)),
        ...(await appendixTables(db, req.ctx.tenantId, yearLabel(view.report.year), later)),
      ],
      chart: varianceChartSvg(t.directorates.filter((d) => d.kind === 'service').map((d) => ({ name: d.name, variancePence: d.total.variancePence ?? 0 }))),
      agendaItem: items.find((i) => i.id === view.report.agendaItemId) ?? null,
      versions: await versionHistory(db, req.ctx.tenantId, { kind: 'finance-report', reportId: view.report.id }),
      ...printers,
      errors,
      errorList: errorSummary(errors),
      flash: flashOf(req),
      breadcrumbs: [{ text: 'Finance reports', href: '/finance/reports' }],
    });
  };
  app.get(
    '/finance/reports/:id',
    access('manage.view'),
    page(async (req, reply) => show(req, reply, {})),
  );
  app.post(
    '/finance/reports/:id/publish',
    access('finance.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      return submitForm(() => publishReport(db, req.ctx, id), {
        done: () => reply.redirect(`/finance/reports/${id}?done=published`, 303),
        invalid: (errors, status) => show(req, reply, errors, status),
      });
    }),
  );
  // "Publish a new version": the figures read again and frozen; the agenda pack is rebuilt from it.
  app.post(
    '/finance/reports/:id/versions',
    access('finance.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      return submitForm(() => publishNewVersion(db, req.ctx, id, asBody(req.body)), {
        done: () => reply.redirect(`/finance/reports/${id}?done=version`, 303),
        invalid: (errors, status) => show(req, reply, errors, status),
      });
    }),
  );
}
