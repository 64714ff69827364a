// The JSON API of published accountability reports (issue 16): the published quarterly updates to Cabinet and
// annual reviews with their latest version, one of them with its frozen document model (what its page, PDF and
// Word file print), and the partnerships' published health checks. Anyone may read them; only what is published
// is listed, and a draft, an unpublished or withdrawn health check, or one of a partnership not on the public
// register is not found.
import { z } from 'zod';
import { API_PREFIX, defineOperation, idParams, type Operation, uuidParam } from '../api/index.ts';
import { financialYearLabel } from '../calendar/format.ts';
import * as published from './public-reports.service.ts';

const kind = z.enum(['quarterly-update', 'annual-review']).describe('A quarterly update to Cabinet or an annual review of strategic partnerships');
const stamp = z.iso.datetime().describe('When the data in this version was read');

const reportSummaryOut = z
  .object({
    id: z.uuid(),
    kind,
    title: z.string(),
    version: z.number().int().min(1).describe('The latest version: each "Publish a new version" adds one'),
    dataReadAt: stamp,
    firstPublishedAt: z.iso.datetime(),
    htmlUrl: z.string().describe('The public page of the published report'),
    pdfUrl: z.string(),
    docxUrl: z.string(),
  })
  .strict();

const reportOut = reportSummaryOut
  .extend({
    document: z
      .record(z.string(), z.unknown())
      .describe("The frozen document model the page, PDF and Word file print: the report's sections, tables and text as published"),
  })
  .strict();

const healthSummaryOut = z
  .object({
    partnershipId: z.uuid(),
    partnershipName: z.string(),
    year: z.number().int().describe('The financial year starting in April of this year'),
    yearLabel: z.string().describe('As 2011/12'),
    version: z.number().int().min(1),
    dataReadAt: stamp,
    htmlUrl: z.string(),
    apiUrl: z.string().describe('This health check in the API'),
  })
  .strict();

const rag = z.enum(['green', 'amber', 'red', 'not_assessed']);
const healthOut = healthSummaryOut
  .extend({
    asAt: z.iso.date().describe('The date the check was judged at'),
    principlesAdopted: z.string().nullable().describe('When the Principles of Partnership Working it is judged against were adopted'),
    counts: z.object({ green: z.number().int(), amber: z.number().int(), red: z.number().int(), not_assessed: z.number().int() }).strict(),
    principles: z.array(
      z
        .object({
          number: z.number().int(),
          heading: z.string(),
          criteria: z.array(
            z
              .object({
                key: z.string().describe('As 4c'),
                text: z.string(),
                computed: z.boolean().describe("Worked out from the records (true) or an officer's judgement (false)"),
                rag,
                summary: z.string().describe('Why this RAG'),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    principleOne: z
      .object({ statement: z.string(), criteria: z.array(z.object({ letter: z.string(), text: z.string(), answer: z.string() }).strict()) })
      .strict()
      .nullable()
      .describe('The test of whether the council should enter or remain in the partnership'),
  })
  .strict();

const PATHS = { 'quarterly-update': ['quarterly-updates', 'report'], 'annual-review': ['annual-reviews', 'review'] } as const;
const urls = (k: keyof typeof PATHS, id: string) => {
  const [dir, file] = PATHS[k];
  const html = `/accountability/${dir}/${id}`;
  return { htmlUrl: html, pdfUrl: `${html}/${file}.pdf`, docxUrl: `${html}/${file}.docx` };
};
const summary = (r: published.PublishedReportSummary) => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  version: r.number,
  dataReadAt: r.dataReadAt,
  firstPublishedAt: r.firstPublishedAt,
  ...urls(r.kind, r.id),
});
const healthSummary = (h: { partnershipId: string; partnershipName: string; year: number; number: number; dataReadAt: string }) => ({
  partnershipId: h.partnershipId,
  partnershipName: h.partnershipName,
  year: h.year,
  yearLabel: financialYearLabel(h.year),
  version: h.number,
  dataReadAt: h.dataReadAt,
  htmlUrl: `/accountability/health-checks/${h.partnershipId}?year=${h.year}`,
  apiUrl: `${API_PREFIX}/published-health-checks/${h.partnershipId}/${h.year}`,
});

export const publicReportOperations: Operation[] = [
  defineOperation({
    operationId: 'listPublishedReports',
    method: 'GET',
    path: '/published-reports',
    tag: 'Accountability reports',
    access: 'public.view',
    summary: 'List the published quarterly updates to Cabinet and annual reviews',
    description: 'Each with its latest version and when its data was read, newest first. Drafts never appear.',
    response: { status: 200, description: 'The published reports', schema: z.object({ data: z.array(reportSummaryOut) }).strict() },
    handler: async ({ ctx, request }) => ({ data: (await published.publishedReports(request.server.db, ctx.tenantId)).map(summary) }),
  }),
  defineOperation({
    operationId: 'getPublishedReport',
    method: 'GET',
    path: '/published-reports/{id}',
    tag: 'Accountability reports',
    access: 'public.view',
    summary: 'Get a published report with its frozen document model',
    description: 'The latest version as published: a correction to the record changes it only when a new version is published.',
    params: idParams,
    problems: [404],
    response: { status: 200, description: 'The published report', schema: reportOut },
    async handler({ params, ctx, request }) {
      const db = request.server.db;
      const r = await published.publicReport(db, ctx.tenantId, params.id);
      const row = (await published.publishedReports(db, ctx.tenantId)).find((x) => x.id === r.id)!;
      return { ...summary(row), document: r.version.document as unknown as Record<string, unknown> };
    },
  }),
  defineOperation({
    operationId: 'listPublishedHealthChecks',
    method: 'GET',
    path: '/published-health-checks',
    tag: 'Accountability reports',
    access: 'public.view',
    summary: "List the partnerships' published health checks",
    description: 'Latest year first. Only published checks of partnerships on the public register.',
    query: z.object({ partnershipId: uuidParam.optional().describe("Only this partnership's checks") }),
    response: { status: 200, description: 'The published health checks', schema: z.object({ data: z.array(healthSummaryOut) }).strict() },
    handler: async ({ query, ctx, request }) => ({
      data: (await published.publishedHealthChecks(request.server.db, ctx.tenantId, { partnershipId: query.partnershipId?.toLowerCase() })).map(healthSummary),
    }),
  }),
  defineOperation({
    operationId: 'getPublishedHealthCheck',
    method: 'GET',
    path: '/published-health-checks/{id}/{year}',
    tag: 'Accountability reports',
    access: 'public.view',
    summary: "Get a partnership's published health check for a financial year",
    description: 'Each criterion with its RAG and why, and the Principle 1 test, as published.',
    params: z.object({
      id: uuidParam.describe("The partnership's id"),
      year: z.coerce.number({ error: 'must be a year' }).int({ error: 'must be a year' }).min(1990).max(2100).describe('The financial year starting in April'),
    }),
    problems: [404],
    response: { status: 200, description: 'The published health check', schema: healthOut },
    async handler({ params, ctx, request }) {
      const { row, version } = await published.publicHealthCheck(request.server.db, ctx.tenantId, params.id, params.year);
      const d = version.document;
      return {
        ...healthSummary(row),
        asAt: d.asAt,
        principlesAdopted: d.principlesAdopted,
        counts: d.counts,
        principles: d.sections,
        principleOne: d.principleOne,
      };
    },
  }),
];
