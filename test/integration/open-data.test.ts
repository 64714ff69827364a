// Open data beyond OParl, as someone building on it sees it: the open data page and its licence, the bulk
// CSVs of the decisions register and the register of partnerships, the Popolo export (checked by Ajv against a
// schema written from the Popolo specification, test/fixtures/popolo.schema.json), robots.txt and sitemap.xml.
// Only what is public appears: a draft partnership, a draft committee and its member, an exempt decision and a
// decision in unpublished minutes are in none of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import { parseCsv } from '../../src/documents/csv.ts';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: true });
addFormats(ajv);
const validatePopolo = ajv.compile(JSON.parse(readFileSync(new URL('../fixtures/popolo.schema.json', import.meta.url), 'utf8')));
const OGL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

type Json = Record<string, any>;

describe('open data: CSVs, Popolo, licence, robots.txt and sitemap.xml', () => {
  let t: TestApp;
  let visitor: Agent;
  const sql = <T = Json>(text: string, params: unknown[] = []) => t.db.query<T>(text, params);
  const marks = {
    partnership: 'OD-DRAFT-PARTNERSHIP',
    body: 'OD-DRAFT-BODY',
    person: 'OD-DRAFT-PERSON',
    exempt: 'OD-EXEMPT-DECISION',
    draft: 'OD-DRAFT-MINUTES-DECISION',
  };
  const secret: string[] = [];
  /** Meetings whose decisions are not public (the meetings themselves are, with their agendas). */
  const meetings: string[] = [];
  const openDecision = 'OD-PUBLIC-DECISION';

  before(async () => {
    t = await buildTestApp();
    visitor = anonymousAgent(t.app);
    const [tenant] = await sql<{ id: string }>(`select id from tenants limit 1`);
    const tenantId = tenant!.id;
    const [partnership] = await sql<{ id: string }>(
      `insert into partnerships (tenant_id, name, kind, publication_state) values ($1, $2, 'statutory_board', 'draft') returning id`,
      [tenantId, marks.partnership],
    );
    const [draftBody] = await sql<{ id: string }>(
      `insert into bodies (tenant_id, name, kind, publication_state) values ($1, $2, 'board', 'draft') returning id`,
      [tenantId, marks.body],
    );
    const [person] = await sql<{ id: string }>(`insert into people (tenant_id, name, kind) values ($1, $2, 'councillor') returning id`, [
      tenantId,
      marks.person,
    ]);
    await sql(`insert into body_members (tenant_id, body_id, person_id, role) values ($1, $2, $3, 'chair')`, [tenantId, draftBody!.id, person!.id]);
    const [body] = await sql<{ id: string }>(`select id from bodies b where public_body(b.id) order by name limit 1`);
    let number = 9000;
    const decide = async (state: string, date: string, exempt: boolean, text: string) => {
      number += 1;
      const [meeting] = await sql<{ id: string }>(
        `insert into meetings (tenant_id, body_id, meeting_date, agenda_published_on) values ($1, $2, $3, $3) returning id`,
        [tenantId, body!.id, date],
      );
      const [item] = await sql<{ id: string }>(
        `insert into agenda_items (tenant_id, meeting_id, position, title, exempt_paragraph) values ($1, $2, 1, 'Item', $3) returning id`,
        [tenantId, meeting!.id, exempt ? 3 : null],
      );
      const [minute] = await sql<{ id: string }>(
        `insert into minutes (tenant_id, body_id, meeting_id, agenda_item_id, number, title) values ($1, $2, $3, $4, $5, $6) returning id`,
        [tenantId, body!.id, meeting!.id, item!.id, number, `${text} minute`],
      );
      await sql(`insert into resolutions (tenant_id, minute_id, position, text, outcome) values ($1, $2, 1, $3, 'unanimous')`, [tenantId, minute!.id, text]);
      await sql(`update meetings set minutes_state = $2 where id = $1`, [meeting!.id, state]);
      return meeting!.id;
    };
    await decide('published', '2026-11-02', false, openDecision);
    meetings.push(await decide('published', '2026-11-03', true, marks.exempt), await decide('draft', '2026-11-04', false, marks.draft));
    secret.push(partnership!.id, draftBody!.id, person!.id);
  });
  after(() => t.close());

  const assertNothingSecret = (text: string, where: string) => {
    for (const mark of [...Object.values(marks), ...secret]) assert.ok(!text.includes(mark), `${where}: ${mark}`);
  };

  it('states the Open Government Licence on the open data page, linked from every page’s footer', async () => {
    const res = await visitor.get('/open-data');
    assert.equal(res.statusCode, 200);
    assert.ok(res.body.includes(`href="${OGL}"`));
    for (const href of ['/decisions.csv', '/register.csv', '/open-data/popolo.json', '/oparl/v1/system', '/sitemap.xml'])
      assert.ok(res.body.includes(`href="${href}"`), href);
    assert.ok((await visitor.get('/register')).body.includes('href="/open-data"'));
  });

  it('downloads the decisions register as CSV: public decisions only, with the licence', async () => {
    const res = await visitor.get('/decisions.csv');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(res.headers['content-disposition']), /attachment; filename="?decisions\.csv/);
    assert.equal(res.headers.link, `<${OGL}>; rel="license"`);
    const rows = parseCsv(res.body);
    assert.deepEqual(rows[0]!.slice(0, 5), ['Meeting date', 'Committee or board', 'Minute', 'Subject', 'Decision']);
    assert.ok(rows.length > 2, 'the demo decisions');
    const mine = rows.find((r) => r[4] === openDecision);
    assert.ok(mine, 'the published decision');
    assert.equal(mine[0], '2026-11-02');
    assert.equal(mine[5], 'Unanimously');
    assertNothingSecret(res.body, '/decisions.csv');
    for (const id of meetings) assert.ok(!res.body.includes(id), id);
    assert.ok((await visitor.get('/decisions')).body.includes('href="/decisions.csv"'));
  });

  it('downloads the register of partnerships as CSV: published partnerships only', async () => {
    const res = await visitor.get('/register.csv');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers.link, `<${OGL}>; rel="license"`);
    const rows = parseCsv(res.body);
    assert.deepEqual(rows[0], ['Name', 'Short name', 'Kind', 'Status', 'Established', 'Areas', 'Reports to', 'Web page']);
    const [count] = await sql<{ n: number }>(`select count(*)::int as n from partnerships p where public_partnership(p.id)`);
    assert.equal(rows.length - 1, count!.n);
    const [demo] = await sql<{ id: string; name: string }>(`select id, name from partnerships p where public_partnership(p.id) order by name limit 1`);
    const row = rows.find((r) => r[0] === demo!.name);
    assert.ok(row, demo!.name);
    assert.match(row.at(-1)!, new RegExp(`/register/${demo!.id}$`));
    assertNothingSecret(res.body, '/register.csv');
    assert.ok((await visitor.get('/register')).body.includes('href="/register.csv"'));
  });

  it('exports people, organisations, posts and memberships as Popolo JSON', async () => {
    const res = await visitor.get('/open-data/popolo.json');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(res.headers.link, `<${OGL}>; rel="license"`);
    const data = JSON.parse(res.body) as Json;
    assert.ok(validatePopolo(data), JSON.stringify(validatePopolo.errors?.slice(0, 5)));
    assert.equal(data.license, OGL);
    for (const list of ['persons', 'organizations', 'posts', 'memberships']) assert.ok(data[list].length > 0, list);
    const ids = (list: string) => new Set((data[list] as Json[]).map((x) => x.id));
    const persons = ids('persons');
    const organizations = ids('organizations');
    const posts = ids('posts');
    for (const m of data.memberships as Json[]) {
      assert.ok(persons.has(m.person_id), m.person_id);
      assert.ok(organizations.has(m.organization_id), m.organization_id);
      if (m.post_id) assert.ok(posts.has(m.post_id), m.post_id);
    }
    for (const o of data.organizations as Json[]) if (o.parent_id) assert.ok(organizations.has(o.parent_id), o.parent_id);
    assertNothingSecret(res.body, 'popolo');
    assert.ok(!/@|"email"|"contact_details"|telephone/i.test(res.body), 'no contact details');
  });

  it('asks robots to keep out of the back office and points them to the sitemap', async () => {
    const res = await visitor.get('/robots.txt');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    assert.equal(lines[0], 'User-agent: *');
    for (const path of ['/start', '/admin', '/account', '/sign-in', '/partnerships']) assert.ok(lines.includes(`Disallow: ${path}`), path);
    assert.ok(!lines.includes('Disallow: /register'));
    assert.ok(lines.some((l) => /^Sitemap: https?:\/\/.+\/sitemap\.xml$/.test(l)));
  });

  it('lists the public pages in sitemap.xml, as the sitemap protocol says, each answering', async () => {
    const res = await visitor.get('/sitemap.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    assert.ok(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'url' }).parse(res.body);
    assert.equal(parsed.urlset['@xmlns'], 'http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = parsed.urlset.url as { loc: string; lastmod?: string }[];
    assert.ok(urls.length > 10 && urls.length <= 50_000, String(urls.length));
    for (const u of urls) {
      assert.match(u.loc, /^https?:\/\/[^/]+\//);
      assert.ok(
        Object.keys(u).every((k) => k === 'loc' || k === 'lastmod'),
        JSON.stringify(u),
      );
      if (u.lastmod) assert.ok(!Number.isNaN(Date.parse(u.lastmod)), u.lastmod);
    }
    const paths = urls.map((u) => new URL(u.loc).pathname);
    assert.equal(new Set(paths).size, paths.length, 'each page once');
    for (const path of ['/', '/register', '/committees', '/calendar', '/decisions', '/delivery-plans']) assert.ok(paths.includes(path), path);
    for (const prefix of ['/register/', '/committees/', '/calendar/'])
      assert.ok(
        paths.some((p) => p.startsWith(prefix)),
        prefix,
      );
    assert.ok(!paths.some((p) => p.startsWith('/search')));
    assertNothingSecret(res.body, 'sitemap');
    for (const path of [...paths.slice(0, 15), ...paths.slice(-15)]) {
      const page = await visitor.get(path);
      assert.equal(page.statusCode, 200, path);
    }
  });
});
