// Accounts through the HTTP layer: signing in and out, CSRF, lockout, session time-outs, password
// reset and invitations through the outbox, the first administrator, API tokens (pages and CLI)
// and the audit trail naming the person who made a change.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { runCli } from '../../src/cli.ts';
import { loadConfig } from '../../src/config.ts';
import { openPglite } from '../../src/db/database.ts';
import { startServices } from '../../src/server.ts';
import { sha256 } from '../../src/accounts/secrets.ts';
import { anonymousAgent, apiToken, buildTestApp, countRows, DEMO_EMAIL, DEMO_PASSWORD, json, signIn, type TestApp } from '../helper.ts';

// POST /sign-in, /forgot-password and /reset-password are rate limited per client address. Each
// browser here connects from its own documentation address, so the per-address limit does not get
// in the way of the behaviour under test.
let lastOctet = 0;
function fromOwnAddress(app: FastifyInstance): FastifyInstance {
  const ip = `198.51.100.${++lastOctet}`;
  const inject = (opts: InjectOptions) => app.inject({ ...opts, remoteAddress: ip });
  return { inject } as unknown as FastifyInstance;
}
const browser = (app: FastifyInstance) => anonymousAgent(fromOwnAddress(app));
const signedIn = (app: FastifyInstance, role: string, password = DEMO_PASSWORD) => signIn(fromOwnAddress(app), role, password);

