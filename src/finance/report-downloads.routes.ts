// The finance report as Word and PDF, and the form attaching it to an agenda item of its committee's
// meetings, so that once published it is that item's paper in the agenda pack.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { formatDate } from '../calendar/format.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import { slugify } from '../documents/text.ts';
import { councilName } from '../meetings/index.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import { idParam, page, type PageRequest } from '../web/page.ts';
import { NotFoundError } from '../web/errors.ts';
import * as notes from './commentary.repository.ts';
import { reportDocument } from './report-document.ts';
import { renderReportDocx } from './report-docx.ts';
import { renderReportPdf } from './report-pdf.ts';
import { publishedDocument } from './report-paper.ts';
import { attachReport } from './report-publish.ts';

export async function registerReportDownloads(app: FastifyInstance, db: Database, configuredCouncil: string | undefined) {
  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/finance/reports/:id/report.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const council = await councilName(db, req.ctx.tenantId, configuredCouncil);
        const id = idParam(req, 'id');
        // A published report prints its frozen version; "Preview with today's data" (?data=today) reads the figures now.
        const today = (req.query as Record<string, unknown>).data === 'today';
        const doc = today ? await reportDocument(db, req.ctx.tenantId, id, council) : (await publishedDocument(db, req.ctx.tenantId, id, council)).doc;
        const content = format === 'pdf' ? await renderReportPdf(doc) : await renderReportDocx(doc);
        return sendDocument(reply, {
          filename: `${slugify(doc.title, 'finance-report')}.${format}`,
          contentType: MEDIA_TYPES[format],
          content,
          caching: 'none',
        });
      }),
    );
  }

  const form = async (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) => {
    const report = await notes.reportById(db, req.ctx.tenantId, idParam(req, 'id'));
    if (!report) throw new NotFoundError('finance report');
    const chosen = typeof values.agendaItemId === 'string' ? values.agendaItemId : (report.agendaItemId ?? '');
    const items = await notes.agendaItemChoices(db, req.ctx.tenantId, report.bodyId);
    return reply.code(code).view('finance/views/report-attach.njk', {
      pageTitle: 'Attach the report to an agenda item',
      report,
      errors,
      errorList: errorSummary(errors),
      version: typeof values.version === 'string' ? values.version : String(report.version),
      itemItems: [
        { value: '', text: 'Not attached to an agenda item' },
        ...items.map((i) => ({
          value: i.id,
          text: `${formatDate(i.meetingDate)}, item ${i.position}: ${i.title}${i.exempt ? ' (exempt)' : ''}`,
          selected: i.id === chosen,
        })),
      ],
      backLink: `/finance/reports/${report.id}`,
    });
  };
  app.get(
    '/finance/reports/:id/agenda-item',
    access('finance.edit'),
    page(async (req, reply) => form(req, reply, {}, {})),
  );
  app.post(
    '/finance/reports/:id/agenda-item',
    access('finance.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const body = asBody(req.body);
      return submitForm(() => attachReport(db, req.ctx, id, body), {
        done: () => reply.redirect(`/finance/reports/${id}?done=attached`, 303),
        invalid: (errors, status) => form(req, reply, body, errors, status),
      });
    }),
  );
}
