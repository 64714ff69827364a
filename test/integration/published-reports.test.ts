// Published accountability reports (issue 16) through HTTP on the demo: publishing the quarterly update, the annual
// review and a health check freezes it (a version with the time its data was read); a correction to the record
// afterwards changes neither the published page nor its PDF until a new version is published, while "Preview with
// today's data" reads it live; the public see only published ones at /accountability and in the API (answers
// checked with Ajv against the published OpenAPI document); a draft review and an unpublished or withdrawn health
// check are not found; a report naming a draft partnership is refused; bad ids are 404 or 400, never 500.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_OPERATIONS } from '../../src/app.ts';
import { documentedBy, problemOf } from '../api-support.ts';
import { anonymousAgent, buildTestApp, json, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';

const Q = '2009-04-01';
const flat = (s: string) => s.replace(/\s+/g, ' ');
const NIL = '00000000-0000-4000-8000-000000000000';

describe('published accountability reports', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let pub: Agent;
  let reviewId: string;
  let quarterlyIds: string[];
  const pdfText = async (agent: Agent, url: string) => {
    const res = await agent.get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
    return flat((await pdfPageTexts(res.rawPayload)).join(' '));
  };
  const versions = async (kind: string) =>
    t.db.query<{ number: number; reason: string; frozenBy: string }>(
      `select number, reason, frozen_by as "frozenBy" from report_versions where kind = $1 and agenda_item_id is null order by number`,
      [kind],
    );

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    pub = anonymousAgent(t.app);
    reviewId = (await t.db.query<{ id: string }>('select id from annual_reviews where deleted_at is null limit 1'))[0]!.id;
    // Two published partnerships with an approved or any update in the demo quarter, so the report names no draft.
    quarterlyIds = (
      await t.db.query<{ id: string }>(`select p.id from partnerships p where p.deleted_at is null and public_partnership(p.id) order by lower(p.name) limit 2`)
    ).map((r) => r.id);
  });
  after(async () => t?.close());

  it('shows nothing public before anything is published', async () => {
    const list = textOf(await okPage(pub, '/accountability'));
    assert.match(list, /No reports have been published yet/);
    assert.match(list, /No health checks have been published yet/);
    assert.equal((await pub.get(`/accountability/annual-reviews/${reviewId}`)).statusCode, 404, 'a draft review is not public');
    assert.equal((await pub.get(`/accountability/annual-reviews/${reviewId}/review.pdf`)).statusCode, 404);
    const api = documentedBy(API_OPERATIONS, await pub.get('/api/v1/published-reports'), 'listPublishedReports');
    assert.deepEqual(api.data, []);
    problemOf(await pub.get(`/api/v1/published-reports/${reviewId}`), 404);
  });

  it('publishes the quarterly update: frozen, unchanged by a correction until a new version is published', async () => {
    const query = `quarter=${Q}&date=2009-07-07&${quarterlyIds.map((id) => `p=${id}`).join('&')}`;
    const before = textOf(await okPage(officer, `/quarterly-updates/report?${query}`));
    assert.match(before, /Not published/);
    assert.equal((await councillor.post('/quarterly-updates/report/publish', { quarter: Q, date: '2009-07-07', p: quarterlyIds })).statusCode, 403);
    const bad = await officer.post('/quarterly-updates/report/publish', { quarter: 'spring', date: 'July' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Choose the quarter/);
    assert.match(errorSummaryOf(bad.body), /Enter the report's date/);
    assert.equal((await versions('quarterly-update')).length, 0, 'bad input froze nothing');

    redirectedTo(await officer.post('/quarterly-updates/report/publish', { quarter: Q, date: '2009-07-07', p: quarterlyIds, number: '' }), /done=published/);
    const [v1] = await versions('quarterly-update');
    assert.equal(v1?.number, 1);
    assert.equal(v1?.reason, 'published');
    assert.equal(v1?.frozenBy, 'partnership.officer@example.org');
    const page = textOf(await okPage(officer, `/quarterly-updates/report?quarter=${Q}`));
    assert.match(page, /Published Version 1, data as at/);

    // A correction to the record: the published copy (page, PDF, public page) stays as it was.
    await t.db.query(`update partnerships set purpose = 'Corrected purpose after publishing' where id = $1`, [quarterlyIds[0]]);
    assert.doesNotMatch(textOf(await okPage(officer, `/quarterly-updates/report?quarter=${Q}`)), /Corrected purpose/);
    assert.doesNotMatch(await pdfText(officer, `/quarterly-updates/report.pdf?quarter=${Q}`), /Corrected purpose/);
    assert.match(
      textOf(await okPage(officer, `/quarterly-updates/report?${query}&data=today`)),
      /Corrected purpose after publishing/,
      'the preview reads today',
    );
    const [listed] = documentedBy(API_OPERATIONS, await pub.get('/api/v1/published-reports'), 'listPublishedReports').data;
    assert.equal(listed.kind, 'quarterly-update');
    assert.equal(listed.version, 1);
    const publicPage = textOf(await okPage(pub, listed.htmlUrl));
    assert.match(publicPage, /Version 1, data as at/);
    assert.doesNotMatch(publicPage, /Corrected purpose/);
    assert.doesNotMatch(await pdfText(pub, listed.pdfUrl), /Corrected purpose/);
    const docx = await pub.get(listed.docxUrl);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);

    // A stale "Publish a new version" form is refused; the current one freezes version 2.
    assert.equal((await officer.post('/quarterly-updates/report/publish', { quarter: Q, date: '2009-07-07', p: quarterlyIds, number: '7' })).statusCode, 409);
    redirectedTo(await officer.post('/quarterly-updates/report/publish', { quarter: Q, date: '2009-07-07', p: quarterlyIds, number: '1' }), /done=published/);
    assert.deepEqual(
      (await versions('quarterly-update')).map((v) => v.reason),
      ['published', 'new-version'],
    );
    assert.match(textOf(await okPage(pub, listed.htmlUrl)), /Version 2, data as at.*Corrected purpose after publishing/);
    assert.match(await pdfText(pub, listed.pdfUrl), /Corrected purpose after publishing/);
    const one = documentedBy(API_OPERATIONS, await pub.get(`/api/v1/published-reports/${listed.id}`), 'getPublishedReport');
    assert.equal(one.version, 2);
    assert.match(JSON.stringify(one.document), /Corrected purpose after publishing/);
  });

  it('refuses to publish a report that names a partnership the public may not see', async () => {
    const [draft] = await t.db.query<{ id: string; name: string }>(
      `update partnerships set publication_state = 'draft' where id = (select id from partnerships where deleted_at is null and public_partnership(id)
         and not (id = any($1::uuid[])) order by lower(name) desc limit 1) returning id, name`,
      [quarterlyIds],
    );
    assert.ok(draft, 'a partnership taken off the public register');
    const before = (await versions('quarterly-update')).length;
    const res = await officer.post('/quarterly-updates/report/publish', { quarter: '2009-07-01', date: '2009-10-07', p: [draft.id] });
    assert.equal(res.statusCode, 400);
    assert.ok(errorSummaryOf(res.body).includes(draft.name));
    assert.equal((await versions('quarterly-update')).length, before);
    assert.equal((await t.db.query(`select 1 from quarterly_update_publications where quarter_start = '2009-07-01'`)).length, 0, 'nothing kept');
    await t.db.query(`update partnerships set publication_state = 'published' where id = $1`, [draft.id]);
  });

  it('publishes the annual review; its downloads print the frozen copy', async () => {
    assert.match(textOf(await okPage(councillor, `/annual-reviews/${reviewId}`)), /Not published/);
    assert.equal((await councillor.post(`/annual-reviews/${reviewId}/publish`, {})).statusCode, 403);
    assert.equal((await officer.post(`/annual-reviews/${NIL}/publish`, {})).statusCode, 404);
    redirectedTo(await officer.post(`/annual-reviews/${reviewId}/publish`, { number: '' }), /done=published/);
    const page = textOf(await okPage(councillor, `/annual-reviews/${reviewId}`));
    assert.match(page, /Published Version 1, data as at/);
    await t.db.query(`update annual_reviews set summary = 'A summary corrected after publishing' where id = $1`, [reviewId]);
    assert.doesNotMatch(await pdfText(councillor, `/annual-reviews/${reviewId}/review.pdf`), /corrected after publishing/);
    assert.match(await pdfText(councillor, `/annual-reviews/${reviewId}/review.pdf?data=today`), /corrected after publishing/);
    const publicPage = textOf(await okPage(pub, `/accountability/annual-reviews/${reviewId}`));
    assert.match(publicPage, /Version 1, data as at/);
    assert.doesNotMatch(publicPage, /corrected after publishing/);
    assert.ok(!(await pub.get(`/accountability/annual-reviews/${reviewId}`)).body.includes('href="/partnerships/'), 'no links to staff pages');
    assert.match(textOf(await okPage(pub, '/accountability')), /Annual review of strategic partnerships/);
  });

  it('publishes a health check for a year, which the public see until it is withdrawn', async () => {
    const [p] = await t.db.query<{ id: string; name: string }>(
      `select id, name from partnerships where deleted_at is null and public_partnership(id) order by lower(name) limit 1`,
    );
    const url = `/accountability/health-checks/${p!.id}?year=2011`;
    assert.equal((await pub.get(url)).statusCode, 404, 'unpublished');
    problemOf(await pub.get(`/api/v1/published-health-checks/${p!.id}/2011`), 404);
    assert.equal((await councillor.post(`/health-checks/${p!.id}/publish`, { year: '2011' })).statusCode, 403);
    assert.match(textOf(await okPage(officer, `/health-checks/${p!.id}?year=2011`)), /Not published/);
    redirectedTo(await officer.post(`/health-checks/${p!.id}/publish`, { year: '2011', number: '' }), /done=published/);
    const page = textOf(await okPage(pub, url));
    assert.ok(page.includes(p!.name));
    assert.match(page, /Version 1, data as at/);
    assert.match(page, /Principle 2/);
    const list = documentedBy(API_OPERATIONS, await pub.get('/api/v1/published-health-checks'), 'listPublishedHealthChecks');
    assert.equal(list.data.length, 1);
    assert.equal(list.data[0].htmlUrl, url);
    const one = documentedBy(API_OPERATIONS, await pub.get(`/api/v1/published-health-checks/${p!.id}/2011`), 'getPublishedHealthCheck');
    assert.equal(one.year, 2011);
    assert.ok(one.principles.length > 0);
    assert.match(
      textOf(await okPage(pub, '/accountability/health-checks')),
      new RegExp(`${p!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: health check 2011/12`),
    );
    // Another year of the same partnership is still unpublished.
    assert.equal((await pub.get(`/accountability/health-checks/${p!.id}?year=2010`)).statusCode, 404);
    assert.match(textOf(await okPage(pub, `/accountability/health-checks/${p!.id}`)), /health check 2011\/12/, 'the latest published year');

    redirectedTo(await officer.post(`/health-checks/${p!.id}/withdraw`, { year: '2011' }), /done=withdrawn/);
    assert.equal((await pub.get(url)).statusCode, 404, 'withdrawn');
    assert.deepEqual(json(await pub.get('/api/v1/published-health-checks')).data, []);
    assert.equal((await officer.post(`/health-checks/${p!.id}/withdraw`, { year: '2011' })).statusCode, 400, 'not published any more');
    const audit = await t.db.query<{ action: string }>(`select action from audit_log where entity_type = 'health_check_publications' order by id`);
    assert.deepEqual(
      audit.map((a) => a.action),
      ['insert', 'update'],
    );
  });

  it('refuses to publish the health check of a partnership that is not on the public register', async () => {
    const [draft] = await t.db.query<{ id: string }>(
      `update partnerships set publication_state = 'draft' where id = (select id from partnerships where deleted_at is null order by lower(name) desc limit 1) returning id`,
    );
    const res = await officer.post(`/health-checks/${draft!.id}/publish`, { year: '2011' });
    assert.equal(res.statusCode, 400);
    assert.match(errorSummaryOf(res.body), /not on the public register: publish the partnership first/);
    assert.equal((await pub.get(`/accountability/health-checks/${draft!.id}?year=2011`)).statusCode, 404);
  });

  it('answers bad ids with 404 or 400, never a server error', async () => {
    for (const url of [
      '/accountability/quarterly-updates/nonsense',
      `/accountability/quarterly-updates/${NIL}`,
      `/accountability/quarterly-updates/${reviewId}`,
      `/accountability/annual-reviews/${NIL}/review.pdf`,
      '/accountability/annual-reviews/nonsense/review.docx',
      `/accountability/health-checks/${NIL}?year=2011`,
      '/accountability/health-checks/nonsense?year=2011',
      `/accountability/health-checks/${quarterlyIds[0]}?year=20x1`,
      `/accountability/health-checks/${quarterlyIds[0]}`,
    ])
      assert.equal((await pub.get(url)).statusCode, 404, url);
    problemOf(await pub.get('/api/v1/published-reports/nonsense'), 400);
    problemOf(await pub.get(`/api/v1/published-reports/${NIL}`), 404);
    problemOf(await pub.get(`/api/v1/published-health-checks/${NIL}/year`), 400);
    problemOf(await pub.get('/api/v1/published-health-checks?partnershipId=x'), 400);
    assert.equal((await officer.post(`/health-checks/${quarterlyIds[0]}/publish`, { year: 'next' })).statusCode < 500, true);
  });
});
