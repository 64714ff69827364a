// Open data beyond OParl: the open data page, bulk CSVs of the decisions register and the partnership
// register, a Popolo export of people and organisations, robots.txt and sitemap.xml. All anonymous, all
// through the public view, all under the Open Government Licence v3.0 (said in a Link header on each file).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../access/route-access.ts';
import { todayInEngland } from '../calendar/today.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { toCsv } from '../documents/csv.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';
import { getBody } from '../meetings/index.ts';
import { searchDecisions } from '../minutes/index.ts';
import { parseDecisionsFilters } from '../follow/index.ts';
import { errorPage, notFoundPage } from '../web/error-pages.ts';
import { listPartnerships } from '../partnerships/index.ts';
import { labelFor } from '../web/labels.ts';
import { listObjects } from './oparl.repository.ts';
import { originOf } from './oparl.routes.ts';
import { LICENSE, OPARL_PREFIX } from './oparl.shapes.ts';
import { publicPages } from './opendata.repository.ts';
import { popolo } from './popolo.ts';

/** The most rows a bulk file or list holds (the sitemap protocol allows 50,000 URLs in one file). */
const MAX_ROWS = 50_000;
const NO_FILTER = { createdSince: null, createdUntil: null, modifiedSince: null, modifiedUntil: null };
const LICENSE_LINK = `<${LICENSE}>; rel="license"`;

/** Fixed public pages in the sitemap (search is left out: its results are other pages). */
const SITEMAP_PAGES = [
  '/',
  '/register',
  '/committees',
  '/calendar',
  '/decisions',
  '/councillors',
  '/scorecard',
  '/delivery-plans',
  '/open-data',
  '/accessibility',
];

/** Staff and personal areas that search engines should not visit. */
const DISALLOWED = [
  '/start',
  '/sign-in',
  '/sign-out',
  '/account',
  '/admin',
  '/partnerships',
  '/meetings',
  '/bodies',
  '/performance',
  '/plans',
  '/finance',
  '/reports',
  '/api/',
  '/alerts',
];

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const csv = (reply: FastifyReply, filename: string, rows: (string | number | null)[][]) =>
  sendDocument(reply.header('link', LICENSE_LINK), { filename, content: toCsv(rows), contentType: MEDIA_TYPES.csv, caching: 'public' });

export async function registerOpenDataRoutes(app: FastifyInstance, db: Database, config: Config) {
  app.get('/open-data', access('public.view'), async (_req, reply) =>
    reply.view('oparl/views/open-data.njk', { pageTitle: 'Open data', license: LICENSE, oparl: `${OPARL_PREFIX}/system` }),
  );

  // The register as filtered: the same strictly read query as the page (/decisions?…) and its feed (/decisions.atom?…).
  app.get('/decisions.csv', access('public.view'), async (req, reply) => {
    const parsed = parseDecisionsFilters(new URLSearchParams(req.url.split('?', 2)[1] ?? ''));
    if (!parsed.ok) return errorPage(reply, 400, 'This file’s address is not right', parsed.error);
    const f = parsed.filters;
    // A committee the public cannot see is not there, as for the feed.
    if (f.committee && !(await getBody(db, req.ctx.tenantId, f.committee, { includeDrafts: false }))) return notFoundPage(reply);
    const { rows } = await searchDecisions(db, req.ctx.tenantId, {
      bodyId: f.committee ?? undefined,
      from: f.from ?? undefined,
      to: f.to ?? undefined,
      q: f.q ?? undefined,
      keyDecisionRef: f.ref ?? undefined,
      publicOnly: true,
      limit: MAX_ROWS,
      offset: 0,
    });
    return csv(reply, 'decisions.csv', [
      [
        'Meeting date',
        'Committee or board',
        'Minute',
        'Subject',
        'Decision',
        'Outcome',
        'For',
        'Against',
        'Abstentions',
        'Key decision reference',
        'Minutes',
        'Web page',
      ],
      ...rows.map((r) => [
        r.meetingDate,
        r.bodyName,
        r.minuteNumber,
        r.minuteTitle,
        r.text,
        labelFor('outcome', r.outcome),
        r.votesFor,
        r.votesAgainst,
        r.abstentions,
        r.keyDecisionRef,
        r.minutesState === 'approved' ? 'Approved' : 'Draft, subject to approval',
        `${originOf(req, config)}/calendar/${r.meetingId}`,
      ]),
    ]);
  });

  app.get('/register.csv', access('public.view'), async (req, reply) => {
    const { rows } = await listPartnerships(db, req.ctx.tenantId, {
      search: '',
      kind: '',
      status: '',
      areaId: '',
      asAt: todayInEngland(),
      limit: MAX_ROWS,
      offset: 0,
      includeDrafts: false,
    });
    // A parent is named only when it is itself on the public register.
    const published = new Set(rows.map((r) => r.id));
    return csv(reply, 'register-of-partnerships.csv', [
      ['Name', 'Short name', 'Kind', 'Status', 'Established', 'Areas', 'Reports to', 'Web page'],
      ...rows.map((r) => [
        r.name,
        r.shortName,
        labelFor('partnershipKind', r.kind),
        labelFor('status', r.status),
        r.established,
        r.areaNames.join('; '),
        r.parentId && published.has(r.parentId) ? r.parentName : '',
        `${originOf(req, config)}/register/${r.id}`,
      ]),
    ]);
  });

  app.get('/open-data/popolo.json', access('public.view'), async (req, reply) => {
    const page = { limit: MAX_ROWS, offset: 0 };
    const tenantId = req.ctx.tenantId;
    const [persons, organizations, memberships] = await Promise.all([
      listObjects(db, tenantId, 'person', NO_FILTER, page),
      listObjects(db, tenantId, 'organization', NO_FILTER, page),
      listObjects(db, tenantId, 'membership', NO_FILTER, page),
    ]);
    const origin = originOf(req, config);
    const body = popolo({ persons: persons.rows, organizations: organizations.rows, memberships: memberships.rows }, (path) => `${origin}${path}`);
    return reply
      .type('application/json; charset=utf-8')
      .header('link', LICENSE_LINK)
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .send({ license: LICENSE, ...body });
  });

  app.get('/robots.txt', access('public.view'), async (req, reply) => {
    const lines = ['User-agent: *', 'Allow: /', ...DISALLOWED.map((p) => `Disallow: ${p}`), '', `Sitemap: ${originOf(req, config)}/sitemap.xml`, ''];
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(lines.join('\n'));
  });

  app.get('/sitemap.xml', access('public.view'), async (req, reply) => {
    const origin = originOf(req, config);
    const rows = await publicPages(db, req.ctx.tenantId, MAX_ROWS - SITEMAP_PAGES.length);
    const entries = [...SITEMAP_PAGES.map((path) => ({ path, modified: null as Date | null })), ...rows].map(
      (r) => `  <url><loc>${xmlText(origin + r.path)}</loc>${r.modified ? `<lastmod>${new Date(r.modified).toISOString()}</lastmod>` : ''}</url>`,
    );
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
    return reply.type('application/xml; charset=utf-8').header('cache-control', 'public, max-age=3600').send(xml);
  });
}
