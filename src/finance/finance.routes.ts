// Staff pages for budget monitoring: the year's table at a period (Appendix 1), a line with its months,
// the forms for a month's figures and for commentary, and the settings. Committee members read;
// finance officers change (finance.edit). Virements, reports and the ledger import are beside this file.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { type FieldErrors, NotFoundError } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import { idParam, page, type PageRequest, queryText } from '../web/page.ts';
import { isUuid } from '../web/schema.ts';
import * as notes from './commentary.repository.ts';
import { chosenYearPeriod, flashOf, periodItems, printers, yearItems } from './finance-pages.ts';
import * as service from './finance.service.ts';
import { registerKeyActivityPages } from './key-activity.routes.ts';
import { registerLedgerPages } from './ledger-io.routes.ts';
import { registerReportPages } from './reports.routes.ts';
import { OUTTURN, parsePeriod, parseYear, penceToPounds, periodLabel, yearLabel } from './rules.ts';
import { registerVirementPages } from './virements.routes.ts';

const DEFAULT = { year: 2017, period: OUTTURN };

export async function registerFinancePages(app: FastifyInstance, db: Database) {
  app.get(
    '/finance',
    access('manage.view'),
    page(async (req, reply) => {
      const latest = await service.latestYear(db, req.ctx.tenantId);
      const { year, period } = chosenYearPeriod(req, latest ?? DEFAULT);
      const view = await service.yearView(db, req.ctx.tenantId, year, period);
      return reply.view('finance/views/year.njk', {
        pageTitle: `Budget monitoring ${yearLabel(year)}`,
        ...view,
        ...printers,
        periodName: periodLabel(year, period),
        yearItems: yearItems(latest?.years.length ? latest.years : [year], year),
        periodItems: periodItems(year, period),
        caught: view.table.lines.filter((l) => l.commentaryRequired),
        flash: flashOf(req),
      });
    }),
  );

  app.get(
    '/finance/lines/:id',
    access('manage.view'),
    page(async (req, reply) => {
      const year = parseYear(queryText(req, 'year')) ?? (await service.latestYear(db, req.ctx.tenantId))?.year ?? DEFAULT.year;
      const view = await service.lineView(db, req.ctx.tenantId, idParam(req, 'id'), year);
      return reply.view('finance/views/line.njk', {
        pageTitle: view.line.name,
        ...view,
        ...printers,
        year,
        outturn: OUTTURN,
        breadcrumbs: [{ text: 'Budget monitoring', href: `/finance?year=${yearLabel(year)}` }],
        flash: flashOf(req),
      });
    }),
  );

  // ---- A month's figures ----------------------------------------------------------------------------------
  const monthForm = async (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) => {
    const lineId = idParam(req, 'id');
    const year = parseYear(values.year) ?? DEFAULT.year;
    const view = await service.lineView(db, req.ctx.tenantId, lineId, year);
    const period = parsePeriod(values.period);
    return reply.code(code).view('finance/views/month-form.njk', {
      pageTitle: `Figures for ${view.line.name}`,
      line: view.line,
      values,
      errors,
      errorList: errorSummary(errors),
      periodItems: periodItems(year, period ?? 0),
      outturn: period === OUTTURN,
      backLink: `/finance/lines/${lineId}?year=${yearLabel(year)}`,
    });
  };
  app.get(
    '/finance/lines/:id/month',
    access('finance.edit'),
    page(async (req, reply) => {
      const year = parseYear(queryText(req, 'year')) ?? DEFAULT.year;
      const period = parsePeriod(queryText(req, 'period')) ?? 1;
      const view = await service.lineView(db, req.ctx.tenantId, idParam(req, 'id'), year);
      const f = view.periods[period - 1]!;
      return monthForm(
        req,
        reply,
        {
          year: yearLabel(year),
          period: String(period),
          actual: penceToPounds(f.actualPence),
          forecast: period === OUTTURN ? '' : penceToPounds(f.forecastPence),
          version: f.version === null ? '' : String(f.version),
        },
        {},
      );
    }),
  );
  app.post(
    '/finance/lines/:id/month',
    access('finance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      const lineId = idParam(req, 'id');
      return submitForm(() => service.saveMonth(db, req.ctx, lineId, body), {
        done: ({ year }) => reply.redirect(`/finance/lines/${lineId}?year=${yearLabel(year)}&done=month`, 303),
        invalid: (errors, status) => monthForm(req, reply, body, errors, status),
      });
    }),
  );

  // ---- Commentary ----------------------------------------------------------------------------------------
  const commentaryForm = async (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200, id?: string) => {
    const year = parseYear(values.year) ?? DEFAULT.year;
    const period = parsePeriod(values.period) ?? OUTTURN;
    const view = await service.yearView(db, req.ctx.tenantId, year, period);
    const chosen = new Set((Array.isArray(values.lineIds) ? values.lineIds : [values.lineIds]).map(String));
    return reply.code(code).view('finance/views/commentary-form.njk', {
      pageTitle: id ? 'Change commentary' : 'Write commentary',
      action: id ? `/finance/commentary/${id}` : '/finance/commentary',
      values,
      errors,
      errorList: errorSummary(errors),
      periodName: periodLabel(year, period),
      lineItems: view.table.lines.map((l) => ({
        value: l.id,
        text: `${l.name} (${l.directorate})`,
        hint: { text: `Variance £${printers.k(l.variancePence)}k${l.commentaryRequired ? ': the rule asks for commentary' : ''}` },
        checked: chosen.has(l.id),
      })),
      backLink: `/finance?year=${yearLabel(year)}&period=${period}`,
    });
  };
  app.get(
    '/finance/commentary',
    access('finance.edit'),
    page(async (req, reply) => {
      const line = queryText(req, 'line');
      const values = {
        year: queryText(req, 'year') || yearLabel(DEFAULT.year),
        period: queryText(req, 'period') || String(OUTTURN),
        lineIds: isUuid(line) ? [line] : [],
      };
      return commentaryForm(req, reply, values, {});
    }),
  );
  app.post(
    '/finance/commentary',
    access('finance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.saveCommentary(db, req.ctx, body), {
        done: ({ year, period }) => reply.redirect(`/finance?year=${yearLabel(year)}&period=${period}&done=commentary`, 303),
        invalid: (errors, status) => commentaryForm(req, reply, body, errors, status),
      });
    }),
  );
  app.get(
    '/finance/commentary/:id',
    access('finance.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const c = await notes.commentaryById(db, req.ctx.tenantId, id);
      if (!c) throw new NotFoundError('commentary');
      const values = { year: yearLabel(c.year), period: String(c.period), title: c.title, body: c.body, lineIds: c.lineIds, version: String(c.version) };
      return commentaryForm(req, reply, values, {}, 200, id);
    }),
  );
  app.post(
    '/finance/commentary/:id',
    access('finance.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const c = await notes.commentaryById(db, req.ctx.tenantId, id);
      if (!c) throw new NotFoundError('commentary');
      // The year and period stay the commentary's own.
      const body = { ...asBody(req.body), year: yearLabel(c.year), period: String(c.period) };
      return submitForm(() => service.saveCommentary(db, req.ctx, body, id), {
        done: ({ year, period }) => reply.redirect(`/finance?year=${yearLabel(year)}&period=${period}&done=commentary`, 303),
        invalid: (errors, status) => commentaryForm(req, reply, body, errors, status, id),
      });
    }),
  );

  // ---- Settings ------------------------------------------------------------------------------------------
  const settingsPage = (reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) =>
    reply
      .code(code)
      .view('finance/views/settings.njk', { pageTitle: 'Finance settings', values, errors, errorList: errorSummary(errors), backLink: '/finance' });
  app.get(
    '/finance/settings',
    access('finance.edit'),
    page(async (req, reply) => {
      const s = await service.financeSettings(db, req.ctx.tenantId);
      return settingsPage(
        reply,
        { commentaryPercent: String(s.rule.percent), commentaryFloor: penceToPounds(s.rule.floorPence), deMinimis: penceToPounds(s.deMinimisPence) },
        {},
      );
    }),
  );
  app.post(
    '/finance/settings',
    access('finance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.saveSettings(db, req.ctx, body), {
        done: () => reply.redirect('/finance?done=settings', 303),
        invalid: (errors, status) => settingsPage(reply, body, errors, status),
      });
    }),
  );

  await registerVirementPages(app, db);
  await registerReportPages(app, db);
  await registerLedgerPages(app, db);
  await registerKeyActivityPages(app, db);
}
