// Crawls everything the public can reach, as an anonymous visitor: every page linked from the start
// pages, every GET operation of the published OpenAPI document (lists, details, modifiedSince feeds),
// every feed and every document, with the text of PDF, Word and Excel files extracted. Used by the
// leak crawl; it says what it visited, so a test can check it covered every public route.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { API_OPERATIONS } from '../src/app.ts';
import { API_PREFIX } from '../src/api/operations.ts';
import { validateAgainstOpenApi } from './api-support.ts';
import { pdfPageTexts } from './pdf-text.ts';

export interface Visit {
  url: string;
  status: number;
  kind: 'page' | 'api' | 'document' | 'other';
  text: string;
}

export interface CrawlResult {
  visits: Visit[];
  /** API answers outside the published document (undocumented status or body outside its schema). */
  apiProblems: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOCUMENT = /\.(pdf|docx|xlsx|csv|ics)(\?|$)/;

async function zipText(bytes: Buffer, parts: RegExp): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const texts = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => parts.test(name))
      .map((name) => zip.file(name)!.async('string')),
  );
  return texts.join(' ').replace(/<[^>]+>/g, ' ');
}

/** The text a reader of the answer sees: a document's extracted text, or the body as sent; and the headers (file names). */
async function textOf(res: LightMyRequestResponse): Promise<string> {
  const type = String(res.headers['content-type'] ?? '');
  const headers = `${res.headers['content-disposition'] ?? ''} ${res.headers.location ?? ''}`;
  if (type.startsWith('application/pdf')) return `${headers} ${(await pdfPageTexts(new Uint8Array(res.rawPayload))).join(' ')}`;
  if (type.includes('wordprocessingml')) return `${headers} ${await zipText(res.rawPayload, /^word\/.*\.xml$/)}`;
  if (type.includes('spreadsheetml')) return `${headers} ${await zipText(res.rawPayload, /^xl\/.*\.xml$/)}`;
  return `${headers} ${res.body}`;
}

/** Same-site links in a page (href and src), without fragments; assets are left out. */
function linksIn(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/(?:href|src)="(\/[^"#]*)/g)) {
    const url = m[1]!.replaceAll('&amp;', '&');
    if (!url.startsWith('/assets/') && !url.startsWith('//')) out.push(url);
  }
  // A search box (a GET form) leads to its page as a visitor's empty search would.
  for (const [form] of html.matchAll(/<form\b[^>]*>/gi)) {
    const action = /\baction="(\/[^"#?]*)/.exec(form)?.[1];
    if (action && /\bmethod="get"/i.test(form)) out.push(action);
  }
  return out;
}

/** Every UUID the answer holds as an `id` or `…Id`, anywhere in it. */
function idsIn(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) idsIn(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'id' || k.endsWith('Id')) && typeof v === 'string' && UUID.test(v)) out.add(v);
      else idsIn(v, out);
    }
  }
  return out;
}

/** Every string in an answer that is an address in the API. */
function apiLinksIn(value: unknown, out = new Set<string>()): Set<string> {
  if (typeof value === 'string' && value.startsWith(`${API_PREFIX}/`)) out.add(value);
  else if (Array.isArray(value)) for (const v of value) apiLinksIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) apiLinksIn(v, out);
  return out;
}

