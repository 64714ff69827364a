// Source documents with uploaded files: checked by content, stored once, served safely.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { apiToken, buildTestApp, countRows, json, partnershipIds, signIn, type Agent, type TestApp } from '../helper.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('uploaded documents', () => {
  let t: TestApp;
  let id: string;
  before(async () => {
    t = await buildTestApp();
    id = (await partnershipIds(t)).get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    admin = await signIn(t.app, 'administrator');
    token = await apiToken(t, 'administrator');
  });
  let admin: Agent;
  let token: string;
  after(async () => t.close());

  it('uploads terms of reference as a PDF and serves it back from the partnership page', async () => {
    const res = await admin.postMultipart(
      `/partnerships/${id}/documents`,
      { title: 'LEP Board terms of reference', kind: 'terms_of_reference', 'documentDate-day': '15', 'documentDate-month': '9', 'documentDate-year': '2011' },
      { field: 'file', filename: 'LEP ToR.pdf', data: PDF, type: 'text/html' },
    );
    assert.equal(res.statusCode, 303);
    const page = (await t.app.inject(`/register/${id}`)).body;
    const href = /href="(\/files\/[0-9a-f-]+\/[^"]+)">LEP Board terms of reference<\/a>/.exec(page)?.[1];
    assert.ok(href, 'the document links to the file');
    assert.match(page, new RegExp(`\\(PDF, ${PDF.length} bytes\\)`));
    const file = await t.app.inject(href!);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf', 'the type comes from the content, not from what the browser claimed');
    assert.match(String(file.headers['content-disposition']), /^inline; filename="LEP ToR.pdf"/);
    assert.deepEqual(file.rawPayload, PDF);
    const api = json(await t.app.inject(`/api/v1/partnerships/${id}`));
    const doc = api.sourceDocuments.find((d: { title: string }) => d.title === 'LEP Board terms of reference');
    assert.equal(doc.kind, 'terms_of_reference');
    assert.equal(doc.fileUrl, href);
    const audit = await t.db.query<{ after: Record<string, unknown> }>(`select after from audit_log where entity_type = 'files'`);
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.after.content, undefined, 'the audit trail keeps the details of a file, not its bytes');
  });

  it('refuses a file that is not what it claims, saving nothing', async () => {
    const before = await countRows(t.db, 'source_documents');
    const res = await admin.postMultipart(
      `/partnerships/${id}/documents`,
      { title: 'Trojan', kind: 'other' },
      { field: 'file', filename: 'minutes.pdf', data: Buffer.from('<script>alert(1)</script>') },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#file">The selected file is not a real PDF file/);
    assert.match(res.body, /Select the file again/);
    assert.equal(await countRows(t.db, 'source_documents'), before);
    assert.equal(await countRows(t.db, 'files'), 1);
  });

  it('refuses a file over 10MB with a message, not a failure', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(11 * 1024 * 1024, 0x20)]);
    const res = await admin.postMultipart(
      `/partnerships/${id}/documents`,
      { title: 'Huge', kind: 'report' },
      { field: 'file', filename: 'huge.pdf', data: big },
    );
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /The selected file must be smaller than 10MB/);
  });

  it('adds a document without a file when none is chosen', async () => {
    const res = await admin.postMultipart(
      `/partnerships/${id}/documents`,
      { title: 'LEP draft business plan', kind: 'report' },
      { field: 'file', filename: '', data: Buffer.alloc(0) },
    );
    assert.equal(res.statusCode, 303);
    assert.match((await t.app.inject(`/register/${id}`)).body, /LEP draft business plan/);
  });

  it('does not serve unknown files or files of deleted documents', async () => {
    assert.equal((await t.app.inject('/files/00000000-0000-4000-8000-000000000000/x.pdf')).statusCode, 404);
    assert.equal((await t.app.inject('/files/nope/x.pdf')).statusCode, 404);
    const doc = (await t.db.query<{ id: string; file_id: string }>(`select id, file_id from source_documents where file_id is not null`))[0]!;
    await t.app.inject({ method: 'DELETE', url: `/api/v1/partnerships/${id}/documents/${doc.id}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal((await t.app.inject(`/files/${doc.file_id}/x.pdf`)).statusCode, 404);
  });
});
