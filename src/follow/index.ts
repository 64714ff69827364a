// The front door of following (issue 17): one saved query, every way to follow it. Each public list (the
// calendar, a committee's meetings, the decisions register as filtered, a search) has an Atom feed, an
// iCalendar feed where it holds dates, and an e-mail alert, all driven by the query in the page's address.
import type { Capability } from '../capability.ts';
import type { Queryable } from '../db/database.ts';
import { registerAlertPages } from './alerts.routes.ts';
import { sendDigests } from './alerts.service.ts';
import { followable } from './entries.ts';
import { registerFeeds } from './feeds.routes.ts';
import { followLinks, parseFollowHref, parseFollowQuery } from './query.ts';

export const follow: Capability = {
  name: 'follow',
  routes: async (app, { db, config }) => {
    registerFeeds(app, db, { publicUrl: config.PUBLIC_URL, councilName: config.COUNCIL_NAME });
    registerAlertPages(app, db, { publicUrl: config.PUBLIC_URL, councilName: config.COUNCIL_NAME });
  },
  // The daily digests: each alert once a day, in the first hourly run of the day.
  hourly: (db, tenantId, publicUrl) => sendDigests(db, tenantId, publicUrl),
};

export { sendDigests };

/**
 * The Follow box and <link rel="alternate"> of a page, from its address; null for a page that is not a
 * followable list, or a list the public cannot follow (a committee that is not published, a search with
 * nothing to look for), whose feeds would only answer 404 or 400.
 */
export async function followContext(db: Queryable, tenantId: string, url: string) {
  const parsed = parseFollowHref(url);
  if (!parsed.ok) return null;
  return (await followable(db, tenantId, parsed.query)).ok ? followLinks(parsed.query) : null;
}

/** The decisions register's filters, read strictly from a query string as the page and its feed read them (for /decisions.csv). */
export function parseDecisionsFilters(params: URLSearchParams) {
  const parsed = parseFollowQuery('/decisions', params);
  if (!parsed.ok) return parsed;
  if (parsed.query.kind !== 'decisions') return { ok: false as const, error: 'This is not the decisions register' };
  return { ok: true as const, filters: parsed.query };
}
