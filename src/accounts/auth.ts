// Who is asking, and may they: sessions (pages) and Bearer tokens (API), CSRF protection for
// every form, and the permission check every route passes through.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { problem, sendProblem } from '../api/problem.ts';
import { scopeOf } from '../partnerships/index.ts';
import { can, type Action } from '../access/permissions.ts';
import { isUuid } from '../web/schema.ts';
import { errorPage } from '../web/error-pages.ts';
import { hmac, newSecret, safeEqual, sha256 } from './secrets.ts';
import { createSession, destroySession, loadSession, SESSION_COOKIE, type SessionUser } from './sessions.ts';
import { userForApiToken } from './api-tokens.ts';

export const CSRF_COOKIE = 'ph_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteDecision {
  method: string;
  url: string;
  access: Action;
  scopeParam?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the action it needs (assets excepted). */
    routeDecisions: RouteDecision[];
  }
  interface FastifyRequest {
    user: SessionUser | null;
    /** How the user was identified, for the audit trail. */
    via: 'session' | 'token' | null;
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    /** false: the route proves its requests with its own token and takes no CSRF token (RFC 8058 one-click unsubscribe). */
    csrf?: boolean;
  }
}

export const isApiPath = (url: string) => url === '/api/v1' || url.startsWith('/api/v1/');

export interface AuthOptions {
  config: Config;
  db: Database;
  secret: string;
}

export async function registerAuth(app: FastifyInstance, { config, db, secret }: AuthOptions) {
  const secure = config.COOKIE_SECURE ?? config.NODE_ENV === 'production';
  await app.register(cookie, { secret, parseOptions: { httpOnly: true, sameSite: 'lax', secure, path: '/' } });

  // Every route must say who may use it. Static assets are public by nature. The decisions are
  // kept, so the permission-matrix test can try every route as every role.
  const decisions: RouteDecision[] = [];
  app.decorate('routeDecisions', decisions);
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) {
      if (typeof route.url === 'string' && route.url.startsWith('/assets/')) {
        route.config = { ...(route.config ?? {}), access: 'public.view' };
        return;
      }
      throw new Error(`Route ${String(route.method)} ${route.url} has no access decision: add access('…') to its options`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') decisions.push({ method, url: route.url, access: route.config.access, scopeParam: route.config.scopeParam });
    }
  });

  app.decorateRequest('user', null);
  app.decorateRequest('via', null);
  // The CSRF cookie is made the first time a page needs a token (a page with a form), so the
  // public pages, which have none, cost nothing and set no cookie.
  app.decorateRequest('csrfToken', function (this: FastifyRequest) {
    const self = this as unknown as { newCsrfCookie?: string; replyForCookies?: FastifyReply };
    let base = this.cookies?.[CSRF_COOKIE] ?? self.newCsrfCookie;
    if (!base && self.replyForCookies) {
      base = self.newCsrfCookie = newSecret(18);
      self.replyForCookies.setCookie(CSRF_COOKIE, base, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
    }
    return base ? hmac(secret, `${base}|${this.user?.sessionId ?? ''}`) : '';
  });

  app.addHook('onRequest', async (request, reply) => {
    if (isApiPath(request.url)) {
      const header = request.headers.authorization;
      if (header) {
        const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
        const user = token ? await userForApiToken(db, token) : null;
        if (!user) return sendProblem(reply, problem(401, 'The API token is not valid or has been revoked'));
        request.user = user;
        request.via = 'token';
      }
      return;
    }
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) {
      request.user = await loadSession(db, sid, config.SESSION_IDLE_MINUTES);
      if (request.user) request.via = 'session';
      else reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
    (request as unknown as { replyForCookies: FastifyReply }).replyForCookies = reply;
  });

  app.addHook('preHandler', async (request, reply) => {
    const api = isApiPath(request.url);
    // A route may opt out (config.csrf: false) when its own token proves the request, as RFC 8058's one-click unsubscribe does.
    if (UNSAFE.has(request.method) && !api && request.routeOptions.config?.csrf !== false) {
      const body = request.body as Record<string, unknown> | undefined;
      const sent = typeof body?._csrf === 'string' ? body._csrf : String(request.headers['x-csrf-token'] ?? '');
      const expected = request.csrfToken();
      if (!request.cookies[CSRF_COOKIE] || !expected || !safeEqual(sent, expected)) {
        return errorPage(
          reply,
          400,
          'There is a problem with your request',
          'This form has expired or was sent from somewhere else. Go back, reload the page and try again.',
        );
      }
    }
    const action = request.routeOptions.config.access as Action | undefined;
    // No action: the not-found handler, which answers 404 to everyone alike.
    if (!action || action === 'public.view') return;
    if (!request.user) {
      if (api) return sendProblem(reply, problem(401, 'Sign in: send an API token as "Authorization: Bearer <token>"'));
      if (request.method === 'GET') return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
      return errorPage(reply, 401, 'Sign in to continue');
    }
    const scopeParam = request.routeOptions.config.scopeParam;
    const id = scopeParam ? (request.params as Record<string, string>)[scopeParam] : undefined;
    const scope = isUuid(id) ? await scopeOf(db, request.user.tenantId, id) : null;
    if (!can(request.user, action, scope)) {
      if (api) return sendProblem(reply, problem(403, 'Your account does not allow this'));
      return errorPage(
        reply,
        403,
        'You do not have permission to see this page',
        scopeParam ? 'Your account lets you change only the partnerships you have been given. Ask an administrator if you need access to this one.' : undefined,
      );
    }
  });
}

/** Signs the user in: a fresh session (never the old one) and its cookie. */
export async function startSession(db: Database, config: Config, reply: FastifyReply, tenantId: string, userId: string, userAgent?: string) {
  const old = reply.request.cookies[SESSION_COOKIE];
  if (old) await destroySession(db, old);
  const secret = await createSession(db, tenantId, userId, { absoluteHours: config.SESSION_ABSOLUTE_HOURS, userAgent });
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.COOKIE_SECURE ?? config.NODE_ENV === 'production',
    path: '/',
    maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
  });
}

export async function endSession(db: Database, request: FastifyRequest, reply: FastifyReply) {
  const sid = request.cookies[SESSION_COOKIE];
  if (sid) await destroySession(db, sid);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export { sha256 };
