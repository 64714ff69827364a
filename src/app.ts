// The composition root: createApp wires one set-up step per concern, in order —
// security headers, body parsing, static assets, views, request context, pages, API, errors.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import helmet from '@fastify/helmet';
import formbody from '@fastify/formbody';
import multipart, { type MultipartFile } from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { sharedSecret } from './db/instance-secrets.ts';
import { databaseRateLimitStore } from './db/rate-limit-store.ts';
import { API_PREFIX, buildOpenApi, registerOperations, type Operation } from './api/operations.ts';
import { problem, sendProblem } from './api/problem.ts';
import { BUILD_DIR, GOVUK_DIST, ROOT_DIR } from './web/assets.ts';
import './web/context.ts';
import { navigationFor } from './web/navigation.ts';
import { registerPublicPageCache } from './web/public-cache.ts';
import { registerReadReplicaRouting } from './web/read-replica.ts';
import { registerServicePages } from './web/pages.ts';
import { createViewEnvironment, renderView } from './web/views.ts';
import { MAX_UPLOAD_BYTES, type Upload } from './documents/file-types.ts';
import rateLimit from '@fastify/rate-limit';
import { canSometimes, ROLE_LABELS } from './access/permissions.ts';
import { access } from './access/route-access.ts';
import { containsNul } from './web/schema.ts';
import type { Capability } from './capability.ts';
import { accounts, findUserByEmail, registerAuth, registerOidcRoutes, startSession } from './accounts/index.ts';
import { appointments } from './appointments/index.ts';
import { audit } from './audit/index.ts';
import { directory } from './directory/index.ts';
import { files } from './files/index.ts';
import { follow, followContext } from './follow/index.ts';
import { finance, financeReportPaperSource } from './finance/index.ts';
import { home } from './home/index.ts';
import { meetings } from './meetings/index.ts';
import { minutes, minutesItemOutcomes, minutesPaperSource } from './minutes/index.ts';
import { oparl, OPARL_PREFIX } from './oparl/index.ts';
import { partnerships } from './partnerships/index.ts';
import { performance } from './performance/index.ts';
import { plans } from './plans/index.ts';
import { quarterlyUpdatePaperSource, reports } from './reports/index.ts';
import { search } from './search/index.ts';
import { start } from './start/index.ts';
import { errorPage, notFoundPage } from './web/error-pages.ts';

export interface AppServices {
  config: Config;
  db: Database;
  tenantId: string;
  logger?: FastifyServerOptions['logger'];
}

/** Every capability, in the order its API operations appear in the OpenAPI document. */
export const CAPABILITIES: readonly Capability[] = [
  partnerships,
  directory,
  // An agenda item presenting an earlier meeting's minutes carries them as its paper; a held meeting's items link to their minutes and decisions.
  meetings({ paperSources: [minutesPaperSource, financeReportPaperSource, quarterlyUpdatePaperSource], itemOutcomes: minutesItemOutcomes }),
  appointments,
  minutes,
  performance,
  plans,
  finance,
  reports,
  files,
  accounts,
  audit,
  start,
  home,
  search,
  follow,
  oparl,
];

export const API_OPERATIONS: Operation[] = CAPABILITIES.flatMap((c) => c.operations ?? []);

