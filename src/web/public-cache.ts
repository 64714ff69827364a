// Public pages, cached by the data version (db/data-version.ts): an anonymous GET of a page is
// answered from memory while nothing has changed, with an ETag so a browser's second visit costs a
// 304. Each request reads the shared version, so a change shows at once on every instance.
//
// Only what an anonymous visitor got, as a 200 HTML page with no cookie set, is kept: signed-in
// users, flash messages (?done=) and pages with forms (they set the CSRF cookie) always render.
// Anything a visitor can see anonymously is public by construction: staff pages redirect them.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInEngland } from '../calendar/today.ts';
import { dataVersion } from '../db/data-version.ts';
import type { Queryable } from '../db/database.ts';

export interface PublicCacheOptions {
  /** Total bytes of pages kept (least recently used go first). */
  maxBytes?: number;
  /** A page larger than this is never kept. */
  maxPageBytes?: number;
}

interface Entry {
  etag: string;
  /** The page as bytes, cut where the CSP nonce was: each answer puts its own nonce between the parts. */
  parts: Buffer[];
}

/** A map that forgets its least recently used entries beyond a total size. */
export class PageLru {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (e: Entry) => number = (e) => e.parts.reduce((n, p) => n + p.length, 0),
  ) {}
  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e;
  }
  set(key: string, entry: Entry): void {
    this.delete(key);
    const size = this.sizeOf(entry);
    if (size > this.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += size;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.delete(oldest);
    }
  }
  delete(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= this.sizeOf(e);
  }
  get size(): number {
    return this.entries.size;
  }
}

const isExcluded = (url: string) => url.startsWith('/api/') || url === '/api' || url.startsWith('/assets/');

function mayUseCache(request: FastifyRequest): boolean {
  if (request.method !== 'GET' || request.user || isExcluded(request.url)) return false;
  // A route that manages its own caching (or a benchmark's bare baseline) opts out.
  if (request.routeOptions.config?.publicCache === false) return false;
  // A flash message belongs to the one answer after a post.
  return !/[?&]done=/.test(request.url);
}

const nonceOf = (reply: FastifyReply) => (reply as unknown as { cspNonce?: { script?: string } }).cspNonce?.script;

const etagMatches = (request: FastifyRequest, etag: string) => {
  const sent = request.headers['if-none-match'];
  return typeof sent === 'string' && sent.split(',').some((t) => t.trim() === etag || t.trim() === '*');
};

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheEtag?: string;
  }
  interface FastifyContextConfig {
    publicCache?: boolean;
  }
}

export function registerPublicPageCache(app: FastifyInstance, db: Queryable, opts: PublicCacheOptions = {}): PageLru {
  const cache = new PageLru(opts.maxBytes ?? 64 * 1024 * 1024);
  const maxPage = opts.maxPageBytes ?? 4 * 1024 * 1024;

  // After sign-in is resolved (onRequest) and before the route's own work.
  app.addHook('preHandler', async (request, reply) => {
    if (!mayUseCache(request)) return;
    // Today is part of the version: pages say what is upcoming, overdue or running.
    const version = `${await dataVersion(db)}.${todayInEngland()}`;
    const etag = `W/"${createHash('sha1').update(`${version}\n${request.url}`).digest('base64url').slice(0, 27)}"`;
    request.publicCacheEtag = etag;
    const hit = cache.get(request.url);
    if (!hit || hit.etag !== etag) return;
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (etagMatches(request, etag)) return reply.code(304).send();
    const nonce = Buffer.from(nonceOf(reply) ?? '');
    const body = hit.parts.flatMap((p, i) => (i ? [nonce, p] : [p]));
    return reply.type('text/html; charset=utf-8').send(Buffer.concat(body));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const etag = request.publicCacheEtag;
    if (!etag || reply.statusCode === 304) {
      // The browser keeps the page it has, with the policy (and nonce) that came with it.
      if (reply.statusCode === 304) reply.removeHeader('content-security-policy');
      return payload;
    }
    if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) return payload;
    // A page with a form carries this browser's CSRF token: never another visitor's page. (Its cookie may
    // be set by a hook that runs after this one, so the header alone does not tell.)
    if (payload.includes('name="_csrf"')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html') || reply.hasHeader('etag')) return payload;
    if (cache.get(request.url)?.etag !== etag && payload.length <= maxPage) {
      const nonce = nonceOf(reply);
      cache.set(request.url, { etag, parts: (nonce ? payload.split(nonce) : [payload]).map((p) => Buffer.from(p)) });
    }
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (etagMatches(request, etag)) {
      reply.code(304).removeHeader('content-security-policy');
      return '';
    }
    return payload;
  });
  return cache;
}
