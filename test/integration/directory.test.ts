// Organisations and people: pages and API.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiToken, buildTestApp, countRows, json, signIn, type Agent, type TestApp } from '../helper.ts';

describe('organisations and people', () => {
  let t: TestApp;
  let admin: Agent;
  let auth: { authorization: string };
  before(async () => {
    t = await buildTestApp();
    admin = await signIn(t.app, 'administrator');
    auth = { authorization: `Bearer ${await apiToken(t, 'administrator')}` };
  });
  after(async () => t.close());
  const get = (url: string) => admin.get(url);

  it('lists and searches organisations and people', async () => {
    const orgs = await get('/organisations?q=peterborough');
    assert.equal(orgs.statusCode, 200);
    assert.match(orgs.body, /Peterborough City Council/);
    const people = await get('/people?q=whitehand');
    assert.match(people.body, /Mary Whitehand/);
    const councillors = await get('/people?kind=councillor');
    assert.match(councillors.body, /Cllr/);
    assert.doesNotMatch(councillors.body, /Mary Whitehand/);
  });

  it("shows a person's partnerships and an organisation's staff", async () => {
    const person = (await t.db.query<{ id: string }>(`select id from people where name = 'Mary Whitehand'`))[0]!.id;
    const page = await get(`/people/${person}`);
    assert.match(page.body, /Officer contact/);
    const council = (await t.db.query<{ id: string }>(`select id from organisations where name = 'Cambridgeshire County Council'`))[0]!.id;
    const orgPage = await get(`/organisations/${council}`);
    assert.match(orgPage.body, /Mary Whitehand/);
    assert.equal((await get('/people/not-an-id')).statusCode, 404);
  });

  it('adds a person through the form, with errors next to the fields first', async () => {
    const before = await countRows(t.db, 'people');
    const bad = await admin.post('/people', { name: '', kind: '', email: 'not an email', phone: 'call me' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the person&#39;s full name/);
    assert.match(bad.body, /Enter an email address in the correct format, like name@example.org/);
    assert.match(bad.body, /Enter a telephone number, like 01632 960 001/);
    assert.equal(await countRows(t.db, 'people'), before);
    const ok = await admin.post('/people', {
      name: 'Antoinette Jackson',
      honorificPrefix: '',
      kind: 'officer',
      post: 'Chief Executive',
      email: 'antoinette.jackson@example.org',
      phone: '01632 960900',
    });
    assert.equal(ok.statusCode, 303);
    assert.match((await get(String(ok.headers.location))).body, /Chief Executive/);
  });

  it('edits an organisation with a version check', async () => {
    const org = (await t.db.query<{ id: string; version: number }>(`select id, version from organisations where name = 'Fenland District Council'`))[0]!;
    const ok = await admin.post(`/organisations/${org.id}/edit`, {
      name: 'Fenland District Council',
      kind: 'district_council',
      website: 'https://www.example.org/fenland',
      version: String(org.version),
    });
    assert.equal(ok.statusCode, 303);
    const stale = await admin.post(`/organisations/${org.id}/edit`, { name: 'Fenland DC', kind: 'district_council', version: String(org.version) });
    assert.equal(stale.statusCode, 409);
    const dup = await admin.post('/organisations', { name: 'fenland district council', kind: 'district_council' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /already exists/);
  });

  it('serves organisations and people through the API with sync and safe deletion', async () => {
    const list = json(await t.app.inject({ method: 'GET', url: '/api/v1/people?limit=2', headers: auth }));
    assert.equal(list.data.length, 2);
    assert.equal(list.data[0].type, 'person');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      payload: { name: 'Cambridge Cleantech', kind: 'business' },
      headers: auth,
    });
    assert.equal(created.statusCode, 201);
    const org = json(created);
    const inUse = (await t.db.query<{ id: string; version: number }>(`select id, version from organisations where name = 'Cambridge City Council'`))[0]!;
    const refused = await t.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${inUse.id}?version=${inUse.version}`, headers: auth });
    assert.equal(refused.statusCode, 422);
    assert.match(json(refused).detail, /still recorded/);
    const since = new Date(Date.now() - 60_000).toISOString();
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/organisations/${org.id}?version=1`, headers: auth })).statusCode, 204);
    const sync = json(await t.app.inject({ method: 'GET', url: `/api/v1/organisations?modifiedSince=${encodeURIComponent(since)}`, headers: auth }));
    assert.ok(sync.data.some((d: { id: string; deleted: boolean }) => d.id === org.id && d.deleted));
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${org.id}`, headers: auth })).statusCode, 410);
  });
});
