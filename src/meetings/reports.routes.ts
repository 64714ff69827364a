// Back-office pages for an agenda item's report: the report on the standard template (written,
// cleared and published here) or an uploaded paper, with its PDF and the uploaded file.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { can } from '../access/permissions.ts';
import { access } from '../access/route-access.ts';
import { formatLongDate } from '../calendar/format.ts';
import type { Database } from '../db/database.ts';
import { letter, textBlocks } from '../documents/text.ts';
import { notFoundPage } from '../web/error-pages.ts';
import { ConflictError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, text, type FormBody } from '../web/forms.ts';
import { optionsFor } from '../web/labels.ts';
import { page, queryText } from '../web/page.ts';
import { formVersion } from '../web/schema.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { reportFieldFor, reportFromForm, reportToForm } from './report-form.ts';
import { CORPORATE_PRIORITIES, clearanceProblems, clearanceText, emptyReport } from './report-template.ts';
import type { ImplicationSection } from './implications.ts';
import { implicationSections } from './implications.service.ts';
import { flashOf, loaders, type Req } from './staff-pages.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';

/**
 * A refused publication redirects to the report's page with `?refused=publish` (or `changed`, when someone
 * else changed the report first), and the page works out the refusal again from the report as it now is:
 * a refresh shows the page again rather than posting again (Post/Redirect/Get).
 */
function refusalShown(refused: string, report: repo.ReportRow, sections: readonly ImplicationSection[]): Record<string, unknown> {
  if (refused === 'changed') return { errorList: [{ text: `${new ConflictError().message}. Check the report and try again.` }] };
  if (refused !== 'publish' || report.status !== 'draft') return {};
  const err = service.publicationRefusal(report, false, sections);
  if (!err) return {};
  // The refusal itself first, then each implication still to clear, linked to its line on the page.
  const list = Object.entries(err.fieldErrors).map(([field, message]) => ({ text: message, href: `#${field}` }));
  const refusedText = err.message !== 'The information given is not valid' ? [{ text: err.message }] : [];
  return { errors: err.fieldErrors, errorList: [...refusedText, ...list], refusal: err.message };
}

