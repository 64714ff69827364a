// Staff pages for the annual review of strategic partnerships (seed 002): the list of reviews, the form that
// starts one and edits its draft, and the review itself regenerated from the register as HTML, PDF and Word.
// Officers with the reports permission edit and publish (a frozen version, issue 16); every member of staff,
// councillors included, reads. The public see a published review at /accountability (public.routes.ts).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { canSometimes } from '../access/permissions.ts';
import { access } from '../access/route-access.ts';
import { formatDate } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import type { Database } from '../db/database.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import { slugify } from '../documents/text.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, type FormBody, submitForm } from '../web/forms.ts';
import { flashFrom, idParam, page, queryText, type PageRequest } from '../web/page.ts';
import { annualPdf } from './annual-pdf.ts';
import { buildAnnualReport } from './annual-report.ts';
import * as service from './annual-review.service.ts';
import type { ReviewFields } from './annual-reviews.repository.ts';
import { annualWord } from './annual-word.ts';
import { publishAnnual, publishedAnnual, versionLine } from './public-reports.service.ts';

const flash = flashFrom({
  created: 'The annual review was started',
  saved: 'The annual review was saved',
  published: 'The review was published: its downloads and the public page print this version until a new one is published',
});

/** The form's values from stored fields, or as posted when it is shown again with its errors. */
function formValues(f: ReviewFields, chosen: { partnershipId: string; direction: string }[], version: string) {
  return {
    title: f.title,
    periodStart: f.periodStart,
    periodEnd: f.periodEnd,
    reportDate: f.reportDate,
    author: f.author,
    summary: f.summary,
    recommendations: f.recommendations.join('\n'),
    backgroundPapers: f.backgroundPapers.join('\n'),
    implications: f.implications.map((i) => i.text),
    chosen: Object.fromEntries(chosen.map((c, i) => [c.partnershipId, { order: String(i + 1), direction: c.direction }])),
    version,
  };
}
const postedValues = (body: FormBody) => {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const picked = Array.isArray(body.p) ? body.p.map(String) : typeof body.p === 'string' ? [body.p] : [];
  return {
    title: s('title'),
    periodStart: s('periodStart'),
    periodEnd: s('periodEnd'),
    reportDate: s('reportDate'),
    author: s('author'),
    summary: s('summary'),
    recommendations: s('recommendations'),
    backgroundPapers: s('backgroundPapers'),
    implications: service.IMPLICATION_HEADINGS.map((_, i) => s(`implication-${i}`)),
    chosen: Object.fromEntries(picked.map((id) => [id, { order: s(`order-${id}`), direction: s(`direction-${id}`) }])),
    version: s('version'),
  };
};

