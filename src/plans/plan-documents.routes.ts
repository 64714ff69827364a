// The plan as Word, XLSX and CSV (for staff and, once published, the public), and the page that imports
// actions into a delivery plan from a CSV or Excel file.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import { asBody, submitForm } from '../web/forms.ts';
import { idParam, page } from '../web/page.ts';
import { isUpload, MAX_UPLOAD_BYTES } from '../documents/file-types.ts';
import { sendDocument } from '../documents/download.ts';
import * as repo from './plans.repository.ts';
import * as service from './plans.service.ts';
import * as actionsService from './plan-actions.service.ts';
import { planToDocx } from './documents/plan-docx.ts';
import { planToCsv, planToXlsx } from './documents/plan-xlsx.ts';
import { parsePlanImport } from './documents/plan-import.ts';
import { labels, planBreadcrumbs, type Req, refused } from './plan-pages.ts';

export function registerPlanImportPages(app: FastifyInstance, db: Database) {
  const importPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const plan = await repo.getPlan(db, req.ctx.tenantId, idParam(req, 'id'));
    if (plan?.kind !== 'delivery_plan') throw new NotFoundError('page');
    return reply.code(code).view('plans/views/import.njk', {
      pageTitle: `Import actions into ${plan.title}`,
      plan,
      errors: {},
      ...labels,
      backLink: `/plans/${plan.id}`,
      breadcrumbs: planBreadcrumbs(plan),
      ...extra,
    });
  };
  app.get(
    '/plans/:id/import',
    access('plan.edit'),
    page(async (req, reply) => importPage(req, reply)),
  );
  app.post(
    '/plans/:id/import',
    { ...access('plan.edit'), bodyLimit: 20 * 1024 * 1024 },
    page(async (req, reply) => {
      const planId = idParam(req, 'id');
      const file = asBody(req.body).file;
      return submitForm(
        async () => {
          if (!isUpload(file) || file.filename.trim() === '') throw new ValidationError({ file: 'Select a CSV or Excel file of actions' });
          if (file.tooLarge || file.data.length > MAX_UPLOAD_BYTES) throw new ValidationError({ file: 'The selected file must be smaller than 10MB' });
          if (file.data.length === 0) throw new ValidationError({ file: 'The selected file is empty' });
          const parsed = await parsePlanImport({ filename: file.filename, data: file.data });
          if (parsed.problems.length) return { problems: parsed.problems, totalRows: parsed.rows.length + parsed.problems.length };
          if (!parsed.rows.length) throw new ValidationError({ file: 'The file has no actions under its heading row' });
          return {
            imported: await actionsService.importActions(
              db,
              req.ctx,
              planId,
              parsed.rows.map((r) => r.row),
            ),
          };
        },
        {
          // A file with problems is shown with them, and nothing is imported.
          done: (outcome) => {
            if (outcome.imported)
              return reply.redirect(`/plans/${planId}?done=imported&added=${outcome.imported.added}&updated=${outcome.imported.updated}`, 303);
            const count = outcome.problems.reduce((n, p) => n + p.messages.length, 0);
            return importPage(
              req,
              reply,
              { ...outcome, errorList: [{ text: `The file has ${count} problem${count === 1 ? '' : 's'}. Nothing has been imported`, href: '#problems' }] },
              400,
            );
          },
          // A message about the whole file goes beside the file input.
          invalid: (errors, status) => {
            const shown = refused(errors, status);
            return importPage(req, reply, { ...shown, errors: shown.errors._ ? { file: shown.errors._ } : shown.errors }, status);
          },
        },
      );
    }),
  );
}

/** The plan as Word, XLSX and CSV, at `${base}/plan.docx` and so on. */
export function registerPlanDocuments(app: FastifyInstance, db: Database, base: string, action: 'manage.view' | 'public.view', publicOnly: boolean) {
  const send = (extension: 'docx' | 'xlsx' | 'csv', type: string, build: (doc: ReturnType<typeof service.planDocument>) => Promise<Buffer | string> | string) =>
    app.get(
      `${base}/plan.${extension}`,
      access(action),
      page(async (req, reply) => {
        const view = await service.planView(db, req.ctx.tenantId, idParam(req, 'id'), { publicOnly });
        if (view.plan.kind !== 'delivery_plan') throw new NotFoundError('page');
        const name =
          view.plan.title
            .replace(/[^A-Za-z0-9 ()&-]+/g, ' ')
            .replace(/\s+/g, ' ')
            .trim() || 'Plan';
        return sendDocument(reply, {
          filename: `${name}.${extension}`,
          contentType: type,
          content: await build(service.planDocument(view)),
          caching: publicOnly ? 'public' : 'none',
        });
      }),
    );
  send('docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', planToDocx);
  send('xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', planToXlsx);
  send('csv', 'text/csv; charset=utf-8', planToCsv);
}
