// Output is always escaped, and a fault shows the GOV.UK error page, never a stack trace.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, json, signIn, type Agent, type TestApp } from '../helper.ts';

const ATTACK = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

describe('escaping and faults', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({
      beforeReady: (app) => {
        app.get('/__fault', { config: { access: 'public.view' } }, async () => { throw new Error('secret internal detail'); });
        app.get('/api/v1/__fault', { config: { access: 'public.view' } }, async () => { throw new Error('secret internal detail'); });
      },
    });
  });
  let admin: Agent;
  before(async () => {
    admin = await signIn(t.app, 'administrator');
  });
  after(async () => t.close());

  it('never renders script typed into text fields', async () => {
    const lep = (await t.db.query<{ id: string }>(`select id from partnerships where short_name = 'GCGP LEP'`))[0]!.id;
    const created = await admin.post('/partnerships', { name: `Board ${ATTACK}`, shortName: '<b>x</b>', kind: 'sub_group',
      subgroupType: 'thematic', parentId: lep, purpose: ATTACK, mission: ATTACK, responsibilities: `${ATTACK}\nSecond`, termsOfReference: ATTACK });
    assert.equal(created.statusCode, 303);
    const id = String(created.headers.location).split('/')[2]!.split('?')[0]!;
    await admin.post(`/partnerships/${id}/events`, { kind: 'renamed', 'eventDate-day': '1', 'eventDate-month': '1', 'eventDate-year': '2012',
      previousName: ATTACK, description: ATTACK, source: ATTACK });
    await admin.post(`/partnerships/${id}/documents`, { title: ATTACK, note: ATTACK });
    for (const url of [`/register/${id}`, `/partnerships/${id}`, `/partnerships/${id}/edit`, `/register?q=${encodeURIComponent('Board <script>')}`,
      `/register/landscape`, `/partnerships/${lep}`, `/register?q=${encodeURIComponent(ATTACK)}`]) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /<script>alert|<img src=x|<b>x<\/b>/, url);
      if (url.startsWith('/register/') && !url.includes('landscape')) assert.match(res.body, /&lt;script&gt;alert/);
    }
    const bad = await admin.post('/partnerships', { name: ATTACK, kind: 'nope', purpose: '' });
    assert.equal(bad.statusCode, 400);
    assert.doesNotMatch(bad.body, /<script>alert/);
  });

  it('shows the 500 page with a reference and no internal detail', async () => {
    const res = await t.app.inject('/__fault');
    assert.equal(res.statusCode, 500);
    assert.match(res.body, /Sorry, there is a problem with the service/);
    assert.match(res.body, new RegExp(String(res.headers['x-request-id'])));
    assert.doesNotMatch(res.body, /secret internal detail|at .*\.ts:\d+/);
    const api = await t.app.inject('/api/v1/__fault');
    assert.equal(api.statusCode, 500);
    assert.deepEqual(Object.keys(json(api)).sort(), ['status', 'title', 'type']);
  });
});
