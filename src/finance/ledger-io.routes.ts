// Pages for importing the monthly ledger extract (checked row by row; nothing stored until the file is
// clean or the officer confirms importing the rows without problems) and exporting a year's ledger as CSV or Excel.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import { asBody, errorSummary, submitForm } from '../web/forms.ts';
import { page, queryText } from '../web/page.ts';
import * as io from './ledger-io.ts';
import { latestYear } from './finance.service.ts';
import { problemsView } from './finance-pages.ts';
import { parseYear, yearLabel } from './rules.ts';

export async function registerLedgerPages(app: FastifyInstance, db: Database) {
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/finance/ledger.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const year = parseYear(queryText(req, 'year')) ?? (await latestYear(db, req.ctx.tenantId))?.year ?? 2017;
        const rows = await io.exportLedger(db, req.ctx.tenantId, year);
        const content = format === 'csv' ? io.ledgerCsv(rows) : await io.ledgerXlsx(rows);
        return sendDocument(reply, { filename: `ledger-${yearLabel(year)}.${format}`, contentType: MEDIA_TYPES[format], content, caching: 'none' });
      }),
    );
  }
  const importPage = (reply: FastifyReply, extra: Record<string, unknown>, code = 200) =>
    reply
      .code(code)
      .view('finance/views/import.njk', { pageTitle: 'Import the ledger', columns: io.LEDGER_COLUMNS, backLink: '/finance', errors: {}, values: {}, ...extra });
  app.get(
    '/finance/import',
    access('finance.edit'),
    page(async (req, reply) => importPage(reply, { values: { year: yearLabel((await latestYear(db, req.ctx.tenantId))?.year ?? 2017) } })),
  );
  app.post(
    '/finance/import',
    { ...access('finance.edit'), bodyLimit: 12 * 1024 * 1024 },
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => io.importLedger(db, req.ctx, body), {
        done: (result) =>
          result.kind === 'problems'
            ? importPage(
                reply,
                {
                  values: body,
                  ...problemsView(result, '/finance/import', { year: String(body.year ?? '') }),
                },
                400,
              )
            : reply.redirect(`/finance?year=${yearLabel(result.year)}&done=${result.skipped ? 'importedValid' : 'imported'}`, 303),
        invalid: (errors, status) => importPage(reply, { values: body, errors, errorList: errorSummary(errors) }, status),
      });
    }),
  );
}
