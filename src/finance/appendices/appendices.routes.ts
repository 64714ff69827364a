// Staff pages of the appendices: for a financial year, the savings tracker (with its chart, import and export),
// grant income, reserves, and the capital programme and its funding, each listed with its derived totals, and a
// form to add, change or delete each row. Finance officers keep the figures; staff and councillors read them.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Action } from '../../access/permissions.ts';
import { access } from '../../access/route-access.ts';
import { todayInEngland } from '../../calendar/today.ts';
import type { CapabilityOptions } from '../../capability.ts';
import { MEDIA_TYPES, sendDocument } from '../../documents/download.ts';
import type { FieldErrors } from '../../web/errors.ts';
import { asBody, errorSummary, submitForm } from '../../web/forms.ts';
import { formVersion } from '../../web/schema.ts';
import { flashFrom, idParam, type PageRequest, page, queryText } from '../../web/page.ts';
import type { AppendixKey } from './appendices.repository.ts';
import * as service from './appendices.service.ts';
import { FIELDS, type FormValues, optionsOf } from './appendix-forms.ts';
import { financialYearOf, isFinancialYear } from './rules.ts';
import * as io from './savings-io.ts';
import { problemsView } from '../finance-pages.ts';
import { savingsOf, savingsWithPartners } from './savings.service.ts';

/** Who may change the figures: finance officers (and administrators), as for the budget lines. */
export const FINANCE_EDIT: Action = 'finance.edit';
const BASE = '/finance/appendices';
const KEYS = Object.keys(service.APPENDICES) as AppendixKey[];

const flash = flashFrom({
  added: 'The row has been added',
  saved: 'Your changes have been saved',
  deleted: 'The row has been deleted',
  imported: 'The savings tracker has been imported',
  importedValid: 'The savings without problems have been imported; the rows with problems were skipped',
});

/** The year asked for, or the latest with figures, or the current one. */
async function yearOf(req: PageRequest, years: string[]): Promise<string | null> {
  const asked = queryText(req, 'year');
  if (asked) return isFinancialYear(asked) ? asked : null;
  return years[0] ?? financialYearOf(todayInEngland());
}

const listUrl = (key: AppendixKey, year: string, done?: string) => `${BASE}/${key}?year=${year}${done ? `&done=${done}` : ''}`;

async function readAppendix(db: CapabilityOptions['db'], tenantId: string, key: AppendixKey, year: string) {
  switch (key) {
    case 'savings':
      return savingsOf(db, tenantId, year);
    case 'grants':
      return service.grantsOf(db, tenantId, year);
    case 'reserves':
      return service.reservesOf(db, tenantId, year);
    case 'capital-schemes':
      return service.schemesOf(db, tenantId, year);
    case 'capital-funding':
      return service.fundingOf(db, tenantId, year);
  }
}

