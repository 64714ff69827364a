// Staff pages for the quarterly update to Cabinet (seed 001): a quarter's partnerships with the state of their
// activity updates, the page of one (draft from the record, edit, submit, the lead member's approval), and the
// report itself as HTML, Word and PDF.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { canSometimes } from '../access/permissions.ts';
import { formatDate } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import { slugify } from '../documents/text.ts';
import { asBody, errorSummary, submitForm } from '../web/forms.ts';
import type { FieldErrors } from '../web/errors.ts';
import { flashFrom, idParam, page, queryText, type PageRequest } from '../web/page.ts';
import { quarterlyPdf } from './quarterly-pdf.ts';
import { buildReport } from './quarterly-report.ts';
import { parseQuarter, previousQuarter, quarterOf, type Quarter } from './quarterly-rules.ts';
import * as activity from './activity.service.ts';
import * as service from './quarterly.service.ts';
import { quarterlyWord } from './quarterly-word.ts';
import { publishedQuarterly, publishQuarterly, versionLine } from './public-reports.service.ts';
import { chosenPartnerships } from './report-versions.service.ts';

const flash = flashFrom({
  saved: 'The summary of activity was saved as a draft',
  submitted: 'The summary of activity was submitted to the lead member for approval',
  approved: 'The summary of activity was approved',
  published: 'The report was published: its downloads print this version until a new one is published',
});

/** The quarter asked for (?quarter=2009-04-01), or the last complete one. */
function quarterFrom(value: string): Quarter {
  return parseQuarter(value) ?? previousQuarter(quarterOf(todayInEngland()));
}
const ids = (req: PageRequest): string[] | null => {
  const raw = req.query.p;
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v));
  return list.length ? list.map((v) => v.toLowerCase()) : null;
};
/** The report's date (contacts are as at it): ?date=, or today. */
const reportDate = (req: PageRequest) => (/^\d{4}-\d{2}-\d{2}$/.test(queryText(req, 'date')) ? queryText(req, 'date') : todayInEngland());

