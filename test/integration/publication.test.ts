// Draft, published and withdrawn partnerships, and exempt documents, as the public and staff see them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiToken, buildTestApp, json, partnershipIds, signIn, type Agent, type TestApp } from '../helper.ts';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('publication', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let token: string;
  let draftId: string;
  let lep: string;
  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    token = await apiToken(t, 'partnership_officer');
    lep = (await partnershipIds(t)).get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    const res = await officer.post('/partnerships', {
      name: 'Greater Cambridge City Deal Executive Board',
      kind: 'joint_committee',
      purpose: 'Decide the City Deal programme.',
      parentId: lep,
    });
    draftId = /\/partnerships\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
  });
  after(async () => t.close());
  const anon = (url: string) => t.app.inject(url);

  it('starts a new partnership as a draft that the public cannot see anywhere', async () => {
    assert.equal((await anon(`/register/${draftId}`)).statusCode, 404);
    assert.doesNotMatch((await anon('/register?q=City%20Deal')).body, /Executive Board/);
    assert.doesNotMatch((await anon(`/register/${lep}`)).body, /City Deal Executive Board/, 'not even as a sub-group of a published board');
    assert.doesNotMatch((await anon('/register/landscape')).body, /City Deal Executive Board/);
    assert.equal((await anon(`/api/v1/partnerships/${draftId}`)).statusCode, 404);
    assert.ok(!json(await anon('/api/v1/partnerships?q=City%20Deal')).data.length);
    const since = new Date(Date.now() - 3_600_000).toISOString();
    const sync = json(await anon(`/api/v1/partnerships?modifiedSince=${encodeURIComponent(since)}`));
    const entry = sync.data.find((d: { id: string }) => d.id === draftId);
    assert.ok(!entry || entry.deleted === true, 'to the public a draft is at most a tombstone');
  });

  it('shows staff the draft, marked as a draft', async () => {
    const page = await councillor.get(`/register/${draftId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Draft<\/strong>/);
    assert.equal(json(await t.app.inject({ url: `/api/v1/partnerships/${draftId}`, headers: { authorization: `Bearer ${token}` } })).publicationState, 'draft');
  });

  it('publishes and withdraws, needing the right role, and the audit trail records who', async () => {
    assert.equal((await councillor.post(`/partnerships/${draftId}/publish`)).statusCode, 403);
    assert.equal((await officer.post(`/partnerships/${draftId}/publish`)).statusCode, 303);
    assert.equal((await anon(`/register/${draftId}`)).statusCode, 200);
    const audit = await t.db.query<{ actor: string; before: { publication_state: string }; after: { publication_state: string } }>(
      `select actor, before, after from audit_log where entity_id = $1 and action = 'update' order by id desc limit 1`,
      [draftId],
    );
    assert.equal(audit[0]!.actor, 'partnership.officer@example.org');
    assert.deepEqual([audit[0]!.before.publication_state, audit[0]!.after.publication_state], ['draft', 'published']);
    const withdrawn = await t.app.inject({ method: 'POST', url: `/api/v1/partnerships/${draftId}/withdraw`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(withdrawn.statusCode, 200);
    assert.equal(json(withdrawn).publicationState, 'withdrawn');
    assert.equal((await anon(`/register/${draftId}`)).statusCode, 404);
  });

  it('never shows an exempt document to the public: only the paragraph that applies', async () => {
    const res = await officer.postMultipart(
      `/partnerships/${lep}/documents`,
      { title: 'Negotiations with Tenant X', kind: 'report', exemptParagraph: '3', note: 'Commercial terms' },
      { field: 'file', filename: 'terms.pdf', data: PDF },
    );
    assert.equal(res.statusCode, 303);
    const staffPage = (await officer.get(`/partnerships/${lep}`)).body;
    assert.match(staffPage, /Negotiations with Tenant X/);
    assert.match(staffPage, /Exempt: paragraph 3/);
    const fileUrl = /href="(\/files\/[^"]+)">Negotiations with Tenant X/.exec(staffPage)![1]!;
    assert.equal((await officer.get(fileUrl)).statusCode, 200);
    const publicPage = (await anon(`/register/${lep}`)).body;
    assert.doesNotMatch(publicPage, /Negotiations with Tenant X|Commercial terms|terms\.pdf/);
    assert.match(publicPage, /Exempt information/);
    assert.match(publicPage, /paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972/);
    assert.equal((await anon(fileUrl)).statusCode, 404);
    const api = json(await anon(`/api/v1/partnerships/${lep}`));
    const doc = api.sourceDocuments.find((d: { exemptParagraph: number | null }) => d.exemptParagraph === 3);
    assert.equal(doc.title, 'Exempt information');
    assert.equal(doc.fileUrl, null);
  });
});
