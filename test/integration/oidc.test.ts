// Sign-in over OpenID Connect against a real provider (oidc-provider) started here, driven like a
// browser: plain fetch, redirects followed by hand, cookies kept per origin, the provider's own
// development login and consent forms filled in and posted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
// @ts-expect-error -- oidc-provider ships no type declarations; only its constructor and callback are used here.
import Provider from 'oidc-provider';
import { registerOidcRoutes } from '../../src/accounts/oidc.ts';

const TOO_SLOW = 'Your sign-in took too long or was started elsewhere. Try again.';
const DID_NOT_WORK = "Sign-in with your organisation's account did not work. Try again, or sign in with your email and password.";

// The provider's people; only the officer has an account in the hub.
const PROVIDER_ACCOUNTS: Record<string, string> = { officer: 'Officer@Example.org', stranger: 'stranger@example.org' };
const HUB_USERS = new Map([['officer@example.org', 'user-1']]);

let providerServer: http.Server;
let app: FastifyInstance;
let appOrigin = '';
const sessionsStarted: string[] = [];

const origin = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

before(async () => {
  // The issuer URL must contain the port, so listen first and attach the provider afterwards.
  let handle: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  providerServer = http.createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  const issuer = origin(providerServer);

  // Same for the hub: the provider must know its redirect URI, and the hub its own address, so
  // give Fastify a server we have already started listening.
  let appServer!: http.Server;
  app = Fastify({ logger: false, serverFactory: (handler) => (appServer = http.createServer(handler)) });
  await new Promise<void>((resolve) => appServer.listen(0, '127.0.0.1', resolve));
  appOrigin = origin(appServer);
  await app.register(cookie, { secret: 'test-cookie-secret-test-cookie-secret' });
  registerOidcRoutes(app, {
    issuerUrl: issuer,
    clientId: 'partnership-hub',
    clientSecret: 'hub-secret',
    publicUrl: appOrigin,
    cookieSecure: false,
    findUserIdByEmail: async (email) => HUB_USERS.get(email) ?? null,
    startSession: async (reply, userId) => {
      sessionsStarted.push(userId);
      reply.setCookie('ph_session', userId, { path: '/', httpOnly: true });
    },
    refuse: (reply, status, message) => reply.code(status).type('text/plain').send(message),
  });
  await app.ready();

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'partnership-hub',
        client_secret: 'hub-secret',
        redirect_uris: [`${appOrigin}/sign-in/oidc/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx: unknown, id: string) {
      const email = PROVIDER_ACCOUNTS[id];
      if (!email) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email, email_verified: true, name: id }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    // Put the e-mail in the ID token, as the councils' providers do (a strictly conformant
    // provider keeps scope claims for userinfo only).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['provider-cookie-key'] },
  });
  handle = provider.callback();
});

after(async () => {
  await app?.close();
  for (const server of [app?.server, providerServer]) {
    if (!server?.listening) continue;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A browser's cookie jar, one per origin (host and port), ignoring paths. */
type Jars = Map<string, Map<string, string>>;

async function visit(jars: Jars, url: URL, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
  const jar = jars.get(url.origin) ?? new Map<string, string>();
  jars.set(url.origin, jar);
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    body: init.body ?? null,
    redirect: 'manual',
    headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'user-agent': 'oidc-test' },
  });
  for (const line of res.headers.getSetCookie()) {
    const [pair = '', ...attrs] = line.split(';');
    const name = pair.slice(0, pair.indexOf('='));
    const value = pair.slice(pair.indexOf('=') + 1);
    const gone = value === '' || attrs.some((a) => /^\s*max-age=0$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
    if (gone) jar.delete(name);
    else jar.set(name, value);
  }
  return res;
}

/** The provider's development login or consent form: where it posts, and its fields. */
function readForm(html: string, base: URL): { action: URL; fields: URLSearchParams } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  assert.ok(action, `expected a form in:\n${html.slice(0, 500)}`);
  const fields = new URLSearchParams();
  for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields.set(name, /value="([^"]*)"/.exec(input[0])?.[1] ?? '');
  }
  return { action: new URL(action.replace(/&amp;/g, '&'), base), fields };
}

/**
 * Starts sign-in at the hub and goes through the provider (logging in as `login`, consenting)
 * until the provider sends the browser back; returns that callback URL without visiting it.
 * With `abort`, the person cancels at the provider's login page instead.
 */
async function reachCallback(login: string, returnTo: string, opts: { abort?: boolean } = {}) {
  const jars: Jars = new Map();
  let url = new URL(`/sign-in/oidc?returnTo=${encodeURIComponent(returnTo)}`, appOrigin);
  let res = await visit(jars, url);
  assert.equal(res.status, 302, 'the hub sends the browser to the provider');
  for (let step = 0; step < 20; step += 1) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '', url);
      if (url.origin === appOrigin && url.pathname === '/sign-in/oidc/callback') return { callback: url, jars };
      res = await visit(jars, url);
      continue;
    }
    const html = await res.text();
    assert.equal(res.status, 200, html);
    const { action, fields } = readForm(html, url);
    if (opts.abort) {
      url = new URL(`${action.pathname}/abort`, action);
      res = await visit(jars, url);
      continue;
    }
    if (fields.get('prompt') === 'login') {
      fields.set('login', login);
      fields.set('password', 'anything');
    }
    url = action;
    res = await visit(jars, action, { method: 'POST', body: fields });
  }
  throw new Error('too many steps before reaching the callback');
}

test('a council officer signs in with the provider and lands where they were going', async () => {
  sessionsStarted.length = 0;
  const { callback, jars } = await reachCallback('officer', '/partnerships/x');
  assert.ok(jars.get(appOrigin)?.has('ph_oidc'), 'the sign-in cookie was set');
  const res = await visit(jars, callback);
  assert.equal(res.status, 303, await res.text());
  assert.equal(res.headers.get('location'), '/partnerships/x');
  assert.deepEqual(sessionsStarted, ['user-1']);
  assert.equal(jars.get(appOrigin)?.get('ph_session'), 'user-1');
  assert.ok(!jars.get(appOrigin)?.has('ph_oidc'), 'the sign-in cookie is cleared');

  // The callback works once only: replaying it finds no sign-in cookie.
  const again = await visit(jars, callback);
  assert.equal(again.status, 400);
  assert.equal(await again.text(), TOO_SLOW);
  assert.deepEqual(sessionsStarted, ['user-1']);
});

test('someone with no hub account is refused by name, with no session', async () => {
  sessionsStarted.length = 0;
  const { callback, jars } = await reachCallback('stranger', '/partnerships');
  const res = await visit(jars, callback);
  assert.equal(res.status, 403);
  assert.equal(await res.text(), 'There is no Partnership Hub account for stranger@example.org. Ask an administrator to invite you.');
  assert.deepEqual(sessionsStarted, []);
  assert.ok(!jars.get(appOrigin)?.has('ph_session'));
});

test('a callback without the sign-in cookie is refused with 400, not 500', async () => {
  sessionsStarted.length = 0;
  const { callback } = await reachCallback('officer', '/partnerships');
  const res = await visit(new Map(), callback);
  assert.equal(res.status, 400);
  assert.equal(await res.text(), TOO_SLOW);
  assert.deepEqual(sessionsStarted, []);
});

test('a tampered state, or a tampered sign-in cookie, is refused with 400', async () => {
  sessionsStarted.length = 0;
  const first = await reachCallback('officer', '/partnerships');
  first.callback.searchParams.set('state', 'not-the-state-we-sent');
  const res = await visit(first.jars, first.callback);
  assert.equal(res.status, 400);
  assert.equal(await res.text(), DID_NOT_WORK);

  const second = await reachCallback('officer', '/partnerships');
  const jar = second.jars.get(appOrigin)!;
  const signed = decodeURIComponent(jar.get('ph_oidc')!);
  const forged = signed.replace(/"returnTo":"[^"]*"/, '"returnTo":"/elsewhere"');
  assert.notEqual(forged, signed);
  jar.set('ph_oidc', encodeURIComponent(forged));
  const res2 = await visit(second.jars, second.callback);
  assert.equal(res2.status, 400);
  assert.equal(await res2.text(), TOO_SLOW);
  assert.deepEqual(sessionsStarted, []);
});

test('cancelling at the provider (error=access_denied) is refused with 400, not 500', async () => {
  sessionsStarted.length = 0;
  const { callback, jars } = await reachCallback('officer', '/partnerships', { abort: true });
  assert.equal(callback.searchParams.get('error'), 'access_denied');
  const res = await visit(jars, callback);
  assert.equal(res.status, 400);
  assert.equal(await res.text(), DID_NOT_WORK);
  assert.deepEqual(sessionsStarted, []);
});

test('a returnTo pointing at another site, or none, falls back to the start page', async () => {
  for (const returnTo of ['//evil.example', 'https://evil.example/', '/\\evil.example', '']) {
    const { callback, jars } = await reachCallback('officer', returnTo);
    const res = await visit(jars, callback);
    assert.equal(res.status, 303, await res.text());
    assert.equal(res.headers.get('location'), '/start', returnTo);
  }
});
