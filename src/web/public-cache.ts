// Public pages, cached by the data version (db/data-version.ts): an anonymous GET of a page is
// answered from memory while nothing has changed, with an ETag so a browser's second visit costs a
// 304. Each request reads the shared version, so a change shows at once on every instance.
//
// Only what an anonymous visitor got, as a 200 HTML page with no cookie set, is kept: signed-in
// users, flash messages (?done=) and pages with forms (they set the CSRF cookie) always render.
// Anything a visitor can see anonymously is public by construction: staff pages redirect them.
//
// A kept page is the same bytes for every visitor, so it is compressed once (gzip and Brotli) and sent
// to each browser in the encoding it accepts. To make that possible the per-answer CSP nonce is taken
// out of kept pages: their inline scripts (govuk-frontend's one line) are allowed by SHA-256 hash in
// that answer's policy instead, which allows exactly those scripts and is no less strict.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlibConstants, gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { todayInEngland } from '../calendar/today.ts';
import { sharedDataVersion } from '../db/data-version.ts';
import type { Queryable } from '../db/database.ts';

export interface PublicCacheOptions {
  /** Total bytes of pages kept, compressed copies included (least recently used go first). */
  maxBytes?: number;
  /** A page larger than this is never kept. */
  maxPageBytes?: number;
}

/** A page kept for anonymous visitors: the same bytes for everyone while the data version stands. */
export interface CachedPage {
  etag: string;
  /** The page with no CSP nonce in it (its inline scripts are allowed by their hashes instead). */
  body: Buffer;
  /** The Content-Security-Policy to send with it: the request's policy with the nonces swapped for those hashes. */
  csp: string | undefined;
  /** The same bytes compressed once, for browsers that accept them. */
  gzip: Buffer;
  br: Buffer;
}

const pageSize = (e: CachedPage) => e.body.length + e.gzip.length + e.br.length;

/** A map that forgets its least recently used entries beyond a total size. */
export class PageLru<Entry = CachedPage> {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly sizeOf: (e: Entry) => number = pageSize as unknown as (e: Entry) => number,
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

const noncesOf = (reply: FastifyReply) => (reply as unknown as { cspNonce?: { script?: string; style?: string } }).cspNonce ?? {};

const etagMatches = (request: FastifyRequest, etag: string) => {
  const sent = request.headers['if-none-match'];
  return typeof sent === 'string' && sent.split(',').some((t) => t.trim() === etag || t.trim() === '*');
};

/** The encoding to answer in: Brotli, then gzip, as the browser accepts them (a q of 0 refuses). */
export function chooseEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of String(acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  const wants = (name: string) => (accepted.get(name) ?? (accepted.get('*') || 0)) > 0;
  return wants('br') ? 'br' : wants('gzip') ? 'gzip' : null;
}

/**
 * The page made the same for every visitor: each inline script that carried this answer's nonce loses
 * it and is allowed by its SHA-256 hash instead, and the policy says so. A hash allows exactly that script
 * and nothing else (stricter than a nonce, which allows whatever carries it), so the policy stays as strict
 * while the bytes can be kept, and compressed, once. A page that uses a nonce any other way is not kept.
 */
export function withoutNonces(
  html: string,
  csp: string | undefined,
  nonces: { script?: string; style?: string },
): { html: string; csp: string | undefined } | null {
  const { script, style } = nonces;
  if (!script) return { html, csp };
  const hashes: string[] = [];
  const attribute = ` nonce="${script}"`;
  const out = html.replace(/<script\b([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs: string, content: string) => {
    if (!attrs.includes(attribute)) return whole;
    const rest = attrs.replace(attribute, '');
    if (!/\bsrc=/.test(rest)) hashes.push(`'sha256-${createHash('sha256').update(content).digest('base64')}'`);
    return `<script${rest}>${content}</script>`;
  });
  if (out.includes(script) || (style && out.includes(style))) return null;
  if (csp === undefined) return { html: out, csp };
  const nonceTokens = new Set([`'nonce-${script}'`, ...(style ? [`'nonce-${style}'`] : [])]);
  const policy = csp
    .split(';')
    .map((directive) => {
      const [name, ...sources] = directive.trim().split(/\s+/);
      if (!name) return '';
      const kept = sources.filter((t) => !nonceTokens.has(t));
      if (name === 'script-src') kept.push(...new Set(hashes));
      return [name, ...kept].join(' ');
    })
    .filter(Boolean)
    .join(';');
  return { html: out, csp: policy };
}

declare module 'fastify' {
  interface FastifyRequest {
    publicCacheEtag?: string;
  }
  interface FastifyContextConfig {
    publicCache?: boolean;
  }
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** The kept page's answer: its policy, and its bytes in the encoding this browser accepts. */
function sendCached(request: FastifyRequest, reply: FastifyReply, page: CachedPage): Buffer {
  if (page.csp !== undefined) reply.header('content-security-policy', page.csp);
  reply.header('vary', 'accept-encoding').type('text/html; charset=utf-8');
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (!encoding) return page.body;
  reply.header('content-encoding', encoding);
  return encoding === 'br' ? page.br : page.gzip;
}

export function registerPublicPageCache(app: FastifyInstance, db: Queryable, opts: PublicCacheOptions = {}): PageLru {
  const cache = new PageLru(opts.maxBytes ?? 64 * 1024 * 1024);
  const maxPage = opts.maxPageBytes ?? 4 * 1024 * 1024;
  const dataVersion = sharedDataVersion(db);

  // After sign-in is resolved (onRequest) and before the route's own work.
  app.addHook('preHandler', async (request, reply) => {
    if (!mayUseCache(request)) return;
    // Today is part of the version: pages say what is upcoming, overdue or running.
    const version = `${await dataVersion()}.${todayInEngland()}`;
    const etag = `W/"${createHash('sha1').update(`${version}\n${request.url}`).digest('base64url').slice(0, 27)}"`;
    request.publicCacheEtag = etag;
    const hit = cache.get(request.url);
    if (!hit || hit.etag !== etag) return;
    reply.header('etag', etag).header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (etagMatches(request, etag)) return reply.code(304).send();
    return reply.send(sendCached(request, reply, hit));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const etag = request.publicCacheEtag;
    if (!etag || reply.statusCode === 304) {
      // The browser keeps the page it has, with the policy that came with it.
      if (reply.statusCode === 304) reply.removeHeader('content-security-policy');
      return payload;
    }
    if (reply.statusCode !== 200 || typeof payload !== 'string' || reply.hasHeader('set-cookie')) return payload;
    // A page with a form carries this browser's CSRF token: never another visitor's page. (Its cookie may
    // be set by a hook that runs after this one, so the header alone does not tell.)
    if (payload.includes('name="_csrf"')) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html') || reply.hasHeader('etag')) return payload;
    if (payload.length > maxPage) return payload;
    const csp = reply.getHeader('content-security-policy');
    const same = withoutNonces(payload, csp === undefined ? undefined : String(csp), noncesOf(reply));
    if (!same) return payload;
    // Compressed once per data version, off the event loop; Brotli at a quick level (the page is made once, sent often).
    const body = Buffer.from(same.html);
    const [gz, br] = await Promise.all([
      gzipAsync(body, { level: 6 }),
      brotliAsync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    ]);
    const page: CachedPage = { etag, body, csp: same.csp, gzip: gz, br };
    cache.set(request.url, page);
    reply.header('etag', etag).header('cache-control', 'no-cache');
    if (etagMatches(request, etag)) {
      reply.code(304).removeHeader('content-security-policy').header('vary', 'accept-encoding');
      return '';
    }
    return sendCached(request, reply, page);
  });
  return cache;
}
