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
        app.get('/__fault', { config: { access: 'public.view' } }, async () => {
          throw new Error('secret internal detail');
        });
        app.get('/api/v1/__fault', { config: { access: 'public.view' } }, async () => {
          throw new Error('secret internal detail');
        });
      },
    });
  });
  let admin: Agent;
  let editor: Agent;
  before(async () => {
    admin = await signIn(t.app, 'administrator');
    editor = await signIn(t.app, 'partner_editor');
  });
  after(async () => t.close());

  it('never renders script typed into text fields', async () => {
    const lep = (await t.db.query<{ id: string }>(`select id from partnerships where short_name = 'GCGP LEP'`))[0]!.id;
    const created = await admin.post('/partnerships', {
      name: `Board ${ATTACK}`,
      shortName: '<b>x</b>',
      kind: 'sub_group',
      subgroupType: 'thematic',
      parentId: lep,
      purpose: ATTACK,
      mission: ATTACK,
      responsibilities: `${ATTACK}\nSecond`,
      termsOfReference: ATTACK,
    });
    assert.equal(created.statusCode, 303);
    const id = String(created.headers.location).split('/')[2]!.split('?')[0]!;
    await admin.post(`/partnerships/${id}/events`, {
      kind: 'renamed',
      'eventDate-day': '1',
      'eventDate-month': '1',
      'eventDate-year': '2012',
      previousName: ATTACK,
      description: ATTACK,
      source: ATTACK,
    });
    await admin.post(`/partnerships/${id}/documents`, { title: ATTACK, note: ATTACK });
    for (const url of [
      `/register/${id}`,
      `/partnerships/${id}`,
      `/partnerships/${id}/edit`,
      `/register?q=${encodeURIComponent('Board <script>')}`,
      `/register/landscape`,
      `/partnerships/${lep}`,
      `/register?q=${encodeURIComponent(ATTACK)}`,
    ]) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /<script>alert|<img src=x|<b>x<\/b>/, url);
      if (url.startsWith('/register/') && !url.includes('landscape')) assert.match(res.body, /&lt;script&gt;alert/);
    }
    const bad = await admin.post('/partnerships', { name: ATTACK, kind: 'nope', purpose: '' });
    assert.equal(bad.statusCode, 400);
    assert.doesNotMatch(bad.body, /<script>alert/);
  });

  it('escapes script in organisations, people, members, contributions, invitations and token names', async () => {
    const lep = (await t.db.query<{ id: string }>(`select id from partnerships where short_name = 'GCGP LEP'`))[0]!.id;
    const org = await admin.post('/organisations', { name: `Org ${ATTACK}`, shortName: '<i>o</i>', kind: 'business' });
    assert.equal(org.statusCode, 303);
    const orgId = String(org.headers.location).split('/')[2]!.split('?')[0]!;
    const person = await admin.post('/people', {
      name: `Person ${ATTACK}`,
      honorificPrefix: '<b>',
      kind: 'officer',
      organisationId: orgId,
      post: ATTACK,
      party: ATTACK,
      electoralDivision: ATTACK,
      portfolio: ATTACK,
    });
    assert.equal(person.statusCode, 303);
    const personId = String(person.headers.location).split('/')[2]!.split('?')[0]!;
    assert.equal((await admin.post(`/partnerships/${lep}/memberships`, { personId, role: 'member', onBehalfOfId: orgId, remit: ATTACK })).statusCode, 303);
    assert.equal(
      (await admin.post(`/partnerships/${lep}/contributions`, { organisationId: orgId, financialYear: '2012', amount: '10', note: ATTACK })).statusCode,
      303,
    );
    assert.equal((await admin.post('/admin/users/invite', { name: `New ${ATTACK}`, email: 'new.user@example.org', roles: 'councillor' })).statusCode, 303);
    const token = await admin.post('/account/tokens', { name: ATTACK });
    assert.equal(token.statusCode, 200);
    for (const url of [
      `/organisations/${orgId}`,
      `/people/${personId}`,
      '/people',
      '/organisations',
      `/partnerships/${lep}`,
      `/register/${lep}`,
      '/admin/users',
      '/admin/outbox',
      '/account',
      '/admin/audit',
      '/register/contacts',
      `/people/${personId}/edit`,
    ]) {
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /<script>alert|<img src=x|<i>o<\/i>|<b><\/b>/, url);
    }
    const csv = await admin.get('/admin/audit.csv');
    assert.doesNotMatch(csv.body, /^=|,=/m, 'no cell of the CSV can start a spreadsheet formula');
  });

  it('limits sign-in attempts from one address', async () => {
    const visitor = await import('../helper.ts').then((h) => h.anonymousAgent(t.app));
    let limited = false;
    for (let i = 0; i < 30 && !limited; i++) {
      const res = await visitor.post('/sign-in', { email: `nobody${i}@example.org`, password: 'wrong password' });
      limited = res.statusCode === 429 && /You have tried too many times in a short while/.test(res.body);
    }
    assert.ok(limited, 'the 21st attempt within a minute is refused with a clear page');
  });

  it('never looks up an id that is not a UUID, whoever asks', async () => {
    const { apiToken } = await import('../helper.ts');
    const fake = '-'.repeat(36);
    for (const url of [`/partnerships/${fake}/edit`, `/partnerships/${'a'.repeat(36)}`, `/people/${fake}`, `/files/${fake}/x.pdf`]) {
      assert.equal((await editor.get(url)).statusCode < 500, true, url);
    }
    const editorToken = await apiToken(t, 'partner_editor');
    const put = await t.app.inject({ method: 'PUT', url: `/api/v1/partnerships/${fake}`, headers: { authorization: `Bearer ${editorToken}` }, payload: {} });
    assert.ok(put.statusCode === 400 || put.statusCode === 403, String(put.statusCode));
    assert.equal((await admin.get(`/admin/audit?entityId=${fake}`)).statusCode, 200);
    const anonymousPost = await t.app.inject({ method: 'POST', url: '/account/tokens' });
    assert.ok([400, 401].includes(anonymousPost.statusCode));
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