/** Trust the nearest `hops` proxies, counting back from the connection. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

// The JSON API and the OParl interface answer in JSON, errors too.
const isApi = (url: string) => url.startsWith(`${API_PREFIX}/`) || url === API_PREFIX || url.startsWith(`${OPARL_PREFIX}/`);

export async function createApp(services: AppServices): Promise<FastifyInstance> {
  const { config, db, tenantId } = services;
  const app = Fastify({
    logger: services.logger ?? { level: config.LOG_LEVEL },
    genReqId: () => randomUUID(),
    // Only a proxy the council configures may say who the client is (TRUST_PROXY): otherwise any client could
    // claim any address with X-Forwarded-For and escape every rate limit.
    trustProxy: typeof config.TRUST_PROXY === 'number' ? trustHops(config.TRUST_PROXY) : config.TRUST_PROXY,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // Requests the router itself cannot read (an absurd address) still get our own answers.
    frameworkErrors: (error, request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const status = Math.min((error as { statusCode?: number }).statusCode ?? 400, 499);
      if (isApi(request.url)) return sendProblem(reply, problem(status, 'The address of the request is not valid'));
      return reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(
          '<!DOCTYPE html><html lang="en"><head><title>There is a problem with your request – Partnership Hub</title></head><body><main><h1>There is a problem with your request</h1><p>The address is not valid. <a href="/">Return to the start page</a>.</p></main></body></html>',
        );
    },
  });

  // Security headers, with a per-request nonce for the one inline script govuk-frontend needs.
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.NODE_ENV === 'production',
  });
  await app.register(formbody);
  // Uploads arrive with the form's other fields; a file is read into memory up to the limit and
  // checked by content before anything is stored (src/files/file-types.ts).
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 100, parts: 101 },
    // An oversized file is cut off at the limit and marked, so the form can say so next to the field.
    throwFileSizeLimit: false,
    async onFile(part: MultipartFile & { value?: unknown }) {
      if (!part.filename) {
        part.file.resume();
        part.value = undefined;
        return;
      }
      const data = await part.toBuffer();
      part.value = { filename: part.filename, data, ...(part.file.truncated ? { tooLarge: true } : {}) } satisfies Upload;
    },
  });

  await app.register(fastifyStatic, {
    root: path.join(GOVUK_DIST, 'govuk'),
    prefix: '/assets/govuk/',
    decorateReply: false,
    allowedPath: (p) => p.endsWith('.js') || p.startsWith('/assets/'),
  });
  await app.register(fastifyStatic, { root: BUILD_DIR, prefix: '/assets/build/', decorateReply: false });
  await app.register(fastifyStatic, {
    root: path.join(ROOT_DIR, 'src/web/assets'),
    prefix: '/assets/app/',
    decorateReply: false,
    allowedPath: (p) => /\.(mjs|svg)$/.test(p),
  });

  const views = createViewEnvironment();
  const demoMode = config.DEMO_DATA;

  // Sign-in, reset and token endpoints carry their own limits (config.rateLimit on the route).
  // Counters live in the database, so several instances share one allowance.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(db) });
  // Without SESSION_SECRET (development only: production refuses to start) one secret is kept in the database,
  // so that sign-in and forms work across every instance.
  await registerAuth(app, { config, db, secret: config.SESSION_SECRET ?? (await sharedSecret(db, 'development-session-secret')) });

  app.decorate('db', db);
  // PostgreSQL cannot store a NUL character: refuse it, with a clear answer, before anything reads it.
  app.addHook('preValidation', async (request, reply) => {
    if (!containsNul(request.body) && !containsNul(request.query) && !containsNul(request.params)) return;
    const message = 'What you sent contains a character that cannot be saved (a NUL, U+0000). Remove it and try again';
    if (isApi(request.url)) return sendProblem(reply, problem(400, message));
    return errorPage(reply, 400, 'There is a problem with your request', message);
  });
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (request) => {
    const user = request.user;
    // The audit trail names the person (and says when they used an API token).
    const actor = user ? (request.via === 'token' ? `${user.email} (API token)` : user.email) : 'anonymous';
    request.ctx = { tenantId, actor, requestId: String(request.id) };
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  // With a read replica, anonymous GETs read from it (after sign-in; before the cache reads the data version).
  if (config.DATABASE_READ_URL) registerReadReplicaRouting(app);
  // Anonymous pages from memory while the data version stands, with ETag/304 (issue 19).
  registerPublicPageCache(app, db);

  app.decorateReply('view', async function (this: import('fastify').FastifyReply, template: string, context = {}) {
    const urlPath = this.request.url.split('?')[0] ?? '/';
    const user = this.request.user;
    const request = this.request;
    const html = await renderView(views, template, {
      serviceName: 'Partnership Hub',
      councilName: config.COUNCIL_NAME,
      demoMode,
      cspNonce: (this as unknown as { cspNonce: { script: string } }).cspNonce?.script,
      currentUrl: this.request.url,
      ...navigationFor(urlPath, user),
      user: user ? { name: user.name, email: user.email, roles: user.roles.map((r) => ROLE_LABELS[r]) } : null,
      userCan: (action: Parameters<typeof canSometimes>[1]) => canSometimes(user, action),
      // A function, so the token (and its cookie) is made only by pages that have a form.
      csrfToken: () => request.csrfToken(),
      // A public list's feeds and alert (src/follow), in the head and the Follow box; not on an error page.
      follow: this.statusCode === 200 ? await followContext(db, tenantId, this.request.url) : null,
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  await registerServicePages(app, db);
  if (config.OIDC_ISSUER_URL && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET && config.PUBLIC_URL) {
    registerOidcRoutes(app, {
      issuerUrl: config.OIDC_ISSUER_URL,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      publicUrl: config.PUBLIC_URL,
      cookieSecure: config.COOKIE_SECURE ?? config.NODE_ENV === 'production',
      findUserIdByEmail: async (email) => (await findUserByEmail(db, tenantId, email))?.id ?? null,
      startSession: (reply, userId, userAgent) => startSession(db, config, reply, tenantId, userId, userAgent),
      refuse: (reply, status, message) => errorPage(reply, status, status === 403 ? 'You do not have an account' : 'Sign-in did not work', message),
    });
  }

  registerOperations(app, API_OPERATIONS);
  const openApi = buildOpenApi(API_OPERATIONS, { title: 'Partnership Hub API', version: '1.0.0' });
  app.get(`${API_PREFIX}/openapi.json`, access('public.view'), async () => openApi);

  app.setNotFoundHandler(async (request, reply) => {
    if (isApi(request.url)) return sendProblem(reply, problem(404, 'There is no API operation at this address'));
    return notFoundPage(reply);
  });

  app.setErrorHandler(async (error: Error & { statusCode?: number }, request, reply) => {
    // A body the multipart parser cannot read is the sender's mistake, not a fault of ours.
    const unreadable = /Boundary not found|Unexpected end of (multipart )?(data|form)|Malformed part header|Multipart: /i.test(error.message ?? '');
    const status = unreadable ? 400 : error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ err: error.message }, 'request refused');
    const message =
      status === 415
        ? 'The request was sent in a format the service does not accept'
        : status === 413
          ? 'What you sent is too large. Files must be smaller than 10MB'
          : status === 429
            ? 'You have tried too many times in a short while. Wait a minute and try again'
            : unreadable
              ? 'The form could not be read. Go back and send it again'
              : status >= 500
                ? undefined
                : 'The request could not be understood';
    if (isApi(request.url)) return sendProblem(reply, problem(status, message));
    return reply.code(status).view('web/views/errors/error.njk', {
      pageTitle: status >= 500 ? 'Sorry, there is a problem with the service' : 'There is a problem with your request',
      status,
      message,
      requestId: request.id,
    });
  });

  // Each capability's pages, as a plugin of its own; registered last, so they inherit the handlers above.
  for (const capability of CAPABILITIES) await app.register(capability.routes, { db, config, tenantId });

  return app;
}