/** The text of the error message shown under a form field. */
function fieldError(body: string, field: string): string {
  const html = new RegExp(`<p id="${field}-error" class="govuk-error-message">([\\s\\S]*?)</p>`).exec(body)?.[1] ?? '';
  return html
    .replace(/<span class="govuk-visually-hidden">Error:<\/span>/, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
const h1 = (body: string) => (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body)?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
const setCookies = (res: LightMyRequestResponse): string[] => {
  const header = res.headers['set-cookie'];
  return header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
};
const sessionSetCookie = (res: LightMyRequestResponse) => setCookies(res).find((c) => c.startsWith('ph_session=') && !/^ph_session=;/.test(c));
const cookieValue = (res: LightMyRequestResponse, name: string) =>
  (res.cookies as { name: string; value: string }[]).find((c) => c.name === name && c.value !== '')?.value;

/** A page request with exactly the cookies given (an old or copied cookie, say). */
const getWithCookie = (app: FastifyInstance, url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

/** The /reset-password/<token> path in the newest outbox message to an address. */
async function linkSentTo(t: TestApp, address: string): Promise<string> {
  const rows = await t.db.query<{ body: string }>('select body_text as body from outbox where to_address = $1 order by created desc limit 1', [address]);
  assert.equal(rows.length, 1, `a message was sent to ${address}`);
  const link = /\/reset-password\/[A-Za-z0-9_-]+/.exec(rows[0]!.body)?.[0];
  assert.ok(link, `the message to ${address} holds a /reset-password/ link`);
  return link;
}

const INVALID = 'Enter a correct email address and password';

describe('accounts', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ env: { SESSION_IDLE_MINUTES: '5' } });
  });
  after(async () => t.close());

  describe('signing in and out', () => {
    it('gives the same message and status for a wrong password and for an unknown address', async () => {
      const sessions = await countRows(t.db, 'sessions');
      const wrong = await browser(t.app).post('/sign-in', { email: DEMO_EMAIL.councillor!, password: 'not-the-password' });
      const unknown = await browser(t.app).post('/sign-in', { email: 'nobody.at.all@example.org', password: 'not-the-password' });
      assert.equal(wrong.statusCode, 400);
      assert.equal(unknown.statusCode, wrong.statusCode);
      assert.equal(fieldError(wrong.body, 'email'), INVALID);
      assert.equal(fieldError(unknown.body, 'email'), INVALID);
      assert.match(wrong.body, /There is a problem/);
      assert.equal(sessionSetCookie(wrong), undefined);
      assert.equal(sessionSetCookie(unknown), undefined);
      assert.equal(await countRows(t.db, 'sessions'), sessions, 'no session was started');
    });

    it('signs in to the page asked for, with an HttpOnly, SameSite=Lax session cookie', async () => {
      const b = browser(t.app);
      const res = await b.post('/sign-in', { email: DEMO_EMAIL.councillor!, password: DEMO_PASSWORD, returnTo: '/organisations?q=council' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/organisations?q=council');
      const cookie = sessionSetCookie(res);
      assert.ok(cookie, 'a ph_session cookie is set');
      assert.match(cookie, /;\s*HttpOnly/i);
      assert.match(cookie, /;\s*SameSite=Lax/i);
      assert.match(cookie, /;\s*Path=\//i);
      const secret = cookieValue(res, 'ph_session')!;
      const stored = await t.db.query<{ id: string }>('select id from sessions where id = $1', [sha256(secret)]);
      assert.equal(stored.length, 1, 'the database holds the hash of the cookie');
      assert.equal(await countRows(t.db, `sessions where id = '${secret.replace(/'/g, "''")}'`), 0, 'and never the secret itself');
      assert.equal((await b.get('/organisations?q=council')).statusCode, 200);
    });

    it('starts a new session on every sign-in, ending the one the browser had', async () => {
      const b = browser(t.app);
      const first = await b.post('/sign-in', { email: DEMO_EMAIL.councillor!, password: DEMO_PASSWORD });
      assert.equal(first.statusCode, 303);
      const firstCookie = cookieValue(first, 'ph_session');
      assert.ok(firstCookie);
      const second = await b.post('/sign-in', { email: DEMO_EMAIL.councillor!, password: DEMO_PASSWORD });
      assert.equal(second.statusCode, 303);
      const secondCookie = cookieValue(second, 'ph_session');
      assert.ok(secondCookie);
      assert.notEqual(secondCookie, firstCookie, 'the session id changes on sign-in');
      const old = await getWithCookie(t.app, '/partnerships', `ph_session=${firstCookie}`);
      assert.equal(old.statusCode, 303, 'the old session no longer works');
      assert.match(String(old.headers.location), /^\/sign-in\?returnTo=/);
      assert.equal((await getWithCookie(t.app, '/partnerships', `ph_session=${secondCookie}`)).statusCode, 200);
    });

    it('lands on the start page when returnTo points to another site', async () => {
      for (const returnTo of ['//evil.example', '//evil.example/partnerships', '/\\evil.example', 'https://evil.example/', 'evil.example']) {
        const res = await browser(t.app).post('/sign-in', { email: DEMO_EMAIL.councillor!, password: DEMO_PASSWORD, returnTo });
        assert.equal(res.statusCode, 303, returnTo);
        assert.equal(res.headers.location, '/start', returnTo);
      }
    });

    it('never sends the browser to another site, even with a tab hidden in returnTo', async () => {
      // Browsers remove tabs and newlines from a URL before resolving it (WHATWG URL), so
      // "/\t/evil.example" is followed as "//evil.example", another site.
      // A newline cannot go in a Location header at all: it too must land on the start page.
      const wrong: string[] = [];
      for (const returnTo of ['/\t/evil.example', '/\t\\evil.example', '/\n/evil.example']) {
        const res = await browser(t.app).post('/sign-in', { email: DEMO_EMAIL.councillor!, password: DEMO_PASSWORD, returnTo });
        const followed = new URL(String(res.headers.location ?? ''), 'https://hub.example.org/sign-in');
        if (res.statusCode !== 303 || followed.host !== 'hub.example.org') {
          wrong.push(
            `returnTo ${JSON.stringify(returnTo)}: ${res.statusCode}, followed to ${res.headers.location === undefined ? '(nowhere)' : followed.href}`,
          );
        }
      }
      assert.deepEqual(wrong, []);
    });

    it('signs out with the form, ending the session for good', async () => {
      const b = await signedIn(t.app, 'councillor');
      const secret = b.cookies.ph_session!;
      assert.equal((await b.get('/partnerships')).statusCode, 200);
      const out = await b.post('/sign-out');
      assert.equal(out.statusCode, 303);
      assert.equal(out.headers.location, '/sign-in?done=out');
      assert.equal(b.cookies.ph_session, undefined, 'the cookie is cleared');
      assert.equal(await countRows(t.db, `sessions where id = '${sha256(secret)}'`), 0, 'the session row is gone');
      const replay = await getWithCookie(t.app, '/partnerships', `ph_session=${secret}`);
      assert.equal(replay.statusCode, 303, 'the old cookie no longer opens the back office');
      assert.equal(replay.headers.location, '/sign-in?returnTo=%2Fpartnerships');
      assert.match((await b.get('/sign-in?done=out')).body, /You have signed out/);
    });
  });

  describe('CSRF protection', () => {
    const post = (app: FastifyInstance, cookie: string, fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/sign-in',
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });

    it('refuses a sign-in without a _csrf field, or with a token from another browser, and does nothing', async () => {
      const app = fromOwnAddress(t.app);
      const sessions = await countRows(t.db, 'sessions');
      const users = await t.db.query<{ last: Date | null }>('select last_signed_in as last from users where email = $1', [DEMO_EMAIL.finance_officer]);
      const mine = anonymousAgent(app);
      await mine.csrf();
      const cookie = `ph_csrf=${mine.cookies.ph_csrf}`;
      const credentials = { email: DEMO_EMAIL.finance_officer!, password: DEMO_PASSWORD };

      const without = await post(app, cookie, credentials);
      assert.equal(without.statusCode, 400);
      assert.match(without.body, /This form has expired or was sent from somewhere else/);

      const theirs = anonymousAgent(app);
      const theirToken = await theirs.csrf();
      assert.ok(theirToken);
      assert.notEqual(theirs.cookies.ph_csrf, mine.cookies.ph_csrf);
      const stolen = await post(app, cookie, { ...credentials, _csrf: theirToken });
      assert.equal(stolen.statusCode, 400);
      assert.match(stolen.body, /This form has expired or was sent from somewhere else/);

      const noCookie = await post(app, '', { ...credentials, _csrf: theirToken });
      assert.equal(noCookie.statusCode, 400, 'a token with no CSRF cookie is refused too');

      for (const res of [without, stolen, noCookie]) assert.equal(sessionSetCookie(res), undefined);
      assert.equal(await countRows(t.db, 'sessions'), sessions, 'no session was started');
      const now = await t.db.query<{ last: Date | null }>('select last_signed_in as last from users where email = $1', [DEMO_EMAIL.finance_officer]);
      assert.deepEqual(now, users, 'the sign-in was not recorded');

      // The same browser with its own token signs in: the refusals above were about the token.
      const ok = await post(app, cookie, { ...credentials, _csrf: await mine.csrf() });
      assert.equal(ok.statusCode, 303);
    });
  });

  describe('lockout', () => {
    async function attempts(address: string, n: number) {
      const b = browser(t.app);
      const answers: { status: number; message: string }[] = [];
      for (let i = 0; i < n; i++) {
        const res = await b.post('/sign-in', { email: address, password: `wrong password ${i}` });
        answers.push({ status: res.statusCode, message: fieldError(res.body, 'email') });
      }
      const right = await b.post('/sign-in', { email: address, password: DEMO_PASSWORD });
      return { answers, right: { status: right.statusCode, message: fieldError(right.body, 'email'), cookie: sessionSetCookie(right) } };
    }

    it('locks an address after 5 wrong passwords, then refuses even the right one', async () => {
      const address = DEMO_EMAIL.performance_officer!;
      const { answers, right } = await attempts(address, 6);
      for (const a of answers.slice(0, 4)) assert.deepEqual(a, { status: 400, message: INVALID });
      const locked = answers.slice(4).findIndex((a) => a.status === 429);
      assert.ok(locked >= 0, `the 5th or 6th attempt is refused as locked: ${JSON.stringify(answers)}`);
      const lockedAnswer = answers[4 + locked]!;
      assert.match(lockedAnswer.message, /^Too many attempts/);
      assert.match(lockedAnswer.message, /15 minutes/);
      assert.equal(right.status, 429, 'the right password is refused while locked');
      assert.match(right.message, /^Too many attempts/);
      assert.equal(right.cookie, undefined, 'no session');
      // Another browser does not get round it either: the lock is on the address.
      const elsewhere = await browser(t.app).post('/sign-in', { email: address.toUpperCase(), password: DEMO_PASSWORD });
      assert.equal(elsewhere.statusCode, 429);
    });

    it('shows exactly the same lockout to an address with no account (no enumeration)', async () => {
      const known = DEMO_EMAIL.democratic_services!;
      const unknown = 'no.such.person@example.org';
      const a = await attempts(known, 6);
      const b = await attempts(unknown, 6);
      const neutral = (m: string, address: string) => m.split(address).join('<address>');
      assert.deepEqual(
        b.answers.map((x) => x.status),
        a.answers.map((x) => x.status),
        'the same statuses, attempt by attempt',
      );
      assert.deepEqual(
        b.answers.map((x) => neutral(x.message, unknown)),
        a.answers.map((x) => neutral(x.message, known)),
        'the same messages',
      );
      assert.equal(b.right.status, 429);
      assert.equal(neutral(b.right.message, unknown), neutral(a.right.message, known));
      assert.ok(b.answers.some((x) => x.status === 429 && /^Too many attempts/.test(x.message)));
    });
  });

  describe('session time-outs', () => {
    it('ends a session idle for longer than SESSION_IDLE_MINUTES', async () => {
      const b = await signedIn(t.app, 'partnership_officer');
      const id = sha256(b.cookies.ph_session!);
      await t.db.query(`update sessions set last_seen = now() - interval '4 minutes' where id = $1`, [id]);
      assert.equal((await b.get('/partnerships')).statusCode, 200, 'four idle minutes are within the limit of five');
      await t.db.query(`update sessions set last_seen = now() - interval '6 minutes' where id = $1`, [id]);
      const res = await b.get('/partnerships');
      assert.equal(res.statusCode, 303, 'treated as signed out');
      assert.equal(res.headers.location, '/sign-in?returnTo=%2Fpartnerships');
      assert.equal(await countRows(t.db, `sessions where id = '${id}'`), 0, 'the session row is gone');
      assert.equal(b.cookies.ph_session, undefined, 'the cookie is cleared');
    });

    it('ends a session past its absolute expiry, however recently it was used', async () => {
      const b = await signedIn(t.app, 'partnership_officer');
      const id = sha256(b.cookies.ph_session!);
      assert.equal((await b.get('/partnerships')).statusCode, 200);
      await t.db.query(`update sessions set expires_at = now() - interval '1 second', last_seen = now() where id = $1`, [id]);
      const res = await b.get('/partnerships');
      assert.equal(res.statusCode, 303);
      assert.match(String(res.headers.location), /^\/sign-in\?returnTo=/);
      assert.equal(await countRows(t.db, `sessions where id = '${id}'`), 0);
    });
  });

  describe('password reset through the outbox', () => {
    it('resets a password once with the e-mailed link, ending the other sessions', async () => {
      const email = DEMO_EMAIL.finance_officer!;
      const elsewhere = await signedIn(t.app, 'finance_officer');
      assert.equal((await elsewhere.get('/partnerships')).statusCode, 200);
      const outbox = await countRows(t.db, 'outbox');

      const b = browser(t.app);
      const asked = await b.post('/forgot-password', { email });
      assert.equal(asked.statusCode, 200);
      assert.equal(h1(asked.body), 'Check your email');
      const unknown = await b.post('/forgot-password', { email: 'not.a.user@example.org' });
      assert.equal(unknown.statusCode, asked.statusCode, 'the same answer for an address with no account');
      assert.equal(h1(unknown.body), 'Check your email');
      assert.equal(await countRows(t.db, `outbox where to_address = 'not.a.user@example.org'`), 0, 'nothing is sent to an unknown address');
      assert.equal(await countRows(t.db, 'outbox'), outbox + 1, 'one message, to the account holder');

      const newest = (await t.db.query<{ to: string; subject: string }>('select to_address as to, subject from outbox order by created desc limit 1'))[0]!;
      assert.equal(newest.to, email);
      assert.match(newest.subject, /Reset your Partnership Hub password/);
      const link = await linkSentTo(t, email);

      const page = await b.get(link);
      assert.equal(page.statusCode, 200);
      assert.equal(h1(page.body), 'Choose a new password');

      const short = await b.post(link, { password: 'short', confirm: 'short' });
      assert.equal(short.statusCode, 400);
      assert.equal(fieldError(short.body, 'password'), 'Password must be 10 characters or more');
      const mismatched = await b.post(link, { password: 'sixteen sunny spoons', confirm: 'sixteen sunny spoonz' });
      assert.equal(mismatched.statusCode, 400);
      assert.equal(fieldError(mismatched.body, 'confirm'), 'The passwords do not match');

      const done = await b.post(link, { password: 'sixteen sunny spoons', confirm: 'sixteen sunny spoons' });
      assert.equal(done.statusCode, 303);
      assert.equal(done.headers.location, '/sign-in?done=reset');
      assert.match((await b.get('/sign-in?done=reset')).body, /Your password has been changed/);

      const oldPassword = await browser(t.app).post('/sign-in', { email, password: DEMO_PASSWORD });
      assert.equal(oldPassword.statusCode, 400, 'the old password no longer works');
      assert.equal(fieldError(oldPassword.body, 'email'), INVALID);
      const newPassword = await browser(t.app).post('/sign-in', { email, password: 'sixteen sunny spoons' });
      assert.equal(newPassword.statusCode, 303, 'the new one does');

      const again = await b.get(link);
      assert.equal(again.statusCode, 410, 'the link works once');
      assert.match(again.body, /This link has expired/);
      const reuse = await b.post(link, { password: 'another good password', confirm: 'another good password' });
      assert.equal(reuse.statusCode, 410);
      assert.equal((await browser(t.app).post('/sign-in', { email, password: 'another good password' })).statusCode, 400);

      const ended = await elsewhere.get('/partnerships');
      assert.equal(ended.statusCode, 303, 'the sessions the user had before the reset are ended');
      assert.match(String(ended.headers.location), /^\/sign-in\?returnTo=/);
    });

    it('answers 410 for a made-up or expired link', async () => {
      const b = browser(t.app);
      assert.equal((await b.get('/reset-password/not-a-real-token')).statusCode, 410);
      await b.post('/forgot-password', { email: DEMO_EMAIL.performance_officer! });
      const link = await linkSentTo(t, DEMO_EMAIL.performance_officer!);
      await t.db.query(`update one_time_tokens set expires_at = now() - interval '1 second' where token_hash = $1`, [sha256(link.split('/').pop()!)]);
      assert.equal((await b.get(link)).statusCode, 410);
      assert.equal((await b.post(link, { password: 'a perfectly good one', confirm: 'a perfectly good one' })).statusCode, 410);
    });
  });

  describe('invitations and user administration', () => {
    it('invites a user by e-mail, who chooses a password and signs in with their role', async () => {
      const admin = await signedIn(t.app, 'administrator');
      const email = 'ivy.invited@example.org';
      const res = await admin.post('/admin/users/invite', { name: 'Ivy Invited', email: 'Ivy.Invited@example.org', roles: 'councillor' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/admin/users?done=invited');
      const subject = (await t.db.query<{ subject: string }>('select subject from outbox where to_address = $1', [email]))[0]?.subject;
      assert.match(subject ?? '', /invited to Partnership Hub/);
      const outboxPage = await admin.get('/admin/outbox');
      assert.equal(outboxPage.statusCode, 200);
      assert.match(outboxPage.body, /ivy\.invited@example\.org/);
      assert.match((await admin.get('/admin/users')).body, /Ivy Invited/);

      const link = await linkSentTo(t, email);
      const ivy = browser(t.app);
      assert.equal((await ivy.post('/sign-in', { email, password: 'anything at all' })).statusCode, 400, 'no password until the invitation is accepted');
      const page = await ivy.get(link);
      assert.equal(page.statusCode, 200);
      assert.equal(h1(page.body), 'Choose your password');
      const accepted = await ivy.post(link, { password: 'ivy grows on walls', confirm: 'ivy grows on walls' });
      assert.equal(accepted.statusCode, 303);
      assert.equal(accepted.headers.location, '/sign-in?done=reset');

      const signIn = await ivy.post('/sign-in', { email, password: 'ivy grows on walls' });
      assert.equal(signIn.statusCode, 303);
      assert.equal((await ivy.get('/partnerships')).statusCode, 200, 'a councillor sees the back office');
      const add = await ivy.get('/partnerships/new');
      assert.equal(add.statusCode, 403, 'but may not add partnerships');
      assert.match(add.body, /You do not have permission/);
    });

    it('refuses to invite an address that already has an account, next to the email field', async () => {
      const admin = await signedIn(t.app, 'administrator');
      const users = await countRows(t.db, 'users');
      const outbox = await countRows(t.db, 'outbox');
      const res = await admin.post('/admin/users/invite', { name: 'Another Councillor', email: DEMO_EMAIL.councillor!.toUpperCase(), roles: 'councillor' });
      assert.equal(res.statusCode, 400);
      assert.equal(fieldError(res.body, 'email'), 'There is already an account with this email address');
      assert.match(res.body, /href="#email"/, 'the error summary links to the field');
      assert.equal(await countRows(t.db, 'users'), users);
      assert.equal(await countRows(t.db, 'outbox'), outbox, 'no invitation is sent');
    });

    it('keeps the user pages to administrators', async () => {
      const councillor = await signedIn(t.app, 'councillor');
      for (const url of ['/admin/users', '/admin/users/invite', '/admin/outbox']) {
        assert.equal((await councillor.get(url)).statusCode, 403, url);
      }
      const invite = await councillor.post('/admin/users/invite', { name: 'Sneaky', email: 'sneaky@example.org', roles: 'administrator' });
      assert.equal(invite.statusCode, 403);
      assert.equal(await countRows(t.db, `users where email = 'sneaky@example.org'`), 0);

      const anonymous = browser(t.app);
      const res = await anonymous.get('/admin/users');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/sign-in?returnTo=%2Fadmin%2Fusers');
      const post = await anonymous.post('/admin/users/invite', { name: 'Sneaky', email: 'sneaky@example.org', roles: 'administrator' });
      assert.equal(post.statusCode, 401);
      assert.match(post.body, /Sign in to continue/);
      assert.equal(await countRows(t.db, `users where email = 'sneaky@example.org'`), 0);
    });
  });

  describe('API tokens', () => {
    const people = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/people?limit=1', headers: { authorization: `Bearer ${token}` } });

    it('creates a token on the account page, shown once and stored only as a hash, and revokes it', async () => {
      const officer = await signedIn(t.app, 'partnership_officer');
      const created = await officer.post('/account/tokens', { name: 'Performance dashboard' });
      assert.equal(created.statusCode, 200);
      const token = /data-testid="new-token">([^<]+)</.exec(created.body)?.[1];
      assert.ok(token, 'the page shows the new token');
      assert.match(token, /^ph_[A-Za-z0-9_-]{30,}$/);
      const again = await officer.get('/account');
      assert.ok(!again.body.includes(token), 'the token is shown only once');
      assert.match(again.body, /Performance dashboard/);

      const ok = await people(token);
      assert.equal(ok.statusCode, 200);
      assert.ok(Array.isArray(json(ok).data));

      const madeUp = await people(`ph_${'x'.repeat(40)}`);
      assert.equal(madeUp.statusCode, 401);
      assert.match(String(madeUp.headers['content-type']), /^application\/problem\+json/);
      assert.equal(json(madeUp).status, 401);

      const rows = await t.db.query<Record<string, unknown>>('select * from api_tokens');
      assert.ok(rows.length > 0);
      assert.ok(!JSON.stringify(rows).includes(token), 'the token text is nowhere in api_tokens');
      assert.equal(await countRows(t.db, `api_tokens where token_hash = '${sha256(token)}'`), 1, 'only its hash is');
      const audit = await t.db.query<Record<string, unknown>>(`select * from audit_log where entity_type = 'api_tokens'`);
      assert.ok(!JSON.stringify(audit).includes(token), 'nor in the audit trail');
      assert.ok(!JSON.stringify(audit).includes(sha256(token)), 'which does not hold the hash either');

      const id = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec(again.body)?.[1];
      assert.ok(id, 'the account page has a revoke button');
      // Someone else cannot revoke it.
      const other = await signedIn(t.app, 'councillor');
      await other.post(`/account/tokens/${id}/revoke`);
      assert.equal((await people(token)).statusCode, 200, "another user's revoke does nothing");

      const revoked = await officer.post(`/account/tokens/${id}/revoke`);
      assert.equal(revoked.statusCode, 303);
      assert.equal(revoked.headers.location, '/account?done=revoked');
      const after = await people(token);
      assert.equal(after.statusCode, 401);
      assert.match(String(after.headers['content-type']), /^application\/problem\+json/);
      assert.match((await officer.get('/account')).body, /Revoked/);
    });

    it('refuses a token name that is missing or too long', async () => {
      const officer = await signedIn(t.app, 'partnership_officer');
      const before = await countRows(t.db, 'api_tokens');
      const blank = await officer.post('/account/tokens', { name: '  ' });
      assert.equal(blank.statusCode, 400);
      assert.match(fieldError(blank.body, 'name'), /Enter a name for the token/);
      const long = await officer.post('/account/tokens', { name: 'x'.repeat(101) });
      assert.equal(long.statusCode, 400);
      assert.equal(fieldError(long.body, 'name'), 'Name must be 100 characters or fewer');
      assert.equal(await countRows(t.db, 'api_tokens'), before);
    });

    it('answers the API without a token, or with a malformed header, with 401 problem JSON', async () => {
      for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Basic YWRtaW46YWRtaW4=' }]) {
        const res = await t.app.inject({ method: 'GET', url: '/api/v1/people', headers });
        assert.equal(res.statusCode, 401, JSON.stringify(headers));
        assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      }
    });
  });

  describe('audit trail', () => {
    it('names the signed-in person, and says when an API token was used', async () => {
      const admin = await signedIn(t.app, 'administrator');
      const created = await admin.post('/organisations', { name: 'Audited Widgets Ltd', kind: 'business' });
      assert.equal(created.statusCode, 303);
      const pageId = /^\/organisations\/([0-9a-f-]{36})\?/.exec(String(created.headers.location))?.[1];
      assert.ok(pageId);
      const newest = (
        await t.db.query<{ actor: string; entityType: string; entityId: string }>(
          'select actor, entity_type as "entityType", entity_id as "entityId" from audit_log order by id desc limit 1',
        )
      )[0]!;
      assert.deepEqual(newest, { actor: 'administrator@example.org', entityType: 'organisations', entityId: pageId });

      const token = await apiToken(t, 'administrator');
      const viaApi = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: 'Audited Gadgets Ltd', kind: 'business' },
      });
      assert.equal(viaApi.statusCode, 201);
      const apiId = json<{ id: string }>(viaApi).id;
      const apiRow = (
        await t.db.query<{ actor: string }>(`select actor from audit_log where entity_type = 'organisations' and entity_id = $1 and action = 'insert'`, [apiId])
      )[0];
      assert.equal(apiRow?.actor, 'administrator@example.org (API token)');

      const page = await admin.get('/admin/audit?actor=administrator');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /administrator@example\.org \(API token\)/);
      assert.ok(page.body.includes(`entityId=${pageId}`), 'the change made on the page is listed');
      assert.ok(page.body.includes(`entityId=${apiId}`), 'the change made with the token is listed');
      const others = await admin.get('/admin/audit?actor=councillor%40');
      assert.ok(!others.body.includes(`entityId=${pageId}`), 'the actor filter filters');

      const csv = await admin.get('/admin/audit.csv?actor=administrator');
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.ok(csv.body.startsWith('\uFEFF'), 'the CSV starts with a UTF-8 byte order mark, like every other CSV');
      const lines = csv.body.slice(1).split('\r\n');
      assert.equal(lines[0], 'when,who,action,record type,record id,request id,changed fields,before,after');
      assert.ok(lines.some((l) => l.includes('administrator@example.org (API token)') && l.includes(apiId)));
    });

    it('keeps the audit trail from people who are not administrators', async () => {
      const editor = await signedIn(t.app, 'partner_editor');
      assert.equal((await editor.get('/admin/audit')).statusCode, 403);
      assert.equal((await editor.get('/admin/audit.csv')).statusCode, 403);
      const token = await apiToken(t, 'partner_editor');
      assert.equal(
        (await t.app.inject({ method: 'GET', url: '/admin/audit.csv', headers: { authorization: `Bearer ${token}` } })).statusCode,
        303,
        'a Bearer token does not open pages',
      );
      const anonymous = await browser(t.app).get('/admin/audit');
      assert.equal(anonymous.statusCode, 303);
      assert.equal(anonymous.headers.location, '/sign-in?returnTo=%2Fadmin%2Faudit');
    });
  });
});