export async function appendixRoutes(app: FastifyInstance, { db }: CapabilityOptions): Promise<void> {
  const badYear = (reply: FastifyReply) =>
    reply.code(400).view('web/views/errors/error.njk', {
      pageTitle: 'There is a problem with your request',
      status: 400,
      message: 'The financial year must be written like 2017-18',
    });

  app.get(
    BASE,
    access('manage.view'),
    page(async (req, reply) => {
      const years = await service.yearsWithData(db, req.ctx.tenantId);
      const year = await yearOf(req, years);
      if (!year) return badYear(reply);
      return reply.view('finance/appendices/views/overview.njk', {
        pageTitle: `Finance appendices ${year}`,
        year,
        years: years.includes(year) ? years : [year, ...years],
        appendices: KEYS.map((key) => ({ key, ...service.APPENDICES[key], href: listUrl(key, year) })),
      });
    }),
  );

  for (const key of KEYS) {
    const meta = service.APPENDICES[key];
    const fields = FIELDS[key];
    const formPage = async (
      reply: FastifyReply,
      tenantId: string,
      context: { year: string; action: string; values: FormValues; errors: FieldErrors; version?: number; editing: boolean },
      code = 200,
    ) => {
      const choices = await service.formChoices(db, tenantId);
      return reply.code(code).view('finance/appendices/views/row-form.njk', {
        pageTitle: `${context.editing ? 'Change' : 'Add'} a ${meta.singular}`,
        backLink: listUrl(key, context.year),
        fields: fields.map((f) => ({ ...f, choices: optionsOf(f, choices) })),
        errorList: errorSummary(context.errors),
        ...context,
      });
    };

    app.get(
      `${BASE}/${key}`,
      access('manage.view'),
      page(async (req, reply) => {
        const year = await yearOf(req, await service.yearsWithData(db, req.ctx.tenantId));
        if (!year) return badYear(reply);
        return reply.view(`finance/appendices/views/${key}.njk`, {
          pageTitle: `${meta.title} ${year}`,
          breadcrumbs: [{ text: 'Finance appendices', href: `${BASE}?year=${year}` }],
          year,
          key,
          meta,
          editAction: FINANCE_EDIT,
          flash: flash(req),
          data: await readAppendix(db, req.ctx.tenantId, key, year),
        });
      }),
    );

    app.get(
      `${BASE}/${key}/new`,
      access(FINANCE_EDIT),
      page(async (req, reply) => {
        const year = queryText(req, 'year');
        if (!isFinancialYear(year)) return badYear(reply);
        return formPage(reply, req.ctx.tenantId, { year, action: `${BASE}/${key}/new?year=${year}`, values: {}, errors: {}, editing: false });
      }),
    );
    app.post(
      `${BASE}/${key}/new`,
      access(FINANCE_EDIT),
      page(async (req, reply) => {
        const year = queryText(req, 'year');
        if (!isFinancialYear(year)) return badYear(reply);
        const body = asBody(req.body);
        return submitForm(() => service.saveRow(db, req.ctx, key, { year }, body), {
          done: () => reply.redirect(listUrl(key, year, 'added'), 303),
          invalid: (errors, status) =>
            formPage(reply, req.ctx.tenantId, { year, action: `${BASE}/${key}/new?year=${year}`, values: body as FormValues, errors, editing: false }, status),
        });
      }),
    );

    app.get(
      `${BASE}/${key}/:id/edit`,
      access(FINANCE_EDIT),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const row = await service.rowForm(db, req.ctx.tenantId, key, id);
        return formPage(reply, req.ctx.tenantId, {
          year: row.year,
          action: `${BASE}/${key}/${id}/edit`,
          values: row.values,
          errors: {},
          version: row.version,
          editing: true,
        });
      }),
    );
    app.post(
      `${BASE}/${key}/:id/edit`,
      access(FINANCE_EDIT),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        const current = await service.rowForm(db, req.ctx.tenantId, key, id);
        return submitForm(() => service.saveRow(db, req.ctx, key, { id, version: body.version }, body), {
          done: (year) => reply.redirect(listUrl(key, year, 'saved'), 303),
          // After a conflict the form shows what is saved now, with its new version, so nothing is overwritten unseen.
          invalid: (errors, status) =>
            formPage(
              reply,
              req.ctx.tenantId,
              {
                year: current.year,
                action: `${BASE}/${key}/${id}/edit`,
                values: status === 409 ? current.values : (body as FormValues),
                errors,
                version: status === 409 ? current.version : formVersion(body.version),
                editing: true,
              },
              status,
            ),
        });
      }),
    );

    app.get(
      `${BASE}/${key}/:id/delete`,
      access(FINANCE_EDIT),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const row = await service.rowForm(db, req.ctx.tenantId, key, id);
        return reply.view('finance/appendices/views/delete.njk', {
          pageTitle: `Delete a ${meta.singular}`,
          backLink: listUrl(key, row.year),
          singular: meta.singular,
          label: row.label,
          version: row.version,
          action: `${BASE}/${key}/${id}/delete`,
        });
      }),
    );
    app.post(
      `${BASE}/${key}/:id/delete`,
      access(FINANCE_EDIT),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        return submitForm(() => service.removeRow(db, req.ctx, key, id, body.version), {
          done: (year) => reply.redirect(listUrl(key, year, 'deleted'), 303),
          invalid: async (errors, status) => {
            const row = await service.rowForm(db, req.ctx.tenantId, key, id);
            return reply.code(status).view('finance/appendices/views/delete.njk', {
              pageTitle: `Delete a ${meta.singular}`,
              backLink: listUrl(key, row.year),
              singular: meta.singular,
              label: row.label,
              version: row.version,
              action: `${BASE}/${key}/${id}/delete`,
              errorList: errorSummary(errors),
            });
          },
        });
      }),
    );
  }

  // ---- The savings tracker as a spreadsheet ----

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `${BASE}/savings.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const year = queryText(req, 'year');
        if (!isFinancialYear(year)) return badYear(reply);
        const rows = io.savingSheetRows(year, await savingsWithPartners(db, req.ctx.tenantId, year));
        const content = format === 'csv' ? io.savingsCsv(rows) : await io.savingsXlsx(year, rows);
        return sendDocument(reply, { filename: `savings-tracker-${year}.${format}`, contentType: MEDIA_TYPES[format], content, caching: 'none' });
      }),
    );
  }

  const importPage = (reply: FastifyReply, year: string, extra: Record<string, unknown>, code = 200) =>
    reply.code(code).view('finance/appendices/views/import.njk', {
      pageTitle: `Import the savings tracker ${year}`,
      backLink: listUrl('savings', year),
      columns: io.savingColumns(year),
      year,
      errors: {},
      ...extra,
    });
  app.get(
    `${BASE}/savings/import`,
    access(FINANCE_EDIT),
    page(async (req, reply) => {
      const year = queryText(req, 'year');
      return isFinancialYear(year) ? importPage(reply, year, {}) : badYear(reply);
    }),
  );
  app.post(
    `${BASE}/savings/import`,
    { ...access(FINANCE_EDIT), bodyLimit: 12 * 1024 * 1024 },
    page(async (req, reply) => {
      const year = queryText(req, 'year');
      if (!isFinancialYear(year)) return badYear(reply);
      return submitForm(() => io.importSavings(db, req.ctx, year, asBody(req.body)), {
        done: (result) =>
          result.kind === 'problems'
            ? importPage(reply, year, problemsView(result, `${BASE}/savings/import?year=${year}`, {}), 400)
            : reply.redirect(listUrl('savings', year, result.skipped ? 'importedValid' : 'imported'), 303),
        invalid: (errors, status) => importPage(reply, year, { errors, errorList: errorSummary(errors) }, status),
      });
    }),
  );
}
