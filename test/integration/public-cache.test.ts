// Public pages cached by the data version (issue 19): ETag and 304 for anonymous visitors, a change
// shows at once, staff and drafts never go through the cache.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, partnershipIds, signIn, type Agent, type TestApp } from '../helper.ts';

const LEP = 'Greater Cambridge Greater Peterborough Local Enterprise Partnership';

describe('public page cache', () => {
  let t: TestApp;
  let officer: Agent;
  let lep: string;
  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    lep = (await partnershipIds(t)).get(LEP)!;
  });
  after(async () => t.close());
  const anon = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
  const etagOf = (res: LightMyRequestResponse) => String(res.headers.etag ?? '');
  const nonceIn = (res: LightMyRequestResponse) => /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))?.[1];

  it('gives an anonymous page an ETag and answers 304 when the browser has it', async () => {
    const first = await anon('/register');
    assert.equal(first.statusCode, 200);
    assert.match(etagOf(first), /^W\/".+"$/);
    assert.equal(first.headers['cache-control'], 'no-cache');
    const again = await anon('/register');
    assert.equal(etagOf(again), etagOf(first));
    assert.equal(again.body, first.body, 'the same page from memory');
    const notModified = await anon('/register', { 'if-none-match': etagOf(first) });
    assert.equal(notModified.statusCode, 304);
    assert.equal(notModified.body, '');
    assert.equal(notModified.headers['content-security-policy'], undefined, 'the browser keeps the policy that matches its copy');
    assert.equal((await anon('/register', { 'if-none-match': 'W/"something else"' })).statusCode, 200);
    assert.notEqual(etagOf(await anon(`/register/${lep}`)), etagOf(first), 'each address its own tag');
  });

  it('allows a kept page’s inline script by its hash, not a nonce, and the policy stays strict', async () => {
    await anon(`/register/${lep}`);
    const hit = await anon(`/register/${lep}`);
    const csp = String(hit.headers['content-security-policy']);
    assert.equal(nonceIn(hit), undefined, 'no nonce: the same bytes for every visitor');
    assert.doesNotMatch(hit.body, /nonce=/);
    const inline = [...hit.body.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    assert.ok(inline.length >= 1, 'govuk-frontend’s inline script is there');
    const scriptSrc = /script-src ([^;]*)/.exec(csp)![1]!.split(' ');
    for (const script of inline)
      assert.ok(scriptSrc.includes(`'sha256-${createHash('sha256').update(script).digest('base64')}'`), 'each inline script by its hash');
    assert.deepEqual(
      scriptSrc.filter((s) => !s.startsWith("'sha256-")),
      ["'self'"],
    );
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, /style-src 'self'(;|$)/);
    // A page that is not kept (signed in) still has its nonce.
    assert.ok(nonceIn(await officer.get(`/register/${lep}`)));
  });

  it('sends a kept page compressed once, in the encoding the browser accepts', async () => {
    const plain = await anon('/register');
    const br = await anon('/register', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers.vary), /accept-encoding/i);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
    const gz = await anon('/register', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
    assert.ok(br.rawPayload.length * 3 < plain.rawPayload.length, 'much smaller');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal((await anon('/register', { 'accept-encoding': 'br', 'if-none-match': etagOf(plain) })).statusCode, 304);
  });

  it('never keeps a page with a form (its CSRF cookie), a flash message, a 404 or an API answer', async () => {
    const signInPage = await anon('/sign-in');
    assert.equal(signInPage.statusCode, 200);
    assert.equal(signInPage.headers.etag, undefined);
    // A browser that already has its CSRF cookie is sent no cookie: its page (with its token) is still never kept,
    // or the next visitor would be given a token that is not theirs and be refused at sign-in.
    const cookie = String(signInPage.headers['set-cookie'] ?? '').split(';')[0]!;
    const withCookie = await anon('/sign-in', { cookie });
    assert.equal(withCookie.headers['set-cookie'], undefined);
    assert.equal(withCookie.headers.etag, undefined);
    const tokenOf = (res: LightMyRequestResponse) => /name="_csrf" value="([^"]+)"/.exec(res.body)?.[1];
    const stranger = await anon('/sign-in');
    assert.notEqual(tokenOf(stranger), tokenOf(withCookie), 'each browser its own token');
    assert.equal((await anon('/register/00000000-0000-4000-8000-000000000000')).headers.etag, undefined);
    assert.equal((await anon('/api/v1/partnerships')).headers.etag, undefined);
    assert.equal((await anon('/register?done=published')).headers.etag, undefined);
  });

  it('shows a published change at once, with a new ETag', async () => {
    const before = await anon('/register');
    const created = await officer.post('/partnerships', { name: 'Fenland Cache Test Board', kind: 'joint_committee', purpose: 'Test the cache.' });
    const draftId = /\/partnerships\/([0-9a-f-]{36})/.exec(String(created.headers.location))![1]!;
    // The draft: staff see it, the public does not, and it never enters the cache.
    assert.equal((await officer.get(`/register/${draftId}`)).statusCode, 200);
    assert.equal((await anon(`/register/${draftId}`)).statusCode, 404);
    assert.equal((await officer.get('/register?q=Fenland')).statusCode, 200, 'staff look first: their answer must not be kept');
    const stillPublic = await anon('/register?q=Fenland');
    assert.doesNotMatch(stillPublic.body, /Fenland Cache Test Board/);
    assert.doesNotMatch((await anon('/register')).body, /Fenland Cache Test Board/);

    assert.equal((await officer.post(`/partnerships/${draftId}/publish`)).statusCode, 303);
    const afterPublish = await anon('/register', { 'if-none-match': etagOf(before) });
    assert.equal(afterPublish.statusCode, 200, 'the old tag no longer matches');
    assert.notEqual(etagOf(afterPublish), etagOf(before));
    assert.match(afterPublish.body, /Fenland Cache Test Board/);
    assert.equal((await anon(`/register/${draftId}`)).statusCode, 200);
  });

  it('sees a change made by another instance (straight in the shared database) at once', async () => {
    const page = await anon(`/register/${lep}`);
    assert.doesNotMatch(page.body, /Renamed Elsewhere/);
    await t.db.transaction({ actor: 'another instance' }, (tx) => tx.query(`update partnerships set name = 'Renamed Elsewhere LEP' where id = $1`, [lep]));
    const next = await anon(`/register/${lep}`, { 'if-none-match': etagOf(page) });
    assert.equal(next.statusCode, 200);
    assert.match(next.body, /Renamed Elsewhere LEP/);
    await t.db.transaction({ actor: 'another instance' }, (tx) => tx.query(`update partnerships set name = $2 where id = $1`, [lep, LEP]));
    assert.doesNotMatch((await anon(`/register/${lep}`)).body, /Renamed Elsewhere/);
  });

  it('never gives a signed-in user a cached page or a 304', async () => {
    const publicPage = await anon('/register');
    const tag = etagOf(publicPage);
    const councillor = await signIn(t.app, 'councillor');
    const staff = await t.app.inject({
      url: '/register',
      headers: {
        'if-none-match': tag,
        cookie: Object.entries(councillor.cookies)
          .map(([k, v]) => `${k}=${v}`)
          .join('; '),
      },
    });
    assert.equal(staff.statusCode, 200);
    assert.equal(staff.headers.etag, undefined);
    assert.match(staff.body, /Sign out/);
    assert.doesNotMatch(publicPage.body, /Sign out/);
    // And the staff page did not replace the public one in the cache.
    assert.doesNotMatch((await anon('/register')).body, /Sign out/);
  });
});