describe('first administrator', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp({ demo: false });
  });
  after(async () => t.close());

  it('sends every sign-in to /setup while there are no users', async () => {
    const res = await browser(t.app).get('/sign-in');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/setup');
    const setup = await browser(t.app).get('/setup');
    assert.equal(setup.statusCode, 200);
    assert.equal(h1(setup.body), 'Create the first administrator');
  });

  it('shows what is wrong with the form, and creates nobody', async () => {
    const b = browser(t.app);
    const bad = await b.post('/setup', { name: ' ', email: 'not an email', password: 'short', confirm: 'short' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /There is a problem/);
    assert.equal(fieldError(bad.body, 'name'), 'Enter your full name');
    assert.equal(fieldError(bad.body, 'email'), 'Enter an email address in the correct format, like name@example.org');
    assert.equal(fieldError(bad.body, 'password'), 'Password must be 10 characters or more');
    const mismatch = await b.post('/setup', { name: 'Sam Setup', email: 'sam.setup@example.org', password: 'a long enough one', confirm: 'a long enough two' });
    assert.equal(mismatch.statusCode, 400);
    assert.equal(fieldError(mismatch.body, 'confirm'), 'The passwords do not match');
    assert.doesNotMatch(mismatch.body, /a long enough one/, 'the password is not shown back');
    assert.equal(await countRows(t.db, 'users'), 0);
    assert.equal(await countRows(t.db, 'sessions'), 0);
  });

  it('creates the administrator, signs them in, and then closes for good', async () => {
    const b = browser(t.app);
    const res = await b.post('/setup', { name: 'Sam Setup', email: 'Sam.Setup@Example.org', password: 'three random words', confirm: 'three random words' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/users?done=setup');
    assert.ok(sessionSetCookie(res), 'signed in');
    const users = await b.get('/admin/users?done=setup');
    assert.equal(users.statusCode, 200);
    assert.match(users.body, /Your administrator account is ready/);
    const rows = await t.db.query<{ email: string; roles: string[] }>('select email, roles from users');
    assert.deepEqual(rows, [{ email: 'sam.setup@example.org', roles: ['administrator'] }]);

    assert.equal((await b.get('/setup')).statusCode, 404);
    const late = await browser(t.app).post('/setup', {
      name: 'Mallory',
      email: 'mallory@example.org',
      password: 'three random words',
      confirm: 'three random words',
    });
    assert.equal(late.statusCode, 404);
    assert.equal(await countRows(t.db, 'users'), 1);
    assert.equal((await browser(t.app).get('/sign-in')).statusCode, 200, 'the sign-in page is back');
    const again = await browser(t.app).post('/sign-in', { email: 'sam.setup@example.org', password: 'three random words' });
    assert.equal(again.statusCode, 303);
  });
});

describe('command line', () => {
  it('invites a user and creates, refuses and revokes API tokens', async () => {
    const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR, DEMO_DATA: process.env.DEMO_DATA };
    const dir = await mkdtemp(path.join(tmpdir(), 'ph-cli-test-'));
    // The CLI opens its own database from the environment: PGlite in DATA_DIR, never the
    // PostgreSQL server the other tests may be using.
    delete process.env.DATABASE_URL;
    process.env.DATA_DIR = dir;
    process.env.DEMO_DATA = 'false';
    try {
      const lines: string[] = [];
      const run = async (...argv: string[]) => {
        lines.length = 0;
        const code = await runCli(argv, (line) => lines.push(line));
        return { code, text: lines.join('\n') };
      };

      const usage = await run();
      assert.equal(usage.code, 64);
      assert.match(usage.text, /^Usage:/);
      assert.equal((await run('token', 'create')).code, 64);

      const invited = await run('user', 'create', 'cli@example.org', '--name', 'Cli User', '--role', 'administrator');
      assert.equal(invited.code, 0, invited.text);
      assert.match(invited.text, /Invited cli@example\.org/);
      const link = /\/reset-password\/[A-Za-z0-9_-]+/.exec(invited.text)?.[0];
      assert.ok(link, 'it prints the invitation link');
      const twice = await run('user', 'create', 'CLI@example.org', '--name', 'Cli User', '--role', 'administrator');
      assert.equal(twice.code, 1);
      assert.match(twice.text, /already an account/);
      const noRole = await run('user', 'create', 'norole@example.org', '--name', 'No Role');
      assert.equal(noRole.code, 1);
      assert.match(noRole.text, /Select at least one role/);

      const first = await run('token', 'create', 'cli@example.org');
      assert.equal(first.code, 0, first.text);
      const token = first.text.trim();
      assert.match(token, /^ph_[A-Za-z0-9_-]{30,}$/);
      const second = await run('token', 'create', 'cli@example.org', '--name', 'To be revoked');
      assert.equal(second.code, 0);
      const doomed = second.text.trim();
      assert.notEqual(doomed, token);

      const nobody = await run('token', 'create', 'nobody@example.org');
      assert.equal(nobody.code, 1);
      assert.match(nobody.text, /There is no user with the email address nobody@example\.org/);
      assert.equal((await run('token', 'frobnicate', 'cli@example.org')).code, 64);

      const revoke = await run('token', 'revoke', 'cli@example.org', doomed.slice(0, 10));
      assert.equal(revoke.code, 0, revoke.text);
      assert.match(revoke.text, /Revoked 1 token/);
      assert.equal((await run('token', 'revoke', 'cli@example.org', doomed.slice(0, 10))).code, 1, 'nothing left to revoke');

      // The service, on the database the CLI wrote, accepts the token and the invitation link.
      const db = await openPglite(dir);
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'false', DATA_DIR: dir });
      const { app } = await startServices(config, { db, logger: false });
      try {
        await app.ready();
        const api = (bearer: string) => app.inject({ method: 'GET', url: '/api/v1/people', headers: { authorization: `Bearer ${bearer}` } });
        assert.equal((await api(token)).statusCode, 200, 'the printed token works');
        assert.equal((await api(doomed)).statusCode, 401, 'the revoked one does not');
        const page = await app.inject({ method: 'GET', url: link });
        assert.equal(page.statusCode, 200);
        assert.match(page.body, /cli@example\.org/);
        const stored = await db.query<Record<string, unknown>>('select * from api_tokens');
        assert.equal(stored.length, 2);
        assert.ok(!JSON.stringify(stored).includes(token), 'only a hash is stored');
      } finally {
        await app.close();
        await db.close();
      }
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await rm(dir, { recursive: true, force: true });
    }
  });
});