export async function registerAnnualReviewPages(app: FastifyInstance, db: Database) {
  app.get(
    '/annual-reviews',
    access('manage.view'),
    page(async (req, reply) => {
      const reviews = await service.listReviews(db, req.ctx.tenantId);
      return reply.view('reports/views/annual-list.njk', {
        pageTitle: 'Annual reviews of strategic partnerships',
        reviews: reviews.map((r) => ({
          id: r.id,
          title: r.title,
          period: `${formatDate(r.periodStart)} to ${formatDate(r.periodEnd)}`,
          date: formatDate(r.reportDate),
        })),
        canEdit: canSometimes(req.user, 'report.edit'),
      });
    }),
  );

  const formPage = async (
    req: PageRequest,
    reply: FastifyReply,
    opts: { id: string | null; values: ReturnType<typeof formValues>; errors?: FieldErrors; code?: number },
  ) => {
    const choices = await service.partnershipChoices(
      db,
      req.ctx.tenantId,
      /^\d{4}-\d{2}-\d{2}$/.test(opts.values.reportDate) ? opts.values.reportDate : todayInEngland(),
    );
    // Chosen partnerships first, in their order; then those active on the date; ended ones last.
    const rank = (id: string, active: boolean) => (opts.values.chosen[id] ? 0 : active ? 1 : 2);
    const rows = choices
      .map((c) => ({
        ...c,
        chosen: Boolean(opts.values.chosen[c.id]),
        order: opts.values.chosen[c.id]?.order ?? '',
        direction: opts.values.chosen[c.id]?.direction ?? '',
      }))
      .sort(
        (a, b) => rank(a.id, a.active) - rank(b.id, b.active) || (Number(a.order) || 999) - (Number(b.order) || 999) || a.name.localeCompare(b.name, 'en-GB'),
      );
    const errors = opts.errors ?? {};
    return reply.code(opts.code ?? 200).view('reports/views/annual-form.njk', {
      pageTitle: opts.id ? `Edit: ${opts.values.title || 'annual review'}` : 'Start an annual review',
      id: opts.id,
      values: opts.values,
      headings: service.IMPLICATION_HEADINGS,
      rows,
      errors,
      errorList: Object.keys(errors).length ? errorSummary(errors) : undefined,
    });
  };

  app.get(
    '/annual-reviews/new',
    access('report.edit'),
    page((req, reply) => {
      const fields = service.newReviewValues(todayInEngland());
      return formPage(req, reply, { id: null, values: formValues(fields, [], '') });
    }),
  );
  app.post(
    '/annual-reviews',
    access('report.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.createReview(db, req.ctx, body), {
        done: (id) => reply.redirect(`/annual-reviews/${id}?done=created`, 303),
        invalid: (errors, status) => formPage(req, reply, { id: null, values: postedValues(body), errors, code: status }),
      });
    }),
  );

  app.get(
    '/annual-reviews/:id/edit',
    access('report.edit'),
    page(async (req, reply) => {
      const { review, partnerships } = await service.getReview(db, req.ctx.tenantId, idParam(req, 'id'));
      return formPage(req, reply, { id: review.id, values: formValues(review, partnerships, String(review.version)) });
    }),
  );
  app.post(
    '/annual-reviews/:id',
    access('report.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const body = asBody(req.body);
      return submitForm(() => service.saveReview(db, req.ctx, id, body), {
        done: () => reply.redirect(`/annual-reviews/${id}?done=saved`, 303),
        invalid: async (errors, status) => {
          // A conflict shows the stored review's version, so saving again overwrites knowingly.
          const values = postedValues(body);
          if (status === 409) values.version = String((await service.getReview(db, req.ctx.tenantId, id)).review.version);
          return formPage(req, reply, { id, values, errors, code: status });
        },
      });
    }),
  );

  /** Once published the review is its latest frozen version; "Preview with today's data" (?data=today) regenerates it. */
  const report = async (req: PageRequest, forcePreview = false) => {
    const id = idParam(req, 'id');
    const preview = forcePreview || queryText(req, 'data') === 'today';
    const published = await publishedAnnual(db, req.ctx.tenantId, id);
    const r = published && !preview ? published.document : buildAnnualReport(await service.reviewContent(db, req.ctx.tenantId, id));
    return { id, r, published, preview };
  };
  const reviewPage = async (req: PageRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const { id, r, published, preview } = await report(req, code !== 200);
    return reply.code(code).view('reports/views/annual-review.njk', {
      pageTitle: r.title,
      id,
      report: r,
      published: published ? { number: published.number, line: versionLine(published) } : null,
      preview,
      docQuery: preview ? '?data=today' : '',
      canEdit: canSometimes(req.user, 'report.edit'),
      flash: flash(req),
      ...extra,
    });
  };
  app.get(
    '/annual-reviews/:id',
    access('manage.view'),
    page((req, reply) => reviewPage(req, reply)),
  );
  app.post(
    '/annual-reviews/:id/publish',
    access('report.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      return submitForm(() => publishAnnual(db, req.ctx, id, asBody(req.body)), {
        done: () => reply.redirect(`/annual-reviews/${id}?done=published`, 303),
        invalid: (errors, status) => reviewPage(req, reply, { errors, errorList: errorSummary(errors) }, status),
      });
    }),
  );
  for (const format of ['pdf', 'docx'] as const)
    app.get(
      `/annual-reviews/:id/review.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const { r } = await report(req);
        return sendDocument(reply, {
          filename: `${slugify(`${r.title} ${r.dateText}`)}.${format}`,
          content: format === 'pdf' ? await annualPdf(r) : await annualWord(r),
          contentType: MEDIA_TYPES[format],
          caching: 'none',
        });
      }),
    );
}
