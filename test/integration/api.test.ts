// The JSON API through the HTTP layer: problems (RFC 9457), versions, tombstones and sync.
import assert from 'node:assert/strict';
import { after, before, describe, it, mock } from 'node:test';
import { API_OPERATIONS } from '../../src/app.ts';
import { apiToken, buildTestApp, json, partnershipIds, type TestApp } from '../helper.ts';

describe('JSON API', () => {
  let t: TestApp;
  let ids: Map<string, string>;
  before(async () => {
    t = await buildTestApp();
    ids = await partnershipIds(t);
    token = await apiToken(t, 'administrator');
  });
  let token: string;
  after(async () => t.close());

  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  it('publishes an OpenAPI 3.1 document with every operation the server answers', async () => {
    const doc = json(await api('GET', '/openapi.json'));
    assert.equal(doc.openapi, '3.1.0');
    const published = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>)
      .flatMap(([, ops]) => Object.values(ops).map((o) => o.operationId))
      .sort();
    assert.deepEqual(published, API_OPERATIONS.map((o) => o.operationId).sort());
    assert.equal(new Set(published).size, published.length, 'operation ids are unique');
    const create = doc.paths['/partnerships'].post;
    assert.ok(create.requestBody.content['application/json'].schema.properties.name);
    assert.ok(create.responses['422']);
  });

  it('lists partnerships with status on a date, filters and pagination', async () => {
    const body = json(await api('GET', '/partnerships?asAt=2009-07-01&status=active&limit=500'));
    const names = body.data.map((p: { name: string }) => p.name);
    assert.ok(names.includes('Cambridgeshire Together'));
    assert.ok(!names.includes('Greater Cambridge Greater Peterborough Local Enterprise Partnership'));
    assert.equal(body.pagination.total, names.length);
    const page = json(await api('GET', '/partnerships?limit=5&offset=5'));
    assert.equal(page.data.length, 5);
    assert.ok(page.pagination.total > 50);
  });

  it('answers bad query parameters with a 400 problem naming the parameter', async () => {
    const res = await api('GET', '/partnerships?limit=100000&status=sleeping');
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    const problem = json(res);
    assert.equal(problem.status, 400);
    assert.deepEqual(problem.errors.map((e: { pointer: string }) => e.pointer).sort(), ['/limit', '/status']);
  });

  it('gets a partnership with its events, members, contributions and documents', async () => {
    const p = json(await api('GET', `/partnerships/${ids.get('Cambridgeshire Horizons')}`));
    assert.equal(p.type, 'partnership');
    assert.equal(p.status, 'decommissioned');
    assert.ok(p.events.some((e: { kind: string; eventDate: string }) => e.kind === 'decommissioned' && e.eventDate === '2011-09-30'));
    assert.ok(p.contributions.some((c: { amountPence: number; financialYearLabel: string }) => c.amountPence === 2347000));
    assert.ok(p.memberships.length > 0);
    assert.match(p.created, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(p.deleted, false);
  });

  it('answers 404 and 400 problems for unknown and malformed ids', async () => {
    assert.equal((await api('GET', '/partnerships/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await api('GET', '/partnerships/nope')).statusCode, 400);
    const missing = await api('GET', '/nothing-here');
    assert.equal(missing.statusCode, 404);
    assert.equal(json(missing).title, 'Not found');
  });

  it('creates a partnership (201), refuses an invalid one (422, nothing saved)', async () => {
    const bad = await api('POST', '/partnerships', { name: '', kind: 'cabal', purpose: 7, areaIds: ['x'] });
    assert.equal(bad.statusCode, 422);
    const pointers = json(bad).errors.map((e: { pointer: string }) => e.pointer);
    for (const p of ['/name', '/kind', '/purpose', '/areaIds/0']) assert.ok(pointers.includes(p), p);
    const res = await api('POST', '/partnerships', {
      name: 'Cambridgeshire Health and Wellbeing Network',
      kind: 'forum',
      purpose: 'Connect the Health and Wellbeing Board with local partnerships.',
      responsibilities: ['Share information'],
    });
    assert.equal(res.statusCode, 201);
    const created = json(res);
    assert.equal(res.headers.location, `/api/v1/partnerships/${created.id}`);
    assert.equal(created.version, 1);
    assert.deepEqual(created.responsibilities, ['Share information']);
  });

  it('refuses a reference to something that does not exist', async () => {
    const res = await api('POST', '/partnerships', {
      name: 'Orphan',
      kind: 'sub_group',
      subgroupType: 'thematic',
      purpose: 'x',
      parentId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(res.statusCode, 422);
    assert.equal(json(res).errors[0].pointer, '/parentId');
  });

  it('updates with a version check: 409 for a stale version, and nothing changes', async () => {
    const id = ids.get('RECAP')!;
    const current = json(await api('GET', `/partnerships/${id}`));
    const body = {
      name: 'RECAP',
      shortName: 'RECAP',
      kind: 'joint_committee',
      purpose: 'Waste partnership for Cambridgeshire and Peterborough.',
      areaIds: current.areaIds,
    };
    const ok = await api('PUT', `/partnerships/${id}`, { ...body, version: current.version });
    assert.equal(ok.statusCode, 200);
    assert.equal(json(ok).version, current.version + 1);
    const stale = await api('PUT', `/partnerships/${id}`, { ...body, purpose: 'Overwritten', version: current.version });
    assert.equal(stale.statusCode, 409);
    assert.equal(json(await api('GET', `/partnerships/${id}`)).purpose, 'Waste partnership for Cambridgeshire and Peterborough.');
  });

  it('adds and removes parts of a partnership', async () => {
    const id = ids.get('Cambridgeshire Care Partnership')!;
    const ev = await api('POST', `/partnerships/${id}/events`, { kind: 'renamed', eventDate: '2012-04-01', previousName: 'Care Partnership' });
    assert.equal(ev.statusCode, 201);
    assert.equal(json(ev).kind, 'renamed');
    const badEvent = await api('POST', `/partnerships/${id}/events`, { kind: 'replaced_by', eventDate: '2012-02-30' });
    assert.equal(badEvent.statusCode, 422);
    const org = json(await api('GET', '/organisations?q=Cambridge%20City')).data[0];
    const c = await api('POST', `/partnerships/${id}/contributions`, { organisationId: org.id, financialYear: 2012, amountPence: 123456 });
    assert.equal(c.statusCode, 201);
    assert.equal(json(c).amountPence, 123456);
    const float = await api('POST', `/partnerships/${id}/contributions`, { organisationId: org.id, financialYear: 2013, amountPence: 12.5 });
    assert.equal(float.statusCode, 422, 'money is whole pence, never a float');
    const person = json(await api('GET', '/people?q=Whitehand')).data[0];
    const m = json(await api('POST', `/partnerships/${id}/memberships`, { personId: person.id, role: 'observer', startDate: '2012-01-01' }));
    const ended = await api('POST', `/partnerships/${id}/memberships/${m.id}/end`, { endDate: '2013-03-31' });
    assert.equal(ended.statusCode, 200);
    assert.equal(json(ended).endDate, '2013-03-31');
    assert.equal((await api('POST', `/partnerships/${id}/memberships/${m.id}/end`, { endDate: '2011-01-01' })).statusCode, 422);
    assert.equal((await api('DELETE', `/partnerships/${id}/events/${json(ev).id}`)).statusCode, 204);
    assert.equal((await api('DELETE', `/partnerships/${id}/events/${json(ev).id}`)).statusCode, 404);
  });

  it('deletes with a tombstone that modifiedSince returns, and answers 410 after', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const created = json(await api('POST', '/partnerships', { name: 'Short-lived board', kind: 'forum', purpose: 'x' }));
    assert.equal((await api('DELETE', `/partnerships/${created.id}?version=1`)).statusCode, 204);
    assert.equal((await api('GET', `/partnerships/${created.id}`)).statusCode, 410);
    const changes = json(await api('GET', `/partnerships?modifiedSince=${encodeURIComponent(since)}`));
    const entry = changes.data.find((d: { id: string }) => d.id === created.id);
    assert.deepEqual(Object.keys(entry).sort(), ['deleted', 'id', 'modified', 'type']);
    assert.equal(entry.deleted, true);
    assert.ok(!json(await api('GET', '/partnerships?limit=500')).data.some((d: { id: string }) => d.id === created.id));
  });

  it('includes a partnership in modifiedSince when only one of its parts changed', async () => {
    const id = ids.get('Fenland Local Strategic Partnership')!;
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await api('POST', `/partnerships/${id}/documents`, { title: 'Fenland Sustainable Community Strategy' });
    const changes = json(await api('GET', `/partnerships?modifiedSince=${encodeURIComponent(since)}`));
    assert.deepEqual(
      changes.data.map((d: { id: string }) => d.id),
      [id],
    );
  });

  it('gives the landscape on two dates with the comparison', async () => {
    const body = json(await api('GET', '/landscape?date=2011-10-01&compare=2009-07-01'));
    assert.deepEqual(
      body.trees.map((t: { date: string }) => t.date),
      ['2009-07-01', '2011-10-01'],
    );
    assert.ok(body.comparison.removed.includes(ids.get('Cambridgeshire Together')));
    assert.ok(body.comparison.added.includes(ids.get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')));
    assert.equal((await api('GET', '/landscape?date=2011-13-01')).statusCode, 400);
  });

  it("takes today as England's date, not UTC's: at 00:30 BST the landscape is as at the new day", async () => {
    mock.timers.enable({ apis: ['Date'], now: new Date('2026-06-15T23:30:00Z') });
    try {
      const body = json(await api('GET', '/landscape'));
      assert.deepEqual(
        body.trees.map((t: { date: string }) => t.date),
        ['2026-06-16'],
      );
    } finally {
      mock.timers.reset();
    }
  });

  it('refuses a body that is not JSON with a problem, not a 500', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partnerships',
      payload: '{"name": ',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(json(res).status, 400);
  });
});
