// The home page (/) as a member of the public sees it: the next (or latest) meetings with their
// status over time, the latest papers and decisions, a search box, committees and partnerships A to
// Z, councillors; nothing draft, private or unpublished; and a page that still reads on an empty site.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, signIn, type TestApp } from '../helper.ts';

describe('home page', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('answers the public’s questions from published records only', async () => {
    // Hide one partnership and the latest meeting from the public; the page must follow.
    const [partnership] = await t.db.query<{ id: string }>(
      `select id from partnerships where tenant_id = $1 and publication_state = 'published' order by name limit 1`,
      [t.tenantId],
    );
    await t.db.query(`update partnerships set name = 'HIDDEN PARTNERSHIP MARK', publication_state = 'draft' where id = $1`, [partnership!.id]);
    const [latest] = await t.db.query<{ id: string }>(`select id from meetings where tenant_id = $1 order by meeting_date desc limit 1`, [t.tenantId]);
    await t.db.query(`update meetings set is_public = false, kind = 'workshop', title = 'HIDDEN MEETING MARK' where id = $1`, [latest!.id]);

    const res = await anonymousAgent(t.app).get('/');
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /<form action="\/search" method="get" role="search"/);
    assert.match(html, /<input[^>]+name="q"[^>]+type="search"/);
    assert.doesNotMatch(html, /HIDDEN (MEETING|PARTNERSHIP) MARK/);
    assert.doesNotMatch(html, new RegExp(latest!.id));
    // The demo's meetings are all past: the latest stand in, with what became of them.
    assert.match(html, /Recent meetings/);
    assert.match(html, /No upcoming public meetings have been arranged yet/);
    assert.match(html, /<strong class="govuk-tag govuk-tag--grey">Did not take place<\/strong>/);
    // Papers on a published agenda, and decisions in published minutes.
    assert.match(html, /Integrated Communities Strategy Green Paper/);
    assert.match(html, /href="\/calendar\/[0-9a-f-]+\/minutes#minute-\d+"/);
    assert.match(html, /Committees and boards A to Z/);
    assert.match(html, /Communities and Partnership Committee/);
    assert.match(html, /Partnerships A to Z/);
    assert.match(html, /href="\/councillors">\d+ councillors<\/a>/);
    // Every meeting and paper it links to is one the public may open.
    const links = [...new Set([...html.matchAll(/href="(\/calendar\/[0-9a-f-]{36}(?:\/papers\/[0-9a-f-]{36})?)"/g)].map((m) => m[1]!))];
    assert.ok(links.length >= 5);
    for (const link of links) assert.equal((await t.app.inject({ url: link, method: link.includes('/papers/') ? 'HEAD' : 'GET' })).statusCode, 200, link);
  });

  it('shows the next meetings first once one is arranged', async () => {
    const [m] = await t.db.query<{ id: string }>(
      `select m.id from meetings m join bodies b on b.id = m.body_id where m.tenant_id = $1 and b.publication_state = 'published' and m.is_public and m.title is distinct from 'HIDDEN MEETING MARK'
       order by m.meeting_date desc limit 1`,
      [t.tenantId],
    );
    await t.db.query(`update meetings set meeting_date = current_date + 30 where id = $1`, [m!.id]);
    const html = (await anonymousAgent(t.app).get('/')).body;
    assert.match(html, /Next meetings/);
    assert.doesNotMatch(html, /Recent meetings/);
    assert.match(html, new RegExp(`href="/calendar/${m!.id}"`));
  });

  it('signed-in staff still reach their own start page from the header', async () => {
    const agent = await signIn(t.app, 'democratic_services');
    const html = (await agent.get('/')).body;
    assert.match(html, /href="\/start"/);
  });
});

describe('home page of an empty site', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: false });
  });
  after(() => t.close());

  it('says plainly that nothing is published yet', async () => {
    const res = await t.app.inject({ url: '/' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /No upcoming public meetings have been arranged yet/);
    assert.match(res.body, /No papers have been published yet/);
    assert.match(res.body, /No decisions have been published yet/);
    assert.match(res.body, /No partnerships have been published yet/);
  });
});

describe('the public calendar over time', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(() => t.close());

  it('opens on the most recent meetings when none are arranged, with what became of each', async () => {
    const html = (await t.app.inject({ url: '/calendar' })).body;
    assert.match(html, /0 upcoming meetings\./);
    assert.match(html, /These are the most recent meetings\./);
    assert.match(html, /<h2 class="govuk-heading-l">Recent meetings<\/h2>/);
    assert.match(html, /govuk-tag--grey">Did not take place</);
    assert.match(html, /<label class="govuk-label govuk-label--s" for="body">\s*Committee or board/);
    assert.match(html, /role="region" aria-label="Meetings in May 2019" tabindex="0"/);
  });

  it('offers a month view, and a month that is not one gets a clear message', async () => {
    const may = await t.app.inject({ url: '/calendar?month=2018-05' });
    assert.equal(may.statusCode, 200);
    assert.match(may.body, /<h1 class="govuk-heading-xl">Meetings in May 2018<\/h1>/);
    assert.match(may.body, /Thursday 31 May 2018/);
    assert.match(may.body, /href="\/calendar\?month=2018-04"/);
    assert.match(may.body, /href="\/calendar\?month=2018-06"/);
    const bad = await t.app.inject({ url: '/calendar?month=May' });
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /Enter a month as a year and month, for example 2018-05/);
  });

  it('filters by committee', async () => {
    const [body] = await t.db.query<{ id: string }>(`select id from bodies where tenant_id = $1 and publication_state = 'published' limit 1`, [t.tenantId]);
    const res = await t.app.inject({ url: `/calendar?month=2018-05&body=${body!.id}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`<option value="${body!.id}" selected>`));
  });

  it('a past meeting that never took place says so, and says no agenda was published as a past event', async () => {
    const [m] = await t.db.query<{ id: string }>(`select id from meetings where tenant_id = $1 and meeting_date = '2019-05-30'`, [t.tenantId]);
    const html = (await t.app.inject({ url: `/calendar/${m!.id}` })).body;
    assert.match(html, /govuk-tag--grey">\s*Did not take place/);
    assert.match(html, /The meeting did not take place, and no agenda was published\./);
    assert.doesNotMatch(html, /Scheduled/);
    assert.doesNotMatch(html, /will be published by/);
  });
});