export async function registerReportPages(app: FastifyInstance, db: Database) {
  const { loadMeeting, loadItem } = loaders(db);
  const reportPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    const report = await repo.getReport(db, req.ctx.tenantId, item.id);
    // The implications sections: the council's now for a draft, those it was published with for a published report.
    const sections = report ? await service.reportSections(db, req.ctx.tenantId, report) : await implicationSections(db, req.ctx.tenantId, 'committee_report');
    return reply.code(code).view('meetings/views/report-show.njk', {
      pageTitle: `Report for item ${item.position}: ${item.title}`,
      meeting,
      item,
      report,
      longDate: formatLongDate,
      problems: report?.kind === 'template' ? clearanceProblems(report.document!, sections) : [],
      implications: sections,
      // The clearance table asks each section's question; a section with none has no row.
      clearedSections: sections.filter((s) => s.clearanceRequired || s.question.trim()),
      priorities: CORPORATE_PRIORITIES,
      clearanceText,
      letter,
      textBlocks,
      breadcrumbs: [
        { text: 'Meetings', href: '/meetings' },
        { text: `${meeting.bodyName}, ${formatLongDate(meeting.meetingDate)}`, href: `/meetings/${meeting.id}` },
      ],
      flash: flashOf(req),
      canPublish: can(req.user, 'meeting.publish'),
      canWrite: can(req.user, 'report.edit'),
      errors: {},
      ...(report ? refusalShown(queryText(req, 'refused'), report, sections) : {}),
      ...extra,
    });
  };
  const reportBase = '/meetings/:id/items/:itemId/report';
  app.get(
    reportBase,
    access('manage.view'),
    page(async (req, reply) => reportPage(req, reply)),
  );

  const reportFormPage = async (
    req: Req,
    reply: FastifyReply,
    values: FormBody,
    errors: FieldErrors,
    version: number | null,
    code = 200,
    sections?: readonly ImplicationSection[],
  ) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    return reply.code(code).view('meetings/views/report-form.njk', {
      pageTitle: `Write the report for item ${item.position}`,
      meeting,
      item,
      values,
      errors,
      version,
      implications: sections ?? (await implicationSections(db, req.ctx.tenantId, 'committee_report')),
      priorities: CORPORATE_PRIORITIES,
      errorList: errorSummary(errors),
      backLink: `/meetings/${meeting.id}/items/${item.id}/report`,
      longDate: formatLongDate,
      clearanceItems: (key: string) => optionsFor('clearanceStatus', text(values[`clearance-${key}`]) ?? 'pending'),
      keyDecisionItems: [
        { value: 'no', text: 'No', checked: values.keyDecision !== 'yes' },
        { value: 'yes', text: 'Yes', checked: values.keyDecision === 'yes' },
      ],
    });
  };

  app.get(
    `${reportBase}/edit`,
    access('report.edit'),
    page(async (req, reply) => {
      const item = await loadItem(req);
      const report = await repo.getReport(db, req.ctx.tenantId, item.id);
      // Written (and rewritten) with the sections the council configures now.
      const sections = await implicationSections(db, req.ctx.tenantId, 'committee_report');
      const content =
        report?.kind === 'template'
          ? report.document!
          : { ...emptyReport(item.title, sections), forwardPlanRef: item.keyDecisionRef ?? '', keyDecision: Boolean(item.keyDecisionRef) };
      return reportFormPage(
        req,
        reply,
        reportToForm(content, sections),
        {},
        report?.kind === 'template' ? report.version : (report?.version ?? null),
        200,
        sections,
      );
    }),
  );

  app.post(
    `${reportBase}/edit`,
    access('report.edit'),
    page(async (req, reply) => {
      const item = await loadItem(req);
      const form = asBody(req.body);
      const version = text(form.version) ? formVersion(form.version) : null;
      const sections = await implicationSections(db, req.ctx.tenantId, 'committee_report');
      return submitForm(() => service.saveReport(db, req.ctx, req.params.id!, item.id, version, reportFromForm(form, sections)), {
        done: () => reply.redirect(`/meetings/${req.params.id}/items/${item.id}/report?done=report`, 303),
        invalid: (errors, status) =>
          status === 409
            ? reportFormPage(req, reply, form, { _: `${errors._}. Copy your changes, reload the page and make them again.` }, version, 409)
            : reportFormPage(req, reply, form, Object.fromEntries(Object.entries(errors).map(([k, v]) => [reportFieldFor(k), v])), version, 400),
      });
    }),
  );

  app.post(
    `${reportBase}/upload`,
    { ...access('report.edit'), bodyLimit: 12 * 1024 * 1024 },
    page(async (req, reply) => {
      const item = await loadItem(req);
      return submitForm(() => service.uploadReport(db, req.ctx, req.params.id!, item.id, asBody(req.body).file), {
        done: () => reply.redirect(`/meetings/${req.params.id}/items/${item.id}/report?done=uploaded`, 303),
        invalid: (errors, status) => reportPage(req, reply, { errors, errorList: errorSummary(errors) }, status),
      });
    }),
  );

  app.post(
    `${reportBase}/publish`,
    access('meeting.publish'),
    page(async (req, reply) => {
      const item = await loadItem(req);
      const form = asBody(req.body);
      const publish = text(form.action) !== 'withdraw';
      const reportAt = `/meetings/${req.params.id}/items/${item.id}/report`;
      const uploadClearanceConfirmed = text(form.confirmCleared) === 'yes';
      return submitForm(
        () => service.setReportPublished(db, req.ctx, req.params.id!, item.id, formVersion(form.version), publish, { uploadClearanceConfirmed }),
        {
          done: () => reply.redirect(`${reportAt}?done=${publish ? 'published' : 'withdrawn'}`, 303),
          // Refused: on to the report's page, which shows why (Post/Redirect/Get, so a refresh does not post again).
          invalid: (_errors, status) => reply.redirect(`${reportAt}?refused=${status === 409 ? 'changed' : 'publish'}`, 303),
        },
      );
    }),
  );

  app.get(
    `${reportBase}.pdf`,
    access('manage.view'),
    page(async (req, reply) => {
      const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
      const pdf = await service.reportPdf(db, req.ctx.tenantId, meeting, item);
      if (!pdf) return notFoundPage(reply);
      return sendDocument(reply, { filename: `item-${item.position}-report.pdf`, contentType: MEDIA_TYPES.pdf, content: pdf, caching: 'none' });
    }),
  );

  app.get(
    `${reportBase}/file`,
    access('manage.view'),
    page(async (req, reply) => {
      const item = await loadItem(req);
      if (!item.fileId) return notFoundPage(reply);
      const file = await repo.getFile(db, req.ctx.tenantId, item.fileId);
      if (!file) return notFoundPage(reply);
      return sendDocument(reply, { filename: file.filename, contentType: file.contentType, content: file.content, caching: 'none' });
    }),
  );
}