export async function registerQuarterlyPages(app: FastifyInstance, db: Database) {
  app.get(
    '/quarterly-updates',
    access('manage.view'),
    page(async (req, reply) => {
      const q = quarterFrom(queryText(req, 'quarter'));
      const rows = await service.quarterContent(db, req.ctx.tenantId, q, null, todayInEngland());
      return reply.view('reports/views/quarterly-list.njk', {
        pageTitle: `Quarterly update to Cabinet: ${q.label}`,
        quarter: q,
        previous: previousQuarter(q),
        rows: rows.map((r) => ({
          id: r.partnership.id,
          name: r.partnership.name,
          status: service.approvedLine(r.update),
          approved: r.update?.state === 'approved',
        })),
        today: todayInEngland(),
      });
    }),
  );

  /** The report read now: the quarter, its date (contacts are as at it) and the partnerships chosen. */
  const live = async (tenantId: string, q: Quarter, date: string, chosenIds: string[] | null) => {
    const chosen = chosenIds ?? (await service.defaultSelection(db, tenantId, q));
    return buildReport(q, date, await service.quarterContent(db, tenantId, q, chosen, date));
  };
  /** Once the quarter is published its report is the latest frozen version; "Preview with today's data" (?data=today) reads it live. */
  const report = async (req: PageRequest) => {
    const q = quarterFrom(queryText(req, 'quarter'));
    const published = await publishedQuarterly(db, req.ctx.tenantId, q);
    const preview = queryText(req, 'data') === 'today';
    const r = published && !preview ? published.document : await live(req.ctx.tenantId, q, reportDate(req), ids(req));
    return { r, published, preview };
  };
  app.get(
    '/quarterly-updates/report',
    access('manage.view'),
    page(async (req, reply) => {
      const { r, published, preview } = await report(req);
      const pdf = await quarterlyPdf(r);
      const url = new URL(req.url, 'http://x');
      url.searchParams.delete('data');
      url.searchParams.delete('done');
      const query = url.search;
      return reply.view('reports/views/quarterly-report.njk', {
        pageTitle: r.title,
        report: r,
        contents: pdf.contents,
        query,
        previewQuery: `${query ? `${query}&` : '?'}data=today`,
        docQuery: preview ? `${query ? `${query}&` : '?'}data=today` : query,
        published: published ? { number: published.number, line: versionLine(published) } : null,
        preview,
        chosenIds: ids(req) ?? [],
        flash: flash(req),
      });
    }),
  );
  app.post(
    '/quarterly-updates/report/publish',
    access('report.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => publishQuarterly(db, req.ctx, body), {
        done: ({ quarter }) => reply.redirect(`/quarterly-updates/report?quarter=${quarter.start}&done=published`, 303),
        invalid: async (errors, status) => {
          const q = quarterFrom(String(body.quarter ?? ''));
          const date = /^\d{4}-\d{2}-\d{2}$/.test(String(body.date ?? '')) ? String(body.date) : todayInEngland();
          const r = await live(req.ctx.tenantId, q, date, chosenPartnerships(body.p));
          const pdf = await quarterlyPdf(r);
          const published = await publishedQuarterly(db, req.ctx.tenantId, q);
          return reply.code(status).view('reports/views/quarterly-report.njk', {
            pageTitle: r.title,
            report: r,
            contents: pdf.contents,
            query: `?quarter=${q.start}`,
            previewQuery: `?quarter=${q.start}&data=today`,
            docQuery: `?quarter=${q.start}&data=today`,
            published: published ? { number: published.number, line: versionLine(published) } : null,
            preview: true,
            chosenIds: chosenPartnerships(body.p) ?? [],
            errors,
            errorList: errorSummary(errors),
          });
        },
      });
    }),
  );
  for (const format of ['pdf', 'docx'] as const)
    app.get(
      `/quarterly-updates/report.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const { r } = await report(req);
        const { bytes, contents } = await quarterlyPdf(r);
        return sendDocument(reply, {
          filename: `${slugify(r.title)}.${format}`,
          content: format === 'pdf' ? bytes : await quarterlyWord(r, contents),
          contentType: MEDIA_TYPES[format],
          caching: 'none',
        });
      }),
    );

  const editPage = async (req: PageRequest, reply: FastifyReply, q: Quarter, extra: Record<string, unknown> = {}, code = 200) => {
    const id = idParam(req, 'id');
    const today = todayInEngland();
    const view = await service.updateView(db, req.ctx.tenantId, q, id, today);
    const state = view.update?.state ?? null;
    const [window, leadMember, isLead] = await Promise.all([
      activity.windowOf(db, req.ctx.tenantId, id, q),
      activity.leadMemberName(db, req.ctx.tenantId, id, today),
      req.user ? activity.isLeadMember(db, req.ctx.tenantId, id, req.user.email, today) : false,
    ]);
    return reply.code(code).view('reports/views/quarterly-update.njk', {
      pageTitle: `${view.partnership.name}: summary of activity, ${q.label}`,
      quarter: q,
      view,
      window,
      status: service.approvedLine(view.update),
      leadMember,
      canEdit: canSometimes(req.user, 'report.edit'),
      canSubmit: canSometimes(req.user, 'report.edit') && state === 'draft',
      canApprove: canSometimes(req.user, 'activity.approve') && state === 'submitted' && isLead,
      values: { summary: view.update?.summary ?? '', version: view.update ? String(view.update.version) : '' },
      errors: {},
      flash: flash(req),
      formatDate,
      ...extra,
    });
  };
  app.get(
    '/quarterly-updates/:id',
    access('manage.view'),
    page((req, reply) => editPage(req, reply, quarterFrom(queryText(req, 'quarter')))),
  );

  // Draft from the record: fills an empty text box, or shows the draft beside the officer's text until they
  // confirm replacing it. Nothing is saved: the officer saves, as with any edit.
  app.post(
    '/quarterly-updates/:id/draft',
    access('report.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const body = asBody(req.body);
      const q = quarterFrom(String(body.quarter ?? ''));
      const draft = await activity.draftFromRecord(db, req.ctx.tenantId, q, id, todayInEngland());
      const typed = typeof body.summary === 'string' ? body.summary.slice(0, service.MAX_SUMMARY * 2) : '';
      const replace = body.replace === 'yes' || typed.trim() === '';
      const version = typeof body.version === 'string' ? body.version : '';
      return editPage(req, reply, q, {
        values: { summary: replace ? draft.text : typed, version },
        draft: { ...draft, beside: !replace, filled: replace },
      });
    }),
  );

  const post = (suffix: '' | '/submit' | '/approve', action: 'report.edit' | 'activity.approve', done: string) =>
    app.post(
      `/quarterly-updates/:id${suffix}`,
      access(action),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        const q = quarterFrom(String(body.quarter ?? ''));
        const today = todayInEngland();
        const who = req.user?.name ?? 'the lead officer';
        const save = () =>
          suffix === '/approve'
            ? activity.approveUpdate(db, req.ctx, q, id, body, { name: who, email: req.user?.email ?? '' }, today)
            : suffix === '/submit'
              ? activity.submitUpdate(db, req.ctx, q, id, body, who, today)
              : service.saveUpdate(db, req.ctx, q, id, body);
        return submitForm(save, {
          done: () => reply.redirect(`/quarterly-updates/${id}?quarter=${q.start}&done=${done}`, 303),
          invalid: (errors: FieldErrors, status) =>
            editPage(
              req,
              reply,
              q,
              suffix
                ? { errors, errorList: errorSummary(errors) }
                : { values: { summary: body.summary ?? '', version: body.version ?? '' }, errors, errorList: errorSummary(errors) },
              status,
            ),
        });
      }),
    );
  post('', 'report.edit', 'saved');
  post('/submit', 'report.edit', 'submitted');
  post('/approve', 'activity.approve', 'approved');
}