export async function crawlPublic(
  app: FastifyInstance,
  { start, maxPages = 4000, perTemplate = 25 }: { start: string[]; maxPages?: number; perTemplate?: number },
) {
  const visits: Visit[] = [];
  const apiProblems: string[] = [];
  const seen = new Set<string>();
  const get = async (url: string) => app.inject({ method: 'GET', url });

  // ---- Pages, and the documents and feeds they link to ------------------------------------------------
  const queue = [...start];
  while (queue.length && visits.length < maxPages) {
    const url = queue.shift()!;
    if (seen.has(url) || url.startsWith(API_PREFIX)) continue;
    seen.add(url);
    const res = await get(url);
    const type = String(res.headers['content-type'] ?? '');
    const kind = DOCUMENT.test(url) || !type.startsWith('text/html') ? 'document' : 'page';
    visits.push({ url, status: res.statusCode, kind, text: await textOf(res) });
    if (kind === 'page' && res.statusCode === 200) for (const link of linksIn(res.body)) if (!seen.has(link)) queue.push(link);
  }

  // ---- The OParl interface: from the System, every address its answers give (list pages and objects) ------
  const oparlQueue = ['/oparl/v1/system'];
  const oparlSeen = new Set<string>();
  while (oparlQueue.length && oparlSeen.size < maxPages) {
    const url = oparlQueue.shift()!;
    if (oparlSeen.has(url)) continue;
    oparlSeen.add(url);
    const res = await get(url);
    visits.push({ url, status: res.statusCode, kind: 'api', text: await textOf(res) });
    if (res.statusCode !== 200) continue;
    for (const m of res.body.matchAll(/"https?:\/\/[^/"]+(\/oparl\/v1\/[^"]*)"/g)) if (!oparlSeen.has(m[1]!)) oparlQueue.push(m[1]!);
  }

  // ---- The API: every public GET operation, lists first, then details with the ids the lists gave ---------
  const publicGets = API_OPERATIONS.filter((op) => op.method === 'GET' && op.access === 'public.view');
  const templateOf = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  const answered: { path: string; json: unknown }[] = [];
  const callApi = async (operationId: string, path: string) => {
    const url = `${API_PREFIX}${path}`;
    if (seen.has(url)) return;
    seen.add(url);
    const res = await get(url);
    const type = String(res.headers['content-type'] ?? '');
    let body: unknown = res.body;
    if (type.includes('json')) body = JSON.parse(res.body);
    // The OpenAPI document itself is described by the OpenAPI specification, not by itself.
    if (operationId !== 'openapi')
      apiProblems.push(...validateAgainstOpenApi(operationId, res.statusCode, type || 'application/json', body).map((p) => `${url}: ${p}`));
    visits.push({ url, status: res.statusCode, kind: 'api', text: await textOf(res) });
    if (res.statusCode === 200 && type.includes('json')) answered.push({ path: path.split('?')[0]!, json: body });
  };
  for (const op of publicGets.filter((o) => !o.path.includes('{'))) {
    await callApi(op.operationId, op.path);
    await callApi(op.operationId, `${op.path}?limit=500`);
    // A sync from the beginning: everything, tombstones included.
    if (op.query && 'shape' in op.query && 'modifiedSince' in (op.query as { shape: object }).shape) {
      await callApi(op.operationId, `${op.path}?modifiedSince=2000-01-01T00:00:00Z&limit=500`);
    }
  }
  await callApi('openapi', '/openapi.json');
  // A detail the pages link to is called in the API too (a councillor's page → the councillor).
  const pagePaths = visits.filter((v) => v.kind === 'page' && v.status === 200).map((v) => v.url.split('?')[0]!);
  for (const op of publicGets.filter((o) => o.path.includes('{'))) {
    for (const p of pagePaths.filter((x) => templateOf(op.path).test(x)).slice(0, perTemplate)) await callApi(op.operationId, p);
  }
  // Fill one more path parameter at each round from the ids in answers of the nearest answered ancestor.
  for (let round = 0; round < 4; round++) {
    for (const op of publicGets.filter((o) => o.path.includes('{'))) {
      const segments = op.path.split('/');
      const firstParam = segments.findIndex((s) => s.startsWith('{'));
      const prefix = new RegExp(
        `^${segments
          .slice(0, firstParam)
          .join('/')
          .replace(/\{[^}]+\}/g, '[^/]+')}(/|$)`,
      );
      let made = 0;
      for (const a of answered.filter((x) => prefix.test(x.path))) {
        const filled = a.path.split('/');
        for (const id of idsIn(a.json)) {
          const candidate = segments.map((s, i) => (s.startsWith('{') ? (i < filled.length && UUID.test(filled[i]!) ? filled[i]! : id) : s)).join('/');
          if (!templateOf(op.path).test(candidate) || seen.has(`${API_PREFIX}${candidate}`)) continue;
          await callApi(op.operationId, candidate);
          if (++made >= perTemplate) break;
        }
        if (made >= perTemplate) break;
      }
    }
  }
  // An answer may give the API address of another answer (a health check's apiUrl): call those too.
  for (const a of [...answered]) {
    for (const link of apiLinksIn(a.json)) {
      const path = link.slice(API_PREFIX.length);
      const op = publicGets.find((o) => templateOf(o.path).test(path.split('?')[0]!));
      if (op) await callApi(op.operationId, path);
    }
  }
  return { visits, apiProblems } satisfies CrawlResult;
}

/** The public GET routes (from the app's own list of routes and who may use them) that no visit reached. */
export function uncoveredRoutes(app: FastifyInstance, visits: Visit[]): string[] {
  const routes = (app as unknown as { routeDecisions: { method: string; url: string; access: string }[] }).routeDecisions.filter(
    (r) => r.method === 'GET' && r.access === 'public.view',
  );
  const paths = visits.filter((v) => v.status < 400).map((v) => v.url.split('?')[0]!);
  return routes
    .map((r) => r.url)
    .filter((pattern) => {
      const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, '[^/]+').replace(/\*/g, '.*')}$`);
      return !paths.some((p) => re.test(p));
    });
}
