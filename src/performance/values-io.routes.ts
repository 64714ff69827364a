// Pages for importing indicator values from a CSV or Excel file (checked, then confirmed) and exporting
// every value and target.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { asBody, errorSummary, submitForm } from '../web/forms.ts';
import { page } from '../web/page.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import * as io from './values-io.ts';
import { VALUE_COLUMNS } from './values-validation.ts';

export async function registerValueImportPages(app: FastifyInstance, db: Database) {
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/performance/values.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const rows = await io.exportRows(db, req.ctx.tenantId);
        const content = format === 'csv' ? io.toCsvText(rows) : await io.toXlsx(rows);
        return sendDocument(reply, { filename: `indicator-values.${format}`, contentType: MEDIA_TYPES[format], content, caching: 'none' });
      }),
    );
  }
  const importPage = (reply: FastifyReply, extra: Record<string, unknown>, code = 200) =>
    reply.code(code).view('performance/views/import.njk', {
      pageTitle: 'Import indicator values',
      columns: VALUE_COLUMNS,
      backLink: '/performance',
      errors: {},
      ...extra,
    });
  app.get(
    '/performance/import',
    access('performance.edit'),
    page(async (_req, reply) => importPage(reply, {})),
  );
  app.post(
    '/performance/import',
    { ...access('performance.edit'), bodyLimit: 60 * 1024 * 1024 },
    page(async (req, reply) => {
      return submitForm(() => io.importFromForm(db, req.ctx, asBody(req.body)), {
        // A file with problems is shown with them (and a token to import just the good rows); imported, the page says how many.
        // Warnings alone (values far outside their history) are not errors: the page asks for a look and a confirmation.
        done: (result) =>
          result.kind === 'problems'
            ? importPage(
                reply,
                {
                  problems: result.problems,
                  warnings: result.warnings,
                  validRows: result.validRows,
                  totalRows: result.totalRows,
                  token: result.token,
                  errorList: result.problems.length
                    ? [
                        {
                          text: `The file has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}. Nothing has been imported`,
                          href: '#problems',
                        },
                      ]
                    : undefined,
                },
                result.problems.length ? 400 : 200,
              )
            : reply.redirect(`/performance?done=imported&count=${result.imported}`, 303),
        invalid: (errors, status) => importPage(reply, { errors, errorList: errorSummary(errors) }, status),
      });
    }),
  );
}
