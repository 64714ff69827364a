// The public pages of published accountability reports (issue 16), under /accountability: the list of published
// quarterly updates to Cabinet, annual reviews and partnership health checks, each one's page with its PDF and
// Word file. Everything shown is the latest frozen version of a published report, never a draft or a live read;
// a health check shows only while it is published and its partnership is on the public register.
import type { FastifyInstance } from 'fastify';
import { access } from '../access/route-access.ts';
import { financialYearLabel, formatDateTime } from '../calendar/format.ts';
import type { Database } from '../db/database.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import { slugify } from '../documents/text.ts';
import { NotFoundError } from '../web/errors.ts';
import { idParam, page, queryText, type PageRequest } from '../web/page.ts';
import { annualPdf } from './annual-pdf.ts';
import { annualWord } from './annual-word.ts';
import * as published from './public-reports.service.ts';
import { quarterlyPdf } from './quarterly-pdf.ts';
import { quarterlyWord } from './quarterly-word.ts';

export const ACCOUNTABILITY = '/accountability';
const KIND_PATH = { 'quarterly-update': 'quarterly-updates', 'annual-review': 'annual-reviews' } as const;
const KIND_LABEL = { 'quarterly-update': 'Quarterly update to Cabinet', 'annual-review': 'Annual review of strategic partnerships' } as const;
const RAG_LABELS: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red', not_assessed: 'Not assessed' };
const RAG_TAGS: Record<string, string> = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red', not_assessed: 'govuk-tag--grey' };
const crumbs = [{ text: 'Accountability reports', href: ACCOUNTABILITY }];

/** The year asked for (?year=2011), null for the latest published, or not found when it is not a year. */
function yearAsked(req: PageRequest): number | null {
  const raw = queryText(req, 'year');
  if (raw === '') return null;
  if (!/^\d{4}$/.test(raw)) throw new NotFoundError('page');
  return Number(raw);
}
export const healthCheckHref = (partnershipId: string, year: number) => `${ACCOUNTABILITY}/health-checks/${partnershipId}?year=${year}`;

export async function registerPublicReportPages(app: FastifyInstance, db: Database) {
  app.get(
    ACCOUNTABILITY,
    access('public.view'),
    page(async (req, reply) => {
      const [reports, checks] = await Promise.all([
        published.publishedReports(db, req.ctx.tenantId),
        published.publishedHealthChecks(db, req.ctx.tenantId, {}),
      ]);
      return reply.view('reports/views/public-list.njk', {
        pageTitle: 'Accountability reports',
        reports: reports.map((r) => ({
          ...r,
          href: `${ACCOUNTABILITY}/${KIND_PATH[r.kind]}/${r.id}`,
          kindLabel: KIND_LABEL[r.kind],
          line: published.versionLine(r),
          firstPublished: formatDateTime(r.firstPublishedAt),
        })),
        checks: checks.map((c) => ({ ...c, yearLabel: financialYearLabel(c.year), href: healthCheckHref(c.partnershipId, c.year) })),
      });
    }),
  );

  for (const kind of ['quarterly-update', 'annual-review'] as const) {
    const base = `${ACCOUNTABILITY}/${KIND_PATH[kind]}/:id`;
    const file = kind === 'quarterly-update' ? 'report' : 'review';
    app.get(
      base,
      access('public.view'),
      page(async (req, reply) => {
        const r = await published.publicReport(db, req.ctx.tenantId, idParam(req, 'id'), kind);
        const view = {
          pageTitle: r.version.document.title,
          kindLabel: KIND_LABEL[kind],
          line: published.versionLine(r.version),
          pdf: `${ACCOUNTABILITY}/${KIND_PATH[kind]}/${r.id}/${file}.pdf`,
          docx: `${ACCOUNTABILITY}/${KIND_PATH[kind]}/${r.id}/${file}.docx`,
          report: r.version.document,
          publicView: true,
          breadcrumbs: crumbs,
        };
        if (r.kind === 'quarterly-update')
          return reply.view('reports/views/public-report.njk', { ...view, body: 'quarterly', contents: (await quarterlyPdf(r.version.document)).contents });
        return reply.view('reports/views/public-report.njk', { ...view, body: 'annual' });
      }),
    );
    for (const format of ['pdf', 'docx'] as const)
      app.get(
        `${base}/${file}.${format}`,
        access('public.view'),
        page(async (req, reply) => {
          const r = await published.publicReport(db, req.ctx.tenantId, idParam(req, 'id'), kind);
          let content: Uint8Array;
          let name: string;
          if (r.kind === 'quarterly-update') {
            const { bytes, contents } = await quarterlyPdf(r.version.document);
            content = format === 'pdf' ? bytes : await quarterlyWord(r.version.document, contents);
            name = r.version.document.title;
          } else {
            content = format === 'pdf' ? await annualPdf(r.version.document) : await annualWord(r.version.document);
            name = `${r.version.document.title} ${r.version.document.dateText}`;
          }
          return sendDocument(reply, {
            filename: `${slugify(`${name} version ${r.version.number}`)}.${format}`,
            content,
            contentType: MEDIA_TYPES[format],
            caching: 'public',
          });
        }),
      );
  }

  app.get(
    `${ACCOUNTABILITY}/health-checks`,
    access('public.view'),
    page(async (req, reply) => {
      const checks = await published.publishedHealthChecks(db, req.ctx.tenantId, {});
      return reply.view('reports/views/public-health-list.njk', {
        pageTitle: 'Partnership health checks',
        checks: checks.map((c) => ({ ...c, yearLabel: financialYearLabel(c.year), href: healthCheckHref(c.partnershipId, c.year) })),
        breadcrumbs: crumbs,
      });
    }),
  );
  // A partnership's published health check: the year asked for, or the latest published; the other published years are linked.
  app.get(
    `${ACCOUNTABILITY}/health-checks/:id`,
    access('public.view'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const years = await published.publishedHealthChecks(db, req.ctx.tenantId, { partnershipId: id });
      const year = yearAsked(req) ?? years[0]?.year;
      if (year === undefined) throw new NotFoundError('health check');
      const { version } = await published.publicHealthCheck(db, req.ctx.tenantId, id, year);
      return reply.view('reports/views/public-health-check.njk', {
        pageTitle: version.document.title,
        check: version.document,
        line: published.versionLine(version),
        otherYears: years.filter((y) => y.year !== year).map((y) => ({ label: financialYearLabel(y.year), href: healthCheckHref(id, y.year) })),
        ragLabels: RAG_LABELS,
        ragTags: RAG_TAGS,
        breadcrumbs: [...crumbs, { text: 'Partnership health checks', href: `${ACCOUNTABILITY}/health-checks` }],
      });
    }),
  );
}
