// Pages for importing indicator values from a CSV or Excel file (checked, then confirmed), following a long
// import on its progress page, and exporting every value and target.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { NotFoundError } from '../web/errors.ts';
import { asBody, errorSummary, submitForm } from '../web/forms.ts';
import { idParam, page } from '../web/page.ts';
import { formatDateTime } from '../calendar/format.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import * as io from './values-io.ts';
import { VALUE_COLUMNS } from './values-validation.ts';
import { valueImportRuns, type ImportOutcome, type ImportStatus } from './value-import-runs.ts';

/** What the page says when an import could not finish for a reason of the server's, not the file's. */
export const IMPORT_FAILED =
  'The import stopped because of a fault on the server, and nothing was imported. Try again; if it happens again, tell your administrator';
export const IMPORT_STOPPED = 'The import stopped before it ended (the service was restarted), and nothing was imported. Upload the file again';

const count = (n: number) => n.toLocaleString('en-GB');

/** How far a running import has got, in words. */
export function progressText(s: Pick<ImportStatus, 'step' | 'rowsDone' | 'rowsTotal'>): string {
  if (s.step === 'writing') return `${count(s.rowsDone)} of ${count(s.rowsTotal ?? s.rowsDone)} rows written`;
  if (s.rowsTotal === null) return `${count(s.rowsDone)} rows read and checked`;
  return `${count(s.rowsDone)} of about ${count(s.rowsTotal)} rows read and checked`;
}

export async function registerValueImportPages(app: FastifyInstance, db: Database, { waitMs }: { waitMs: number }) {
  const runs = valueImportRuns(db, { waitMs, onError: (err) => app.log.error({ err }, 'values import failed') });
  app.addHook('onClose', () => runs.close());

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
  const errorsPage = (reply: FastifyReply, errors: Record<string, string>, code: number) =>
    importPage(reply, { errors, errorList: errorSummary(errors) }, code);

  /** An ended import as the form shows it; `asked` is whether this answers the form itself (then a refusal is a 4xx) or a later look at it. */
  const outcomePage = (reply: FastifyReply, outcome: ImportOutcome, asked: 'form' | 'later') => {
    switch (outcome.kind) {
      case 'imported':
        return reply.redirect(`/performance?done=imported&count=${outcome.imported}`, 303);
      case 'invalid':
        return errorsPage(reply, outcome.errors, asked === 'form' ? outcome.status : 200);
      case 'failed':
        return errorsPage(reply, { file: IMPORT_FAILED }, asked === 'form' ? 500 : 200);
      case 'problems':
        // A file with problems is shown with them (and a token to import just the good rows). Warnings alone (values
        // far outside their history) are not errors: the page asks for a look and a confirmation.
        return importPage(
          reply,
          {
            ...outcome,
            errorList: outcome.problemCount
              ? [
                  {
                    text: `The file has ${count(outcome.problemCount)} problem${outcome.problemCount === 1 ? '' : 's'}. Nothing has been imported`,
                    href: '#problems',
                  },
                ]
              : undefined,
          },
          outcome.problemCount && asked === 'form' ? 400 : 200,
        );
    }
  };

  app.get(
    '/performance/import',
    access('performance.edit'),
    page(async (req, reply) => importPage(reply, { recent: recentRows(await runs.recent(req.ctx.tenantId)) })),
  );
  app.post(
    '/performance/import',
    { ...access('performance.edit'), bodyLimit: 60 * 1024 * 1024 },
    page(async (req, reply) =>
      submitForm(() => io.formImport(db, req.ctx, asBody(req.body)), {
        // An import that ends within the wait answers at once; a longer one goes on while its page shows how far it has got.
        done: async (request) => {
          const { id, outcome } = await runs.start(req.ctx, request);
          return outcome ? outcomePage(reply, outcome, 'form') : reply.redirect(`/performance/imports/${id}`, 303);
        },
        invalid: (errors, status) => errorsPage(reply, errors, status),
      }),
    ),
  );
  app.get(
    '/performance/imports/:importId',
    access('performance.edit'),
    page(async (req, reply) => {
      const status = await runs.status(req.ctx.tenantId, idParam(req, 'importId'));
      if (!status) throw new NotFoundError('import');
      if (status.state === 'stopped') return errorsPage(reply, { file: IMPORT_STOPPED }, 200);
      if (status.state !== 'running' && status.outcome) return outcomePage(reply, status.outcome, 'later');
      // A running import is never done: its last rows are still being written and committed.
      const percent = status.rowsTotal ? Math.min(99, Math.floor((100 * status.rowsDone) / status.rowsTotal)) : null;
      return reply.header('cache-control', 'no-store').view('performance/views/import-progress.njk', {
        pageTitle: 'Importing indicator values',
        backLink: '/performance/import',
        status,
        started: formatDateTime(status.startedAt),
        progress: progressText(status),
        percent,
      });
    }),
  );
}

const ENDED_TEXT: Record<string, string> = {
  problems: 'Not imported: the file had problems or values to check',
  invalid: 'Not imported',
  failed: 'Not imported: a fault on the server',
  stopped: 'Not imported: stopped before it ended',
};

/** The import page's list of recent imports. */
function recentRows(list: ImportStatus[]) {
  const outcomeText = (s: ImportStatus) => {
    if (s.state === 'running') return `Running: ${progressText(s)}`;
    if (s.outcome?.kind === 'imported') return `${count(s.outcome.imported)} row${s.outcome.imported === 1 ? '' : 's'} imported`;
    return ENDED_TEXT[s.state] ?? 'Not imported';
  };
  return list.map((s) => ({ id: s.id, filename: s.filename, startedBy: s.startedBy, started: formatDateTime(s.startedAt), text: outcomeText(s) }));
}
