// The feeds of every followable public list (issue 17): a list's Atom feed is its address with .atom and
// the same query string (/calendar.atom?body=…, /committees/:id/calendar.atom, /decisions.atom?q=…,
// /search.atom?q=…), and where it holds dates its iCalendar feed is the same with .ics. Each answer carries
// an ETag and a Last-Modified and is a 304 when the reader's copy is current; iCalendar's DTSTAMP is the
// latest change in the feed, so two requests of an unchanged feed give the same bytes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { buildCalendar } from '../calendar/icalendar.ts';
import { contentDisposition } from '../documents/file-types.ts';
import { slugify } from '../documents/text.ts';
import { errorPage, notFoundPage } from '../web/error-pages.ts';
import { councilName } from '../meetings/index.ts';
import { buildAtom, EPOCH, latestUpdate } from './atom.ts';
import { etagOf, notModified } from './conditional.ts';
import { calendarEvent, listEntries, meetingsOf } from './entries.ts';
import { describeQuery, followLinks, holdsDates, NO_SUCH_BODY, pageHref, parseFollowQuery, type FollowQuery } from './query.ts';

export interface FeedOptions {
  /** config.PUBLIC_URL: the site's address for links in feeds; without it, the address the request came to. */
  publicUrl?: string;
  /** config.COUNCIL_NAME: the feeds' author; without it, the tenant's name. */
  councilName?: string;
}

const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const ICS_TYPE = 'text/calendar; charset=utf-8';

export const originOf = (req: FastifyRequest, publicUrl?: string) => (publicUrl ? publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.host}`);

const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** Sends a feed with its validators, or a 304 when the reader already has these bytes. */
function sendFeed(req: FastifyRequest, reply: FastifyReply, feed: { body: string; type: string; lastModified: Date; filename?: string }) {
  const etag = etagOf(feed.body);
  reply
    .header('etag', etag)
    .header('last-modified', feed.lastModified.toUTCString())
    .header('cache-control', 'public, no-cache')
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox");
  if (feed.filename) reply.header('content-disposition', contentDisposition(feed.filename, false));
  if (notModified({ ifNoneMatch: header(req, 'if-none-match'), ifModifiedSince: header(req, 'if-modified-since') }, etag, feed.lastModified)) {
    return reply.code(304).send();
  }
  return reply.type(feed.type).send(feed.body);
}

export function registerFeeds(app: FastifyInstance, db: Database, opts: FeedOptions) {
  /** The list a feed address names: its path without the feed's suffix, and its query string. */
  const listOf = (req: FastifyRequest, suffix: string) => {
    const [path = '', search = ''] = req.url.split('?', 2);
    return parseFollowQuery(path.slice(0, -suffix.length).replace(/^(\/committees\/[^/]+)\/calendar$/, '$1'), new URLSearchParams(search));
  };
  // A feed manages its own validators; the page cache keeps only HTML pages.
  const route = { ...access('public.view'), config: { ...access('public.view').config, publicCache: false } };

  const answer = async (req: FastifyRequest, reply: FastifyReply, format: 'atom' | 'ics') => {
    const parsed = listOf(req, `.${format}`);
    const tenantId = req.ctx.tenantId;
    const listed = parsed.ok ? await listEntries(db, tenantId, parsed.query) : parsed;
    if (!listed.ok) return listed.error === NO_SUCH_BODY ? notFoundPage(reply) : errorPage(reply, 400, 'This feed’s address is not right', listed.error);
    const query = (parsed as { query: FollowQuery }).query;
    const origin = originOf(req, opts.publicUrl);
    const council = await councilName(db, tenantId, opts.councilName);
    const title = describeQuery(query, listed.bodyName);
    if (format === 'ics') {
      // A search that looks only among records without dates (partnerships, say) has no calendar.
      if (!holdsDates(query))
        return errorPage(reply, 400, 'This feed’s address is not right', 'This search finds no meetings: follow it by its Atom feed or an e-mail alert');
      const meetings = await meetingsOf(db, tenantId, listed.entries);
      const lastModified = latestUpdate([...listed.entries, ...meetings.map((m) => ({ updated: new Date(m.modified) }))], EPOCH);
      const name =
        query.kind === 'search'
          ? `${council} meetings: ${title}`
          : query.kind === 'calendar' && !listed.bodyName
            ? `${council} meetings`
            : `${listed.bodyName} meetings`;
      const filename =
        query.kind === 'search' ? `search-${slugify(query.q) || 'meetings'}.ics` : `${listed.bodyName ? slugify(listed.bodyName) : 'meetings'}.ics`;
      const body = buildCalendar({ name, events: meetings.map((m) => calendarEvent(origin, m)), now: lastModified });
      return sendFeed(req, reply, { body, type: ICS_TYPE, lastModified, filename });
    }
    const entries = listed.entries.map((e) => ({ id: e.id, title: e.title, href: `${origin}${e.href}`, updated: e.updated, summary: e.summary }));
    const body = buildAtom({
      selfHref: `${origin}${followLinks(query).atom}`,
      pageHref: `${origin}${pageHref(query)}`,
      title: `${title} – ${council}`,
      author: council,
      entries,
    });
    return sendFeed(req, reply, { body, type: ATOM_TYPE, lastModified: latestUpdate(entries, EPOCH) });
  };

  for (const path of ['/calendar', '/committees/:id/calendar', '/decisions', '/search']) {
    app.get(`${path}.atom`, route, (req, reply) => answer(req, reply, 'atom'));
  }
  for (const path of ['/calendar', '/committees/:id/calendar', '/search']) {
    app.get(`${path}.ics`, route, (req, reply) => answer(req, reply, 'ics'));
  }
}
