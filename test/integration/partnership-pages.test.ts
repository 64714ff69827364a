// The register's pages through the HTTP layer: public and back office, forms and their errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, countRows, partnershipIds, signIn, type Agent, type TestApp } from '../helper.ts';

describe('partnership register pages', () => {
  let t: TestApp;
  let ids: Map<string, string>;
  let admin: Agent;
  before(async () => {
    t = await buildTestApp();
    ids = await partnershipIds(t);
    admin = await signIn(t.app, 'administrator');
  });
  after(async () => t.close());

  const get = (url: string) => admin.get(url);

  it('serves the start page, accessibility statement and privacy notice in the service layout', async () => {
    for (const url of ['/', '/accessibility', '/privacy']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, /Partnership Hub/);
      assert.match(res.body, /Skip to main content/);
      assert.match(res.body, /href="\/accessibility"/);
      assert.doesNotMatch(res.body, /GDS Transport|govuk-header__logotype|Crown copyright/i);
    }
  });

  it('sends security headers with a nonce for the one inline script', async () => {
    const res = await get('/register');
    const csp = String(res.headers['content-security-policy']);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, 'CSP has a script nonce');
    assert.match(res.body, new RegExp(`<script nonce="${nonce}">`));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    const visitor = await t.app.inject('/register');
    assert.equal(visitor.headers['set-cookie'], undefined, 'the privacy notice promises the public pages set no cookies');
    assert.ok(res.headers['x-request-id']);
  });

  it('lists the register with filters by status, kind, area and name', async () => {
    const all = await get('/register');
    assert.match(all.body, /Greater Cambridge Greater Peterborough Local Enterprise Partnership/);
    const decommissioned = await get('/register?status=decommissioned');
    assert.match(decommissioned.body, /Cambridgeshire Together/);
    assert.doesNotMatch(decommissioned.body, /Cleantech sub-group/);
    const search = await get('/register?q=cleantech');
    assert.match(search.body, /Cleantech sub-group/);
    assert.match(search.body, /1 partnership match your filters/);
    const subgroups = await get('/register?kind=sub_group');
    assert.match(subgroups.body, /Cleantech sub-group/);
    assert.doesNotMatch(subgroups.body, /href="\/register\/[^"]+">Cambridgeshire Together</);
  });

  it('ignores nonsense filters instead of failing', async () => {
    for (const url of [
      '/register?status=nope&kind=%3Cscript%3E&area=not-a-uuid&page=-4',
      '/register?page=99999999999',
      `/register?q=${'x'.repeat(500)}`,
      '/register?q=%25_%5C',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /<script>/);
    }
  });

  it("shows a partnership's page with structure, timeline, contacts and contributions", async () => {
    const res = await get(`/register/${ids.get('Cambridgeshire Horizons')}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Decommissioned/);
    assert.match(res.body, /30 September 2011/);
    assert.match(res.body, /£23,470/);
    assert.match(res.body, /Graham Hughes/);
    assert.match(res.body, /@example\.org/);
    assert.doesNotMatch(res.body, /Change details/, 'the public page has no editing controls');
    const lep = await get(`/register/${ids.get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')}`);
    assert.match(lep.body, /£8,000/);
    assert.match(lep.body, /Cleantech sub-group/);
    assert.match(lep.body, /Mission:/);
  });

  it("shows seed 001's table of officer and member contacts", async () => {
    const res = await get('/register/contacts?date=2009-07-07');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /7 July 2009/);
    const row =
      /<th scope="row"[^>]*><a class="govuk-link" href="\/register\/[^"]+">Cambridgeshire Together<\/a><\/th>([\s\S]*?)<\/tr>/.exec(res.body)?.[1] ?? '';
    assert.match(row, /Adrian Smith/);
    assert.match(row, /Head of Corporate Development/);
    assert.match(row, /Cllr Jill Tuck/);
    assert.match(row, /Leader of the Council/);
    assert.match(row, /@example\.org/);
    assert.equal((await get('/register/contacts?date=2009-13-45')).statusCode, 200, 'a bad date falls back to today');
  });

  it('answers 404 with the GOV.UK page for an unknown or malformed id', async () => {
    for (const url of ['/register/00000000-0000-4000-8000-000000000000', '/register/not-an-id', '/partnerships/1/edit', '/nowhere']) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /Page not found/);
    }
  });

  it('compares the landscape on two dates', async () => {
    const res = await get('/register/landscape?date=2009-07-01&compare=2011-10-01');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /1 July 2009/);
    assert.match(res.body, /1 October 2011/);
    assert.match(res.body, /Between 1 July 2009 and 1 October 2011/);
    const parts = await get('/landscape?date-day=1&date-month=7&date-year=2009');
    assert.match(parts.body, /<h2 class="govuk-heading-l">1 July 2009<\/h2>/);
    const bad = await get('/landscape?date-day=31&date-month=2&date-year=2009');
    assert.equal(bad.statusCode, 200);
    assert.match(bad.body, /There is a problem/);
    assert.match(bad.body, /The first date must be a real date/);
  });

  it('refuses an invalid new partnership with an error summary, and saves nothing', async () => {
    const before = await countRows(t.db, 'partnerships');
    const res = await admin.post('/partnerships', { name: '  ', kind: 'sub_group', purpose: '', termsOfReferenceUrl: 'not a link' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: /);
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#name">Enter the partnership&#39;s name/);
    assert.match(res.body, /Enter the purpose of the partnership/);
    assert.match(res.body, /Select the kind of sub-group/);
    assert.match(res.body, /Select the board this sub-group reports to/);
    assert.match(res.body, /Terms of reference link must be a web address/);
    assert.equal(await countRows(t.db, 'partnerships'), before);
  });

  it('creates a partnership, then shows it with its parent and audit history', async () => {
    const lep = ids.get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    const res = await admin.post('/partnerships', {
      name: 'Greater Cambridge City Deal Board',
      kind: 'sub_group',
      subgroupType: 'geographic',
      purpose: 'Invest in infrastructure for growth.',
      responsibilities: '- Transport\n- Housing\n\n',
      parentId: lep,
      areaIds: [],
    });
    assert.equal(res.statusCode, 303);
    const location = String(res.headers.location);
    assert.match(location, /^\/partnerships\/[0-9a-f-]{36}\?done=created$/);
    const page = await get(location);
    assert.match(page.body, /Partnership added to the register/);
    assert.match(page.body, /<li>Transport<\/li>/);
    assert.match(page.body, /Added partnership/);
    assert.match(page.body, /Greater Cambridge Greater Peterborough Local Enterprise Partnership<\/a>/);
  });

  it('refuses a duplicate name next to the field', async () => {
    const res = await admin.post('/partnerships', { name: 'cambridgeshire horizons', kind: 'statutory_board', purpose: 'x' });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /A partnership called ‘cambridgeshire horizons’ is already in the register/);
  });

  it('detects an edit made from a stale version and keeps the other change', async () => {
    const id = ids.get('RECAP')!;
    const form = await get(`/partnerships/${id}/edit`);
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;
    const base = { name: 'RECAP', kind: 'joint_committee', purpose: 'Waste partnership.', version };
    assert.equal((await admin.post(`/partnerships/${id}/edit`, { ...base, shortName: 'First' })).statusCode, 303);
    const stale = await admin.post(`/partnerships/${id}/edit`, { ...base, shortName: 'Second' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /Someone else changed this record while you were editing it/);
    const rows = await t.db.query<{ short_name: string }>('select short_name from partnerships where id = $1', [id]);
    assert.equal(rows[0]!.short_name, 'First');
  });

  it('refuses to make a partnership report to its own sub-group', async () => {
    const lep = ids.get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    const res = await admin.post(`/partnerships/${lep}/edit`, {
      name: 'Greater Cambridge Greater Peterborough Local Enterprise Partnership',
      kind: 'non_statutory_partnership',
      purpose: 'x',
      parentId: ids.get('Cleantech sub-group')!,
      version: '1',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /cannot report to itself or to one of its own sub-groups/);
  });

  it('adds a timeline event, and refuses one with a bad date, keeping what was typed', async () => {
    const id = ids.get('Joint Workstreams Group')!;
    const bad = await admin.post(`/partnerships/${id}/events`, {
      kind: 'merged_into',
      'eventDate-day': '31',
      'eventDate-month': '9',
      'eventDate-year': '2011',
      description: 'Kept text',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#eventDate-day">Date of the event must be a real date/);
    assert.match(bad.body, /Select the partnership it merged into/);
    assert.match(bad.body, /Kept text/);
    const before = await get(`/register/${id}`);
    assert.doesNotMatch(before.body, /Wound up/);
    const ok = await admin.post(`/partnerships/${id}/events`, {
      kind: 'wound_up',
      'eventDate-day': '1',
      'eventDate-month': '4',
      'eventDate-year': '2013',
      datePrecision: 'month',
      description: 'Work passed to the Health and Wellbeing Board.',
    });
    assert.equal(ok.statusCode, 303);
    const page = await get(`/register/${id}`);
    assert.match(page.body, /April 2013/);
    assert.match(page.body, /Work passed to the Health and Wellbeing Board/);
    const early = await admin.post(`/partnerships/${id}/events`, { kind: 'wound_up', 'eventDate-day': '1', 'eventDate-month': '1', 'eventDate-year': '1990' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /on or after the date the partnership was established/);
  });

  it('records a contribution in pence and totals the year', async () => {
    const id = ids.get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    const orgs = await t.db.query<{ id: string }>(`select id from organisations where name = 'South Cambridgeshire District Council'`);
    const bad = await admin.post(`/partnerships/${id}/contributions`, { organisationId: orgs[0]!.id, financialYear: '2011', amount: 'lots' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Amount must be an amount of money/);
    const ok = await admin.post(`/partnerships/${id}/contributions`, { organisationId: orgs[0]!.id, financialYear: '2011', amount: '£1,234.56' });
    assert.equal(ok.statusCode, 303);
    const rows = await t.db.query<{ amount_pence: number }>(`select amount_pence from contributions where organisation_id = $1`, [orgs[0]!.id]);
    assert.deepEqual(
      rows.map((r) => r.amount_pence),
      [123456],
    );
    const page = await get(`/register/${id}`);
    assert.match(page.body, /£9,234.56/, 'the 2011/12 total is £8,000 + £1,234.56');
    const dup = await admin.post(`/partnerships/${id}/contributions`, { organisationId: orgs[0]!.id, financialYear: '2011', amount: '5' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /already has a contribution recorded for that financial year/);
  });

  it('adds a member who holds a seat on behalf of an organisation, then removes them', async () => {
    const id = ids.get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    const person = (await t.db.query<{ id: string }>(`select id from people where name = 'Graham Saint'`))[0]!.id;
    const council = (await t.db.query<{ id: string }>(`select id from organisations where name = 'Cambridge City Council'`))[0]!.id;
    const missing = await admin.post(`/partnerships/${id}/memberships`, { role: 'member' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Select a person, or an organisation that is a member/);
    const ok = await admin.post(`/partnerships/${id}/memberships`, {
      personId: person,
      role: 'council_representative',
      onBehalfOfId: council,
      remit: 'Strategy Officer',
      'startDate-day': '10',
      'startDate-month': '10',
      'startDate-year': '2011',
    });
    assert.equal(ok.statusCode, 303);
    const page = await get(`/register/${id}`);
    assert.match(page.body, /Graham Saint/);
    assert.match(page.body, /Since 10 October 2011/);
    const membershipId = (await t.db.query<{ id: string }>(`select id from memberships where person_id = $1`, [person]))[0]!.id;
    const early = await admin.post(`/partnerships/${id}/memberships/${membershipId}/end`, { 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2011' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /End date must be the same as or after the start date/);
    const ended = await admin.post(`/partnerships/${id}/memberships/${membershipId}/end`, {
      'endDate-day': '31',
      'endDate-month': '3',
      'endDate-year': '2012',
    });
    assert.equal(ended.statusCode, 303);
    assert.match((await get(`/register/${id}`)).body, /10 October 2011 to 31 March 2012/);
    const removed = await admin.post(`/partnerships/${id}/memberships/${membershipId}/delete`, {});
    assert.equal(removed.statusCode, 303);
    assert.doesNotMatch((await get(`/register/${id}`)).body, /Graham Saint/);
    const tomb = await t.db.query<{ deleted_at: Date | null }>(`select deleted_at from memberships where id = $1`, [membershipId]);
    assert.ok(tomb[0]!.deleted_at, 'the membership leaves a tombstone');
  });

  it('adds a source document, validating the link', async () => {
    const id = ids.get('Cambridgeshire Together')!;
    const bad = await admin.post(`/partnerships/${id}/documents`, { title: '', url: 'javascript:alert(1)' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the title of the document/);
    assert.match(bad.body, /Link must be a web address starting with http/);
    const ok = await admin.post(`/partnerships/${id}/documents`, {
      title: 'Proposals for a new model of partnership working',
      url: 'https://democracy.example.org/ct-2010-11-23.pdf',
      'documentDate-day': '23',
      'documentDate-month': '11',
      'documentDate-year': '2010',
    });
    assert.equal(ok.statusCode, 303);
    assert.match((await get(`/register/${id}`)).body, /Proposals for a new model of partnership working<\/a>, 23 November 2010/);
  });

  it('refuses to delete a partnership with sub-groups, and deletes one without', async () => {
    const lep = ids.get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    const refused = await admin.post(`/partnerships/${lep}/delete`, { version: '1' });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /has sub-groups/);
    const id = ids.get('Comprehensive Area Assessment Editing Group')!;
    const version = (await t.db.query<{ version: number }>('select version from partnerships where id = $1', [id]))[0]!.version;
    const res = await admin.post(`/partnerships/${id}/delete`, { version: String(version) });
    assert.equal(res.statusCode, 303);
    assert.equal((await get(`/register/${id}`)).statusCode, 404);
    assert.equal((await t.db.query(`select 1 from partnerships where id = $1 and deleted_at is not null`, [id])).length, 1);
  });

  it('answers a malformed body with a 400 page, not a 500', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/partnerships', payload: '{"name":', headers: { 'content-type': 'application/json' } });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, String(res.statusCode));
    assert.match(res.body, /There is a problem with your request/);
    const tooBig = await admin.post('/partnerships', { name: 'x'.repeat(2 * 1024 * 1024) });
    assert.equal(tooBig.statusCode, 413);
  });
});
